import type { Task } from '../../domain/task';
import { ephemeral, type InteractionResponse } from '../responses';
import { REDACTED, redactSecrets } from '../../domain/redact';
import { DISCORD_LIMITS } from '../../domain/discord-message';
import { fenceSafe } from '../../domain/discord-text';

const FENCE_OPEN = '```\n';
const FENCE_CLOSE = '\n```';

/** /debug-last: the caller's last task with its trace; ephemeral, secrets and the interaction token left out. */
export function debugLastReply(task: Task | undefined): InteractionResponse {
  if (!task) return ephemeral('You have no tasks yet. Ask an agent for something first, e.g. /ux-update.');
  const lines = [
    `task ${task.taskId} · agent ${task.agentId} · ${task.status}`,
    `command: ${task.command}`,
    ...(task.summary ? [`summary: ${task.summary}`] : []),
    ...(task.candidates ? [`options: ${task.candidates.map((c, i) => `${i + 1}. ${c.label}`).join(' · ')}`] : []),
    `created ${task.createdAt} · updated ${task.updatedAt} · confirm by ${task.confirmBy}`,
    ...(task.branch ? [`branch: ${task.branch}`] : []),
    ...(task.pullRequest ? [`pull request: ${task.pullRequest.url}`] : []),
    ...(task.lastError ? [`last error: ${task.lastError}`] : []),
    'trace:',
    ...task.trace.map((entry) => `  ${entry.at} ${entry.event}${entry.detail ? ` — ${entry.detail}` : ''}`),
  ];
  const body = redactSecrets(lines.join('\n').split(task.interactionToken).join(REDACTED));
  return ephemeral(fencedWithin(body, DISCORD_LIMITS.content));
}

/**
 * A code block of at most `max` characters, measured after escaping: fenceSafe can double a run of backticks, so it
 * runs first and the cut second (a prefix of fence-safe text is still fence-safe: it has no two adjacent backticks).
 */
function fencedWithin(text: string, max: number): string {
  const room = max - FENCE_OPEN.length - FENCE_CLOSE.length;
  const escaped = fenceSafe(text);
  if (escaped.length <= room) return `${FENCE_OPEN}${escaped}${FENCE_CLOSE}`;
  let cut = room - 1;
  // Never end on half of a surrogate pair: Discord would show U+FFFD.
  if (/[\uD800-\uDBFF]/.test(escaped.charAt(cut - 1))) cut -= 1;
  return `${FENCE_OPEN}${escaped.slice(0, cut)}…${FENCE_CLOSE}`;
}
