import { SSMClient } from '@aws-sdk/client-ssm';
import { DiscordRestClient } from '../adapters/discord-rest';
import { createDynamoDbClient } from '../adapters/dynamodb-client';
import { DynamoDbLedger } from '../adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../adapters/dynamodb-task-store';
import { createLogger } from '../adapters/powertools-logger';
import { createSsmFlagReader } from '../adapters/ssm-flags';
import { SsmSecretReader } from '../adapters/ssm-secrets';
import { AgentRegistry } from '../agents/registry';
import { readEnvironment } from '../contract/environment';
import { flagParameterName } from '../contract/parameters';
import type { WorkerDeps } from '../../worker/worker';
import { buildAgents } from './agents';
import { positiveSeconds, stageFrom } from './settings';

/** The worker function on AWS: DynamoDB, SSM flags and secrets, Discord's REST API, the agents. */
export function buildAwsWorkerDeps(environment: NodeJS.ProcessEnv = process.env): WorkerDeps {
  const env = readEnvironment('worker', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('worker', { stage, version: env.VALINE_VERSION });
  const dynamodb = createDynamoDbClient();
  const ssm = new SSMClient({});
  const secrets = new SsmSecretReader(ssm, stage);
  const ledger = new DynamoDbLedger(dynamodb, env.LEDGER_TABLE);
  const flags = createSsmFlagReader(ssm, stage, logger);
  return {
    flags,
    tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
    ledger,
    discord: new DiscordRestClient({ secrets, logger }),
    agents: new AgentRegistry(buildAgents({ stage, flags, secrets, logger, ledgerTable: { client: dynamodb, tableName: env.LEDGER_TABLE } })),
    taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
    locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
    logger,
    now: () => new Date(),
  };
}
