import type { DiscordMessage } from '../domain/discord-message';
import { TaskConflictError, type Task, type TaskStatus } from '../domain/task';
import type { TaskDeps } from './deps';

/** What a pick came to: the task with the picked candidate as its proposal, or the state that refused it. */
export type PickOutcome = { kind: 'picked'; task: Task; preview: DiscordMessage } | { kind: 'gone' } | { kind: 'moved'; status: TaskStatus };

/**
 * Pick (the interactions function, within 3 s; the caller has checked who, the pause, the status,
 * the deadline and that `index` is offered): one conditional write `awaiting_choice →
 * awaiting_confirmation` makes the candidate the task's proposal, drops the candidates and gives
 * the preview its own full time to be confirmed.
 */
export async function pick(task: Task, index: number, who: string, deps: Pick<TaskDeps, 'tasks' | 'taskTtlSeconds' | 'now'>): Promise<PickOutcome> {
  const candidates = task.candidates ?? [];
  const candidate = candidates[index];
  if (!candidate) throw new RangeError(`Task ${task.taskId} offers no option ${index + 1}.`);
  try {
    const chosen = await deps.tasks.transition(
      task.taskId,
      'awaiting_choice',
      'awaiting_confirmation',
      {
        proposal: candidate.proposal,
        summary: candidate.summary,
        // Dropped once picked: the task never grows past the size it was stored at.
        candidates: undefined,
        // The preview gets its own full time to be confirmed.
        confirmBy: new Date(deps.now().getTime() + deps.taskTtlSeconds * 1000).toISOString(),
      },
      `option ${index + 1} of ${candidates.length} picked by ${who}: ${candidate.label}`,
    );
    return { kind: 'picked', task: chosen, preview: candidate.preview };
  } catch (error) {
    if (!(error instanceof TaskConflictError)) throw error;
    return error.actual === undefined ? { kind: 'gone' } : { kind: 'moved', status: error.actual };
  }
}
