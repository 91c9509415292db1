/**
 * The environment contract between each construct in lib/ and the handler it deploys.
 * The CDK side builds an `EnvironmentOf<F>` (so a missing or renamed variable fails the
 * compiler); the handler reads it with `readEnvironment(F)`. Never put a secret here.
 */
export const FUNCTION_ENVIRONMENT = {
  interactions: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'WORKER_FUNCTION_NAME', 'TASK_TTL_SECONDS', 'WORKER_TIMEOUT_SECONDS'],
  worker: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'TASK_TTL_SECONDS', 'WORKER_TIMEOUT_SECONDS'],
  'github-webhook': ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE', 'LEDGER_TABLE', 'SCREENSHOT_FUNCTION_NAME'],
  'alert-notifier': ['VALINE_STAGE', 'VALINE_VERSION', 'LEDGER_TABLE', 'DASHBOARD_NAME'],
  screenshot: ['VALINE_STAGE', 'VALINE_VERSION', 'CONVERSATIONS_TABLE'],
} as const;

/**
 * Variables a function reads when they are set. DISCORD_PUBLIC_KEY is not a secret (Discord shows
 * it on the application's page); from the stage config it spares a cold PING the SSM client.
 */
export const OPTIONAL_FUNCTION_ENVIRONMENT = {
  interactions: ['DISCORD_PUBLIC_KEY'],
  worker: [],
  'github-webhook': [],
  'alert-notifier': [],
  screenshot: [],
} as const satisfies Record<keyof typeof FUNCTION_ENVIRONMENT, readonly string[]>;

export type FunctionId = keyof typeof FUNCTION_ENVIRONMENT;
export const FUNCTION_IDS = Object.keys(FUNCTION_ENVIRONMENT) as FunctionId[];
export type EnvironmentVariable<F extends FunctionId> = (typeof FUNCTION_ENVIRONMENT)[F][number];
export type OptionalEnvironmentVariable<F extends FunctionId> = (typeof OPTIONAL_FUNCTION_ENVIRONMENT)[F][number];
export type EnvironmentOf<F extends FunctionId> = Record<EnvironmentVariable<F>, string> & Partial<Record<OptionalEnvironmentVariable<F>, string>>;

export class EnvironmentError extends Error {}

export function readEnvironment<F extends FunctionId>(fn: F, env: NodeJS.ProcessEnv = process.env): EnvironmentOf<F> {
  const names = FUNCTION_ENVIRONMENT[fn] as readonly string[];
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new EnvironmentError(`The ${fn} function is missing environment variable(s) ${missing.join(', ')}; redeploy the stack.`);
  }
  const optional = (OPTIONAL_FUNCTION_ENVIRONMENT[fn] as readonly string[]).filter((n) => env[n]);
  return Object.fromEntries([...names, ...optional].map((n) => [n, env[n] as string])) as EnvironmentOf<F>;
}
