/**
 * The environment contract between each construct in lib/ and the handler it deploys.
 * The CDK side builds an `EnvironmentOf<F>` (so a missing or renamed variable fails the
 * compiler); the handler reads it with `readEnvironment(F)`. Never put a secret here.
 */
export const FUNCTION_ENVIRONMENT = {
  interactions: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'WORKER_FUNCTION_NAME', 'TASK_TTL_SECONDS'],
  worker: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'TASK_TTL_SECONDS'],
  'github-webhook': ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'SCREENSHOT_FUNCTION_NAME'],
  'alert-notifier': ['VALINE_STAGE', 'VALINE_VERSION', 'LEDGER_TABLE', 'DASHBOARD_NAME'],
  screenshot: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE'],
} as const;

export type FunctionId = keyof typeof FUNCTION_ENVIRONMENT;
export const FUNCTION_IDS = Object.keys(FUNCTION_ENVIRONMENT) as FunctionId[];
export type EnvironmentVariable<F extends FunctionId> = (typeof FUNCTION_ENVIRONMENT)[F][number];
export type EnvironmentOf<F extends FunctionId> = Record<EnvironmentVariable<F>, string>;

export class EnvironmentError extends Error {}

export function readEnvironment<F extends FunctionId>(fn: F, env: NodeJS.ProcessEnv = process.env): EnvironmentOf<F> {
  const names = FUNCTION_ENVIRONMENT[fn] as readonly string[];
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new EnvironmentError(`The ${fn} function is missing environment variable(s) ${missing.join(', ')}; redeploy the stack.`);
  }
  return Object.fromEntries(names.map((n) => [n, env[n] as string])) as EnvironmentOf<F>;
}
