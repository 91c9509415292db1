import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createLogger } from '../core/adapters/powertools-logger';
import { createFlagSelectedRepoHost } from '../core/adapters/repo-host-factory';
import { readEnvironment } from '../core/contract/environment';
import { flagParameterName } from '../core/contract/parameters';
import { onFirstUse } from '../core/domain/on-first-use';
import { lazyDynamoDbStorage, lazyFlagReader, lazySecretReader } from '../core/runtime/lazy-adapters';
import { positiveSeconds, stageFrom } from '../core/runtime/settings';
import type { WorkerPorts } from './handler';

/**
 * The worker's adapters on AWS: DynamoDB, SSM flags and secrets, Discord's REST API, the GitHub App.
 * The AWS SDK clients load on first use, like Octokit, the parsers and the LLM SDKs.
 */
export function awsWorkerPorts(environment: NodeJS.ProcessEnv = process.env): WorkerPorts {
  const env = readEnvironment('worker', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('worker', { stage, version: env.VALINE_VERSION });
  const storage = lazyDynamoDbStorage({ conversations: env.CONVERSATIONS_TABLE, ledger: env.LEDGER_TABLE });
  const ssm = onFirstUse(async () => {
    const [{ createSsmParameterSource }, { SsmSecretReader }, { createSsmFlagReader }] = await Promise.all([
      import('../core/adapters/ssm-parameters'),
      import('../core/adapters/ssm-secrets'),
      import('../core/adapters/ssm-flags'),
    ]);
    const parameters = createSsmParameterSource();
    return { secrets: new SsmSecretReader(parameters, stage), flags: createSsmFlagReader(parameters, stage, logger) };
  });
  const secrets = lazySecretReader(async () => (await ssm()).secrets);
  const flags = lazyFlagReader(async () => (await ssm()).flags);
  return {
    stage,
    flags,
    secrets,
    tasks: storage.tasks,
    ledger: storage.ledger,
    llmBudget: storage.llmBudget,
    outlines: storage.outlines,
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
