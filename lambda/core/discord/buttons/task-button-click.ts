import { TaskConflictError, isExpired, type Task } from '../../domain/task';
import type { InteractionDeps } from '../interaction-deps';
import { interactionRef, type InteractionContext } from '../interaction';
import { confirmClaimKey } from '../ledger-keys';
import { agentAvailable, mayActOnTask } from '../permissions';
import { ephemeral, updateMessage, type InteractionResponse } from '../responses';
import { parseTaskButtonId, workingRow } from '../task-buttons';
import { cancelledMessage, expiredMessage } from '../task-messages';
import { errorMessage } from '../../domain/error-message';

function notAwaitingReply(task: Task): InteractionResponse {
  switch (task.status) {
    case 'executing':
      return ephemeral('This request is already confirmed and being worked on.');
    case 'pr_open':
    case 'merged':
    case 'closed':
      return ephemeral(`This request was already done${task.pullRequest ? `: ${task.pullRequest.url}` : '.'}`);
    case 'cancelled':
      return ephemeral('This request was cancelled; run the command again for a new preview.');
    case 'expired':
      return ephemeral('This request expired; run the command again for a new preview.');
    case 'failed':
      return ephemeral('This request failed; run the command again to start over.');
    default:
      return ephemeral(`This request is ${task.status} and cannot be confirmed or cancelled now.`);
  }
}

/** Confirm / Cancel under a proposal. Confirm is deferred to the worker; Cancel is one conditional write. */
export async function taskButtonReply(customId: string, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const button = parseTaskButtonId(customId);
  if (!button) return ephemeral('This button is not one this bot knows (it may come from an older version). Run the command again.');
  const [task, flags] = await Promise.all([deps.tasks.get(button.taskId), deps.flags.all()]);
  if (!task) return ephemeral(`Request \`${button.taskId}\` no longer exists. Run the command again for a new preview.`);

  const permission = mayActOnTask(context.requester, task, flags, deps.locateFlag);
  if (!permission.allowed) return ephemeral(permission.message);
  const agent = deps.agents.byId(task.agentId);
  if (agent) {
    const available = agentAvailable(agent, flags, deps.locateFlag);
    if (!available.allowed) return ephemeral(available.message);
  }
  if (task.status !== 'awaiting_confirmation') return notAwaitingReply(task);
  const who = context.requester.name;

  if (button.action === 'cancel') {
    try {
      const cancelled = await deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'cancelled', {}, `cancelled by ${who}`);
      return updateMessage(cancelledMessage(cancelled, who));
    } catch (error) {
      if (error instanceof TaskConflictError) return ephemeral(`This request is ${error.actual ?? 'gone'} and can no longer be cancelled.`);
      throw error;
    }
  }

  if (isExpired(task, deps.now())) {
    try {
      await deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'expired', {}, `confirm clicked by ${who} after the deadline`);
    } catch (error) {
      if (!(error instanceof TaskConflictError)) throw error;
    }
    return updateMessage(expiredMessage(task));
  }
  if (!agent) return ephemeral(`The agent "${task.agentId}" that proposed this is no longer registered, so it cannot be confirmed.`);

  const claimKey = confirmClaimKey(task.taskId);
  if (!(await deps.ledger.claimOnce(claimKey, deps.taskTtlSeconds))) {
    return ephemeral('This request is already confirmed and being worked on.');
  }
  try {
    await deps.queue.enqueue({
      kind: 'confirm',
      taskId: task.taskId,
      interaction: interactionRef(context),
    });
  } catch (error) {
    deps.logger.error('Could not hand a confirmation to the worker', { taskId: task.taskId, error: errorMessage(error) });
    await deps.ledger.release(claimKey).catch(() => undefined);
    return ephemeral(`${agent.name} could not take the confirmation right now (the work queue refused it). Click Confirm again in a minute.`);
  }
  // Type 7 with disabled buttons: people see at once that the click registered.
  return updateMessage({ components: [workingRow(task.taskId)] });
}
