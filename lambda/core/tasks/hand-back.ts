import type { Requester } from '../domain/agent';
import { TaskConflictError, type Task } from '../domain/task';
import { confirmDeadline, type TaskDeps } from './deps';
import { confirmClaimKey } from './ledger-keys';
import { retryMessage } from './messages';

/** Who asks for a resumed run and which interaction token shows its result. */
export interface ResumeBy {
  token: string;
  requester: Requester;
  /** A Confirm click asked for it: the clicker approves this run. (The sweep resumes on the original approval.) */
  clicked?: boolean;
}

/** What became of an abandoned execution: run again, handed back for Confirm, or taken by another resumer. */
export type ResumeOutcome = 'resumed' | 'handed back' | 'taken by another worker';

/**
 * Hand back: a stopped run that should not run again goes back to `awaiting_confirmation` with the
 * reason and Confirm / Cancel, so a person decides; of two writers on the same version, one wins.
 */
export async function handBack(task: Task, by: ResumeBy, reason: string, deps: TaskDeps): Promise<ResumeOutcome> {
  let again: Task;
  try {
    again = await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: reason, interactionToken: by.token, confirmBy: confirmDeadline(deps) }, `handed back: ${reason}`, { version: task.version });
  } catch (error) {
    if (error instanceof TaskConflictError) return 'taken by another worker';
    throw error;
  }
  deps.logger.error('An abandoned task is handed back for Confirm', { taskId: task.taskId, agentId: task.agentId, reason });
  await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
  const name = deps.agents.byId(task.agentId)?.name ?? task.agentId;
  await deps.discord.editOriginal(task.applicationId, by.token, retryMessage(again, { content: `${name} did not finish.` }, reason));
  return 'handed back';
}
