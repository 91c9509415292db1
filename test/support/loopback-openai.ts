import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the loopback answers to one request. `delayMs` holds the answer back (to keep calls in flight). */
export type LlmReply = { delayMs?: number } & (
  /** A well-formed structured answer carrying this JSON; usage defaults to ~4 characters per token. */
  | { answer: unknown; usage?: { input: number; output: number } }
  /** Raw assistant text instead of the structured answer (e.g. malformed JSON). */
  | { content: string; usage?: { input: number; output: number } }
  /** An HTTP error with the provider's error body. */
  | { status: number; headers?: Record<string, string>; message?: string }
  /** Never answers (until the server closes). */
  | { hang: true }
);

export interface RecordedLlmRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface LoopbackLlm {
  /** What the SDK takes as baseURL (OPENAI_BASE_URL / ANTHROPIC_BASE_URL). */
  baseUrl: string;
  requests: RecordedLlmRequest[];
  /** Replies for the next requests, in order; afterwards `respond` answers. */
  script(...replies: LlmReply[]): void;
  /** The reply to every request that has nothing scripted. */
  respond: (request: RecordedLlmRequest) => LlmReply;
  close(): Promise<void>;
}

export const DEFAULT_ANSWER = { kind: 'clarification', section: null, changes: [], addLinks: [], question: 'Which section?' };

/** Shared server loop: records each JSON request, then writes the reply `render` makes of it. */
export async function startLoopbackLlm(
  path: string,
  basePath: string,
  render: (reply: LlmReply, request: RecordedLlmRequest, res: ServerResponse) => void,
): Promise<LoopbackLlm> {
  const queue: LlmReply[] = [];
  const loopback: LoopbackLlm = {
    baseUrl: '',
    requests: [],
    script: (...replies) => queue.push(...replies),
    respond: () => ({ answer: DEFAULT_ANSWER }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        /* an empty or non-JSON body stays {} */
      }
      const request: RecordedLlmRequest = { path: req.url ?? '', headers: req.headers, body };
      loopback.requests.push(request);
      if (req.method !== 'POST' || request.path !== path) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `No route ${req.method} ${request.path}` } }));
        return;
      }
      const reply = queue.shift() ?? loopback.respond(request);
      if ('hang' in reply) return;
      const send = () => {
        if (!res.destroyed) render(reply, request, res);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  loopback.baseUrl = `http://127.0.0.1:${port}${basePath}`;
  return loopback;
}

/** ~4 characters per token, the figure the loopbacks report when a test gives no usage. */
export const approximateTokens = (text: string): number => Math.ceil(text.length / 4);

/** A loopback HTTP server speaking OpenAI's Chat Completions API (POST /v1/chat/completions). */
export function startLoopbackOpenAi(): Promise<LoopbackLlm> {
  let counter = 0;
  return startLoopbackLlm('/v1/chat/completions', '/v1', (reply, request, res) => {
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(JSON.stringify({ error: { message: reply.message ?? `Scripted error ${reply.status}`, type: 'server_error', code: null } }));
      return;
    }
    if ('hang' in reply) return;
    const content = 'answer' in reply ? JSON.stringify(reply.answer) : reply.content;
    const usage = reply.usage ?? { input: approximateTokens(JSON.stringify(request.body)), output: approximateTokens(content) };
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_loop_${++counter}` });
    res.end(
      JSON.stringify({
        id: `chatcmpl-loop${counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.body.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
      }),
    );
  });
}
