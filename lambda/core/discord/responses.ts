import { InteractionResponseType } from 'discord-interactions';
import { DISCORD_LIMITS, EPHEMERAL, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';

/** Interaction callback types (API v10), as discord-interactions names them. */
export const ResponseType = {
  PONG: InteractionResponseType.PONG,
  CHANNEL_MESSAGE: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
  DEFERRED_CHANNEL_MESSAGE: InteractionResponseType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
  DEFERRED_UPDATE_MESSAGE: InteractionResponseType.DEFERRED_UPDATE_MESSAGE,
  UPDATE_MESSAGE: InteractionResponseType.UPDATE_MESSAGE,
} as const;

export type InteractionResponse =
  | { type: typeof ResponseType.PONG }
  | { type: typeof ResponseType.CHANNEL_MESSAGE; data: DiscordMessage }
  | { type: typeof ResponseType.DEFERRED_CHANNEL_MESSAGE; data?: { flags?: number } }
  | { type: typeof ResponseType.UPDATE_MESSAGE; data: DiscordMessage };

const withoutMentions = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: NO_MENTIONS, ...message });

export const pong = (): InteractionResponse => ({ type: ResponseType.PONG });

/** A message in the channel, answered within the 3-second window. */
export const reply = (message: DiscordMessage): InteractionResponse => ({ type: ResponseType.CHANNEL_MESSAGE, data: withoutMentions(message) });

/** A sentence only the caller sees. */
// A refusal naming six flag locations (long local paths) must still be a message Discord accepts.
export const ephemeral = (content: string): InteractionResponse => reply({ content: shorten(content, DISCORD_LIMITS.content), flags: EPHEMERAL });

/** "<bot> is thinking…": the worker edits the message later. */
export const deferred = (): InteractionResponse => ({ type: ResponseType.DEFERRED_CHANNEL_MESSAGE });

/** Edits the message the button belongs to; omitted fields stay as they are. */
export const updateMessage = (message: DiscordMessage): InteractionResponse => ({ type: ResponseType.UPDATE_MESSAGE, data: withoutMentions(message) });
