import type { ActionRow } from '../domain/discord-message';

/** Confirm / Cancel buttons under a proposal; `custom_id` = "task:<action>:<taskId>" (≤ 100 characters). */
export type TaskAction = 'confirm' | 'cancel';
const PREFIX = 'task';
const TASK_ID = /^[A-Za-z0-9_-]{1,80}$/;

export const taskButtonId = (action: TaskAction, taskId: string): string => `${PREFIX}:${action}:${taskId}`;

export function parseTaskButtonId(customId: string): { action: TaskAction; taskId: string } | undefined {
  const [prefix, action, taskId, ...rest] = customId.split(':');
  if (prefix !== PREFIX || rest.length > 0 || taskId === undefined || !TASK_ID.test(taskId)) return undefined;
  if (action !== 'confirm' && action !== 'cancel') return undefined;
  return { action, taskId };
}

export function confirmCancelRow(taskId: string): ActionRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 3, label: 'Confirm', custom_id: taskButtonId('confirm', taskId) },
      { type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId) },
    ],
  };
}

/** Shown the moment Confirm is clicked, until the worker replaces the message. */
export function workingRow(taskId: string): ActionRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 2, label: 'Working…', custom_id: taskButtonId('confirm', taskId), disabled: true },
      { type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId), disabled: true },
    ],
  };
}
