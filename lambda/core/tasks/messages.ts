import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import type { ProposalCandidate } from '../domain/agent';
import type { Task } from '../domain/task';
import { choiceRows, confirmCancelRow, pullRequestLinkRow } from './buttons';
import { redactSecrets } from '../domain/redact';
import { plainText, shorten } from '../domain/discord-text';
import { explainedReason } from '../domain/error-message';

/** The messages the platform shows around an agent's own text: previews, outcomes, refusals. */

const utcTime = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Appends a line to the content, keeping within Discord's 2000-character limit. */
function withLine(message: DiscordMessage, line: string): DiscordMessage {
  const base = message.content ? `${message.content}\n` : '';
  return { ...message, content: shorten(base, DISCORD_LIMITS.content - line.length - 1) + line };
}

function finalMessage(message: DiscordMessage): DiscordMessage {
  return { ...message, components: [], allowed_mentions: NO_MENTIONS };
}

/** The agent's preview with the task id, the deadline and Confirm / Cancel. */
export function proposalMessage(task: Pick<Task, 'taskId' | 'confirmBy'>, preview: DiscordMessage, refinable = true): DiscordMessage {
  const footer = `Task \`${task.taskId}\` · Confirm before ${utcTime(task.confirmBy)} or it expires.`;
  return { ...withLine(preview, footer), components: [confirmCancelRow(task.taskId, refinable)], allowed_mentions: NO_MENTIONS };
}

/** The agent's question with its candidates as a select menu, the task id, the deadline and Cancel. */
export function choiceMessage(
  task: Pick<Task, 'taskId' | 'confirmBy'>,
  question: DiscordMessage,
  candidates: ReadonlyArray<Pick<ProposalCandidate, 'label' | 'description'>>,
  omitted = 0,
): DiscordMessage {
  const more = omitted > 0 ? `Only the first ${candidates.length} of ${candidates.length + omitted} matches fit in the menu; if yours is not there, Cancel and make the request more specific.\n` : '';
  const footer = `${more}Task \`${task.taskId}\` · Pick one before ${utcTime(task.confirmBy)} or it expires.`;
  return { ...withLine(question, footer), components: choiceRows(task.taskId, candidates), allowed_mentions: NO_MENTIONS };
}

/** The picked candidate's preview replacing the question: its own embeds (none left over from the question) and Confirm / Cancel. */
export function pickedMessage(task: Pick<Task, 'taskId' | 'confirmBy'>, preview: DiscordMessage): DiscordMessage {
  return { embeds: [], ...proposalMessage(task, preview) };
}

/** An answer without a task (clarification, rejection, the agent's final word). */
export const plainMessage = (message: DiscordMessage): DiscordMessage => finalMessage(message);

export function retryMessage(task: Pick<Task, 'taskId' | 'confirmBy'>, message: DiscordMessage, error: string): DiscordMessage {
  const line = `It did not work this time: ${shorten(redactSecrets(error), 300)}\nAnything already made (the branch) is reused. Click Confirm to try again, or Cancel.`;
  return proposalMessage(task, withLine(message, line));
}

export function expiredMessage(task: Pick<Task, 'taskId' | 'confirmBy' | 'status'>): DiscordMessage {
  const waitedFor = task.status === 'awaiting_choice' ? 'without one of the options being picked' : 'without being confirmed';
  return finalMessage({
    content: `This request expired at ${utcTime(task.confirmBy)} ${waitedFor}, so nothing was changed (task \`${task.taskId}\`). Run the command again to get a fresh preview.`,
  });
}

/** A display name as plain text: it can neither format the message nor mention anyone. */
export const personName = (name: string): string => plainText(shorten(name, 80));

export function cancelledMessage(task: Pick<Task, 'taskId' | 'branch'>, byName: string): DiscordMessage {
  // After an interrupted attempt the branch it made stays (Cancel runs where the repository cannot be reached): say so.
  const changed = task.branch
    ? `The branch \`${task.branch}\` made by an earlier attempt is left in the site repository; delete it if nobody needs it`
    : 'Nothing was changed';
  return finalMessage({ content: `Cancelled by ${personName(byName)}. ${changed} (task \`${task.taskId}\`).` });
}

/**
 * What the user sees when something broke; never a message stuck on "thinking…". The error's own
 * sentence when it carries one for people (ExplainedError); internal text (`connect ECONNREFUSED
 * …`, a stack) never: the caller logs it.
 */
export function failureMessage(headline: string, error: unknown, next: string): DiscordMessage {
  const reason = explainedReason(error);
  const why = reason ? `: ${shorten(plainText(redactSecrets(reason)), 400)}` : " because of an unexpected error (the details are in the worker's log).";
  return finalMessage({ content: `${headline}${why}\n${next}` });
}

/** "Requested by A · approved by B" under a confirmed task's outcome; names as plain text (no markdown, no mention). */
export function approvalLine(task: Pick<Task, 'requesterId' | 'requesterName' | 'confirmedBy'>): string {
  const requester = plainText(shorten(task.requesterName, 80));
  const approver = task.confirmedBy;
  if (!approver) return `Requested by ${requester}`;
  if (approver.id === task.requesterId) return `Requested and approved by ${requester}`;
  return `Requested by ${requester} · approved by ${plainText(shorten(approver.name, 80))}`;
}

/** The agent's final word on a confirmed task, with who asked and who approved; an opened pull request gets a link button to it. */
export const outcomeMessage = (task: Pick<Task, 'requesterId' | 'requesterName' | 'confirmedBy' | 'pullRequest'>, message: DiscordMessage): DiscordMessage => {
  const final = finalMessage(withLine(message, approvalLine(task)));
  return task.pullRequest ? { ...final, components: [pullRequestLinkRow(task.pullRequest)] } : final;
};
