import type { WorkItem } from '../core/domain/work';
import { awsWorkerPorts } from './aws';
import { buildWorker } from './handler';
import { parseWorkItem } from '../core/domain/work-item-schema';

// Built on the first event and reused by every later one in this Lambda instance.
let handleWork: ((item: WorkItem) => Promise<void>) | undefined;

/** Asynchronous invoke from the interactions function; what it throws goes to the failure destination. */
export const handler = async (event: unknown): Promise<void> => {
  handleWork ??= buildWorker(awsWorkerPorts());
  await handleWork(parseWorkItem(event));
};
