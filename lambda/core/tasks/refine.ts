import { DISCORD_LIMITS, EPHEMERAL, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';
import { TaskConflictError, TaskNotFoundError, TaskTooLargeError, isExpired, type Task, type TaskChanges } from '../domain/task';
import { confirmDeadline, errorText, type RefineItem, type TaskDeps } from './deps';
import { expire } from './cancel';
import { choiceMessage, expiredMessage, failureMessage, proposalMessage } from './messages';
import { accessOf, mayRefine } from './permissions';
import { keepSiteOutline } from './site-outline';
import { closeMessage, inTaskThread } from './thread';

/** Said to the person whose refinement lost the race; the preview shows the winner's. */
export const REFINED_MEANWHILE = 'Someone else refined this preview at the same moment, and theirs is the one shown now, so your words were not applied. Read the preview again, then Refine it if it still needs your change.';

/**
 * Refine (the worker, after the Refine box or /ux-update in the task's thread): the agent reads the
 * words against the task's current proposal; an amended proposal replaces the open preview on the same
 * task with one conditional write on the version the click read (`awaiting_confirmation →
 * awaiting_confirmation`), so of two refinements at once one wins and the other is told. Refusals and
 * questions without a menu are for the person alone (ephemeral); the open preview stays as it was.
 * Nothing is committed: that is Confirm's.
 */
export async function refine(item: RefineItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  const tell = async (message: DiscordMessage): Promise<void> => {
    await deps.discord.followUp(applicationId, token, privately(message));
  };
  const task = await deps.tasks.get(item.taskId);
  if (!task) return tell({ content: `Request \`${item.taskId}\` no longer exists, so nothing was refined. Run the command again for a new preview.` });
  if (!unchangedSince(task, item.version)) return tell({ content: REFINED_MEANWHILE });
  // Notes recorded since the click (the task's thread) change nothing it proposes: the guard moves to the version read now.
  const guard = { version: task.version };
  if (task.status !== 'awaiting_confirmation') return tell({ content: `This request is ${task.status.replace(/_/g, ' ')} now, so its preview can no longer be refined.` });
  if (isExpired(task, deps.now())) {
    await expire(task, requester.name, deps);
    return tell(expiredMessage(task));
  }
  const agent = deps.agents.byId(task.agentId);
  if (!agent?.refine) {
    return tell({ content: `${agent?.name ?? 'This agent'} cannot refine its previews. Confirm or Cancel this one, or Cancel it and ask again with the whole request.` });
  }
  try {
    const flags = await deps.flags.all();
    // Flags may have changed since the click: the person must still be allowed to ask for this work.
    const permission = mayRefine(accessOf(task, deps.agents), requester, task, flags, deps.locateFlag);
    if (!permission.allowed) return await tell({ content: permission.message });
    const outcome = await agent.refine(task, item.text, requester, { flags, now: deps.now });
    await keepSiteOutline(agent, deps);
    const note = `refined by ${requester.name}: ${shorten(item.text, 120)}`;
    switch (outcome.kind) {
      case 'proposal': {
        const amended = await replaceProposal(task.taskId, 'awaiting_confirmation', { proposal: outcome.proposal, summary: outcome.summary, confirmBy: confirmDeadline(deps) }, note, guard.version, deps);
        await deps.ledger
          .audit({ subject: `task#${task.taskId}`, action: 'refine', actorId: requester.id, detail: shorten(item.text, 300), requester: { id: task.requesterId, name: task.requesterName } })
          .catch((error: unknown) => deps.logger.warn('Audit record failed', { taskId: task.taskId, action: 'refine', error: errorText(error) }));
        await showOnTask(amended, proposalMessage(amended, outcome.preview), item, deps);
        return;
      }
      case 'choice': {
        const candidates = outcome.candidates.slice(0, DISCORD_LIMITS.selectOptions);
        const asking = await replaceProposal(task.taskId, 'awaiting_choice', { candidates, confirmBy: confirmDeadline(deps) }, note, guard.version, deps);
        await showOnTask(asking, choiceMessage(asking, outcome.question, candidates, outcome.candidates.length - candidates.length), item, deps);
        return;
      }
      case 'clarification':
      case 'rejected':
      case 'answer':
        return await tell(outcome.message);
    }
  } catch (error) {
    if (error instanceof TaskConflictError || error instanceof TaskNotFoundError) return tell({ content: REFINED_MEANWHILE });
    if (error instanceof TaskTooLargeError) {
      return tell({ content: `The refined proposal is too large to keep while it waits for Confirm (${Math.ceil(error.bytes / 1024)} KB), so the preview stays as it was. Drop a change, or Confirm this one and ask for the rest separately.` });
    }
    deps.logger.error('Refining failed', { taskId: task.taskId, error: errorText(error) });
    return tell(failureMessage(`${agent.name} could not refine the preview`, error, 'The preview stays as it was. Try again in a minute.'));
  }
}

/**
 * The amended preview (or question) shown. From the task's thread (the Refine box of a message there,
 * or words typed there) it is a new message below the earlier one, which loses its buttons: the
 * thread reads as the conversation it was. In place (no thread), the Refine box's message is replaced.
 */
async function showOnTask(task: Task, message: DiscordMessage, item: RefineItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token } = item.interaction;
  if (!task.threadId || !(item.fromThread || inTaskThread(task, item.interaction.channelId))) {
    await deps.discord.editOriginal(applicationId, token, message);
    return;
  }
  let posted: { id: string };
  try {
    posted = await deps.discord.createMessage(task.threadId, message);
  } catch (error) {
    // The task holds the amended proposal now: the open message must show it, so it is replaced in place.
    deps.logger.warn('Could not post the amended preview in the thread; replacing the open one', { taskId: task.taskId, error: errorText(error) });
    if (!item.fromThread || !task.previewMessageId || !deps.discord.editMessage) return void (await deps.discord.editOriginal(applicationId, token, message));
    await deps.discord.editMessage(task.threadId, task.previewMessageId, message);
    await deps.discord.editOriginal(applicationId, token, { content: 'Refined: the preview above shows it now. Confirm it there.', allowed_mentions: NO_MENTIONS });
    return;
  }
  await deps.tasks.annotate(task.taskId, { previewMessageId: posted.id }, 'amended preview posted').catch((error: unknown) => {
    deps.logger.warn('Could not record the amended preview; a later refinement leaves its buttons', { taskId: task.taskId, error: errorText(error) });
  });
  if (item.fromThread) {
    await closeMessage(task.taskId, task.threadId, task.previewMessageId, deps);
    await deps.discord.editOriginal(applicationId, token, { content: 'Refined: the amended preview is the newest message of this thread. Confirm it there.', allowed_mentions: NO_MENTIONS });
  } else {
    // The box's message is the interaction's own: the deferred update ends with its buttons gone.
    await deps.discord.editOriginal(applicationId, token, { components: [] });
  }
}

/**
 * The amended proposal written on the version the refinement was read against; a note written
 * meanwhile (the task's thread, recorded just after its preview) is no other refinement, so the
 * write is made again on the version after it. Any other move wins: TaskConflictError.
 */
async function replaceProposal(taskId: string, to: 'awaiting_confirmation' | 'awaiting_choice', changes: TaskChanges, note: string, version: number, deps: TaskDeps): Promise<Task> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await deps.tasks.transition(taskId, 'awaiting_confirmation', to, changes, note, { version });
    } catch (error) {
      if (!(error instanceof TaskConflictError) || attempt >= 2) throw error;
      const latest = await deps.tasks.get(taskId);
      if (!latest || latest.status !== 'awaiting_confirmation' || !unchangedSince(latest, version)) throw error;
      version = latest.version;
    }
  }
}

/** The task is as the click read it at `version`, or only notes (no move, e.g. its thread recorded) were written since. */
function unchangedSince(task: Task, version: number): boolean {
  if (task.version === version) return true;
  if (task.version < version) return false;
  return task.trace.slice(-(task.version - version)).every((entry) => entry.event === 'noted');
}

const privately = (message: DiscordMessage): DiscordMessage => ({
  ...message,
  ...(typeof message.content === 'string' ? { content: shorten(message.content, DISCORD_LIMITS.content) } : {}),
  components: [],
  flags: EPHEMERAL,
  allowed_mentions: NO_MENTIONS,
});
