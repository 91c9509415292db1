import type { DiscordMessage } from '../../core/domain/discord-message';
import { inlineCode } from '../../core/domain/discord-text';
import { errorMessage } from '../../core/domain/error-message';
import type { Task } from '../../core/domain/task';
import type { ChangeScreenshots } from '../../core/ports/change-screenshots';
import type { Logger } from '../../core/ports/logger';
import type { BrowserSource } from '../../core/screenshots/browser';
import { ScreenshotError } from '../../core/screenshots/errors';
import { withScreenshotLines } from '../../core/domain/screenshot-lines';
import { baseBranchOf, pagePathOf } from '../../core/screenshots/page-path';
import { changedLine, pairFiles, screenshotPair, type ScreenshotPair } from '../../core/screenshots/pair';
import type { SitePreviewSetting } from './preview-setting';
import { serveStatic, serveWithCommand, type ServedSite } from './site-server';
import { withWorktree } from './site-worktree';

export interface LocalChangeScreenshotsOptions {
  /** The local site repository (`.valine/site`). */
  repository: string;
  setting: Exclude<SitePreviewSetting, { mode: 'off' }>;
  /** The prefix the site's dev-server command runs under (sandbox.ts), when there is one. */
  sandbox?: readonly string[];
  browser: BrowserSource;
  logger: Logger;
}

/** Serves `ref` from a temporary worktree while `work` runs, then stops the server and removes the worktree. */
function withServedSide<T>(options: LocalChangeScreenshotsOptions, ref: string, work: (site: ServedSite) => Promise<T>): Promise<T> {
  return withWorktree(options.repository, ref, async (directory) => {
    const site = options.setting.mode === 'static' ? await serveStatic(directory) : await serveWithCommand(directory, options.setting.command, { sandbox: options.sandbox });
    try {
      return await work(site);
    } finally {
      await site.stop();
    }
  });
}

/** Before (the default branch) and after (the task's branch) of the page the change shows on. */
export async function localPair(options: LocalChangeScreenshotsOptions, base: string, branch: string, path: string): Promise<ScreenshotPair> {
  return withServedSide(options, base, (before) =>
    withServedSide(options, branch, (after) =>
      screenshotPair(options.browser, { before: { baseUrl: before.baseUrl, label: base }, after: { baseUrl: after.baseUrl, label: branch }, path }),
    ),
  );
}

/** Local mode's screenshots of a confirmed change, attached to Confirm's answer. */
export function localChangeScreenshots(options: LocalChangeScreenshotsOptions): ChangeScreenshots {
  return {
    async attach(task: Task, message: DiscordMessage): Promise<DiscordMessage> {
      if (!task.branch) return message;
      const base = baseBranchOf(task.proposal);
      const path = pagePathOf(task.proposal);
      try {
        const pair = await localPair(options, base, task.branch, path);
        options.logger.info('Screenshots of the change taken', { taskId: task.taskId, path, elapsedMs: pair.elapsedMs });
        return withScreenshotLines(
          message,
          [`Screenshots of ${inlineCode(path)}: before (${inlineCode(base)}) and after (${inlineCode(task.branch)}), desktop and phone.`, changedLine(pair)],
          pairFiles(pair, { before: base, after: task.branch }),
        );
      } catch (error) {
        const reason = error instanceof ScreenshotError ? error.message : `the screenshots failed (${errorMessage(error)}).`;
        options.logger.warn('No screenshots of the change', { taskId: task.taskId, reason });
        return withScreenshotLines(message, [`No screenshots: ${reason}`]);
      }
    },
  };
}
