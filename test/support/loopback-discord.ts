import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordRequestProblems, recordViolation } from './discord-payloads';

export interface RecordedFile {
  /** The form field: `files[0]`, `files[1]`, … */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, or `payload_json` of a multipart upload. */
  body: unknown;
  /** The files of a multipart/form-data upload. */
  files: RecordedFile[];
}

/** A multipart/form-data body as Discord reads it: `payload_json` and `files[n]` parts (parsed by undici's FormData). */
export async function parseMultipart(contentType: string, raw: Buffer): Promise<{ payload: unknown; files: RecordedFile[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const json = form.get('payload_json');
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { payload: typeof json === 'string' ? JSON.parse(json) : undefined, files };
}

/** The channel the test interactions come from (the stand-in's, lambda/local/interaction-builder.ts). */
export const LOOPBACK_CHANNEL_ID = '400000000000000004';

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
  /** Threads started (thread id → parent channel and name); a deleted one answers 404 Unknown Channel. */
  threads: Map<string, { parentId: string; name: string; deleted?: boolean }>;
  /** A moderator deletes a thread: messages to it are refused with 404 from now on. */
  deleteThread(threadId: string): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that speaks the parts of Discord's REST API v10 the bot uses. Like Discord, it refuses
 * (400, code 50035) a request whose payload breaks Discord's documented shapes or limits, and the test that sent
 * it fails (test/support/discord-payloads.ts).
 */
export async function startLoopbackDiscord(): Promise<LoopbackDiscord> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  const waiters: Array<() => void> = [];
  let nextMessageId = 1000;
  const threads = new Map<string, { parentId: string; name: string; deleted?: boolean }>();
  // The message an interaction's deferred answer became: one id per token, in the channel the interactions come from.
  const originals = new Map<string, string>();
  /** Discord's own answers for the routes whose answer the bot reads (threads, edits of @original); undefined: the default echo. */
  const answerFor = (recorded: RecordedRequest, body: unknown): ScriptedResponse | undefined => {
    const path = recorded.path.split('?')[0] ?? '';
    let m: RegExpExecArray | null;
    if (recorded.method === 'POST' && (m = /^\/channels\/(\d+)\/threads$/.exec(path))) {
      const [, channelId = ''] = m;
      if (threads.has(channelId)) return { status: 400, body: { code: 50024, message: 'Cannot execute action on this channel type' } };
      const name = String((body as { name?: unknown }).name ?? '');
      const id = String(nextMessageId++);
      threads.set(id, { parentId: channelId, name });
      return { status: 201, body: { id, type: 11, parent_id: channelId, name } };
    }
    if ((m = /^\/channels\/(\d+)\/messages/.exec(path)) && threads.get(m[1] ?? '')?.deleted) return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
    if (recorded.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      return { status: 200, body: { ...(typeof body === 'object' && body ? body : {}), id: String(nextMessageId++), channel_id: LOOPBACK_CHANNEL_ID } };
    }
    if (recorded.method === 'PATCH' && (m = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(path))) {
      const token = m[1] ?? '';
      let id = originals.get(token);
      if (!id) originals.set(token, (id = String(nextMessageId++)));
      return { status: 200, body: { ...(typeof body === 'object' && body ? body : {}), id, channel_id: LOOPBACK_CHANNEL_ID } };
    }
    return undefined;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      let body: unknown = raw.toString('utf8');
      let files: RecordedFile[] = [];
      if (contentType.startsWith('multipart/form-data')) {
        ({ payload: body, files } = await parseMultipart(contentType, raw));
      } else {
        try {
          body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          /* keep the raw text */
        }
      }
      const recorded: RecordedRequest = { method: req.method ?? '', path: (req.url ?? '').replace(/^\/api\/v10/, ''), headers: req.headers, body, files };
      requests.push(recorded);
      waiters.splice(0).forEach((w) => w());
      // Every request is checked against Discord's shapes and limits; the test fails on a bad one (test/support/discord-payload-check.ts).
      const problems = discordRequestProblems(recorded);
      if (problems.length > 0) {
        recordViolation(`${recorded.method} ${recorded.path.replace(/(\/webhooks\/\d+\/)[^/]+/, '$1<token>')}`, problems, body);
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 50035, message: 'Invalid Form Body', errors: problems }));
        return;
      }
      const scripted = queue.shift() ?? answerFor(recorded, body);
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
    threads,
    deleteThread: (threadId) => {
      const thread = threads.get(threadId);
      if (thread) thread.deleted = true;
    },
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
