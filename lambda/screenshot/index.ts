import { SSMClient } from '@aws-sdk/client-ssm';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createLogger } from '../core/adapters/powertools-logger';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { SharedBrowser } from '../core/screenshots/browser';
import { stageFrom } from '../core/runtime/settings';
import { lambdaChromium } from './chromium-for-lambda';
import { createScreenshotHandler } from './handler';

// Built once per Lambda instance; the browser stays open for the instance's next jobs (a warm start).
const env = readEnvironment('screenshot');
const stage = stageFrom(env.VALINE_STAGE);
const logger = createLogger('screenshot', { stage, version: env.VALINE_VERSION });
const ssm = new SSMClient({});
const secrets = new SsmSecretReader(ssm, stage);

export const handler = createScreenshotHandler({
  tasks: new DynamoDbTaskStore(createDynamoDbClient(), env.CONVERSATIONS_TABLE),
  // Images make the request larger: a longer timeout per attempt than the webhook's.
  discord: new DiscordRestClient({ secrets, logger, requestTimeoutMs: 10_000 }),
  flags: createSsmFlagReader(ssm, stage, logger),
  browser: new SharedBrowser(lambdaChromium()),
  logger,
  setSiteUrlHint: `npm run set-flag -- --stage ${stage} site-url https://your-site.example`,
});
