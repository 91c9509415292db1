import { SSMClient } from '@aws-sdk/client-ssm';
import type { SNSEvent } from 'aws-lambda';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createLogger } from '../core/adapters/powertools-logger';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { stageFrom } from '../core/runtime/settings';
import { createAlertNotifierHandler } from './handler';

// Built once per Lambda instance, reused across invocations.
const env = readEnvironment('alert-notifier');
const stage = stageFrom(env.VALINE_STAGE);
const logger = createLogger('alert-notifier', { stage, version: env.VALINE_VERSION });
const ssm = new SSMClient({});
const secrets = new SsmSecretReader(ssm, stage);

const notify = createAlertNotifierHandler({
  stage,
  dashboardName: env.DASHBOARD_NAME,
  region: process.env.AWS_REGION,
  flags: createSsmFlagReader(ssm, stage, logger),
  ledger: new DynamoDbLedger(createDynamoDbClient(), env.LEDGER_TABLE),
  discord: new DiscordRestClient({ secrets, logger }),
  logger,
});

export const handler = async (event: SNSEvent): Promise<void> => {
  await notify(event);
};
