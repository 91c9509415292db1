import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { DiscordRestClient } from '../core/adapters/discord-rest';
import { DynamoDbMergeCommits } from '../core/adapters/dynamodb-merge-commits';
import { LambdaScreenshotJobs } from '../core/adapters/lambda-screenshot-jobs';
import { createLogger } from '../core/adapters/powertools-logger';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { stageFrom } from '../core/runtime/settings';
import { createGithubWebhookHandler } from './handler';

// Built once per Lambda instance, reused across invocations.
const env = readEnvironment('github-webhook');
const stage = stageFrom(env.VALINE_STAGE);
const logger = createLogger('github-webhook', { stage, version: env.VALINE_VERSION });
const dynamodb = createDynamoDbClient();
const secrets = new SsmSecretReader(new SSMClient({}), stage);

const handleWebhook = createGithubWebhookHandler({
  stage,
  tasks: new DynamoDbTaskStore(dynamodb, env.CONVERSATIONS_TABLE),
  ledger: new DynamoDbLedger(dynamodb, env.LEDGER_TABLE),
  // GitHub waits 10 s: a long Discord rate limit fails fast and the delivery can be redelivered.
  discord: new DiscordRestClient({ secrets, logger, maxAttempts: 3, maxRetryAfterMs: 4000, requestTimeoutMs: 3000 }),
  secrets,
  logger,
  screenshots: new LambdaScreenshotJobs(new LambdaClient({}), env.SCREENSHOT_FUNCTION_NAME),
  mergeCommits: new DynamoDbMergeCommits(dynamodb, env.LEDGER_TABLE),
});

export const handler = (event: APIGatewayProxyEvent | APIGatewayProxyEventV2): Promise<APIGatewayProxyResult> => handleWebhook(event);
