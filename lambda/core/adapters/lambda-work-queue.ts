import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { WorkItem } from '../domain/work';
import type { WorkQueue } from '../ports/work-queue';

/** Hands work to the worker function with an asynchronous invoke (its failure destination catches what the worker throws). */
export class LambdaWorkQueue implements WorkQueue {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async enqueue(item: WorkItem): Promise<void> {
    const result = await this.client.send(
      new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(item)) }),
    );
    if (result.StatusCode !== 202) throw new Error(`The worker function did not accept the work (status ${result.StatusCode ?? 'unknown'}).`);
  }
}
