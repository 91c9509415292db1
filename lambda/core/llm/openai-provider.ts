import OpenAI from 'openai';
import { failureKindOfStatus, LlmCallError, retryAfterMs, type LlmProvider, type LlmRequest, type LlmResponse, type TokenUsage } from './provider';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** OpenAI Chat Completions with structured output (`response_format: json_schema`, strict). */
export function createOpenAiProvider(options: { apiKey: string; baseURL?: string }): LlmProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    // The caller retries within one deadline; the SDK would honour any retry-after, however long.
    maxRetries: 0,
    organization: null,
    project: null,
  });
  return {
    name: 'openai',
    async complete(request: LlmRequest, { timeoutMs }): Promise<LlmResponse> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: request.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, description: request.schemaDescription, strict: true, schema: request.schema },
            },
            max_completion_tokens: request.maxOutputTokens,
            ...(request.reasoning ? { reasoning_effort: 'low' as const } : {}),
          },
          { timeout: Math.max(1, Math.floor(timeoutMs)), maxRetries: 0 },
        );
      } catch (error) {
        throw toCallError(error);
      }
      const usage: TokenUsage = {
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      };
      const choice = completion.choices[0];
      const content = choice?.message?.content;
      if (choice?.message?.refusal) throw new LlmCallError('malformed-output', 'it refused to answer', { usage });
      if (!content) throw new LlmCallError('malformed-output', `it had no content (finish reason ${choice?.finish_reason ?? 'none'})`, { usage });
      try {
        return { output: JSON.parse(content) as unknown, usage };
      } catch {
        throw new LlmCallError('malformed-output', 'it was not JSON', { usage });
      }
    },
  };
}

function toCallError(error: unknown): LlmCallError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new LlmCallError('timeout', 'openai did not answer in time');
  if (error instanceof OpenAI.APIConnectionError) return new LlmCallError('connection-error', 'could not connect to openai');
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return new LlmCallError(failureKindOfStatus(error.status), `openai answered HTTP ${error.status}`, {
      status: error.status,
      retryAfterMs: retryAfterMs(error.headers),
    });
  }
  return new LlmCallError('connection-error', `openai call failed (${error instanceof Error ? error.name : 'unknown error'})`);
}
