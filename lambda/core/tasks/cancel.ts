import { TaskConflictError, type Task, type TaskStatus } from '../domain/task';
import type { TaskDeps } from './deps';

/** The statuses a Cancel may end: a task waiting for a person. */
export const CANCELLABLE: readonly TaskStatus[] = ['awaiting_confirmation', 'awaiting_choice'];

/** What a Cancel came to: the cancelled task, or the status it had moved to (undefined: it is gone). */
export type CancelOutcome = { kind: 'cancelled'; task: Task } | { kind: 'moved'; status: TaskStatus | undefined };

/** Cancel (the interactions function): one conditional write from a waiting status to `cancelled`. */
export async function cancel(task: Task, who: string, deps: Pick<TaskDeps, 'tasks'>): Promise<CancelOutcome> {
  try {
    return { kind: 'cancelled', task: await deps.tasks.transition(task.taskId, CANCELLABLE, 'cancelled', {}, `cancelled by ${who}`) };
  } catch (error) {
    if (error instanceof TaskConflictError) return { kind: 'moved', status: error.actual };
    throw error;
  }
}

/**
 * Cancel of a run that stopped (still `executing` past timings.abandonedExecutionSeconds): handed
 * back with the reason, then cancelled; anything the run made is left as it is.
 */
export async function cancelStoppedExecution(task: Task, who: string, stopped: string, deps: Pick<TaskDeps, 'tasks'>): Promise<CancelOutcome> {
  try {
    await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: stopped }, `handed back: ${stopped}`);
    return { kind: 'cancelled', task: await deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'cancelled', {}, `cancelled by ${who}`) };
  } catch (error) {
    if (error instanceof TaskConflictError) return { kind: 'moved', status: error.actual };
    throw error;
  }
}

/** Expire: a pick or a Confirm after `confirmBy` moves the task to `expired` (another move winning the race changes nothing). */
export async function expire(task: Task, who: string, deps: Pick<TaskDeps, 'tasks'>): Promise<void> {
  try {
    await deps.tasks.transition(task.taskId, task.status, 'expired', {}, `${task.status === 'awaiting_choice' ? 'pick' : 'confirm'} by ${who} after the deadline`);
  } catch (error) {
    if (!(error instanceof TaskConflictError)) throw error;
  }
}
