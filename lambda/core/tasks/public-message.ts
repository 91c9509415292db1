import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import type { InteractionRef } from '../domain/work';
import type { PostedMessage } from '../ports/discord-api';
import type { TaskDeps } from './deps';

/** What the requester's private "thinking…" becomes: where the task's message went, for everyone. */
export interface PublishNotes {
  /** The message is the first of the task's thread (`threadMention` is `<#id>`, a link to it). */
  inThread: (threadMention: string) => string;
  /** No thread: the message is posted in the channel, below. */
  inPlace: string;
}

/** What the requester's own "thinking…" becomes once their preview (or question) is posted for everyone: in its thread, or below in the channel. */
export const PREVIEW_NOTES: PublishNotes = {
  inThread: (thread: string) => `Your preview is posted for everyone in the thread ${thread}: Confirm, Cancel or Refine it there.`,
  inPlace: 'Your preview is posted below for everyone in the channel.',
};
export const QUESTION_NOTES: PublishNotes = {
  inThread: (thread: string) => `The question is posted for everyone in the thread ${thread}: answer it there.`,
  inPlace: 'The question is posted below for everyone in the channel: answer it there.',
};

/**
 * A request that makes a task is answered privately ("thinking…" only the requester sees: deferred
 * ephemeral), so a refusal or a question without a menu never stands in the channel. Once the
 * answer is a preview (or a question with a menu) it becomes public: the private answer is edited
 * first (Discord: the first message after an ephemeral deferral is that deferral, ephemeral too),
 * then the preview is a follow-up of its own, which everyone sees.
 */
export async function showPublicly(interaction: InteractionRef, message: DiscordMessage, deps: Pick<TaskDeps, 'discord'>, note: string = PREVIEW_NOTES.inPlace): Promise<void | PostedMessage> {
  const { applicationId, token } = interaction;
  await deps.discord.editOriginal(applicationId, token, { content: note, embeds: [], components: [], allowed_mentions: NO_MENTIONS });
  return deps.discord.followUp(applicationId, token, message);
}
