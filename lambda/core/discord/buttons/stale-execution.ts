import type { Task } from '../../domain/task';
import { cancelStoppedExecution } from '../../tasks/cancel';
import { errorMessage } from '../../domain/error-message';
import type { InteractionDeps } from '../interaction-deps';
import { interactionRef, type InteractionContext } from '../interaction';
import { ephemeral, updateMessage, type InteractionResponse } from '../responses';
import { workingRow } from '../../tasks/buttons';
import { cancelledMessage, personName } from '../../tasks/messages';

/**
 * Confirm or Cancel on a task still `executing` timings.abandonedExecutionSeconds after its last move:
 * the worker that took it has stopped. Confirm hands it to a worker that resumes the work (same
 * branch, same pull request; the worker's conditional write decides who runs it); Cancel gives
 * it back and cancels it. The caller has checked who may click and the pause.
 */
export async function staleExecutionReply(task: Task, action: 'confirm' | 'cancel', context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const who = context.requester.name;
  const stopped = `the work started at ${task.updatedAt} stopped before it finished (nothing answered for ${deps.timings.abandonedExecutionSeconds} s)`;
  if (action === 'confirm') {
    try {
      await deps.queue.enqueue({ kind: 'confirm', taskId: task.taskId, interaction: interactionRef(context) });
    } catch (error) {
      deps.logger.error('Could not hand a resumed confirmation to the worker', { taskId: task.taskId, error: errorMessage(error) });
      return ephemeral('The work on this request stopped, and it could not be handed over again right now (the work queue refused it). Click Confirm again in a minute.');
    }
    return updateMessage({ components: [workingRow(task.taskId)] });
  }
  const cancelled = await cancelStoppedExecution(task, who, stopped, deps);
  if (cancelled.kind !== 'cancelled') return ephemeral(`This request is ${cancelled.status ?? 'gone'} and can no longer be cancelled.`);
  return updateMessage({
    ...cancelledMessage(cancelled.task, who),
    content: `Cancelled by ${personName(who)} (task \`${task.taskId}\`). The work had stopped before it finished; anything it already made (a branch of the site repository) is left as it is.`,
  });
}
