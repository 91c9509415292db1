import type { DiscordMessage } from '../../core/domain/discord-message';
import { inlineCode } from '../../core/domain/discord-text';
import { errorMessage } from '../../core/domain/error-message';
import type { Task } from '../../core/domain/task';
import type { ChangeScreenshots } from '../../core/ports/change-screenshots';
import type { Logger } from '../../core/ports/logger';
import { blankSides } from '../../core/screenshots/blank-page';
import type { BrowserSource } from '../../core/screenshots/browser';
import { ScreenshotError } from '../../core/screenshots/errors';
import { withScreenshotLines } from '../../core/domain/screenshot-lines';
import { baseBranchOf, pagePathOf } from '../../core/screenshots/page-path';
import { changedLine, pairFiles, screenshotPair, type ScreenshotPair } from '../../core/screenshots/pair';
import { servingFor, type SitePreviewSetting } from './preview-setting';
import { serveStatic, serveWithCommand, type ServedSite } from './site-server';
import { linkDependencies, withWorktree } from './site-worktree';

export interface LocalChangeScreenshotsOptions {
  /** The local site repository (`.valine/site`). */
  repository: string;
  setting: Exclude<SitePreviewSetting, { mode: 'off' }>;
  /** The prefix the site's dev-server command runs under (sandbox.ts), when there is one. */
  sandbox?: readonly string[];
  /** node_modules folders a dev-server command may reuse, first found first (the repository's own, then the folder it is a copy of). */
  dependencyFolders?: () => readonly string[];
  browser: BrowserSource;
  logger: Logger;
}

/** A dev server builds a page's modules on its first request, and Vite may reload the page once it has optimised the dependencies it found. */
const DEV_SERVER_SETTLE_MS = 10_000;

/** How a side was served: its files as they are, or a command. */
type Served = { mode: 'static' } | { mode: 'command'; command: string };

/** Serves `ref` from a temporary worktree while `work` runs, then stops the server and removes the worktree. */
function withServedSide<T>(options: LocalChangeScreenshotsOptions, ref: string, work: (site: ServedSite, served: Served) => Promise<T>): Promise<T> {
  return withWorktree(options.repository, ref, async (directory) => {
    const served = await servingFor(options.setting, directory);
    let site: ServedSite;
    if (served.mode === 'static') site = await serveStatic(directory);
    else {
      const candidates = options.dependencyFolders?.() ?? [];
      const linked = await linkDependencies(directory, candidates);
      const hint = linked
        ? `It ran with the dependencies installed in ${linked}.`
        : candidates.length > 0
          ? `No node_modules was found in ${candidates.join(' or ')}: install the site's dependencies in the folder it is a copy of (npm install there); local mode links them into each checkout.`
          : undefined;
      site = await serveWithCommand(directory, served.command, { sandbox: options.sandbox, ...(hint ? { failureHint: hint } : {}) });
    }
    try {
      return await work(site, served);
    } finally {
      await site.stop();
    }
  });
}

/** Before (the default branch) and after (the task's branch) of the page, and how the after side was served. */
async function shootSides(options: LocalChangeScreenshotsOptions, base: string, branch: string, path: string): Promise<{ pair: ScreenshotPair; served: Served }> {
  return withServedSide(options, base, (before) =>
    withServedSide(options, branch, async (after, served) => ({
      pair: await screenshotPair(options.browser, { before: { baseUrl: before.baseUrl, label: base }, after: { baseUrl: after.baseUrl, label: branch }, path, ...(served.mode === 'command' ? { shot: { settleMs: DEV_SERVER_SETTLE_MS } } : {}) }),
      served,
    })),
  );
}

/** Before (the default branch) and after (the task's branch) of the page the change shows on. */
export async function localPair(options: LocalChangeScreenshotsOptions, base: string, branch: string, path: string): Promise<ScreenshotPair> {
  return (await shootSides(options, base, branch, path)).pair;
}

/** Why two blank sides show nothing, and what to set instead. */
function blankReason(setting: LocalChangeScreenshotsOptions['setting'], served: Served, path: string): string {
  const what = `The page ${inlineCode(path)} rendered blank (all one colour) before and after, so there is nothing to compare`;
  if (served.mode === 'command') {
    return `${what}: the site's dev server (${inlineCode(served.command)}) served an empty page. Open the site in a browser to see why (a script error shows in its console), or set VALINE_SITE_PREVIEW to another command.`;
  }
  const noDevScript = setting.mode === 'auto' ? ', and its package.json has no dev script for VALINE_SITE_PREVIEW=auto to run' : '';
  return `${what}: this site needs a build or a dev server${noDevScript}. Set VALINE_SITE_PREVIEW to its command, e.g. VALINE_SITE_PREVIEW='npx vite --port {port} --strictPort'${setting.mode === 'auto' ? '' : ', or to auto to run its dev script'} (docs/screenshots.md).`;
}

/** Local mode's screenshots of a confirmed change, attached to Confirm's answer. */
export function localChangeScreenshots(options: LocalChangeScreenshotsOptions): ChangeScreenshots {
  return {
    async attach(task: Task, message: DiscordMessage): Promise<DiscordMessage> {
      if (!task.branch) return message;
      const base = baseBranchOf(task.proposal);
      const path = pagePathOf(task.proposal);
      try {
        const { pair, served } = await shootSides(options, base, task.branch, path);
        const blank = blankSides(pair);
        if (blank.before && blank.after) {
          const reason = blankReason(options.setting, served, path);
          options.logger.warn('No screenshots of the change: the page is blank on both sides', { taskId: task.taskId, path, served: served.mode });
          return withScreenshotLines(message, [`No screenshots: ${reason}`]);
        }
        options.logger.info('Screenshots of the change taken', { taskId: task.taskId, path, elapsedMs: pair.elapsedMs });
        const lines = [`Screenshots of ${inlineCode(path)}: before (${inlineCode(base)}) and after (${inlineCode(task.branch)}), desktop and phone.`, changedLine(pair)];
        if (blank.after) lines.push(`The after page (${inlineCode(task.branch)}) rendered blank (all one colour): the change may have broken it.`);
        if (blank.before) lines.push(`The before page (${inlineCode(base)}) rendered blank (all one colour), so the pixels changed compare against an empty page.`);
        return withScreenshotLines(message, lines, pairFiles(pair, { before: base, after: task.branch }));
      } catch (error) {
        const reason = error instanceof ScreenshotError ? error.message : `the screenshots failed (${errorMessage(error)}).`;
        options.logger.warn('No screenshots of the change', { taskId: task.taskId, reason });
        return withScreenshotLines(message, [`No screenshots: ${reason}`]);
      }
    },
  };
}
