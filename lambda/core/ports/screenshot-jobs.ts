import type { ScreenshotJob } from '../domain/screenshot-job';

/** Starts the screenshot function without waiting for it (Lambda async invoke; in-process locally). */
export interface ScreenshotJobs {
  start(job: ScreenshotJob): Promise<void>;
}
