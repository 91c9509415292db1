import type { Task } from '../domain/task';
import type { AuditEntry } from '../ports/ledger';
import { errorText, type TaskDeps } from './deps';

/** An audit record of a confirmed task: it names the requester and the approver (who clicked Confirm). */
export async function recordAudit(task: Task, entry: Pick<AuditEntry, 'action' | 'detail'>, deps: TaskDeps): Promise<void> {
  const approver = task.confirmedBy;
  await deps.ledger
    .audit({
      subject: `task#${task.taskId}`,
      ...entry,
      actorId: approver?.id,
      requester: { id: task.requesterId, name: task.requesterName },
      ...(approver ? { approver: { id: approver.id, name: approver.name } } : {}),
    })
    .catch((error: unknown) => {
      deps.logger.warn('Audit record failed', { taskId: task.taskId, action: entry.action, error: errorText(error) });
    });
}
