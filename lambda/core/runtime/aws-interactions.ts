import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createDynamoDbClient } from '../adapters/dynamodb-client';
import { DynamoDbLedger } from '../adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../adapters/dynamodb-task-store';
import { LambdaWorkQueue } from '../adapters/lambda-work-queue';
import { createLogger } from '../adapters/powertools-logger';
import { createSsmFlagReader } from '../adapters/ssm-flags';
import { SsmSecretReader } from '../adapters/ssm-secrets';
import { AgentRegistry } from '../agents/registry';
import { readEnvironment } from '../contract/environment';
import { flagParameterName, secretParameterName } from '../contract/parameters';
import type { InteractionsRuntime } from '../../interactions/handler';
import { AGENT_PROFILES } from './agent-profiles';
import { discordPublicKeyLoader } from './public-key';
import { positiveSeconds, stageFrom } from './settings';

/** The interactions function on AWS: DynamoDB, SSM flags and secrets, Lambda async invoke to the worker. */
export function buildAwsInteractionsRuntime(environment: NodeJS.ProcessEnv = process.env): InteractionsRuntime {
  const env = readEnvironment('interactions', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('interactions', { stage, version: env.VALINE_VERSION });
  const dynamodb = createDynamoDbClient();
  const ssm = new SSMClient({});
  const secrets = new SsmSecretReader(ssm, stage);
  return {
    publicKey: discordPublicKeyLoader(secrets, `Put the application's public key in the SSM SecureString ${secretParameterName(stage, 'discord-public-key')}.`),
    deps: {
      stage,
      version: env.VALINE_VERSION,
      flags: createSsmFlagReader(ssm, stage, logger),
      tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
      ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
      queue: new LambdaWorkQueue(new LambdaClient({}), env.WORKER_FUNCTION_NAME),
      agents: new AgentRegistry(AGENT_PROFILES),
      locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
      taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
      logger,
      now: () => new Date(),
    },
  };
}
