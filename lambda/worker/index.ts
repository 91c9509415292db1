import type { WorkItem } from '../core/domain/work';
import { buildAwsWorkerDeps } from '../core/runtime/aws-worker';
import { parseWorkItem } from './work-item-schema';
import { createWorker } from './worker';

// Built on the first event and reused by every later one in this Lambda instance.
let handleWork: ((item: WorkItem) => Promise<void>) | undefined;

/** Asynchronous invoke from the interactions function; what it throws goes to the failure destination. */
export const handler = async (event: unknown): Promise<void> => {
  handleWork ??= createWorker(buildAwsWorkerDeps());
  await handleWork(parseWorkItem(event));
};
