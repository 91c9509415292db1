import type { SsmParameterSource } from '../core/adapters/ssm-parameters';
import { INTERACTION_DYNAMODB_TIMEOUTS } from '../core/adapters/dynamodb-timeouts';
import { readEnvironment, type EnvironmentOf } from '../core/contract/environment';
import { flagParameterName, secretParameterName } from '../core/contract/parameters';
import { discordPublicKeyLoader, fixedDiscordPublicKey } from '../core/runtime/public-key';
import { onFirstUse } from '../core/domain/on-first-use';
import { lazyDynamoDbStorage, lazyFlagReader, lazySecretReader, lazyWorkQueue } from '../core/runtime/lazy-adapters';
import { positiveSeconds, stageFrom } from '../core/runtime/settings';
import type { InteractionsEntry, InteractionsPorts } from './handler';

/**
 * The interactions function's adapters on AWS. With DISCORD_PUBLIC_KEY set (the stage config's
 * discordPublicKey), a cold PING loads nothing but this file and the verifier; the logger, every
 * AWS SDK client (SSM, DynamoDB, Lambda) and the router load on the first other request.
 */
export function awsInteractions(environment: NodeJS.ProcessEnv = process.env): InteractionsEntry {
  // Read on first use, so a missing variable is a 503 with the reason logged, not a failed init.
  const settings = onFirstUse(async () => {
    const env = readEnvironment('interactions', environment);
    return { env, stage: stageFrom(env.VALINE_STAGE) };
  });
  const ssm = onFirstUse(async () => {
    const [{ stage }, { createSsmParameterSource }, { SsmSecretReader }] = await Promise.all([settings(), import('../core/adapters/ssm-parameters'), import('../core/adapters/ssm-secrets')]);
    const parameters = createSsmParameterSource();
    return { parameters, secrets: new SsmSecretReader(parameters, stage) };
  });
  const publicKey = onFirstUse(async () => {
    const { env, stage } = await settings();
    // The key from the environment (not a secret); the SecureString only when it is unset (deployments from before).
    if (env.DISCORD_PUBLIC_KEY) return fixedDiscordPublicKey(env.DISCORD_PUBLIC_KEY);
    const where = `Set discordPublicKey in the stage config (lib/config/stages.ts) or put the application's public key in the SSM SecureString ${secretParameterName(stage, 'discord-public-key')}.`;
    return discordPublicKeyLoader(lazySecretReader(async () => (await ssm()).secrets), where);
  });
  return {
    publicKey: async () => (await publicKey())(),
    ports: async () => awsInteractionsPorts((await settings()).env, ssm),
  };
}

async function awsInteractionsPorts(env: EnvironmentOf<'interactions'>, ssm: () => Promise<{ parameters: SsmParameterSource }>): Promise<InteractionsPorts> {
  const stage = stageFrom(env.VALINE_STAGE);
  const { createLogger } = await import('../core/adapters/powertools-logger');
  const logger = createLogger('interactions', { stage, version: env.VALINE_VERSION });
  const flags = onFirstUse(async () => {
    const [{ parameters }, { createSsmFlagReader }] = await Promise.all([ssm(), import('../core/adapters/ssm-flags')]);
    return createSsmFlagReader(parameters, stage, logger);
  });
  // Every interaction answers within Discord's 3 s, however DynamoDB behaves.
  const storage = lazyDynamoDbStorage({ conversations: env.CONVERSATIONS_TABLE, ledger: env.LEDGER_TABLE }, INTERACTION_DYNAMODB_TIMEOUTS);
  const queue = onFirstUse(async () => {
    const [{ LambdaClient }, { LambdaWorkQueue }] = await Promise.all([import('@aws-sdk/client-lambda'), import('../core/adapters/lambda-work-queue')]);
    return new LambdaWorkQueue(new LambdaClient({}), env.WORKER_FUNCTION_NAME);
  });
  return {
    stage,
    version: env.VALINE_VERSION,
    flags: lazyFlagReader(flags),
    tasks: storage.tasks,
    ledger: storage.ledger,
    queue: lazyWorkQueue(queue),
    llmBudget: storage.llmBudget,
    outlines: storage.outlines,
    locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
    taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
    workerTimeoutSeconds: positiveSeconds('WORKER_TIMEOUT_SECONDS', env.WORKER_TIMEOUT_SECONDS),
    logger,
  };
}
