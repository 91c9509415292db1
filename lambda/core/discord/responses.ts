import type { APIInteractionResponseDeferredChannelMessageWithSource, InteractionResponseType } from 'discord-api-types/v10';
import { DISCORD_LIMITS, EPHEMERAL, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';

/** Interaction callback types (API v10): each number is checked against discord-api-types' InteractionResponseType. */
export const ResponseType: {
  readonly PONG: InteractionResponseType.Pong;
  readonly CHANNEL_MESSAGE: InteractionResponseType.ChannelMessageWithSource;
  readonly DEFERRED_CHANNEL_MESSAGE: InteractionResponseType.DeferredChannelMessageWithSource;
  readonly DEFERRED_UPDATE_MESSAGE: InteractionResponseType.DeferredMessageUpdate;
  readonly UPDATE_MESSAGE: InteractionResponseType.UpdateMessage;
} = { PONG: 1, CHANNEL_MESSAGE: 4, DEFERRED_CHANNEL_MESSAGE: 5, DEFERRED_UPDATE_MESSAGE: 6, UPDATE_MESSAGE: 7 };

/** The answers the bot gives within Discord's 3 s: Discord's response types, with the bot's messages as their data. */
export type InteractionResponse =
  | { type: InteractionResponseType.Pong }
  | { type: InteractionResponseType.ChannelMessageWithSource; data: DiscordMessage }
  | APIInteractionResponseDeferredChannelMessageWithSource
  | { type: InteractionResponseType.UpdateMessage; data: DiscordMessage };

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
