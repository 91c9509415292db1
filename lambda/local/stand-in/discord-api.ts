import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { DiscordMessage } from '../../core/domain/discord-message';
import { STAND_IN_CHANNEL_ID, newSnowflake } from '../interaction-builder';

/** A message the bot sent to the stand-in's Discord API, as a Discord user would receive it. */
export interface ReceivedMessage {
  /** `delete-original`: the interaction's own answer taken back. `thread-start`: a thread the bot opened in channel `target` (its id is `id`, its name the message's content). */
  kind: 'edit-original' | 'follow-up' | 'channel-message' | 'channel-edit' | 'thread-start' | 'delete-original';
  /** Interaction token (webhook calls) or channel id. */
  target: string;
  /** The message's id as Discord answered it. */
  id?: string;
  message: DiscordMessage;
  /** Where the message's attachments were saved (under `.valine/screenshots/`), in the order they were sent. */
  savedFiles: string[];
}

/** A thread the bot opened in the channel (a thread of its own: its first message is the one the bot posts in it). */
export interface StartedThread {
  id: string;
  parentId: string;
  name: string;
}

export interface StandInDiscordApi {
  baseUrl: string;
  received: ReceivedMessage[];
  threads: StartedThread[];
  /** Resolves once nothing has arrived for `quietMs` (at most `timeoutMs`): the worker's later messages (a thread, its notices). */
  settle(quietMs: number, timeoutMs: number): Promise<void>;
  /** Resolves with the next message sent for this interaction token (`inThreads`: or posted in a thread the bot opened), or undefined after `timeoutMs`. */
  nextFor(token: string, timeoutMs: number, matching?: (message: ReceivedMessage) => boolean, inThreads?: boolean): Promise<ReceivedMessage | undefined>;
  /** The next message for this interaction token, or posted in a thread the bot opened, that carries buttons or a menu: a preview or a question. */
  previewFor(token: string, timeoutMs: number): Promise<ReceivedMessage | undefined>;
  close(): Promise<void>;
}

const WEBHOOK_ORIGINAL = /^\/api\/v10\/webhooks\/[^/]+\/([^/]+)\/messages\/@original$/;
const WEBHOOK = /^\/api\/v10\/webhooks\/[^/]+\/([^/]+)$/;
const CHANNEL = /^\/api\/v10\/channels\/([^/]+)\/messages$/;
const CHANNEL_MESSAGE = /^\/api\/v10\/channels\/([^/]+)\/messages\/([^/]+)$/;
const THREAD_START = /^\/api\/v10\/channels\/([^/]+)\/threads$/;

/** A message as JSON, or Discord's upload form (`payload_json` + `files[n]`), read with undici's FormData. */
async function readMessage(contentType: string, raw: Buffer): Promise<{ message: DiscordMessage; files: Array<{ name: string; bytes: Buffer }> }> {
  if (!contentType.startsWith('multipart/form-data')) return { message: JSON.parse(raw.toString('utf8') || '{}') as DiscordMessage, files: [] };
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const json = form.get('payload_json');
  const files: Array<{ name: string; bytes: Buffer }> = [];
  for (const [, value] of form.entries()) {
    if (typeof value !== 'string') files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { message: JSON.parse(typeof json === 'string' ? json : '{}') as DiscordMessage, files };
}

/**
 * A file name that stays inside the folder: its last path segment in Discord's own letters (A-Z,
 * digits, ".", "_", "-"), never `.`, `..` or a hidden name, and numbered when a message carries two of it.
 */
export function safeFileName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const last = basename(name.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 80) || 'file';
  let candidate = last;
  for (let n = 2; taken.has(candidate); n++) candidate = `${n}-${last}`.slice(0, 80);
  return candidate;
}

/**
 * The parts of Discord's REST API v10 the bot calls, served on 127.0.0.1 so the stand-in sees the follow-ups.
 * Attached images are saved under `screenshotsDirectory` (one folder per message), so a person can open them.
 */
export async function startStandInDiscordApi(port: number, screenshotsDirectory?: string): Promise<StandInDiscordApi> {
  const received: ReceivedMessage[] = [];
  const threads: StartedThread[] = [];
  const originals = new Map<string, string>();
  const listeners = new Set<() => void>();
  let lastArrival = Date.now();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      lastArrival = Date.now();
      const started = THREAD_START.exec(path);
      if (request.method === 'POST' && started?.[1]) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { name?: string };
        const thread = { id: newSnowflake(), parentId: started[1], name: String(body.name ?? '') };
        threads.push(thread);
        received.push({ kind: 'thread-start', target: thread.parentId, id: thread.id, message: { content: thread.name }, savedFiles: [] });
        listeners.forEach((notify) => notify());
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: thread.id, type: 11, parent_id: thread.parentId, name: thread.name }));
        return;
      }
      const taken = WEBHOOK_ORIGINAL.exec(path);
      if (request.method === 'DELETE' && taken?.[1]) {
        received.push({ kind: 'delete-original', target: taken[1], message: {}, savedFiles: [] });
        listeners.forEach((notify) => notify());
        response.writeHead(204).end();
        return;
      }
      let message: DiscordMessage = {};
      let files: Array<{ name: string; bytes: Buffer }> = [];
      try {
        ({ message, files } = await readMessage(request.headers['content-type'] ?? '', Buffer.concat(chunks)));
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Invalid JSON body', code: 50109 }));
        return;
      }
      const original = WEBHOOK_ORIGINAL.exec(path);
      const webhook = WEBHOOK.exec(path);
      const channel = CHANNEL.exec(path);
      const channelMessage = CHANNEL_MESSAGE.exec(path);
      let entry: ReceivedMessage | undefined;
      // Snowflake-shaped and unique across runs, as Discord's are.
      let id = newSnowflake();
      if (request.method === 'PATCH' && original?.[1]) {
        // The deferred answer is one message: every edit of it keeps its id.
        id = originals.get(original[1]) ?? id;
        originals.set(original[1], id);
        entry = { kind: 'edit-original', target: original[1], message, savedFiles: [] };
      } else if (request.method === 'PATCH' && channelMessage?.[1] && channelMessage[2]) {
        id = channelMessage[2];
        entry = { kind: 'channel-edit', target: channelMessage[1], message, savedFiles: [] };
      }
      else if (request.method === 'POST' && webhook?.[1]) entry = { kind: 'follow-up', target: webhook[1], message, savedFiles: [] };
      else if (request.method === 'POST' && channel?.[1]) entry = { kind: 'channel-message', target: channel[1], message, savedFiles: [] };
      if (!entry) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '404: Not Found', code: 0 }));
        return;
      }
      if (files.length > 0 && screenshotsDirectory) {
        const folder = join(screenshotsDirectory, `${new Date().toISOString().replace(/[:.]/g, '-')}-message-${id}`);
        const names = new Set<string>();
        try {
          await mkdir(folder, { recursive: true });
          for (const file of files) {
            const name = safeFileName(file.name, names);
            names.add(name);
            const saved = join(folder, name);
            await writeFile(saved, file.bytes, { flag: 'wx' });
            entry.savedFiles.push(saved);
          }
        } catch (error) {
          // Discord would refuse it, and the server must not stop: say so to the bot.
          response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `The stand-in could not save an attachment: ${(error as Error).message}`, code: 50035 }));
          return;
        }
      }
      entry.id = id;
      received.push(entry);
      listeners.forEach((notify) => notify());
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...message, id, channel_id: entry.kind === 'channel-message' ? entry.target : STAND_IN_CHANNEL_ID }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const nextFor = (token: string, timeoutMs: number, matching: (message: ReceivedMessage) => boolean = () => true, inThreads = false): Promise<ReceivedMessage | undefined> => {
    const seen = received.length;
    return new Promise((resolve) => {
      const check = () => {
        const found = received.slice(seen).find((m) => (m.target === token || (inThreads && m.kind === 'channel-message' && threads.some((t) => t.id === m.target))) && matching(m));
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        resolve(undefined);
      }, timeoutMs);
      listeners.add(check);
    });
  };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/api/v10`,
    received,
    threads,
    settle: async (quietMs, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && Date.now() - lastArrival < quietMs) await new Promise((resolve) => setTimeout(resolve, 25));
    },
    nextFor: (token, timeoutMs, matching, inThreads) => nextFor(token, timeoutMs, matching, inThreads),
    previewFor: (token, timeoutMs) => nextFor(token, timeoutMs, (m) => (m.message.components ?? []).length > 0, true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
