import { TaskConflictError, type Task } from '../domain/task';
import type { TaskDeps } from './deps';
import { runExecution } from './execute';
import { handBack, type ResumeBy, type ResumeOutcome } from './hand-back';
import { accessOf, mayConfirm } from './permissions';

export type { ResumeBy, ResumeOutcome } from './hand-back';

/** A resumed run may itself stop; after this many resumes the task is handed back to a person instead. */
const MAX_RESUMES = 1;

/** Runs of the current confirmation: `executing` entries since the task last waited for Confirm. */
function runsSinceConfirm(task: Task): number {
  let runs = 0;
  for (const entry of [...task.trace].reverse()) {
    if (entry.event !== 'executing') break;
    runs += 1;
  }
  return runs;
}

/**
 * Resumes an abandoned execution (one conditional write `executing → executing` decides who),
 * or, when it already stopped after a resume or the confirmer may no longer make changes, hands
 * it back: `awaiting_confirmation` with the reason and Confirm / Cancel, so a person can try again.
 */
export async function resumeExecution(task: Task, by: ResumeBy, deps: TaskDeps): Promise<ResumeOutcome> {
  const stoppedAt = task.updatedAt;
  const permission = mayConfirm(accessOf(task, deps.agents), by.requester, task, await deps.flags.all(), deps.locateFlag);
  if (!permission.allowed) return handBack(task, by, `${by.requester.name} may no longer confirm changes (${permission.message})`, deps);
  if (runsSinceConfirm(task) > MAX_RESUMES) {
    return handBack(task, by, `the work stopped ${runsSinceConfirm(task)} times before it finished (the last run started at ${stoppedAt})`, deps);
  }
  let resumed: Task;
  try {
    resumed = await deps.tasks.transition(
      task.taskId,
      'executing',
      'executing',
      { interactionToken: by.token, ...(by.clicked ? { confirmedBy: by.requester } : {}) },
      `resumed by the worker: the run started at ${stoppedAt} stopped before it finished`,
      // On the version read: of two resumers reading the same stale task, one writes, the other loses.
      { version: task.version },
    );
  } catch (error) {
    if (error instanceof TaskConflictError) return 'taken by another worker';
    throw error;
  }
  deps.logger.warn('Resuming a task whose worker stopped', { taskId: task.taskId, agentId: task.agentId, stoppedAt });
  await runExecution(resumed, deps);
  return 'resumed';
}
