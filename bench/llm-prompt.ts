import type { SiteMap } from '../lambda/core/agents/ux/site-map';
import { DEFAULT_SITE_MAP } from '../lambda/core/agents/ux/site-map';
import { costMicros, DEFAULT_MODELS, LLM_PROVIDERS, MODEL_PRICES, PRICES_TAKEN_ON, priceOf } from '../lambda/core/llm/prices';
import { buildIntentRequest, PROMPT_TOKEN_BUDGET } from '../lambda/core/agents/ux/llm/prompt';
import { estimateInputTokens, estimateTextTokens, worstCaseInputTokens } from '../lambda/core/llm/token-estimate';
import { buildSiteModel } from '../lambda/core/agents/ux/discovery/site-model';
import { vocabularyOf } from '../lambda/core/agents/ux/discovery/vocabulary';
import { multiPageSite } from './lib/multi-page-site';

/**
 * Prompt size and cost per 1 000 requests for each provider's default model, on the default
 * site map and on a discovered vocabulary with current values and page texts:
 * `npx tsx bench/llm-prompt.ts`. Input tokens are the ~4 characters/token estimate; output
 * tokens are a typical answer (measured on the JSON of a two-change intent) plus, for
 * reasoning models, an allowance for low-effort thinking.
 */
const REQUESTS = ['make the navbar blue', 'the top bar should say Spring Sale and feel more like our brand green'];
const TYPICAL_ANSWER = JSON.stringify({
  kind: 'edit',
  section: 'navbar',
  changes: [{ property: 'text', value: 'Spring Sale' }, { property: 'color', value: '#2e7d32' }],
  addLinks: [],
  removeLinks: [],
  renameLinks: [],
  replaceText: null,
  styles: [],
  question: null,
});
const REASONING_ALLOWANCE_TOKENS = 150;
/** The whole request (system, schema, user words, provider overhead) for the default map stays under this. */
const DEFAULT_MAP_INPUT_TARGET = 1600;

/** A landing page as discovery might describe it: six sections, their current values, and the texts a visitor sees. */
const SECTIONS: Array<[string, string[], Record<string, { kind: 'text' | 'color' | 'links'; aliases?: string[]; current: string[] }>]> = [
  ['navbar', ['nav', 'top bar', 'menu'], {
    brand: { kind: 'text', aliases: ['logo', 'site name'], current: ['Acme Cloud'] },
    links: { kind: 'links', aliases: ['menu items'], current: ['Product', 'Pricing', 'Docs', 'Blog', 'Sign in'] },
    background: { kind: 'color', aliases: ['colour'], current: ['bg-white/80 backdrop-blur border-b border-slate-200'] },
  }],
  ['hero', ['top of the page', 'banner'], {
    headline: { kind: 'text', aliases: ['title', 'heading'], current: ['Ship your product in days, not months'] },
    subtitle: { kind: 'text', aliases: ['intro', 'tagline'], current: ['Acme Cloud gives your team hosting, previews and analytics in one place, so you can focus on the work that matters.'] },
    'primary-button': { kind: 'text', aliases: ['cta', 'get started button'], current: ['Get Started'] },
    'secondary-button': { kind: 'text', aliases: ['demo button'], current: ['Book a demo'] },
    background: { kind: 'color', current: ['bg-gradient-to-b from-slate-900 to-slate-800 text-white'] },
  }],
  ['features', ['feature grid'], {
    heading: { kind: 'text', current: ['Everything you need to launch'] },
    'card-titles': { kind: 'text', aliases: ['feature names'], current: ['Instant previews', 'Global edge network', 'Built-in analytics', 'Team roles'] },
    'card-color': { kind: 'color', current: ['bg-slate-50 rounded-xl shadow-sm'] },
  }],
  ['pricing', ['plans', 'prices'], {
    heading: { kind: 'text', current: ['Simple pricing for every team'] },
    'plan-names': { kind: 'text', current: ['Hobby', 'Pro', 'Enterprise'] },
    'plan-buttons': { kind: 'text', aliases: ['plan cta'], current: ['Start free', 'Upgrade to Pro', 'Contact sales'] },
  }],
  ['testimonials', ['quotes', 'reviews'], {
    quote: { kind: 'text', current: ['“We cut our release time in half in the first month.” — Dana, CTO at Northwind'] },
  }],
  ['footer', ['bottom', 'copyright'], {
    text: { kind: 'text', aliases: ['copyright'], current: ['© 2026 Acme Cloud, Inc. All rights reserved.'] },
    links: { kind: 'links', current: ['Privacy', 'Terms', 'Status', 'Careers', 'Contact'] },
    background: { kind: 'color', current: ['bg-slate-900 text-slate-400'] },
  }],
];
const DISCOVERED: SiteMap = {
  version: 1,
  markerAttribute: 'data-ux',
  sections: Object.fromEntries(
    SECTIONS.map(([name, aliases, properties]) => [name, { aliases, properties: Object.fromEntries(Object.entries(properties).map(([p, spec]) => [p, { edit: 'discovered' as const, ...spec }])) }]),
  ),
};
const PAGE_TEXTS = [
  ...SECTIONS.flatMap(([, , properties]) => Object.values(properties).filter((p) => p.kind !== 'color').flatMap((p) => p.current)),
  'Trusted by 4,000 teams', 'Deploy on every push', 'Preview every pull request', 'Roll back in one click', 'SOC 2 Type II', 'Read the docs', 'See all customers',
  'Frequently asked questions', 'Can I change plans later?', 'Do you offer a free trial?', 'What counts as a seat?', 'Join the newsletter', 'Subscribe',
];
/** A long page (a blog index, a docs home): more texts than the budget holds, so the last ones are cut. */
const MANY_PAGE_TEXTS = [...PAGE_TEXTS, ...Array.from({ length: 150 }, (_, i) => `Customer story ${i + 1}: how a small team shipped faster`)];
const VOCABULARIES: ReadonlyArray<readonly [string, SiteMap, readonly string[] | undefined, readonly string[] | undefined]> = [
  ['default map', DEFAULT_SITE_MAP, undefined, undefined],
  ['discovered + texts', DISCOVERED, PAGE_TEXTS, undefined],
  ['discovered + many texts', DISCOVERED, MANY_PAGE_TEXTS, undefined],
];

const shownPages = (system: string): number => (system.match(/^Pages: (.*?)(?: \(and \d+ more\))?$/m)?.[1] ?? '').split(', ').filter(Boolean).length;
const shownTexts = (system: string): number => (system.match(/^Texts on the home page: (.*)$/m)?.[1] ?? '').split('", "').filter(Boolean).length;

// The same figures for what discovery itself hands the model on a generated 300-file multi-page site.
const generated = multiPageSite(300);
const siteModel = buildSiteModel(generated);
const generatedVocabulary = vocabularyOf(siteModel);
const generatedTexts = [...new Set(siteModel.blocks.map((b) => b.block.text).filter((t) => t.length <= 120))].slice(0, 80);
const generatedPages = siteModel.pages.map((p) => p.route);

const rows = [];
for (const [vocabulary, siteMap, pageTexts, pages] of [...VOCABULARIES, [`300-file multi-page site (${generatedPages.length} pages)`, generatedVocabulary, generatedTexts, generatedPages] as const]) {
  for (const provider of LLM_PROVIDERS) {
    const model = DEFAULT_MODELS[provider];
    const price = priceOf(provider, model) ?? MODEL_PRICES[model];
    for (const text of REQUESTS) {
      const request = buildIntentRequest(siteMap, text, model, price.reasoning, pageTexts, pages);
      const input = estimateInputTokens(request, provider);
      const output = Math.ceil(TYPICAL_ANSWER.length / 4) + (price.reasoning ? REASONING_ALLOWANCE_TOKENS : 0) + (provider === 'anthropic' ? 20 : 0);
      const worstIn = worstCaseInputTokens(request, provider);
      rows.push({
        vocabulary,
        provider,
        request: text.length > 30 ? `${text.slice(0, 29)}…` : text,
        'system chars': request.system.length,
        'system tokens (est.)': estimateTextTokens(request.system),
        'page texts shown': `${shownTexts(request.system)}/${pageTexts?.length ?? 0}`,
        'pages shown': `${shownPages(request.system)}/${pages?.length ?? 0}`,
        'input tokens (est.)': input,
        'output tokens (est.)': output,
        'USD per request': (costMicros(price, input, output) / 1e6).toFixed(6),
        'USD per 1 000': (costMicros(price, input * 1000, output * 1000) / 1e6).toFixed(2),
        'reserved USD (worst case)': (costMicros(price, worstIn, request.maxOutputTokens) / 1e6).toFixed(6),
      });
    }
  }
}
console.log(`Prices taken on ${PRICES_TAKEN_ON}. Default site map: ${Object.keys(DEFAULT_SITE_MAP.sections).length} sections. Discovered: ${SECTIONS.length} sections with current values. System prompt budget: ${PROMPT_TOKEN_BUDGET} tokens.`);
console.table(rows);
const overBudget = rows.filter((r) => r['system tokens (est.)'] > PROMPT_TOKEN_BUDGET);
const overTarget = rows.filter((r) => r.vocabulary === 'default map' && r['input tokens (est.)'] >= DEFAULT_MAP_INPUT_TARGET);
if (overBudget.length > 0) console.error(`A system prompt is over the ${PROMPT_TOKEN_BUDGET}-token budget.`);
if (overTarget.length > 0) console.error(`The default map's request is over the ${DEFAULT_MAP_INPUT_TARGET} input token target.`);
if (overBudget.length + overTarget.length > 0) process.exitCode = 1;
