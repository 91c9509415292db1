import { isAbandonedExecution, isExpired, type TaskStatus } from '../../domain/task';
import { CANCELLABLE, cancel, expire } from '../../tasks/cancel';
import type { InteractionDeps } from '../interaction-deps';
import { interactionRef, type InteractionContext } from '../interaction';
import { ANSWERED_INTERACTION_HOLD_SECONDS, confirmClaimKey, interactionClaimKey } from '../../tasks/ledger-keys';
import type { WorkItem } from '../../domain/work';
import { agentAvailable, mayCancel, mayConfirm, mayPick, mayRefine, unregisteredAgentAccess, type Permission } from '../../tasks/permissions';
import { ephemeral, modal, reply, updateMessage, type InteractionResponse } from '../responses';
import { refineBox } from '../modals/refine-box';
import { parseTaskButtonId, workingRow, type TaskAction } from '../../tasks/buttons';
import { cancelledMessage, expiredMessage, personName } from '../../tasks/messages';
import { inTaskThread } from '../../tasks/thread';
import { errorMessage } from '../../domain/error-message';
import { claimConfirmation } from '../../tasks/confirm';
import { pickCandidateReply } from './candidate-pick';
import { notWaitingReply } from './not-waiting-reply';
import { staleExecutionReply } from './stale-execution';

/** What each action needs the task to be waiting for. */
const WAITING_FOR: Readonly<Record<TaskAction, readonly TaskStatus[]>> = {
  confirm: ['awaiting_confirmation'],
  choose: ['awaiting_choice'],
  cancel: CANCELLABLE,
  refine: ['awaiting_confirmation'],
};

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
        : button.action === 'refine'
          ? mayRefine(access, context.requester, task, flags, deps.locateFlag)
          : mayCancel(access, context.requester, task, flags);
  if (!permission.allowed) return ephemeral(permission.message);
  if (agent) {
    const available = agentAvailable(agent, flags, deps.locateFlag);
    if (!available.allowed) return ephemeral(available.message);
  }
  const who = context.requester.name;
  if ((button.action === 'confirm' || button.action === 'cancel') && isAbandonedExecution(task, deps.now(), deps.timings)) return staleExecutionReply(task, button.action, context, deps);
  if (!WAITING_FOR[button.action].includes(task.status)) return notWaitingReply(task, button.action);

  if (button.action === 'cancel') {
    const cancelled = await cancel(task, who, deps);
    return cancelled.kind === 'cancelled' ? updateMessage(cancelledMessage(cancelled.task, who)) : ephemeral(`This request is ${cancelled.status ?? 'gone'} and can no longer be cancelled.`);
  }

  // Past `confirmBy`, a pick or a Confirm moves the task to `expired` and says so instead of acting.
  if (isExpired(task, deps.now())) {
    await expire(task, who, deps);
    return updateMessage(expiredMessage(task));
  }
  if (!agent) return ephemeral(`The agent "${task.agentId}" that proposed this is no longer registered, so it cannot be ${button.action === 'confirm' ? 'confirmed' : 'continued'}.`);
  if (button.action === 'choose') return pickCandidateReply(task, values, context, deps);
  // The box opens at once; its words go to the worker when it is submitted (modals/refine-submit.ts).
  if (button.action === 'refine') return modal(refineBox(task.taskId));

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
  // In the task's thread the work is a message of its own below the preview (the worker takes the
  // preview's buttons away and turns this message into the outcome); in place, type 7 with disabled buttons.
  if (inTaskThread(task, context.channelId)) return reply({ content: `Confirmed by ${personName(who)}. Working on it…`, components: [workingRow(task.taskId)] });
  return updateMessage({ components: [workingRow(task.taskId)] });
}
