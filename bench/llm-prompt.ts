import { DEFAULT_SITE_MAP } from '../lambda/core/agents/ux/site-map';
import { costMicros, DEFAULT_MODELS, LLM_PROVIDERS, MODEL_PRICES, PRICES_TAKEN_ON, priceOf } from '../lambda/core/llm/prices';
import { buildIntentRequest } from '../lambda/core/llm/prompt';
import { estimateInputTokens, worstCaseInputTokens } from '../lambda/core/llm/token-estimate';

/**
 * Prompt size and cost per 1 000 requests for each provider's default model, on the default
 * site map: `npx tsx bench/llm-prompt.ts`. Input tokens are the ~4 characters/token estimate;
 * output tokens are a typical answer (measured on the JSON of a two-change intent) plus, for
 * reasoning models, an allowance for low-effort thinking.
 */
const REQUESTS = ['make the navbar blue', 'the top bar should say Spring Sale and feel more like our brand green'];
const TYPICAL_ANSWER = JSON.stringify({ kind: 'edit', section: 'navbar', changes: [{ property: 'text', value: 'Spring Sale' }, { property: 'color', value: '#2e7d32' }], addLinks: [], question: null });
const REASONING_ALLOWANCE_TOKENS = 150;

const rows = [];
for (const provider of LLM_PROVIDERS) {
  const model = DEFAULT_MODELS[provider];
  const price = priceOf(provider, model) ?? MODEL_PRICES[model];
  for (const text of REQUESTS) {
    const request = buildIntentRequest(DEFAULT_SITE_MAP, text, model, price.reasoning);
    const input = estimateInputTokens(request, provider);
    const output = Math.ceil(TYPICAL_ANSWER.length / 4) + (price.reasoning ? REASONING_ALLOWANCE_TOKENS : 0) + (provider === 'anthropic' ? 20 : 0);
    const worstIn = worstCaseInputTokens(request, provider);
    rows.push({
      provider,
      model,
      request: text.length > 30 ? `${text.slice(0, 29)}…` : text,
      'system chars': request.system.length,
      'input tokens (est.)': input,
      'output tokens (est.)': output,
      'USD per request': (costMicros(price, input, output) / 1e6).toFixed(6),
      'USD per 1 000': (costMicros(price, input * 1000, output * 1000) / 1e6).toFixed(2),
      'reserved USD (worst case)': (costMicros(price, worstIn, request.maxOutputTokens) / 1e6).toFixed(6),
    });
  }
}
console.log(`Prices taken on ${PRICES_TAKEN_ON}; default site map with ${Object.keys(DEFAULT_SITE_MAP.sections).length} sections.`);
console.table(rows);
const over = rows.filter((r) => r['input tokens (est.)'] >= 1500);
if (over.length > 0) {
  console.error('Prompt is over the 1 500 input token target.');
  process.exitCode = 1;
}
