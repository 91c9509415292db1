import { onFirstUse } from '../domain/on-first-use';
import type { LlmProviderName } from './prices';
import type { LlmProvider } from './provider';

/**
 * The provider adapter for `name`; its SDK (openai, @anthropic-ai/sdk) is loaded on the first
 * call, so a process that never calls a model never loads one.
 */
export function createLlmProvider(name: LlmProviderName, options: { apiKey: string; baseURL?: string }): LlmProvider {
  const load = onFirstUse(async (): Promise<LlmProvider> =>
    name === 'openai' ? (await import('./openai-provider')).createOpenAiProvider(options) : (await import('./anthropic-provider')).createAnthropicProvider(options),
  );
  return { name, complete: async (request, callOptions) => (await load()).complete(request, callOptions) };
}
