import { SSMClient } from '@aws-sdk/client-ssm';
import { createLogger } from '../adapters/powertools-logger';
import { createSsmFlagReader } from '../adapters/ssm-flags';
import { SsmSecretReader } from '../adapters/ssm-secrets';
import { AgentRegistry } from '../agents/registry';
import { readEnvironment } from '../contract/environment';
import { flagParameterName, secretParameterName } from '../contract/parameters';
import type { InteractionsRuntime } from '../../interactions/handler';
import { AGENT_PROFILES } from './agent-profiles';
import { lazyLedger, lazyTaskStore, lazyWorkQueue, onFirstUse } from './lazy-adapters';
import { discordPublicKeyLoader } from './public-key';
import { positiveSeconds, stageFrom } from './settings';

/**
 * The interactions function on AWS: SSM flags and secrets; DynamoDB and the Lambda async
 * invoke to the worker are loaded on first use, so a cold PING needs the SSM client only.
 */
export function buildAwsInteractionsRuntime(environment: NodeJS.ProcessEnv = process.env): InteractionsRuntime {
  const env = readEnvironment('interactions', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('interactions', { stage, version: env.VALINE_VERSION });
  const ssm = new SSMClient({});
  const secrets = new SsmSecretReader(ssm, stage);
  const storage = onFirstUse(async () => {
    const [{ createDynamoDbClient }, { DynamoDbTaskStore }, { DynamoDbLedger }, { LlmBudget }] = await Promise.all([
      import('../adapters/dynamodb-client'),
      import('../adapters/dynamodb-task-store'),
      import('../adapters/dynamodb-ledger'),
      import('../llm/budget'),
    ]);
    const dynamodb = createDynamoDbClient();
    return {
      tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
      ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
      budget: new LlmBudget(dynamodb, env.LEDGER_TABLE),
    };
  });
  const queue = onFirstUse(async () => {
    const [{ LambdaClient }, { LambdaWorkQueue }] = await Promise.all([import('@aws-sdk/client-lambda'), import('../adapters/lambda-work-queue')]);
    return new LambdaWorkQueue(new LambdaClient({}), env.WORKER_FUNCTION_NAME);
  });
  return {
    publicKey: discordPublicKeyLoader(secrets, `Put the application's public key in the SSM SecureString ${secretParameterName(stage, 'discord-public-key')}.`),
    deps: {
      stage,
      version: env.VALINE_VERSION,
      flags: createSsmFlagReader(ssm, stage, logger),
      tasks: lazyTaskStore(async () => (await storage()).tasks),
      ledger: lazyLedger(async () => (await storage()).ledger),
      queue: lazyWorkQueue(queue),
      spend: { spentToday: async (now) => (await storage()).budget.readDailySpend(now) },
      agents: new AgentRegistry(AGENT_PROFILES),
      locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
      taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
      logger,
      now: () => new Date(),
    },
  };
}
