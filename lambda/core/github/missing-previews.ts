import { postAboutTask } from '../tasks/thread';
import { errorMessage } from '../domain/error-message';
import type { DiscordApi } from '../ports/discord-api';
import type { FlagReader } from '../ports/flags';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { TaskStore } from '../ports/task-store';
import { missingPreviewMessage } from '../screenshots/site-notice-message';
import { siteNoticeKey } from './deployment-notices';

/** A preview host builds a branch in minutes; past this the requester hears that none was reported. */
export const PREVIEW_DEADLINE_MINUTES = 30;
/** Pull requests open longer than this are not looked at again (the sweep reads the newest open tasks). */
const LOOK_BACK_HOURS = 24;
const NOTICE_TTL_SECONDS = 30 * 24 * 3600;

export interface MissingPreviewDeps {
  tasks: TaskStore;
  ledger: Ledger;
  discord: DiscordApi;
  flags: FlagReader;
  logger: Logger;
  now: () => Date;
}

/**
 * Part of the 5-minute sweep: each draft pull request opened more than PREVIEW_DEADLINE_MINUTES ago
 * without a preview notice gets one line saying so (once). Only when flag site-url is set: a site
 * without a host that deploys previews has nothing to wait for. Returns the tasks told.
 */
export async function sayMissingPreviews(deps: MissingPreviewDeps): Promise<string[]> {
  if (!(await deps.flags.all())['site-url']) return [];
  const now = deps.now().getTime();
  const due = (await deps.tasks.listOpen(100)).filter((task) => {
    const openedAt = Date.parse(task.updatedAt);
    return task.status === 'pr_open' && task.pullRequest && task.channelId && now - openedAt >= PREVIEW_DEADLINE_MINUTES * 60_000 && now - openedAt < LOOK_BACK_HOURS * 3600_000;
  });
  const told: string[] = [];
  for (const task of due) {
    try {
      // No preview notice yet? (A claim for one second: if a preview arrives right now, it is only held back for that second.)
      if (!(await deps.ledger.claimOnce(siteNoticeKey(task.taskId, 'preview'), 1))) continue;
      await deps.ledger.release(siteNoticeKey(task.taskId, 'preview'));
      const key = siteNoticeKey(task.taskId, 'no-preview');
      if (!(await deps.ledger.claimOnce(key, NOTICE_TTL_SECONDS))) continue;
      try {
        await postAboutTask(task, missingPreviewMessage(task, PREVIEW_DEADLINE_MINUTES), key, deps);
      } catch (error) {
        await deps.ledger.release(key).catch(() => undefined);
        throw error;
      }
      told.push(task.taskId);
    } catch (error) {
      deps.logger.warn('Could not say that no preview was deployed; the next sweep tries again.', { taskId: task.taskId, error: errorMessage(error) });
    }
  }
  if (told.length > 0) deps.logger.info('Told requesters that no preview deployment was reported', { tasks: told });
  return told;
}
