import type { ActionRow } from '../domain/discord-message';

/**
 * The Revert button under a merged (or live) pull request's message: it asks the Revert agent
 * to undo the change that task made. `custom_id` = "revert:<taskId>" (≤ 100 characters).
 */
const PREFIX = 'revert';
const TASK_ID = /^[A-Za-z0-9_-]{1,80}$/;

export const revertButtonId = (taskId: string): string => `${PREFIX}:${taskId}`;

export function parseRevertButtonId(customId: string): { taskId: string } | undefined {
  const [prefix, taskId, ...rest] = customId.split(':');
  if (prefix !== PREFIX || rest.length > 0 || taskId === undefined || !TASK_ID.test(taskId)) return undefined;
  return { taskId };
}

export function revertRow(taskId: string): ActionRow {
  return { type: 1, components: [{ type: 2, style: 2, label: 'Revert', custom_id: revertButtonId(taskId) }] };
}
