import { errorMessage } from '../../core/domain/error-message';
import type { ScreenshotJob } from '../../core/domain/screenshot-job';
import type { Logger } from '../../core/ports/logger';
import type { ScreenshotJobs } from '../../core/ports/screenshot-jobs';

/** Local mode's stand-in for the asynchronous invoke: the job runs in this process, the webhook answers without waiting. */
export class InProcessScreenshotJobs implements ScreenshotJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly run: (job: ScreenshotJob) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async start(job: ScreenshotJob): Promise<void> {
    const work = this.run(job)
      .catch((error: unknown) => this.logger.error('The screenshot job failed', { taskId: job.taskId, kind: job.kind, error: errorMessage(error) }))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Resolves when every started job has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
