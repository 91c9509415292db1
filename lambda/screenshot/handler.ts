import { postAboutTask } from '../core/tasks/thread';
import * as z from 'zod';
import type { MessageFile } from '../core/domain/discord-message';
import { errorMessage } from '../core/domain/error-message';
import type { ScreenshotJob } from '../core/domain/screenshot-job';
import type { Task } from '../core/domain/task';
import { isRefusedForGood, type DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { Logger } from '../core/ports/logger';
import type { TaskStore } from '../core/ports/task-store';
import type { BrowserSource } from '../core/screenshots/browser';
import { ScreenshotError } from '../core/screenshots/errors';
import { pagePathOf } from '../core/screenshots/page-path';
import { changedLine, pageFiles, pageUrl, pairFiles, screenshotPage, screenshotPair } from '../core/screenshots/pair';
import { imagesNotAttachedLine } from '../core/domain/screenshot-lines';
import { siteNoticeMessage } from '../core/screenshots/site-notice-message';
import { refusalSentence, screenshotUrlRefusal, type NetworkGuard } from '../core/screenshots/url-guard';

export interface ScreenshotDeps {
  tasks: TaskStore;
  discord: DiscordApi;
  flags: FlagReader;
  browser: BrowserSource;
  logger: Logger;
  /** Where an operator sets site-url, for the sentence when it is not set. */
  setSiteUrlHint: string;
  /**
   * Aborts the browser's requests to private addresses (AWS: the job's URL came from a webhook and the
   * function runs next to the metadata endpoint). Local mode leaves it off: its previews are on 127.0.0.1.
   */
  networkGuard?: NetworkGuard;
  /** Hosts shot besides the preview hosts, site-url's and preview-hosts' (local mode: 127.0.0.1 and localhost). */
  extraHosts?: readonly string[];
}

const jobSchema = z.object({
  kind: z.enum(['preview', 'live']),
  taskId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  url: z.string().url().refine((u) => /^https?:/.test(u), 'expected an http(s) URL'),
  source: z.string().max(40),
});

/** The part of Lambda's context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Without a Lambda context: the shots stop after this long (the function has 90 s). */
export const SHOTS_BUDGET_MS = 70_000;
/** With one: the shots stop this long before the function's deadline, left for posting the text answer. */
export const POSTING_RESERVE_MS = 20_000;
export const TOO_LONG_LINE = 'No screenshots: screenshots took too long, so the notice is posted without them.';

/** When the shots must have finished: the Lambda deadline less the posting reserve, or SHOTS_BUDGET_MS from now. */
export function shotsDeadline(context: InvocationContext | undefined, now = Date.now()): number {
  const remaining = context?.getRemainingTimeInMillis();
  return typeof remaining === 'number' && Number.isFinite(remaining) ? now + remaining - POSTING_RESERVE_MS : now + SHOTS_BUDGET_MS;
}

/** The shots, or the "took too long" line once `deadlineAt` passes (the shot in progress is abandoned; no further one starts). */
async function shotsInTime(job: ScreenshotJob, task: Task, deps: ScreenshotDeps, deadlineAt: number): Promise<{ lines: string[]; files: MessageFile[] }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ lines: string[]; files: MessageFile[] }>((resolve) => {
    timer = setTimeout(() => {
      deps.logger.warn('Screenshots took too long; posting the notice without them.', { taskId: task.taskId, kind: job.kind });
      resolve({ lines: [TOO_LONG_LINE], files: [] });
    }, Math.max(0, deadlineAt - Date.now()));
  });
  try {
    return await Promise.race([shots(job, task, deps, deadlineAt), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The images and lines of one notice; a failed screenshot becomes a line with the reason. */
async function shots(job: ScreenshotJob, task: Task, deps: ScreenshotDeps, deadlineAt?: number): Promise<{ lines: string[]; files: MessageFile[] }> {
  const path = pagePathOf(task.proposal);
  const shot = { guard: deps.networkGuard, deadlineAt };
  try {
    const flags = await deps.flags.all();
    const production = flags['site-url'];
    const policy = { siteUrl: production, previewHosts: flags['preview-hosts'], extraHosts: deps.extraHosts };
    const refusal = screenshotUrlRefusal(job.url, policy);
    if (refusal) throw new ScreenshotError(refusalSentence(refusal));
    // The URLs opened are the bases joined with the page path (a changed file's name): they pass the same policy.
    for (const base of job.kind === 'preview' && production ? [job.url, production] : [job.url]) {
      const page = pageUrl(base, path);
      const pageRefusal = screenshotUrlRefusal(page, policy);
      if (pageRefusal) throw new ScreenshotError(`The page ${page}: ${refusalSentence(pageRefusal)}`);
    }
    if (job.kind === 'live') {
      const page = await screenshotPage(deps.browser, job.url, path, 'live', undefined, shot);
      return { lines: [`Screenshot of ${page.url}, desktop and phone.`], files: pageFiles(page.images, 'live') };
    }
    if (!production) {
      const page = await screenshotPage(deps.browser, job.url, path, 'preview', undefined, shot);
      return {
        lines: [`Screenshot of the preview at ${page.url}, desktop and phone. The flag site-url is not set, so there is no production page to compare with (${deps.setSiteUrlHint}).`],
        files: pageFiles(page.images, 'preview'),
      };
    }
    const pair = await screenshotPair(deps.browser, { before: { baseUrl: production, label: 'production' }, after: { baseUrl: job.url, label: 'preview' }, path, shot });
    return { lines: [`Before: production ${pageUrl(production, path)} · after: the preview, desktop and phone.`, changedLine(pair)], files: pairFiles(pair, { before: 'production', after: 'preview' }) };
  } catch (error) {
    const reason = error instanceof ScreenshotError ? error.message : `the screenshots failed (${errorMessage(error)}).`;
    deps.logger.warn('No screenshots for the notice', { taskId: task.taskId, kind: job.kind, reason });
    return { lines: [`No screenshots: ${reason}`], files: [] };
  }
}

/**
 * Posts "Preview is live" or "Live on" to the requester's channel, with the screenshots or the reason there are none.
 * When Discord refuses the message with its images (4xx), posts it again without them and the reason. Throws only on
 * 429, 5xx or a network failure (Lambda retries).
 */
export async function handleScreenshotJob(input: unknown, deps: ScreenshotDeps, context?: InvocationContext): Promise<void> {
  const deadlineAt = shotsDeadline(context);
  const parsed = jobSchema.safeParse(input);
  if (!parsed.success) {
    deps.logger.error('Ignored a screenshot job without the fields it needs.', { problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return;
  }
  const job = parsed.data;
  const task = await deps.tasks.get(job.taskId);
  if (!task) {
    deps.logger.warn('The task of a deployment notice no longer exists; nothing posted.', { taskId: job.taskId, kind: job.kind });
    return;
  }
  if (!task.channelId) {
    deps.logger.warn('The task has no channel for its deployment notice; nothing posted.', { taskId: job.taskId, kind: job.kind });
    return;
  }
  const { lines, files } = await shotsInTime(job, task, deps, deadlineAt);
  try {
    await postAboutTask(task, siteNoticeMessage(task, job, lines, files), `site-notice#${task.taskId}#${job.kind}`, deps);
    deps.logger.info('Deployment notice posted', { taskId: task.taskId, kind: job.kind, images: files.length, bytes: files.reduce((sum, f) => sum + f.data.length, 0) });
    return;
  } catch (error) {
    if (!isRefusedForGood(error)) throw error;
    if (files.length === 0) {
      deps.logger.error('Discord refused the deployment notice; not retried.', { taskId: task.taskId, kind: job.kind, status: error.status, reason: error.message });
      return;
    }
    deps.logger.warn('Discord refused the notice with its images; posting it without them.', { taskId: task.taskId, kind: job.kind, status: error.status, reason: error.message });
    const withoutFiles = [...lines, imagesNotAttachedLine(error)];
    try {
      await postAboutTask(task, siteNoticeMessage(task, job, withoutFiles, []), `site-notice#${task.taskId}#${job.kind}#text`, deps);
      deps.logger.info('Deployment notice posted without images', { taskId: task.taskId, kind: job.kind });
    } catch (again) {
      if (!isRefusedForGood(again)) throw again;
      deps.logger.error('Discord refused the deployment notice without images too; not retried.', { taskId: task.taskId, kind: job.kind, status: again.status, reason: again.message });
    }
  }
}

/** The Lambda entry: Lambda passes its context, whose remaining time bounds the shots. */
export const createScreenshotHandler = (deps: ScreenshotDeps) => (job: unknown, context?: InvocationContext) => handleScreenshotJob(job, deps, context);
