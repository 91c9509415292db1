import type { Task } from '../../domain/task';
import { ephemeral, type InteractionResponse } from '../responses';
import { REDACTED, redactSecrets } from '../redact';
import { codeBlock, shorten } from '../../domain/discord-text';

/** /debug-last: the caller's last task with its trace; ephemeral, secrets and the interaction token left out. */
export function debugLastReply(task: Task | undefined): InteractionResponse {
  if (!task) return ephemeral('You have no tasks yet. Ask an agent for something first, e.g. /ux-update.');
  const lines = [
    `task ${task.taskId} · agent ${task.agentId} · ${task.status}`,
    `command: ${task.command}`,
    ...(task.summary ? [`summary: ${task.summary}`] : []),
    `created ${task.createdAt} · updated ${task.updatedAt} · confirm by ${task.confirmBy}`,
    ...(task.branch ? [`branch: ${task.branch}`] : []),
    ...(task.pullRequest ? [`pull request: ${task.pullRequest.url}`] : []),
    ...(task.lastError ? [`last error: ${task.lastError}`] : []),
    'trace:',
    ...task.trace.map((entry) => `  ${entry.at} ${entry.event}${entry.detail ? ` — ${entry.detail}` : ''}`),
  ];
  const body = redactSecrets(lines.join('\n').split(task.interactionToken).join(REDACTED));
  return ephemeral(codeBlock(shorten(body, 1900)));
}
