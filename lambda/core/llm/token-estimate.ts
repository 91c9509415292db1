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
 * Typical tokens of a text: about four characters per token for English text and JSON (the
 * usual rule of thumb for GPT and Claude tokenizers; no tokenizer is bundled).
 */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Typical input tokens of a whole request, for reports and the prompt-size check. */
export function estimateInputTokens(request: LlmRequest, provider: LlmProviderName): number {
  return estimateTextTokens(billedText(request)) + PROVIDER_OVERHEAD_TOKENS[provider];
}

/**
 * An upper bound of input tokens, for the budget reservation: byte-level BPE tokenizers never
 * make more tokens than the text has UTF-8 bytes, so bytes plus the provider's overhead cannot be exceeded.
 */
export function worstCaseInputTokens(request: LlmRequest, provider: LlmProviderName): number {
  return Buffer.byteLength(billedText(request), 'utf8') + PROVIDER_OVERHEAD_TOKENS[provider];
}
