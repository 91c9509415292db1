import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiscordMessage } from '../../core/domain/discord-message';

/** A message the bot sent to the stand-in's Discord API, as a Discord user would receive it. */
export interface ReceivedMessage {
  kind: 'edit-original' | 'follow-up' | 'channel-message';
  /** Interaction token (webhook calls) or channel id. */
  target: string;
  message: DiscordMessage;
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

/** The parts of Discord's REST API v10 the bot calls, served on 127.0.0.1 so the stand-in sees the follow-ups. */
export async function startStandInDiscordApi(port: number): Promise<StandInDiscordApi> {
  const received: ReceivedMessage[] = [];
  const listeners = new Set<() => void>();
  let nextId = 1;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      let message: DiscordMessage = {};
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as DiscordMessage;
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Invalid JSON body', code: 50109 }));
        return;
      }
      const original = WEBHOOK_ORIGINAL.exec(path);
      const webhook = WEBHOOK.exec(path);
      const channel = CHANNEL.exec(path);
      let entry: ReceivedMessage | undefined;
      if (request.method === 'PATCH' && original?.[1]) entry = { kind: 'edit-original', target: original[1], message };
      else if (request.method === 'POST' && webhook?.[1]) entry = { kind: 'follow-up', target: webhook[1], message };
      else if (request.method === 'POST' && channel?.[1]) entry = { kind: 'channel-message', target: channel[1], message };
      if (!entry) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '404: Not Found', code: 0 }));
        return;
      }
      received.push(entry);
      listeners.forEach((notify) => notify());
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: String(nextId++), ...message }));
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
