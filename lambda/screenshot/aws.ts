import { DiscordRestClient } from '../core/adapters/discord-rest';
import { createDynamoDbClient } from '../core/adapters/dynamodb-client';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { createLogger } from '../core/adapters/powertools-logger';
import { createSsmFlagReader } from '../core/adapters/ssm-flags';
import { createSsmParameterSource } from '../core/adapters/ssm-parameters';
import { SsmSecretReader } from '../core/adapters/ssm-secrets';
import { readEnvironment } from '../core/contract/environment';
import { SharedBrowser } from '../core/screenshots/browser';
import { stageFrom } from '../core/runtime/settings';
import { lambdaChromium } from './chromium-for-lambda';
import type { ScreenshotDeps } from './handler';

/** The screenshot function's adapters on AWS: the tasks table, SSM flags and secrets, Discord's REST API, Lambda's Chromium (kept open for the instance's next jobs). */
export function awsScreenshotPorts(environment: NodeJS.ProcessEnv = process.env): ScreenshotDeps {
  const env = readEnvironment('screenshot', environment);
  const stage = stageFrom(env.VALINE_STAGE);
  const logger = createLogger('screenshot', { stage, version: env.VALINE_VERSION });
  const parameters = createSsmParameterSource();
  const secrets = new SsmSecretReader(parameters, stage);
  return {
    tasks: new DynamoDbTaskStore(createDynamoDbClient(), env.CONVERSATIONS_TABLE),
    // Images make the request larger: a longer timeout per attempt than the webhook's, and a single attempt:
    // four 10 s uploads would outlast the function's 90 s. A failure is thrown and Lambda's own retry repeats the job.
    discord: new DiscordRestClient({ secrets, logger, requestTimeoutMs: 10_000, maxAttempts: 1, maxRetryAfterMs: 5000 }),
    flags: createSsmFlagReader(parameters, stage, logger),
    browser: new SharedBrowser(lambdaChromium()),
    logger,
    networkGuard: {},
    setSiteUrlHint: `npm run set-flag -- --stage ${stage} site-url https://your-site.example`,
  };
}
