/**
 * Prices of the models the UX Agent may call, in US dollars per million tokens: the one table
 * the budget and the cost log read. A model missing here is never called (its cost could not
 * be bounded). Update `PRICES_TAKEN_ON` and the rows together, from the vendors' pricing pages.
 */
export const LLM_PROVIDERS = ['openai', 'anthropic'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/**
 * Standard tier, no batch, cache or regional prices. Written from third-party summaries, then on
 * 2026-11-24 compared with copies of the vendors' pages (gpt-5.4-nano, the Claude rows) or with
 * summaries only (the other OpenAI rows); docs/llm.md "Checking and updating the prices" says how to re-check.
 */
export const PRICES_TAKEN_ON = '2026-11-24';

export interface ModelPrice {
  provider: LlmProviderName;
  inputUsdPerMillionTokens: number;
  outputUsdPerMillionTokens: number;
  /** Reasoning models spend output tokens on thinking; the call asks for low effort and allows more output. */
  reasoning: boolean;
}

export const MODEL_PRICES = {
  'gpt-5.4-nano': { provider: 'openai', inputUsdPerMillionTokens: 0.2, outputUsdPerMillionTokens: 1.25, reasoning: true },
  'gpt-5.4-mini': { provider: 'openai', inputUsdPerMillionTokens: 0.75, outputUsdPerMillionTokens: 4.5, reasoning: true },
  'gpt-5.4': { provider: 'openai', inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 15, reasoning: true },
  'gpt-4.1-nano': { provider: 'openai', inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4, reasoning: false },
  'gpt-4.1-mini': { provider: 'openai', inputUsdPerMillionTokens: 0.4, outputUsdPerMillionTokens: 1.6, reasoning: false },
  'claude-haiku-4-5': { provider: 'anthropic', inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 5, reasoning: false },
  'claude-sonnet-4-6': { provider: 'anthropic', inputUsdPerMillionTokens: 3, outputUsdPerMillionTokens: 15, reasoning: false },
  'claude-sonnet-4-5': { provider: 'anthropic', inputUsdPerMillionTokens: 3, outputUsdPerMillionTokens: 15, reasoning: false },
  'claude-opus-4-6': { provider: 'anthropic', inputUsdPerMillionTokens: 5, outputUsdPerMillionTokens: 25, reasoning: false },
} as const satisfies Record<string, ModelPrice>;

export type PricedModel = keyof typeof MODEL_PRICES;

/** The small, cheap model used when the `llm-model` flag is "default". */
export const DEFAULT_MODELS = {
  openai: 'gpt-5.4-nano',
  anthropic: 'claude-haiku-4-5',
} as const satisfies Record<LlmProviderName, PricedModel>;

/** The price of `model` at `provider`, or undefined when the table does not list it (dated snapshots match their alias). */
export function priceOf(provider: LlmProviderName, model: string): ModelPrice | undefined {
  const exact = (MODEL_PRICES as Record<string, ModelPrice>)[model];
  const candidate = exact ?? (MODEL_PRICES as Record<string, ModelPrice>)[model.replace(/-\d{4}-?\d{2}-?\d{2}$/, '')];
  return candidate?.provider === provider ? candidate : undefined;
}

/** Micro-dollars (integer) for token counts: prices per million tokens are micro-dollars per token. */
export function costMicros(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  const inputRate = Math.round(price.inputUsdPerMillionTokens * 1_000_000);
  const outputRate = Math.round(price.outputUsdPerMillionTokens * 1_000_000);
  // Integer arithmetic (rates in micro-dollars per million tokens) so sums never drift.
  return Math.ceil((inputTokens * inputRate + outputTokens * outputRate) / 1_000_000);
}

export { microsToUsd, usdToMicros } from '../ports/llm-budget';
