import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { createLogger } from '../core/adapters/powertools-logger';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { createSsmParameterSource } from '../core/adapters/ssm-parameters';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { stageFrom } from '../core/runtime/settings';
import type { AlarmNotifierDeps } from './handler';

/** The alert notifier's adapters on AWS: SSM flags and secrets, the ledger (suppression), Discord's REST API. */
export function awsAlertNotifierPorts(environment: NodeJS.ProcessEnv = process.env): AlarmNotifierDeps {
  const env = readEnvironment('alert-notifier', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('alert-notifier', { stage, version: env.VALINE_VERSION });
  const parameters = createSsmParameterSource();
  const secrets = new SsmSecretReader(parameters, stage);
  return {
    stage,
    dashboardName: env.DASHBOARD_NAME,
    region: environment.AWS_REGION,
    flags: createSsmFlagReader(parameters, stage, logger),
    ledger: new DynamoDbLedger(createDynamoDbClient(), env.LEDGER_TABLE),
    discord: new DiscordRestClient({ secrets, logger }),
    logger,
  };
}
