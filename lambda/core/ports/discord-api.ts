import type { DiscordMessage } from '../domain/discord-message';

/**
 * Discord REST (API v10). Every call sends `allowed_mentions: { parse: [] }` unless the
 * message names users to mention; honours 429 `retry_after`; retries 5xx a bounded number of times.
 */
export interface DiscordApi {
  /** PATCH /webhooks/{application_id}/{token}/messages/@original (interaction token, 15 minutes); Discord answers with the message (its id and channel). */
  editOriginal(applicationId: string, token: string, message: DiscordMessage): Promise<void | PostedMessage>;
  /** DELETE /webhooks/{application_id}/{token}/messages/@original: the interaction's own answer taken back (a public "Working…" that came to nothing). */
  deleteOriginal?(applicationId: string, token: string): Promise<void>;
  /** POST /webhooks/{application_id}/{token}: a follow-up message (Discord answers with it). */
  followUp(applicationId: string, token: string, message: DiscordMessage): Promise<void | PostedMessage>;
  /**
   * POST /channels/{channel_id}/messages with the bot token. With `idempotencyKey` (the notice's
   * ledger claim), Discord is asked to create the message once (`nonce` + `enforce_nonce`), so a
   * retry of a request that timed out returns the message already posted instead of a second one.
   */
  createMessage(channelId: string, message: DiscordMessage, idempotencyKey?: string): Promise<{ id: string }>;
  /**
   * POST /channels/{channel_id}/threads with the bot token: a public thread of its own (no starter
   * message), shown in the channel as one line with its name; what the bot posts in it (createMessage
   * to the thread's id) is its first message. 403 without Create Public Threads, 400 in a DM or inside
   * a thread (DiscordApiError).
   */
  startThread?(channelId: string, name: string): Promise<{ id: string }>;
  /** PATCH /channels/{channel_id}/messages/{message_id} with the bot token: a message the bot sent, edited after its interaction token died. */
  editMessage?(channelId: string, messageId: string, message: DiscordMessage): Promise<void>;
}

/** A message as Discord answers for it: where it is. */
export interface PostedMessage {
  id: string;
  channelId: string;
}

export class DiscordApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * A 4xx other than 429 (400 a bad upload, 403 no Attach Files or no access, 413 too large): the same request
 * would be refused again. 429, 5xx and network failures are not (they are retried or thrown).
 */
export function isRefusedForGood(error: unknown): error is DiscordApiError {
  return error instanceof DiscordApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}
