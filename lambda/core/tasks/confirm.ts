import { DISCORD_LIMITS, type DiscordMessage } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';
import { TaskConflictError, TaskNotFoundError, isAbandonedExecution, type Task } from '../domain/task';
import type { WorkItem } from '../domain/work';
import { recordAudit } from './audit';
import { confirmCancelRow } from './buttons';
import { errorText, type ConfirmItem, type TaskDeps } from './deps';
import { runExecution } from './execute';
import { confirmClaimKey } from './ledger-keys';
import { cancelledMessage, expiredMessage, failureMessage } from './messages';
import { accessOf, mayConfirm } from './permissions';
import { resumeExecution } from './resume';
import { closeMessage, inTaskThread } from './thread';

/**
 * Confirm, in two halves. The click (the interactions function, within 3 s) claims the task's
 * Confirm, recording its work item with the claim; the worker then moves the task to `executing`
 * and runs it, or, finding it moved on, answers for the state it is in.
 */

/**
 * Claims the task's Confirm, recording the work item with the claim so the sweep can run it if no
 * worker ever moves the task (the process was killed right after this answer). A claim still held
 * timings.abandonedExecutionSeconds after it was taken, on a task still waiting for Confirm, was
 * left by such a stop: this click takes it over (the worker's conditional write still runs it once).
 */
export async function claimConfirmation(claimKey: string, item: WorkItem, deps: Pick<TaskDeps, 'ledger' | 'taskTtlSeconds' | 'timings' | 'logger' | 'now'>): Promise<boolean> {
  const note = JSON.stringify(item);
  if (await deps.ledger.claimOnce(claimKey, deps.taskTtlSeconds, note)) return true;
  const held = await deps.ledger.readClaim(claimKey);
  if (held && deps.now().getTime() - Date.parse(held.claimedAt) < deps.timings.abandonedExecutionSeconds * 1000) return false;
  deps.logger.warn('A Confirm claimed long ago never started; this click takes it over', { claimKey, claimedAt: held?.claimedAt });
  await deps.ledger.release(claimKey);
  return deps.ledger.claimOnce(claimKey, deps.taskTtlSeconds, note);
}
export async function confirm(item: ConfirmItem, deps: TaskDeps): Promise<void> {
  const task = await deps.tasks.get(item.taskId);
  if (!task) {
    deps.logger.info('Confirmation skipped: the task no longer exists', { taskId: item.taskId });
    return;
  }
  switch (task.status) {
    case 'awaiting_confirmation':
      return startExecution(task, item, deps);
    case 'executing':
      return continueExecution(task, item, deps);
    case 'cancelled':
    case 'expired':
      return showLostConfirmation(task, item, deps);
    default:
      // Another click or a retried event already moved it: nothing to do twice.
      deps.logger.info('Confirmation skipped: the task already moved', { taskId: item.taskId, status: task.status });
  }
}

export async function startExecution(task: Task, item: ConfirmItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  let executing: Task;
  try {
    // Flags may have changed since the click: the confirmer must still be allowed to make changes.
    const permission = mayConfirm(accessOf(task, deps.agents), requester, task, await deps.flags.all(), deps.locateFlag);
    if (!permission.allowed) return await refuseConfirmation(task, item, permission.message, deps);
    executing = await deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'executing', { interactionToken: token, confirmedBy: requester }, `confirmed by ${requester.name}`);
  } catch (error) {
    if (error instanceof TaskConflictError || error instanceof TaskNotFoundError) {
      const now = await deps.tasks.get(task.taskId);
      // Lost to a Cancel, a duplicate delivery or the deadline: handle it as the state it is in.
      if (now && now.status !== 'awaiting_confirmation') return confirm(item, deps);
      deps.logger.info('Confirmation skipped: the task already moved', { taskId: task.taskId, error: errorText(error) });
      return;
    }
    deps.logger.error('Could not start the work', { taskId: task.taskId, error: errorText(error) });
    await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
    await show({
      ...failureMessage('Could not start the work', error, 'Nothing was changed. Click Confirm again in a minute.'),
      components: [confirmCancelRow(task.taskId)],
    });
    return;
  }
  // In the thread the preview stays above the work's own message, without buttons.
  if (inTaskThread(executing, item.interaction.channelId)) await closeMessage(task.taskId, item.interaction.channelId, item.interaction.messageId, deps);
  await recordAudit(executing, { action: 'confirm' }, deps);
  await runExecution(executing, deps);
}

/**
 * Confirm reached a task no longer waiting for it, typically because a Cancel won the race. The
 * click already answered "Working…"; replace it with the real state once that answer can no
 * longer land after this edit.
 */
async function showLostConfirmation(task: Task, item: ConfirmItem, deps: TaskDeps): Promise<void> {
  deps.logger.info('Confirmation lost: the task is no longer waiting for it', { taskId: task.taskId, status: task.status });
  await waitForClickAnswer(item.interaction.interactionId, deps);
  const message = task.status === 'cancelled' ? cancelledMessage(task, cancelledBy(task)) : expiredMessage(task);
  await deps.discord.editOriginal(item.interaction.applicationId, item.interaction.token, message);
}

/** Discord applies a click's own answer only within 3 s of the click (the id is a snowflake: it carries the time). */
const CLICK_ANSWER_MS = 3000;
const DISCORD_EPOCH_MS = 1_420_070_400_000;
export const snowflakeTime = (id: string): number => Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;

async function waitForClickAnswer(interactionId: string, deps: TaskDeps): Promise<void> {
  let clickedAt: number;
  try {
    clickedAt = snowflakeTime(interactionId);
  } catch {
    return;
  }
  const wait = Math.min(CLICK_ANSWER_MS, clickedAt + CLICK_ANSWER_MS - deps.now().getTime());
  if (wait > 0) await (deps.sleep ?? defaultSleep)(wait);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const cancelledBy = (task: Task): string => {
  const entry = [...task.trace].reverse().find((e) => e.event === 'cancelled');
  return entry?.detail?.replace(/^cancelled by /, '') || 'someone';
};

/** The confirmer may no longer make changes: Confirm stays open (for someone who may), and they are told why. */
async function refuseConfirmation(task: Task, item: ConfirmItem, reason: string, deps: TaskDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  deps.logger.warn('Confirmation refused: the confirmer may no longer make changes', { taskId: task.taskId, userId: requester.id });
  await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
  if (inTaskThread(task, item.interaction.channelId)) {
    // The click's public "Working…" below the preview (whose buttons are still there) is taken back: the refusal is the clicker's alone.
    if (deps.discord.deleteOriginal) await deps.discord.deleteOriginal(applicationId, token);
    else await deps.discord.editOriginal(applicationId, token, { content: 'Not confirmed: the preview above is still open.', components: [] });
  } else {
    // Only the buttons change: the preview above them stays as it was.
    await deps.discord.editOriginal(applicationId, token, { components: [confirmCancelRow(task.taskId)] });
  }
  await deps.discord.followUp(applicationId, token, { content: shorten(`Not confirmed, nothing was changed: ${reason}`, DISCORD_LIMITS.content), flags: EPHEMERAL_FLAG });
  await deps.ledger
    .audit({ subject: `task#${task.taskId}`, action: 'confirm:refused', actorId: requester.id, detail: reason, requester: { id: task.requesterId, name: task.requesterName } })
    .catch(() => undefined);
}

const EPHEMERAL_FLAG = 64;

/** Thrown to have Lambda deliver the work item again later: the attempt it may be a retry of could still be running. */
export class ExecutionInProgressError extends Error {}

/**
 * Confirm's work item found the task already `executing`. Within timings.abandonedExecutionSeconds of
 * its start a worker may still be on it; past that, the worker that started it has stopped and
 * this one resumes the work (same branch, same pull request).
 */
async function continueExecution(task: Task, item: ConfirmItem, deps: TaskDeps): Promise<void> {
  if (isAbandonedExecution(task, deps.now(), deps.timings)) {
    await resumeExecution(task, { token: item.interaction.token, requester: item.interaction.requester, clicked: true }, deps);
    return;
  }
  if (task.interactionToken === item.interaction.token) {
    // The same work item again: a duplicate delivery, or Lambda's retry of an attempt that crashed early.
    throw new ExecutionInProgressError(
      `Task ${task.taskId} has been executing since ${task.updatedAt}; it counts as stopped after ${deps.timings.abandonedExecutionSeconds} s, so this delivery is left for Lambda's next retry.`,
    );
  }
  deps.logger.info('Confirmation skipped: the task is being worked on', { taskId: task.taskId });
}
