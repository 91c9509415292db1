import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoopbackDiscord {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Responses for the next requests, in order; afterwards every request gets 200 (or 204 for PATCH). */
  script(...responses: ScriptedResponse[]): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** A loopback HTTP server that speaks the parts of Discord's REST API v10 the bot uses. */
export async function startLoopbackDiscord(): Promise<LoopbackDiscord> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  const waiters: Array<() => void> = [];
  let nextMessageId = 1000;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep the raw text */
      }
      requests.push({ method: req.method ?? '', path: (req.url ?? '').replace(/^\/api\/v10/, ''), headers: req.headers, body });
      waiters.splice(0).forEach((w) => w());
      const scripted = queue.shift();
      const status = scripted?.status ?? 200;
      const payload = scripted?.body ?? { id: String(nextMessageId++), ...(typeof body === 'object' && body ? body : {}) };
      res.writeHead(status, { 'content-type': 'application/json', ...(scripted?.headers ?? {}) });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v10`,
    requests,
    script: (...responses) => queue.push(...responses),
    waitForRequests: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} Discord requests, got ${requests.length}.`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
