import { createLogger } from '../core/adapters/powertools-logger';
import { readEnvironment } from '../core/contract/environment';
import { flagParameterName, secretParameterName } from '../core/contract/parameters';
import { discordPublicKeyLoader, fixedDiscordPublicKey } from '../core/runtime/public-key';
import { lazyFlagReader, lazyLedger, lazyLlmBudget, lazySecretReader, lazyTaskStore, lazyWorkQueue, onFirstUse } from '../core/runtime/lazy-adapters';
import { positiveSeconds, stageFrom } from '../core/runtime/settings';
import type { InteractionsPorts } from './handler';

/**
 * The interactions function's adapters on AWS. Every AWS SDK client (SSM, DynamoDB, Lambda) is
 * loaded on first use: with DISCORD_PUBLIC_KEY set, a cold PING loads none of them.
 */
export function awsInteractionsPorts(environment: NodeJS.ProcessEnv = process.env): InteractionsPorts {
  const env = readEnvironment('interactions', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('interactions', { stage, version: env.VALINE_VERSION });
  const ssm = onFirstUse(async () => {
    const [{ createSsmParameterSource }, { SsmSecretReader }, { createSsmFlagReader }] = await Promise.all([
      import('../core/adapters/ssm-parameters'),
      import('../core/adapters/ssm-secrets'),
      import('../core/adapters/ssm-flags'),
    ]);
    const parameters = createSsmParameterSource();
    return { secrets: new SsmSecretReader(parameters, stage), flags: createSsmFlagReader(parameters, stage, logger) };
  });
  const storage = onFirstUse(async () => {
    const [{ createDynamoDbClient }, { DynamoDbTaskStore }, { DynamoDbLedger }, { DynamoDbLlmBudget }] = await Promise.all([
      import('../core/adapters/dynamodb-client'),
      import('../core/adapters/dynamodb-task-store'),
      import('../core/adapters/dynamodb-ledger'),
      import('../core/adapters/dynamodb-llm-budget'),
    ]);
    const dynamodb = createDynamoDbClient();
    return {
      tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
      ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
      budget: new DynamoDbLlmBudget(dynamodb, env.LEDGER_TABLE),
    };
  });
  const queue = onFirstUse(async () => {
    const [{ LambdaClient }, { LambdaWorkQueue }] = await Promise.all([import('@aws-sdk/client-lambda'), import('../core/adapters/lambda-work-queue')]);
    return new LambdaWorkQueue(new LambdaClient({}), env.WORKER_FUNCTION_NAME);
  });
  const whereToSetKey = `Set discordPublicKey in the stage config (lib/config/stages.ts) or put the application's public key in the SSM SecureString ${secretParameterName(stage, 'discord-public-key')}.`;
  return {
    stage,
    version: env.VALINE_VERSION,
    // The public key from the environment (not a secret); the SecureString only when it is unset (older deployments).
    publicKey: env.DISCORD_PUBLIC_KEY
      ? fixedDiscordPublicKey(env.DISCORD_PUBLIC_KEY)
      : discordPublicKeyLoader(lazySecretReader(async () => (await ssm()).secrets), whereToSetKey),
    flags: lazyFlagReader(async () => (await ssm()).flags),
    tasks: lazyTaskStore(async () => (await storage()).tasks),
    ledger: lazyLedger(async () => (await storage()).ledger),
    queue: lazyWorkQueue(queue),
    llmBudget: lazyLlmBudget(async () => (await storage()).budget),
    locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
    taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
    workerTimeoutSeconds: positiveSeconds('WORKER_TIMEOUT_SECONDS', env.WORKER_TIMEOUT_SECONDS),
    logger,
  };
}
