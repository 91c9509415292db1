import { DISCORD_LIMITS, type DiscordMessage, type MessageFile } from '../domain/discord-message';
import { plainText, shorten } from '../domain/discord-text';
import type { ScreenshotJob } from '../domain/screenshot-job';
import type { Task } from '../domain/task';
import { revertRow } from '../discord/revert-button';

/** A URL as one line: no spaces or markdown can ride along (it came from a GitHub payload). */
const link = (url: string): string => shorten(url.replace(/[\s<>]/g, ''), 300);

/**
 * The requester's channel message for a deployed preview or a live change: mentions the requester
 * and nobody else, names the task, carries the screenshots (or the reason there are none), and,
 * once live, the Revert button.
 */
export function siteNoticeMessage(task: Task, job: ScreenshotJob, lines: readonly string[], files: MessageFile[]): DiscordMessage {
  const head = job.kind === 'preview' ? `<@${task.requesterId}> Preview is live: ${link(job.url)}` : `<@${task.requesterId}> Live on ${link(job.url)}`;
  const about = task.pullRequest ? `${task.pullRequest.repository}#${task.pullRequest.number} · task \`${task.taskId}\`` : `Task \`${task.taskId}\``;
  const summary = task.summary ? `: ${plainText(shorten(task.summary.replace(/\s+/g, ' '), 200))}` : '';
  const content = shorten([head, `${about}${summary}`, ...lines].join('\n'), DISCORD_LIMITS.content);
  return {
    content,
    allowed_mentions: { parse: [], users: [task.requesterId] },
    ...(files.length > 0 ? { files } : {}),
    ...(job.kind === 'live' ? { components: [revertRow(task.taskId)] } : {}),
  };
}

/** No preview deployment was reported in time: said once, in the requester's channel. */
export function missingPreviewMessage(task: Task, minutes: number): DiscordMessage {
  const pr = task.pullRequest ? `${task.pullRequest.repository}#${task.pullRequest.number}` : `task \`${task.taskId}\``;
  return {
    content:
      `<@${task.requesterId}> No preview deployment of ${pr} was reported within ${minutes} minutes of the pull request opening, so there are no screenshots yet. ` +
      'Check the site host\'s build for the branch; when it succeeds, the preview and its screenshots are posted here.',
    allowed_mentions: { parse: [], users: [task.requesterId] },
  };
}
