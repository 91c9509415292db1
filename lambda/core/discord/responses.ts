import type {
  APIApplicationCommandAutocompleteResponse,
  APIInteractionResponseDeferredChannelMessageWithSource,
  APIInteractionResponseDeferredMessageUpdate,
  APIModalInteractionResponse,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS, EPHEMERAL, NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';

/** Interaction callback types (API v10): each number is checked against discord-api-types' InteractionResponseType. */
export const ResponseType: {
  readonly PONG: InteractionResponseType.Pong;
  readonly CHANNEL_MESSAGE: InteractionResponseType.ChannelMessageWithSource;
  readonly DEFERRED_CHANNEL_MESSAGE: InteractionResponseType.DeferredChannelMessageWithSource;
  readonly DEFERRED_UPDATE_MESSAGE: InteractionResponseType.DeferredMessageUpdate;
  readonly UPDATE_MESSAGE: InteractionResponseType.UpdateMessage;
  readonly AUTOCOMPLETE_RESULT: InteractionResponseType.ApplicationCommandAutocompleteResult;
  readonly MODAL: InteractionResponseType.Modal;
} = { PONG: 1, CHANNEL_MESSAGE: 4, DEFERRED_CHANNEL_MESSAGE: 5, DEFERRED_UPDATE_MESSAGE: 6, UPDATE_MESSAGE: 7, AUTOCOMPLETE_RESULT: 8, MODAL: 9 };

/** The answers the bot gives within Discord's 3 s: Discord's response types, with the bot's messages as their data. */
export type InteractionResponse =
  | { type: InteractionResponseType.Pong }
  | { type: InteractionResponseType.ChannelMessageWithSource; data: DiscordMessage }
  | APIInteractionResponseDeferredChannelMessageWithSource
  | APIInteractionResponseDeferredMessageUpdate
  | { type: InteractionResponseType.UpdateMessage; data: DiscordMessage }
  | APIModalInteractionResponse
  | APIApplicationCommandAutocompleteResponse;

const withoutMentions = (message: DiscordMessage): DiscordMessage => ({ allowed_mentions: NO_MENTIONS, ...message });

export const pong = (): InteractionResponse => ({ type: ResponseType.PONG });

/** A message in the channel, answered within the 3-second window. */
export const reply = (message: DiscordMessage): InteractionResponse => ({ type: ResponseType.CHANNEL_MESSAGE, data: withoutMentions(message) });

/** A sentence only the caller sees. */
// A refusal naming six flag locations (long local paths) must still be a message Discord accepts.
export const ephemeral = (content: string): InteractionResponse => reply({ content: shorten(content, DISCORD_LIMITS.content), flags: EPHEMERAL });

/** "<bot> is thinking…": the worker edits the message later. */
export const deferred = (): InteractionResponse => ({ type: ResponseType.DEFERRED_CHANNEL_MESSAGE });

/** "thinking…" only the caller sees: for work whose answer may be a refusal (the worker follows up in public once it is a preview). */
export const deferredEphemeral = (): InteractionResponse => ({ type: ResponseType.DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } });

/** The message stays as it is for now; the worker edits it (a modal submitted from its button). */
export const deferredUpdate = (): InteractionResponse => ({ type: ResponseType.DEFERRED_UPDATE_MESSAGE });

/** A popup form (the Refine box). */
export const modal = (data: APIModalInteractionResponse['data']): InteractionResponse => ({ type: ResponseType.MODAL, data });

/** Autocomplete suggestions (at most 25). */
export const autocompleteChoices = (choices: ReadonlyArray<{ name: string; value: string }>): InteractionResponse => ({
  type: ResponseType.AUTOCOMPLETE_RESULT,
  data: { choices: choices.slice(0, 25).map((c) => ({ name: c.name, value: c.value })) },
});

/** Edits the message the button belongs to; omitted fields stay as they are. */
export const updateMessage = (message: DiscordMessage): InteractionResponse => ({ type: ResponseType.UPDATE_MESSAGE, data: withoutMentions(message) });
