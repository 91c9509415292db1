import Anthropic from '@anthropic-ai/sdk';
import { failureKindOfStatus, LlmCallError, retryAfterMs, type LlmProvider, type LlmRequest, type LlmResponse, type TokenUsage } from './provider';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Anthropic Messages with one tool whose input schema is the answer, and tool_choice forcing it. */
export function createAnthropicProvider(options: { apiKey: string; baseURL?: string }): LlmProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL,
    // The caller retries within one deadline; the SDK would honour any retry-after, however long.
    maxRetries: 0,
  });
  return {
    name: 'anthropic',
    async complete(request: LlmRequest, { timeoutMs }): Promise<LlmResponse> {
      let message: Anthropic.Messages.Message;
      try {
        message = await client.messages.create(
          {
            model: request.model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: [{ role: 'user', content: request.user }],
            tools: [
              {
                name: request.schemaName,
                description: request.schemaDescription,
                input_schema: request.schema as Anthropic.Messages.Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool', name: request.schemaName, disable_parallel_tool_use: true },
          },
          { timeout: Math.max(1, Math.floor(timeoutMs)), maxRetries: 0 },
        );
      } catch (error) {
        throw toCallError(error);
      }
      const usage: TokenUsage = {
        // Cache reads and writes are billed as input too; counted at the full input price (an upper bound).
        inputTokens: (message.usage?.input_tokens ?? 0) + (message.usage?.cache_creation_input_tokens ?? 0) + (message.usage?.cache_read_input_tokens ?? 0),
        outputTokens: message.usage?.output_tokens ?? 0,
      };
      const toolUse = message.content?.find((block) => block.type === 'tool_use' && block.name === request.schemaName);
      if (!toolUse || toolUse.type !== 'tool_use') {
        throw new LlmCallError('malformed-output', `it did not use the ${request.schemaName} tool (stop reason ${message.stop_reason ?? 'none'})`, { usage });
      }
      if (typeof toolUse.input !== 'object' || toolUse.input === null) {
        throw new LlmCallError('malformed-output', 'its tool input was not a JSON object', { usage });
      }
      return { output: toolUse.input, usage };
    },
  };
}

function toCallError(error: unknown): LlmCallError {
  if (error instanceof Anthropic.APIConnectionTimeoutError) return new LlmCallError('timeout', 'anthropic did not answer in time');
  if (error instanceof Anthropic.APIConnectionError) return new LlmCallError('connection-error', 'could not connect to anthropic');
  if (error instanceof Anthropic.APIError && typeof error.status === 'number') {
    return new LlmCallError(failureKindOfStatus(error.status), `anthropic answered HTTP ${error.status}`, {
      status: error.status,
      retryAfterMs: retryAfterMs(error.headers),
    });
  }
  if (error instanceof SyntaxError) return new LlmCallError('malformed-output', 'it was not JSON');
  return new LlmCallError('connection-error', `anthropic call failed (${error instanceof Error ? error.name : 'unknown error'})`);
}
