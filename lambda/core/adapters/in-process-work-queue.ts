import type { WorkItem } from '../domain/work';
import type { Logger } from '../ports/logger';
import type { WorkQueue } from '../ports/work-queue';
import { errorMessage } from '../domain/error-message';

/**
 * Local mode's hand-off: runs the worker in the same process after the interaction has been
 * answered, with the item serialised as the Lambda invoke would.
 */
export class InProcessWorkQueue implements WorkQueue {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly handle: (item: WorkItem) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async enqueue(item: WorkItem): Promise<void> {
    const copy = JSON.parse(JSON.stringify(item)) as WorkItem;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.handle(copy))
      .catch((error: unknown) => {
        this.logger.error('The worker failed on a work item', { kind: copy.kind, error: errorMessage(error) });
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when every item handed over so far (and any they enqueued) has been handled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
