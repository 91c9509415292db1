import type { LlmProviderName } from './prices';
import type { LlmRequest } from './provider';

/**
 * Tokens the provider adds around what we send: message framing, and for Anthropic the
 * tool-use system prompt (313 tokens for a forced tool on Claude 4 models, per Anthropic's docs).
 */
export const PROVIDER_OVERHEAD_TOKENS: Record<LlmProviderName, number> = { openai: 40, anthropic: 360 };

/** Everything of a request that is billed as input: system prompt, user message, schema, names. */
function billedText(request: LlmRequest): string {
  return [request.system, request.user, request.schemaName, request.schemaDescription, JSON.stringify(request.schema)].join('\n');
}

/**
 * Typical input tokens, for reports and the prompt-size check: about four characters per
 * token for English text and JSON (the usual rule of thumb for GPT and Claude tokenizers).
 */
export function estimateInputTokens(request: LlmRequest, provider: LlmProviderName): number {
  return Math.ceil(billedText(request).length / 4) + PROVIDER_OVERHEAD_TOKENS[provider];
}

/**
 * An upper bound of input tokens, for the budget reservation: byte-level BPE tokenizers never
 * make more tokens than the text has UTF-8 bytes, so bytes plus the provider's overhead cannot be exceeded.
 */
export function worstCaseInputTokens(request: LlmRequest, provider: LlmProviderName): number {
  return Buffer.byteLength(billedText(request), 'utf8') + PROVIDER_OVERHEAD_TOKENS[provider];
}
