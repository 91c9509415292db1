import { EPHEMERAL, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { errorText, type PickItem, type TaskDeps } from './deps';
import { ANSWERED_INTERACTION_HOLD_SECONDS, interactionClaimKey } from './ledger-keys';
import { failureMessage, proposalMessage } from './messages';
import { pick } from './pick';
import type { PublishNotes } from './public-message';
import { publishTask, threadNameOf } from './thread';

/** What the private question becomes once the picked preview is posted for everyone. */
export const PICK_NOTES: PublishNotes = {
  inThread: (thread) => `Your pick's preview is posted for everyone in the thread ${thread}: Confirm it there.`,
  inPlace: 'Your pick is posted below for everyone in the channel, as a preview: Confirm it there.',
};

/**
 * A pick under a private question (the interactions function checked who, the pause, the status,
 * the deadline and the option, and deferred the update): the pick move makes the candidate the
 * task's proposal, then its preview is posted for everyone (Confirm / Cancel / Refine) as the first
 * message of the task's thread, as for a preview proposed directly; the private question is edited
 * to say where it went. Once per click: a replayed or twice-delivered item is skipped.
 */
export async function publishPick(item: PickItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token, interactionId, requester } = item.interaction;
  const tellPrivately = (content: string) => deps.discord.followUp(applicationId, token, { content, flags: EPHEMERAL, allowed_mentions: NO_MENTIONS });
  const claimKey = interactionClaimKey(interactionId);
  if (!(await deps.ledger.claimOnce(claimKey, deps.timings.proposeLeaseSeconds))) {
    deps.logger.info('Pick skipped: this click was already handled', { interactionId, taskId: item.taskId });
    return;
  }
  let pickedAlready = false;
  try {
    const task = await deps.tasks.get(item.taskId);
    if (!task) {
      await tellPrivately(`Request \`${item.taskId}\` no longer exists. Run the command again for a new preview.`);
      return;
    }
    const picked = await pick(task, item.index, requester.name, deps);
    if (picked.kind === 'gone') {
      await tellPrivately(`Request \`${item.taskId}\` no longer exists. Run the command again for a new preview.`);
      return;
    }
    if (picked.kind === 'moved') {
      await tellPrivately(`This request is ${picked.status.replace(/_/g, ' ')} now, so the pick changed nothing.`);
      return;
    }
    pickedAlready = true;
    const refinable = deps.agents.byId(task.agentId)?.refine !== undefined;
    const preview: DiscordMessage = proposalMessage(picked.task, picked.preview, refinable);
    await publishTask(picked.task, { embeds: [], ...preview }, item.interaction, threadNameOf(task.options, task.command), PICK_NOTES, deps);
    await deps.ledger.hold(claimKey, ANSWERED_INTERACTION_HOLD_SECONDS).catch(() => undefined);
  } catch (error) {
    deps.logger.error('Posting the picked preview failed', { taskId: item.taskId, error: errorText(error) });
    // Not picked yet: the click may come again. Picked: the task waits for a Confirm nobody can see, and lapses at its deadline.
    if (!pickedAlready) await deps.ledger.release(claimKey).catch(() => undefined);
    const next = pickedAlready ? 'Nothing was changed; run the command again for a new preview.' : 'Pick again in a minute; if it keeps failing, ask an operator to check the worker logs.';
    const failed = failureMessage(pickedAlready ? 'Your pick was taken but its preview could not be posted' : 'Could not continue with your pick', error, next);
    await tellPrivately(failed.content ?? next);
  }
}
