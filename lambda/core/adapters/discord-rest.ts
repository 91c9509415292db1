import { createHash } from 'node:crypto';
import { PRODUCT } from '../contract/product';
import { DISCORD_SNOWFLAKE, DISCORD_TOKEN } from '../domain/discord-ids';
import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage, type MessageFile } from '../domain/discord-message';
import { cutToLength, shorten } from '../domain/discord-text';
import { DiscordApiError, type DiscordApi, type PostedMessage } from '../ports/discord-api';
import type { Logger } from '../ports/logger';
import type { SecretReader } from '../ports/secrets';

export const DISCORD_API_DEFAULT_BASE = 'https://discord.com/api/v10';

/** Discord asks every bot to say who it is: `DiscordBot ($url, $versionNumber)`. */
export const DISCORD_USER_AGENT = `DiscordBot (${PRODUCT.homepage}, ${PRODUCT.version})`;

export interface DiscordRestOptions {
  /** `DISCORD_API_BASE` locally and in tests; Discord's API otherwise. */
  baseUrl?: string;
  secrets: SecretReader;
  logger: Logger;
  /** Attempts per call, counting the first (429s and 5xx/network errors are retried). */
  maxAttempts?: number;
  /** Longest single wait for a 429 `retry_after` before giving up, in ms. */
  maxRetryAfterMs?: number;
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The real Discord REST client (fetch). Never logs a URL: webhook URLs carry the interaction token. */
export class DiscordRestClient implements DiscordApi {
  private readonly baseUrl: string;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly requestTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: DiscordRestOptions) {
    this.baseUrl = (options.baseUrl ?? DISCORD_API_DEFAULT_BASE).replace(/\/+$/, '');
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
    this.sleep = options.sleep ?? wait;
  }

  async editOriginal(applicationId: string, token: string, message: DiscordMessage): Promise<PostedMessage | undefined> {
    const purpose = 'edit the original message';
    const body = await this.request('PATCH', `/webhooks/${snowflakeSegment(applicationId, 'application id', purpose)}/${tokenSegment(token, purpose)}/messages/@original`, withMentions(message), purpose);
    return postedMessage(body);
  }

  async deleteOriginal(applicationId: string, token: string): Promise<void> {
    const purpose = 'delete the original message';
    await this.request('DELETE', `/webhooks/${snowflakeSegment(applicationId, 'application id', purpose)}/${tokenSegment(token, purpose)}/messages/@original`, undefined, purpose);
  }

  async startThread(channelId: string, name: string): Promise<{ id: string }> {
    const purpose = 'start a thread';
    const path = `/channels/${snowflakeSegment(channelId, 'channel id', purpose)}/threads`;
    // Type 11: a public thread. A day without messages archives it; a message in it brings it back.
    const body = await this.request('POST', path, { name: threadName(name), type: 11, auto_archive_duration: 1440 }, purpose, await this.botAuthorization(purpose));
    const id = typeof body === 'object' && body !== null && 'id' in body ? String((body as { id: unknown }).id) : '';
    return { id };
  }

  async editMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    const purpose = 'edit a message';
    const path = `/channels/${snowflakeSegment(channelId, 'channel id', purpose)}/messages/${snowflakeSegment(messageId, 'message id', purpose)}`;
    await this.request('PATCH', path, withMentions(message), purpose, await this.botAuthorization(purpose));
  }

  private async botAuthorization(purpose: string): Promise<string> {
    const token = await this.options.secrets.get('discord-bot-token');
    if (!token) throw new DiscordApiError(`The Discord bot token (secret discord-bot-token) is not set, so the bot cannot ${purpose}.`, 0);
    return `Bot ${token}`;
  }

  async followUp(applicationId: string, token: string, message: DiscordMessage): Promise<PostedMessage | undefined> {
    const purpose = 'send a follow-up message';
    return postedMessage(await this.request('POST', `/webhooks/${snowflakeSegment(applicationId, 'application id', purpose)}/${tokenSegment(token, purpose)}`, withMentions(message), purpose));
  }

  async createMessage(channelId: string, message: DiscordMessage, idempotencyKey?: string): Promise<{ id: string }> {
    const path = `/channels/${snowflakeSegment(channelId, 'channel id', 'post a channel message')}/messages`;
    const token = await this.options.secrets.get('discord-bot-token');
    if (!token) throw new DiscordApiError('The Discord bot token (secret discord-bot-token) is not set, so the bot cannot post to channels.', 0);
    const payload = idempotencyKey === undefined ? withMentions(message) : { ...withMentions(message), nonce: messageNonce(idempotencyKey), enforce_nonce: true };
    const body = await this.request('POST', path, payload, 'post a channel message', `Bot ${token}`);
    const id = typeof body === 'object' && body !== null && 'id' in body ? String((body as { id: unknown }).id) : '';
    return { id };
  }

  /** Also used by the command registration script (bulk overwrite). */
  async request(method: string, path: string, payload: unknown, purpose: string, authorization?: string): Promise<unknown> {
    let lastError = '';
    const files = messageFiles(payload);
    // A POST that may have reached Discord is sent again only when Discord can tell it is the same (a nonce it enforces).
    const repeatable = method !== 'POST' || (typeof payload === 'object' && payload !== null && 'enforce_nonce' in payload);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            // A multipart body gets its content type (with the boundary) from fetch.
            ...(files ? {} : { 'content-type': 'application/json' }),
            'user-agent': DISCORD_USER_AGENT,
            ...(authorization ? { authorization } : {}),
          },
          body: files ? multipartBody(payload as DiscordMessage, files) : payload === undefined ? undefined : JSON.stringify(payload),
          signal: AbortSignal.timeout(files ? this.requestTimeoutMs * 4 : this.requestTimeoutMs),
        });
      } catch (error) {
        lastError = `network error (${error instanceof Error ? error.name : 'unknown'})`;
        if (!repeatable && !neverSent(error)) {
          throw new DiscordApiError(`Discord did not answer in time while the bot tried to ${purpose}; it may have arrived, so it was not sent again.`, 504);
        }
        this.options.logger.warn('Discord request failed; retrying', { purpose, attempt, error: lastError });
        await this.sleep(backoffMs(attempt));
        continue;
      }
      const text = await response.text();
      if (response.ok) return text ? safeJson(text) : undefined;
      if (response.status === 429) {
        const retryAfterMs = retryAfter(response, text);
        if (retryAfterMs > this.maxRetryAfterMs) {
          throw new DiscordApiError(`Discord rate-limited the bot for ${Math.ceil(retryAfterMs / 1000)} s while trying to ${purpose}.`, 429);
        }
        this.options.logger.warn('Discord rate limit; waiting retry_after', { purpose, attempt, retryAfterMs });
        lastError = 'rate limited';
        await this.sleep(retryAfterMs);
        continue;
      }
      if (response.status >= 500) {
        lastError = `HTTP ${response.status}`;
        this.options.logger.warn('Discord server error; retrying', { purpose, attempt, status: response.status });
        await this.sleep(backoffMs(attempt));
        continue;
      }
      throw new DiscordApiError(`Discord refused to ${purpose}: HTTP ${response.status} ${discordErrorMessage(text)}`.trim(), response.status);
    }
    throw new DiscordApiError(`Could not ${purpose} after ${this.maxAttempts} attempts (${lastError}).`, 503);
  }
}

/** Discord's answer to a message request, as where the message is (undefined when it says nothing usable). */
function postedMessage(body: unknown): PostedMessage | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id, channel_id: channelId } = body as { id?: unknown; channel_id?: unknown };
  return typeof id === 'string' && typeof channelId === 'string' ? { id, channelId } : undefined;
}

/** A thread's name: 1 to 100 characters on one line. */
export function threadName(request: string): string {
  const line = request.replace(/\s+/g, ' ').trim();
  return line.length === 0 ? 'UX update' : line.length <= 100 ? line : `${cutToLength(line, 99).trimEnd()}…`;
}

/** A fetch failure that happened before the request left: connecting was refused or the name did not resolve. */
function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** Discord's nonce is at most 25 characters: a digest of the notice's key, the same on every retry and redelivery. */
export function messageNonce(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('base64url').slice(0, 25);
}

// Ids and tokens become URL path segments: anything but their own shape is refused before a request is made, and what
// passes is still percent-encoded, so no value can reach another path or add a query.
function snowflakeSegment(value: string, what: string, purpose: string): string {
  if (!DISCORD_SNOWFLAKE.test(value)) throw new DiscordApiError(`Cannot ${purpose}: the ${what} is not a Discord id (1 to 20 digits).`, 400);
  return encodeURIComponent(value);
}

function tokenSegment(token: string, purpose: string): string {
  // Never quote the token: it is a credential for 15 minutes.
  if (!DISCORD_TOKEN.test(token)) throw new DiscordApiError(`Cannot ${purpose}: the interaction token is not a Discord token (letters, digits, ".", "_" or "-").`, 400);
  return encodeURIComponent(token);
}

function messageFiles(payload: unknown): MessageFile[] | undefined {
  if (typeof payload !== 'object' || payload === null || !('files' in payload)) return undefined;
  const files = (payload as DiscordMessage).files;
  return files && files.length > 0 ? files : undefined;
}

/**
 * Discord's upload form: `payload_json` (the message, with `attachments` naming each file by id) and
 * one `files[n]` part per file. Built afresh for each attempt, since a sent body cannot be read again.
 */
function multipartBody(message: DiscordMessage, files: MessageFile[]): FormData {
  const { files: _files, ...rest } = message;
  const form = new FormData();
  const attachments = files.map((file, id) => ({ id: String(id), filename: file.name, ...(file.description ? { description: shorten(file.description, DISCORD_LIMITS.attachmentDescription) } : {}) }));
  form.append('payload_json', JSON.stringify({ ...rest, attachments }));
  files.forEach((file, id) => form.append(`files[${id}]`, new Blob([file.data], { type: file.contentType }), file.name));
  return form;
}

function withMentions(message: DiscordMessage): DiscordMessage {
  return { ...message, allowed_mentions: message.allowed_mentions ?? NO_MENTIONS };
}

const backoffMs = (attempt: number): number => Math.min(2000, 200 * 2 ** (attempt - 1));

function retryAfter(response: Response, text: string): number {
  const body = safeJson(text);
  if (typeof body === 'object' && body !== null && 'retry_after' in body) {
    const seconds = Number((body as { retry_after: unknown }).retry_after);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  }
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header >= 0 ? Math.ceil(header * 1000) : 1000;
}

function discordErrorMessage(text: string): string {
  const body = safeJson(text);
  if (typeof body === 'object' && body !== null && 'message' in body) return String((body as { message: unknown }).message).slice(0, 200);
  return '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
