import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ScreenshotJob } from '../domain/screenshot-job';
import type { ScreenshotJobs } from '../ports/screenshot-jobs';

/** Starts the screenshot function with an asynchronous invoke: the webhook answers GitHub without waiting for Chromium. */
export class LambdaScreenshotJobs implements ScreenshotJobs {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async start(job: ScreenshotJob): Promise<void> {
    const result = await this.client.send(new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }));
    if (result.StatusCode !== 202) throw new Error(`The screenshot function did not accept the job (status ${result.StatusCode ?? 'unknown'}).`);
  }
}
