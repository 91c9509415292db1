import { LambdaClient } from '@aws-sdk/client-lambda';
import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { DynamoDbMergeCommits } from '../core/adapters/dynamodb-merge-commits';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { LambdaScreenshotJobs } from '../core/adapters/lambda-screenshot-jobs';
import { createLogger } from '../core/adapters/powertools-logger';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { createSsmParameterSource } from '../core/adapters/ssm-parameters';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { stageFrom } from '../core/runtime/settings';
import type { GithubWebhookDeps } from './handler';

/** The webhook function's adapters on AWS: DynamoDB, SSM secrets, Discord's REST API, the screenshot function (asynchronous invoke). */
export function awsGithubWebhookPorts(environment: NodeJS.ProcessEnv = process.env): GithubWebhookDeps {
  const env = readEnvironment('github-webhook', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('github-webhook', { stage, version: env.VALINE_VERSION });
  const dynamodb = createDynamoDbClient();
  const parameters = createSsmParameterSource();
  const secrets = new SsmSecretReader(parameters, stage);
  return {
    stage,
    tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
    ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
    // GitHub waits 10 s: a long Discord rate limit fails fast and the delivery can be redelivered.
    discord: new DiscordRestClient({ secrets, logger, maxAttempts: 3, maxRetryAfterMs: 4000, requestTimeoutMs: 3000 }),
    secrets,
    logger,
    screenshots: new LambdaScreenshotJobs(new LambdaClient({}), env.SCREENSHOT_FUNCTION_NAME),
    mergeCommits: new DynamoDbMergeCommits(dynamodb, env.LEDGER_TABLE),
    // site-url and preview-hosts: a deployment URL the screenshot function would refuse claims no notice.
    flags: createSsmFlagReader(parameters, stage, logger),
  };
}
