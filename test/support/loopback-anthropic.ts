import { approximateTokens, startLoopbackLlm, type LoopbackLlm } from './loopback-openai';

export type { LlmReply, LoopbackLlm, RecordedLlmRequest } from './loopback-openai';

const ERROR_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 404: 'not_found_error', 429: 'rate_limit_error', 529: 'overloaded_error' };

/**
 * A loopback HTTP server speaking Anthropic's Messages API (POST /v1/messages): a structured
 * answer comes back as a `tool_use` block for the request's first tool; `content` replies
 * come back as a plain text block (the model did not use the tool).
 */
export function startLoopbackAnthropic(): Promise<LoopbackLlm> {
  let counter = 0;
  return startLoopbackLlm('/v1/messages', '', (reply, request, res) => {
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[reply.status] ?? 'api_error', message: reply.message ?? `Scripted error ${reply.status}` } }));
      return;
    }
    if ('hang' in reply) return;
    const tools = (request.body.tools as Array<{ name: string }> | undefined) ?? [];
    const block =
      'answer' in reply
        ? { type: 'tool_use', id: `toolu_loop${++counter}`, name: tools[0]?.name ?? 'tool', input: reply.answer }
        : { type: 'text', text: reply.content };
    const output = JSON.stringify(block);
    const usage = reply.usage ?? { input: approximateTokens(JSON.stringify(request.body)), output: approximateTokens(output) };
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_loop_${counter}` });
    res.end(
      JSON.stringify({
        id: `msg_loop${counter}`,
        type: 'message',
        role: 'assistant',
        model: request.body.model,
        content: [block],
        stop_reason: 'answer' in reply ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: usage.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      }),
    );
  });
}
