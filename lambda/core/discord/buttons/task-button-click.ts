import { TaskConflictError, isAbandonedExecution, isExpired, type Task, type TaskStatus } from '../../domain/task';
import type { InteractionDeps } from '../interaction-deps';
import { interactionRef, type InteractionContext } from '../interaction';
import { ANSWERED_INTERACTION_HOLD_SECONDS, confirmClaimKey, interactionClaimKey } from '../ledger-keys';
import type { WorkItem } from '../../domain/work';
import { agentAvailable, mayCancel, mayConfirm, mayPick, unregisteredAgentAccess, type Permission } from '../permissions';
import { ephemeral, updateMessage, type InteractionResponse } from '../responses';
import { parseTaskButtonId, workingRow, type TaskAction } from '../task-buttons';
import { cancelledMessage, expiredMessage } from '../task-messages';
import { errorMessage } from '../../domain/error-message';
import { pickCandidateReply } from './candidate-pick';
import { notWaitingReply } from './not-waiting-reply';
import { staleExecutionReply } from './stale-execution';

/** What each action needs the task to be waiting for. */
const WAITING_FOR: Readonly<Record<TaskAction, readonly TaskStatus[]>> = {
  confirm: ['awaiting_confirmation'],
  choose: ['awaiting_choice'],
  cancel: ['awaiting_confirmation', 'awaiting_choice'],
};

/** Past `confirmBy`, a pick or a Confirm moves the task to `expired` and says so instead of acting. */
async function expire(task: Task, who: string, deps: InteractionDeps): Promise<InteractionResponse> {
  try {
    await deps.tasks.transition(task.taskId, task.status, 'expired', {}, `${task.status === 'awaiting_choice' ? 'pick' : 'confirm'} by ${who} after the deadline`);
  } catch (error) {
    if (!(error instanceof TaskConflictError)) throw error;
  }
  return updateMessage(expiredMessage(task));
}

/**
 * Confirm / Cancel under a proposal, the select menu and Cancel under a question. Confirm is
 * deferred to the worker; Cancel and a pick are each one conditional write.
 */
export async function taskButtonReply(customId: string, context: InteractionContext, deps: InteractionDeps, values?: readonly string[]): Promise<InteractionResponse> {
  const button = parseTaskButtonId(customId);
  if (!button) return ephemeral('This button is not one this bot knows (it may come from an older version). Run the command again.');
  const [task, flags] = await Promise.all([deps.tasks.get(button.taskId), deps.flags.all()]);
  if (!task) return ephemeral(`Request \`${button.taskId}\` no longer exists. Run the command again for a new preview.`);

  const agent = deps.agents.byId(task.agentId);
  const access = agent ?? unregisteredAgentAccess(task.agentId);
  // Checked against the flags as they are now, not as they were when it was asked.
  const permission: Permission =
    button.action === 'confirm'
      ? mayConfirm(access, context.requester, task, flags, deps.locateFlag)
      : button.action === 'choose'
        ? mayPick(access, context.requester, task, flags, deps.locateFlag)
        : mayCancel(access, context.requester, task, flags);
  if (!permission.allowed) return ephemeral(permission.message);
  if (agent) {
    const available = agentAvailable(agent, flags, deps.locateFlag);
    if (!available.allowed) return ephemeral(available.message);
  }
  const who = context.requester.name;
  if (button.action !== 'choose' && isAbandonedExecution(task, deps.now(), deps.timings)) return staleExecutionReply(task, button.action, context, deps);
  if (!WAITING_FOR[button.action].includes(task.status)) return notWaitingReply(task, button.action);

  if (button.action === 'cancel') {
    try {
      const cancelled = await deps.tasks.transition(task.taskId, WAITING_FOR.cancel, 'cancelled', {}, `cancelled by ${who}`);
      return updateMessage(cancelledMessage(cancelled, who));
    } catch (error) {
      if (error instanceof TaskConflictError) return ephemeral(`This request is ${error.actual ?? 'gone'} and can no longer be cancelled.`);
      throw error;
    }
  }

  if (isExpired(task, deps.now())) return expire(task, who, deps);
  if (!agent) return ephemeral(`The agent "${task.agentId}" that proposed this is no longer registered, so it cannot be ${button.action === 'choose' ? 'continued' : 'confirmed'}.`);
  if (button.action === 'choose') return pickCandidateReply(task, values, who, deps);

  // One click confirms at most once: a replay of it (even after a retryable failure gave the task back) is not a new Confirm.
  if (!(await deps.ledger.claimOnce(interactionClaimKey(context.interactionId), ANSWERED_INTERACTION_HOLD_SECONDS))) {
    return ephemeral('This click was already handled; click Confirm again if the request is still waiting for it.');
  }
  const claimKey = confirmClaimKey(task.taskId);
  const item: WorkItem = { kind: 'confirm', taskId: task.taskId, interaction: interactionRef(context) };
  if (!(await claimConfirmation(claimKey, item, deps))) {
    return ephemeral('This request is already confirmed and being worked on.');
  }
  try {
    await deps.queue.enqueue(item);
  } catch (error) {
    deps.logger.error('Could not hand a confirmation to the worker', { taskId: task.taskId, error: errorMessage(error) });
    await deps.ledger.release(claimKey).catch(() => undefined);
    return ephemeral(`${agent.name} could not take the confirmation right now (the work queue refused it). Click Confirm again in a minute.`);
  }
  // Type 7 with disabled buttons: people see at once that the click registered.
  return updateMessage({ components: [workingRow(task.taskId)] });
}

/**
 * Claims the task's Confirm, recording the work item with the claim so the sweep can run it if no
 * worker ever moves the task (the process was killed right after this answer). A claim still held
 * timings.abandonedExecutionSeconds after it was taken, on a task still waiting for Confirm, was
 * left by such a stop: this click takes it over (the worker's conditional write still runs it once).
 */
async function claimConfirmation(claimKey: string, item: WorkItem, deps: InteractionDeps): Promise<boolean> {
  const note = JSON.stringify(item);
  if (await deps.ledger.claimOnce(claimKey, deps.taskTtlSeconds, note)) return true;
  const held = await deps.ledger.readClaim(claimKey);
  if (held && deps.now().getTime() - Date.parse(held.claimedAt) < deps.timings.abandonedExecutionSeconds * 1000) return false;
  deps.logger.warn('A Confirm claimed long ago never started; this click takes it over', { claimKey, claimedAt: held?.claimedAt });
  await deps.ledger.release(claimKey);
  return deps.ledger.claimOnce(claimKey, deps.taskTtlSeconds, note);
}
