import type { WorkItem } from '../domain/work';

/** Hands slow work to the worker: Lambda async invoke on AWS, an in-process queue locally. */
export interface WorkQueue {
  enqueue(item: WorkItem): Promise<void>;
}
