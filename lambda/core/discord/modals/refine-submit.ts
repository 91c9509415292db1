import { errorMessage } from '../../domain/error-message';
import { isExpired, type Task } from '../../domain/task';
import { isUndoRequest } from '../../domain/undo-request';
import { parseTaskButtonId } from '../../tasks/buttons';
import { CANCELLABLE, cancel, expire } from '../../tasks/cancel';
import { cancelledMessage, expiredMessage } from '../../tasks/messages';
import { accessOf, agentAvailable, mayCancel, mayConfirm, mayRefine, unregisteredAgentAccess } from '../../tasks/permissions';
import { notWaitingReply } from '../buttons/not-waiting-reply';
import type { InteractionDeps } from '../interaction-deps';
import { interactionRef, type InteractionContext } from '../interaction';
import { deferred, deferredEphemeral, deferredUpdate, ephemeral, reply, updateMessage, type InteractionResponse } from '../responses';
import { revertTaskReply } from '../buttons/revert-click';
import { REFINE_TEXT_ID } from './refine-box';

/** Where the words came from: the Refine box under the preview (its message can be updated), or a request typed in the task's thread. */
export type RefineSource = 'box' | 'thread';

/** The Refine box submitted: its words go to the open preview's task. */
export async function refineSubmitReply(customId: string, fields: Readonly<Record<string, string>>, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const button = parseTaskButtonId(customId);
  if (!button || button.action !== 'refine') return ephemeral('This form is not one this bot knows (it may come from an older version). Click Refine under the preview again.');
  return refineRequestReply(button.taskId, fields[REFINE_TEXT_ID] ?? '', 'box', context, deps);
}

/**
 * Words for an open task (the Refine box, or /ux-update in its thread), checked and answered within
 * 3 s: "undo that" cancels a task waiting for a person; anything else is handed to the worker's
 * `refine` move with the version read here, so of two refinements at once only one is applied.
 * Nothing public is said here: the worker replaces the preview, or tells the person alone why not.
 */
export async function refineRequestReply(taskId: string, words: string, source: RefineSource, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const text = words.trim();
  const [task, flags] = await Promise.all([deps.tasks.get(taskId), deps.flags.all()]);
  if (!task) return ephemeral(`Request \`${taskId}\` no longer exists. Run the command again for a new preview.`);
  const agent = deps.agents.byId(task.agentId);
  const access = agent ?? unregisteredAgentAccess(task.agentId);
  const undo = isUndoRequest(text);
  // After merge, undoing is the Revert Agent's: its preview follows, checked as the Revert button is.
  if (undo && task.status === 'merged') return revertTaskReply(task.taskId, context, deps);
  if (undo && task.status === 'pr_open') return withdrawReply(task, context, deps);
  if (undo && CANCELLABLE.includes(task.status)) {
    const permission = mayCancel(access, context.requester, task, flags);
    if (!permission.allowed) return ephemeral(permission.message);
    return undoBeforeConfirm(task, source, context, deps);
  }
  const permission = mayRefine(access, context.requester, task, flags, deps.locateFlag);
  if (!permission.allowed) return ephemeral(permission.message);
  if (agent) {
    const available = agentAvailable(agent, flags, deps.locateFlag);
    if (!available.allowed) return ephemeral(available.message);
  }
  if (undo) return ephemeral(undoTooLate(task));
  if (task.status !== 'awaiting_confirmation') return notWaitingReply(task, 'refine');
  if (isExpired(task, deps.now())) {
    await expire(task, context.requester.name, deps);
    return source === 'box' ? updateMessage(expiredMessage(task)) : ephemeral(expiredMessage(task).content ?? 'This request expired.');
  }
  if (!agent) return ephemeral(`The agent "${task.agentId}" that proposed this is no longer registered, so its preview cannot be refined. Cancel it and ask again.`);
  if (text === '') return ephemeral('The Refine box was empty, so the preview stays as it was. Say what should change, e.g. `darker`, `call it "Plans"` or `also make the footer blue`.');
  try {
    await deps.queue.enqueue({ kind: 'refine', interaction: interactionRef(context), taskId: task.taskId, text, version: task.version, ...(source === 'thread' ? { fromThread: true } : {}) });
  } catch (error) {
    deps.logger.error('Could not hand a refinement to the worker', { taskId: task.taskId, error: errorMessage(error) });
    return ephemeral(`${agent.name} could not take the refinement right now (the work queue refused it), so the preview stays as it was. Try again in a minute.`);
  }
  // The box: the preview message is edited in place by the worker. The thread: only the person sees "thinking…" until the preview is replaced.
  return source === 'box' ? deferredUpdate() : deferredEphemeral();
}

async function undoBeforeConfirm(task: Task, source: RefineSource, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const who = context.requester.name;
  const cancelled = await cancel(task, who, deps);
  if (cancelled.kind !== 'cancelled') return ephemeral(`This request is ${cancelled.status ?? 'gone'} and can no longer be cancelled.`);
  const message = cancelledMessage(cancelled.task, who);
  // In the box the preview itself becomes the sentence; in the thread it is said to everyone there, and the worker takes the preview's buttons away.
  if (source === 'box') return updateMessage(message);
  if (cancelled.task.previewMessageId) {
    await deps.queue.enqueue({ kind: 'close-preview', taskId: cancelled.task.taskId }).catch((error: unknown) => {
      deps.logger.warn('Could not hand the closing of the cancelled preview to the worker; its buttons stay', { taskId: cancelled.task.taskId, error: errorMessage(error) });
    });
  }
  return reply(message);
}

/** "undo that" on an open draft pull request: checked as a Confirm here and again by the worker, which closes it and deletes the branch. */
async function withdrawReply(task: Task, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const flags = await deps.flags.all();
  // The same roles as Confirm; a second approver is not needed to take a change back.
  const permission = mayConfirm(accessOf(task, deps.agents), context.requester, task, { ...flags, 'require-second-approver': false }, deps.locateFlag);
  if (!permission.allowed) return ephemeral(`Not undone, the pull request stays open: ${permission.message}`);
  try {
    await deps.queue.enqueue({ kind: 'withdraw', interaction: interactionRef(context), taskId: task.taskId });
  } catch (error) {
    deps.logger.error('Could not hand an undo to the worker', { taskId: task.taskId, error: errorMessage(error) });
    return ephemeral('The undo could not be taken right now (the work queue refused it); the pull request stays open. Try again in a minute.');
  }
  return deferred();
}

/** "undo that" once the task has moved past Confirm, said where it cannot act yet. */
function undoTooLate(task: Task): string {
  switch (task.status) {
    case 'executing':
      return 'This request is being worked on right now; once its draft pull request is open, say `undo that` again to close it.';
    default:
      return `This request is ${task.status.replace(/_/g, ' ')}, so there is nothing left to undo.`;
  }
}
