import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { DynamoDbLlmBudget } from '../core/adapters/dynamodb-llm-budget';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { createLogger } from '../core/adapters/powertools-logger';
import { createFlagSelectedRepoHost } from '../core/adapters/repo-host-factory';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { createSsmParameterSource } from '../core/adapters/ssm-parameters';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { flagParameterName } from '../core/contract/parameters';
import { positiveSeconds, stageFrom } from '../core/runtime/settings';
import type { WorkerPorts } from './handler';

/** The worker's adapters on AWS: DynamoDB, SSM flags and secrets, Discord's REST API, the GitHub App. */
export function awsWorkerPorts(environment: NodeJS.ProcessEnv = process.env): WorkerPorts {
  const env = readEnvironment('worker', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('worker', { stage, version: env.VALINE_VERSION });
  const dynamodb = createDynamoDbClient();
  const parameters = createSsmParameterSource();
  const secrets = new SsmSecretReader(parameters, stage);
  const flags = createSsmFlagReader(parameters, stage, logger);
  return {
    stage,
    flags,
    secrets,
    tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
    ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
    llmBudget: new DynamoDbLlmBudget(dynamodb, env.LEDGER_TABLE),
    discord: new DiscordRestClient({ secrets, logger }),
    repoHost: createFlagSelectedRepoHost({
      flags,
      secrets,
      // On AWS there is no local repository: say which flag to set instead of failing on a missing directory.
      local: { missing: `no website repository is configured; an operator must set ${flagParameterName(stage, 'site-repository')} to the GitHub repository as owner/name` },
    }),
    taskTtlSeconds: positiveSeconds('TASK_TTL_SECONDS', env.TASK_TTL_SECONDS),
    workerTimeoutSeconds: positiveSeconds('WORKER_TIMEOUT_SECONDS', env.WORKER_TIMEOUT_SECONDS),
    locateFlag: (flag) => `the SSM parameter ${flagParameterName(stage, flag)}`,
    logger,
  };
}
