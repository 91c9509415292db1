import type { ClosePreviewItem, TaskDeps } from './deps';
import { closeMessage } from './thread';

/**
 * A task cancelled by "undo that" typed in its thread (the interactions function said so there):
 * its open preview (or question) above loses its buttons, so nothing there offers a Confirm any more.
 * A task that moved on to anything but cancelled is left as it is.
 */
export async function closePreview(item: ClosePreviewItem, deps: Pick<TaskDeps, 'tasks' | 'discord' | 'logger'>): Promise<void> {
  const task = await deps.tasks.get(item.taskId);
  if (task?.status !== 'cancelled') return;
  await closeMessage(task.taskId, task.threadId, task.previewMessageId, deps);
}
