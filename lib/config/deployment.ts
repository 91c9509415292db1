import { isStageName, STAGES } from '../../lambda/core/contract/stages';
import { StageConfigError } from './stage-config-error';
import { STAGE_CONFIGS, type StageConfig } from './stages';
import { validateStageConfig } from './validate-stage-config';

/** What bin/ deploys: the validated stage config and the target account/region (if known). */
export interface Deployment {
  readonly config: StageConfig;
  readonly env: { readonly account?: string; readonly region?: string };
}

export type ContextReader = (key: string) => unknown;

const STAGE_HINT = STAGES.map((s) => `--context stage=${s}`).join(' or ');

/**
 * Reads --context stage/account/region/alertEmail (account and region fall back to the CLI's
 * CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION; nothing is looked up), no stage means dev.
 */
export function resolveDeployment(readContext: ContextReader, processEnv: NodeJS.ProcessEnv = process.env): Deployment {
  const stage = readContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || stage.trim() === '') {
    throw new StageConfigError(`The stage context is empty; pass ${STAGE_HINT}.`);
  }
  if (!isStageName(stage)) {
    throw new StageConfigError(`Unknown stage "${stage}": the known stages are ${STAGES.join(' and ')}; pass ${STAGE_HINT}.`);
  }
  const alertEmail = optionalString(readContext('alertEmail'), 'alertEmail');
  const config = validateStageConfig({ ...STAGE_CONFIGS[stage], ...(alertEmail ? { alertEmail } : {}) });

  const account = optionalString(readContext('account'), 'account') ?? nonEmpty(processEnv.CDK_DEFAULT_ACCOUNT);
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    throw new StageConfigError(`The account "${account}" is not a 12-digit AWS account id; pass --context account=123456789012 or unset CDK_DEFAULT_ACCOUNT.`);
  }
  const region = optionalString(readContext('region'), 'region') ?? nonEmpty(processEnv.CDK_DEFAULT_REGION);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new StageConfigError(`The region "${region}" is not an AWS region name; pass --context region=eu-west-1 (for example) or unset CDK_DEFAULT_REGION.`);
  }
  return { config, env: { ...(account ? { account } : {}), ...(region ? { region } : {}) } };
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new StageConfigError(`The ${key} context is empty; pass --context ${key}=<value> or leave it out.`);
  }
  return value.trim();
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);
