import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { DiscordMessage } from '../../core/domain/discord-message';

/** A message the bot sent to the stand-in's Discord API, as a Discord user would receive it. */
export interface ReceivedMessage {
  kind: 'edit-original' | 'follow-up' | 'channel-message';
  /** Interaction token (webhook calls) or channel id. */
  target: string;
  message: DiscordMessage;
  /** Where the message's attachments were saved (under `.valine/screenshots/`), in the order they were sent. */
  savedFiles: string[];
}

export interface StandInDiscordApi {
  baseUrl: string;
  received: ReceivedMessage[];
  /** Resolves with the next message sent for this interaction token, or undefined after `timeoutMs`. */
  nextFor(token: string, timeoutMs: number): Promise<ReceivedMessage | undefined>;
  close(): Promise<void>;
}

const WEBHOOK_ORIGINAL = /^\/api\/v10\/webhooks\/[^/]+\/([^/]+)\/messages\/@original$/;
const WEBHOOK = /^\/api\/v10\/webhooks\/[^/]+\/([^/]+)$/;
const CHANNEL = /^\/api\/v10\/channels\/([^/]+)\/messages$/;

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
  const listeners = new Set<() => void>();
  let nextId = 1;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
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
      let entry: ReceivedMessage | undefined;
      const id = String(nextId++);
      if (request.method === 'PATCH' && original?.[1]) entry = { kind: 'edit-original', target: original[1], message, savedFiles: [] };
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
      received.push(entry);
      listeners.forEach((notify) => notify());
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, ...message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${address.port}/api/v10`,
    received,
    nextFor: (token, timeoutMs) => {
      const seen = received.length;
      return new Promise((resolve) => {
        const check = () => {
          const found = received.slice(seen).find((m) => m.target === token);
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
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
