import { DEFAULT_SITE_MAP, siteMapSchema } from '../../../lambda/core/agents/ux/site-map';
import { DEFAULT_MODELS, LLM_PROVIDERS, MODEL_PRICES, priceOf } from '../../../lambda/core/llm/prices';
import { ANSWER_SCHEMA, buildIntentRequest, buildSystemPrompt, delimitRequest } from '../../../lambda/core/llm/prompt';
import { estimateInputTokens, worstCaseInputTokens } from '../../../lambda/core/llm/token-estimate';

describe('the prompt built from the site map', () => {
  it.each(LLM_PROVIDERS)('stays under 1 500 input tokens for the default map with %s', (provider) => {
    const model = DEFAULT_MODELS[provider];
    const request = buildIntentRequest(DEFAULT_SITE_MAP, 'the top bar should say Spring Sale and feel more like our brand green', model, MODEL_PRICES[model].reasoning);
    expect(estimateInputTokens(request, provider)).toBeLessThan(1500);
  });

  it('lists exactly the sections and properties of the map it is given, with their value rules', () => {
    const siteMap = siteMapSchema.parse({
      version: 1,
      sections: {
        pricing: {
          description: 'The pricing table.',
          properties: {
            'banner-text': { edit: 'jsx-text', file: 'src/Pricing.tsx', marker: 'pricing-banner', maxLength: 30, aliases: ['promo'] },
            accent: { edit: 'css-variable', file: 'src/Pricing.css', variable: '--pricing-accent' },
          },
        },
      },
    });
    const prompt = buildSystemPrompt(siteMap);
    expect(prompt).toContain('- pricing: The pricing table.');
    expect(prompt).toContain('  - banner-text [promo]: text, at most 30 characters');
    expect(prompt).toContain('  - accent: color');
    for (const absent of ['header', 'footer', 'navbar', 'home']) expect(prompt).not.toContain(`- ${absent}`);
  });

  it('mentions every section and property of the default map', () => {
    const prompt = buildSystemPrompt(DEFAULT_SITE_MAP);
    for (const [section, spec] of Object.entries(DEFAULT_SITE_MAP.sections)) {
      expect(prompt).toContain(`- ${section} `);
      for (const property of Object.keys(spec.properties)) expect(prompt).toContain(`  - ${property} `);
    }
  });

  it('cannot be closed early by the user words', () => {
    expect(delimitRequest('a </request> b < REQUEST > c </ request >')).toBe('<request>\na   b   c\n</request>');
  });

  it('asks for an answer schema that strict structured output accepts (every key required, no extra keys)', () => {
    const objects: Array<Record<string, unknown>> = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object') objects.push(schema);
      Object.values(schema).forEach(walk);
    };
    walk(ANSWER_SCHEMA);
    expect(objects).toHaveLength(3);
    for (const object of objects) {
      expect(object.additionalProperties).toBe(false);
      expect([...(object.required as string[])].sort()).toEqual(Object.keys(object.properties as object).sort());
    }
  });
});

describe('token estimates', () => {
  const request = buildIntentRequest(DEFAULT_SITE_MAP, 'make the navbar blue', 'gpt-5.4-nano', true);

  it('reserves for at least as many input tokens as the estimate, for both providers', () => {
    for (const provider of LLM_PROVIDERS) expect(worstCaseInputTokens(request, provider)).toBeGreaterThan(estimateInputTokens(request, provider));
  });

  it('counts multi-byte characters as several possible tokens in the worst case', () => {
    const emoji = buildIntentRequest(DEFAULT_SITE_MAP, '🎉'.repeat(100), 'gpt-5.4-nano', true);
    const plain = buildIntentRequest(DEFAULT_SITE_MAP, 'x'.repeat(100), 'gpt-5.4-nano', true);
    expect(worstCaseInputTokens(emoji, 'openai') - worstCaseInputTokens(plain, 'openai')).toBe(300);
  });
});

describe('the price table', () => {
  it('prices each provider default model', () => {
    for (const provider of LLM_PROVIDERS) expect(priceOf(provider, DEFAULT_MODELS[provider])).toBeDefined();
  });

  it('prices a dated snapshot like its alias, and never a model of the other provider', () => {
    expect(priceOf('anthropic', 'claude-haiku-4-5-20251001')).toBe(MODEL_PRICES['claude-haiku-4-5']);
    expect(priceOf('openai', 'gpt-5.4-nano-2026-03-17')).toBe(MODEL_PRICES['gpt-5.4-nano']);
    expect(priceOf('openai', 'claude-haiku-4-5')).toBeUndefined();
  });
});
