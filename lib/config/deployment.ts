import { isStageName, STAGES } from '../../lambda/core/contract/stages';
import { StageConfigError } from './stage-config-error';
import { STAGE_CONFIGS, type StageConfig } from './stages';
import { DISCORD_PUBLIC_KEY, EMAIL_ADDRESS, validateStageConfig } from './validate-stage-config';

/** What bin/ deploys: the validated stage config and the target account/region (if known). */
export interface Deployment {
  readonly config: StageConfig;
  readonly env: { readonly account?: string; readonly region?: string };
}

export type ContextReader = (key: string) => unknown;

const STAGE_HINT = STAGES.map((s) => `--context stage=${s}`).join(' or ');

/** The context keys this app reads; everything else in the context belongs to the CDK (`@aws-cdk/…`, `aws:cdk:…`) or its CLI. */
export const CONTEXT_KEYS = ['stage', 'account', 'region', 'alertEmail', 'discordPublicKey'] as const;

/**
 * Reads --context stage/account/region/alertEmail/discordPublicKey (account and region fall back to the CLI's
 * CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION; nothing is looked up), no stage means dev.
 * `contextKeys` (every key in the context) lets a misspelt key such as `stag=prod` fail instead of deploying dev.
 */
export function resolveDeployment(
  readContext: ContextReader,
  processEnv: NodeJS.ProcessEnv = process.env,
  contextKeys: readonly string[] = [],
): Deployment {
  rejectMisspeltKeys(contextKeys);
  const stage = readContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || stage.trim() === '') {
    throw new StageConfigError(`The stage context is empty; pass ${STAGE_HINT}.`);
  }
  if (!isStageName(stage)) {
    throw new StageConfigError(`Unknown stage "${stage}": the known stages are ${STAGES.join(' and ')}; pass ${STAGE_HINT}.`);
  }
  const alertEmail = optionalString(readContext('alertEmail'), 'alertEmail');
  if (alertEmail !== undefined && !EMAIL_ADDRESS.test(alertEmail)) {
    throw new StageConfigError(`The alertEmail context "${alertEmail}" is not an e-mail address; pass --context alertEmail=oncall@example.com (for example) or leave it out.`);
  }
  const discordPublicKey = optionalString(readContext('discordPublicKey'), 'discordPublicKey');
  if (discordPublicKey !== undefined && !DISCORD_PUBLIC_KEY.test(discordPublicKey)) {
    throw new StageConfigError(`The discordPublicKey context is not a Discord public key; pass the application's "Public Key" (64 hexadecimal characters) from the developer portal, or leave it out to read it from SSM.`);
  }
  const config = validateStageConfig({ ...STAGE_CONFIGS[stage], ...(alertEmail ? { alertEmail } : {}), ...(discordPublicKey ? { discordPublicKey } : {}) });

  const account = fromContextOrEnv('account', readContext, 'CDK_DEFAULT_ACCOUNT', processEnv);
  if (account && !/^\d{12}$/.test(account.value)) {
    throw new StageConfigError(`The account "${account.value}" ${account.source} is not a 12-digit AWS account id; ${account.fix('123456789012')}.`);
  }
  const region = fromContextOrEnv('region', readContext, 'CDK_DEFAULT_REGION', processEnv);
  if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region.value)) {
    throw new StageConfigError(`The region "${region.value}" ${region.source} is not an AWS region name; ${region.fix('eu-west-1')}.`);
  }
  return { config, env: { ...(account ? { account: account.value } : {}), ...(region ? { region: region.value } : {}) } };
}

interface SourcedValue {
  readonly value: string;
  /** Where the value came from, as a phrase: "(from --context account)". */
  readonly source: string;
  /** What to do about a bad value, given an example of a good one. */
  readonly fix: (example: string) => string;
}

function fromContextOrEnv(key: string, readContext: ContextReader, envVar: string, processEnv: NodeJS.ProcessEnv): SourcedValue | undefined {
  const fromContext = optionalString(readContext(key), key);
  if (fromContext !== undefined) {
    return { value: fromContext, source: `(from --context ${key})`, fix: (example) => `pass --context ${key}=${example} (for example) or leave it out` };
  }
  const fromEnv = nonEmpty(processEnv[envVar]);
  if (fromEnv === undefined) return undefined;
  return { value: fromEnv, source: `(from ${envVar})`, fix: (example) => `unset ${envVar} or pass --context ${key}=${example} (for example)` };
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  // cdk.json may hold a number (an account id) or a boolean; the command line always gives text.
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '') {
    throw new StageConfigError(`The ${key} context is empty; pass --context ${key}=<value> or leave it out.`);
  }
  return text.trim();
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);

/** A key one or two letters away from one this app reads (or the same but for case) is a typo, not someone else's setting. */
function rejectMisspeltKeys(contextKeys: readonly string[]): void {
  for (const key of contextKeys) {
    if ((CONTEXT_KEYS as readonly string[]).includes(key) || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) continue;
    const meant = CONTEXT_KEYS.find((known) => editDistance(key.toLowerCase(), known.toLowerCase()) <= 2);
    if (meant) {
      throw new StageConfigError(`Unknown context key "${key}" (did you mean ${meant}?); this app reads ${CONTEXT_KEYS.join(', ')}, so pass --context ${meant}=<value>.`);
    }
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
