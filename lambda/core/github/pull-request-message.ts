import { plainText, shorten } from '../domain/discord-text';
import type { DiscordMessage } from '../domain/discord-message';
import type { Task } from '../domain/task';
import { revertRow } from '../discord/revert-button';
import type { PullRequestEvent } from './events';

/** What happened to the pull request, as the requester reads it. */
export type PullRequestChange = 'ready_for_review' | 'merged' | 'closed' | 'reopened';

const WHAT_HAPPENED: Record<PullRequestChange, string> = {
  ready_for_review: 'was marked ready for review',
  merged: 'was merged',
  closed: 'was closed without merging',
  reopened: 'was reopened',
};

const MAX_TITLE = 200;
const MAX_SUMMARY = 300;

/** One line of outside text: no line breaks, bounded length, Discord markdown neutralised. */
function quote(text: string, max: number): string {
  return plainText(shorten(text.replace(/\s+/g, ' ').trim(), max));
}

/** The channel message for the requester; it mentions the requester and nobody else. A merged change offers Revert. */
export function pullRequestMessage(task: Task, change: PullRequestChange, event: PullRequestEvent): DiscordMessage {
  const pr = event.pull_request;
  const by = event.sender?.login ? ` by ${quote(event.sender.login, 60)}` : '';
  const lines = [
    `<@${task.requesterId}> your pull request ${event.repository.full_name}#${pr.number} “${quote(pr.title, MAX_TITLE)}” ${WHAT_HAPPENED[change]}${by}.`,
    ...(task.summary ? [`Task \`${task.taskId}\`: ${quote(task.summary, MAX_SUMMARY)}`] : [`Task \`${task.taskId}\``]),
    pr.html_url,
  ];
  return {
    content: lines.join('\n'),
    allowed_mentions: { parse: [], users: [task.requesterId] },
    ...(change === 'merged' ? { components: [revertRow(task.taskId)] } : {}),
  };
}
