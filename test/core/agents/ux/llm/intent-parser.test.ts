import { EnvSecretReader } from '../../../../../lambda/core/adapters/env-secrets';
import type { IntentParseContext, ParseOutcome } from '../../../../../lambda/core/agents/ux/intent';
import { createRulesParser } from '../../../../../lambda/core/agents/ux/rules-parser';
import { DEFAULT_SITE_MAP } from '../../../../../lambda/core/agents/ux/site-map';
import { defaultFlagValues, type FlagValues } from '../../../../../lambda/core/contract/flags';
import { DynamoDbLlmBudget } from '../../../../../lambda/core/adapters/dynamodb-llm-budget';
import { createLlmIntentParser, type LlmIntentParserDeps } from '../../../../../lambda/core/agents/ux/llm/intent-parser';
import { costMicros, DEFAULT_MODELS, MODEL_PRICES } from '../../../../../lambda/core/llm/prices';
import { buildIntentRequest } from '../../../../../lambda/core/agents/ux/llm/prompt';
import { worstCaseInputTokens } from '../../../../../lambda/core/llm/token-estimate';
import { startDynalite, type EmbeddedDynamoDb } from '../../../../support/dynalite';
import { startLoopbackAnthropic } from '../../../../support/loopback-anthropic';
import { startLoopbackOpenAi, type LoopbackLlm } from '../../../../support/loopback-openai';
import { recordingLogger } from '../../../../support/recording-logger';

const OPENAI_KEY = 'sk-test-openai-key';
const ANTHROPIC_KEY = 'sk-ant-test-key';

const navbarAnswer = {
  kind: 'edit',
  section: 'navbar',
  changes: [
    { property: 'text', value: 'Spring Sale' },
    { property: 'color', value: '#2e7d32' },
  ],
  addLinks: [],
  question: null,
};

let db: EmbeddedDynamoDb;
let openai: LoopbackLlm;
let anthropic: LoopbackLlm;
let dayCounter = 0;

beforeAll(async () => {
  [db, openai, anthropic] = await Promise.all([startDynalite(), startLoopbackOpenAi(), startLoopbackAnthropic()]);
});
afterAll(async () => {
  await Promise.all([db.close(), openai.close(), anthropic.close()]);
});
beforeEach(() => {
  openai.requests.length = 0;
  anthropic.requests.length = 0;
  openai.respond = () => ({ answer: navbarAnswer });
  anthropic.respond = () => ({ answer: navbarAnswer });
});

/** A parser on its own UTC day (a fresh budget record), its log lines and EMF lines. */
function setup(overrides: Partial<LlmIntentParserDeps> = {}, keys: Record<string, string> = { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY }) {
  dayCounter += 1;
  const today = new Date(Date.UTC(2026, 0, dayCounter, 12));
  const logger = recordingLogger();
  const emf: string[] = [];
  const budget = new DynamoDbLlmBudget(db.client, db.tables.ledger, () => today);
  const parser = createLlmIntentParser({
    fallback: createRulesParser(),
    secrets: new EnvSecretReader(keys),
    budget,
    logger,
    stage: 'test',
    env: { OPENAI_BASE_URL: openai.baseUrl, ANTHROPIC_BASE_URL: anthropic.baseUrl },
    now: () => today,
    retry: { timeoutMs: 3000, baseDelayMs: 10 },
    writeEmf: (line) => emf.push(line),
    ...overrides,
  });
  return { parser, logger, emf, budget, today };
}

const flags = (overrides: Partial<FlagValues> = {}): IntentParseContext => ({
  flags: { ...defaultFlagValues('dev'), 'use-llm-parsing': true, ...overrides },
});

const costLines = (logger: ReturnType<typeof recordingLogger>) => logger.lines.filter((l) => l.extra && 'cost_usd' in l.extra);

describe('LLM intent parser with OpenAI', () => {
  it('turns a loose request into a navbar intent and reports the cost of the usage the API returned', async () => {
    const { parser, logger, emf, budget } = setup();
    openai.script({ answer: navbarAnswer, usage: { input: 900, output: 60 } });

    const outcome = await parser.parse('the top bar should say Spring Sale and feel more like our brand green', DEFAULT_SITE_MAP, flags());

    expect(outcome).toEqual({
      kind: 'intent',
      parser: 'openai',
      intent: { section: 'navbar', changes: [{ property: 'text', value: 'Spring Sale' }, { property: 'color', value: '#2e7d32' }] },
      note: 'gpt-5.4-nano, $0.0003.',
    });
    const [request] = openai.requests;
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(request.body).toMatchObject({
      model: DEFAULT_MODELS.openai,
      reasoning_effort: 'low',
      response_format: { type: 'json_schema', json_schema: { name: 'ux_change_request', strict: true } },
    });
    const messages = request.body.messages as Array<{ role: string; content: string }>;
    expect(messages[1]).toEqual({ role: 'user', content: '<request>\nthe top bar should say Spring Sale and feel more like our brand green\n</request>' });

    // 900 input tokens at $0.20/M + 60 output tokens at $1.25/M = $0.000255
    expect(costLines(logger)).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'LLM call',
        extra: expect.objectContaining({ provider: 'openai', model: 'gpt-5.4-nano', outcome: 'intent', cost_usd: 0.000255, input_tokens: 900, output_tokens: 60, attempts: 1, latency_ms: expect.any(Number) }),
      }),
    ]);
    expect(JSON.parse(emf[0])).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [{ Namespace: 'Valine', Dimensions: [['Stage']], Metrics: [{ Name: 'LlmCostUsd', Unit: 'None' }, { Name: 'LlmCalls', Unit: 'Count' }] }],
      },
      Stage: 'test',
      LlmCostUsd: 0.000255,
      LlmCalls: 1,
      provider: 'openai',
      model: 'gpt-5.4-nano',
      outcome: 'intent',
    });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.000255, reservedUsd: 0, calls: 1, limitUsd: 10 });
  });

  it('uses the model named by the llm-model flag, without reasoning effort for a non-reasoning model', async () => {
    const { parser } = setup();
    openai.script({ answer: navbarAnswer, usage: { input: 1000, output: 100 } });
    const outcome = await parser.parse('make the navbar green', DEFAULT_SITE_MAP, flags({ 'llm-model': 'gpt-4.1-mini' }));
    expect(outcome).toMatchObject({ parser: 'openai', note: 'gpt-4.1-mini, $0.0006.' });
    expect(openai.requests[0].body.model).toBe('gpt-4.1-mini');
    expect(openai.requests[0].body).not.toHaveProperty('reasoning_effort');
  });

  it('never calls a model the price table does not list', async () => {
    const { parser } = setup();
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-model': 'gpt-9-ultra' }));
    expect(outcome).toMatchObject({ parser: 'rules', kind: 'intent', note: 'No price is known for the OpenAI model gpt-9-ultra, so it was not called.' });
    expect(openai.requests).toHaveLength(0);
  });

  it('says so when llm-model names a model of the other provider, and calls neither', async () => {
    const { parser, logger } = setup();
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic', 'llm-model': 'gpt-5.4-nano' }));
    expect(outcome).toMatchObject({ parser: 'rules', kind: 'intent', note: 'The llm-model flag names gpt-5.4-nano, an OpenAI model, but llm-provider is anthropic.' });
    expect(openai.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'LLM model has no price', extra: expect.objectContaining({ model: 'gpt-5.4-nano', model_provider: 'openai' }) }));
  });

  it('retries a 429 after its retry-after and answers', async () => {
    const { parser, logger } = setup();
    openai.script({ status: 429, headers: { 'retry-after': '0.05' } }, { answer: navbarAnswer, usage: { input: 800, output: 50 } });
    const outcome = await parser.parse('make the top bar say Spring Sale', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'openai' });
    expect(openai.requests).toHaveLength(2);
    expect(costLines(logger)[0].extra).toMatchObject({ outcome: 'intent', attempts: 2 });
  });

  it('gives up at once when retry-after would pass the deadline, and the rules answer', async () => {
    const { parser, budget } = setup();
    openai.script({ status: 429, headers: { 'retry-after': '30' } });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: 'OpenAI is rate limiting requests (HTTP 429); gave up after 1 attempt.' });
    expect(openai.requests).toHaveLength(1);
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0, reservedUsd: 0, calls: 1 });
  });

  it('retries a 500 and answers when the provider recovers', async () => {
    const { parser } = setup();
    openai.script({ status: 500 }, { answer: navbarAnswer });
    expect(await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags())).toMatchObject({ kind: 'intent', parser: 'openai' });
    expect(openai.requests).toHaveLength(2);
  });

  it('falls back after three 500s, charging nothing', async () => {
    const { parser, logger, budget } = setup();
    openai.respond = () => ({ status: 500 });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: 'OpenAI had a server error (HTTP 500) after 3 attempts.' });
    expect(openai.requests).toHaveLength(3);
    expect(costLines(logger)[0]).toMatchObject({ level: 'warn', extra: expect.objectContaining({ outcome: 'server-error', cost_usd: 0, http_status: 500, attempts: 3 }) });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
  });

  it('falls back when the provider hangs past the timeout, keeping the reservation as spent', async () => {
    const { parser, budget } = setup({ retry: { timeoutMs: 300 } });
    openai.script({ hang: true });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: 'OpenAI timed out after 0.3 s.' });
    const spend = await budget.readDailySpend();
    expect(spend.reservedUsd).toBe(0);
    expect(spend.spentUsd).toBeGreaterThan(0);
  });

  it('does not retry a rejected key, and never logs it', async () => {
    const { parser, logger, emf } = setup();
    openai.script({ status: 401, message: `Incorrect API key provided: ${OPENAI_KEY}` });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome.note).toBe('OpenAI refused the request (HTTP 401); check the openai-api-key secret and the llm-model flag.');
    expect(openai.requests).toHaveLength(1);
    expect(costLines(logger)[0].extra).toMatchObject({ outcome: 'rejected', http_status: 401 });
    expect(JSON.stringify([logger.lines, emf, outcome])).not.toContain(OPENAI_KEY);
  });

  it('falls back on malformed JSON and charges the usage the provider reported', async () => {
    const { parser, logger, budget } = setup();
    openai.script({ content: '{"kind": "edit", "section": "navbar", ', usage: { input: 700, output: 20 } });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: "OpenAI's answer could not be used: it was not JSON." });
    expect(costLines(logger)[0].extra).toMatchObject({ outcome: 'malformed-output', cost_usd: 0.000165 });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.000165, calls: 1 });
  });

  it('passes on a clarification question from the model', async () => {
    const { parser } = setup();
    openai.script({ answer: { kind: 'clarification', section: null, changes: [], addLinks: [], question: 'Should the header or the footer say "Spring Sale"?' } });
    const outcome = await parser.parse('make it say Spring Sale', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'clarification', parser: 'openai', question: 'Should the header or the footer say "Spring Sale"?' });
  });
});

describe('LLM intent parser with Anthropic', () => {
  it('forces the answer tool and reads the intent from its input', async () => {
    const { parser, logger, budget } = setup();
    anthropic.script({ answer: { ...navbarAnswer, changes: [{ property: 'color', value: 'navy' }] }, usage: { input: 1200, output: 80 } });

    const outcome = await parser.parse('make the nav bar navy', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic' }));

    // 1200 input tokens at $1/M + 80 output tokens at $5/M = $0.0016
    expect(outcome).toEqual({ kind: 'intent', parser: 'anthropic', intent: { section: 'navbar', changes: [{ property: 'color', value: 'navy' }] }, note: 'claude-haiku-4-5, $0.0016.' });
    const [request] = anthropic.requests;
    expect(request.path).toBe('/v1/messages');
    expect(request.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 400,
      tools: [{ name: 'ux_change_request', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'ux_change_request' },
    });
    expect(JSON.stringify(request.headers)).toContain(ANTHROPIC_KEY);
    expect(costLines(logger)[0].extra).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', cost_usd: 0.0016, input_tokens: 1200, output_tokens: 80 });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.0016, calls: 1 });
    expect(openai.requests).toHaveLength(0);
  });

  it('falls back when the model answers in text instead of using the tool', async () => {
    const { parser } = setup();
    anthropic.script({ content: 'Sure! I will make the navbar blue.' });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic' }));
    expect(outcome).toMatchObject({ parser: 'rules', note: "Anthropic's answer could not be used: it did not use the ux_change_request tool (stop reason end_turn)." });
  });

  it('retries 529 overloaded and a 429 with retry-after', async () => {
    const { parser } = setup();
    anthropic.script({ status: 529 }, { status: 429, headers: { 'retry-after': '0' } }, { answer: navbarAnswer });
    expect(await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic' }))).toMatchObject({ kind: 'intent', parser: 'anthropic' });
    expect(anthropic.requests).toHaveLength(3);
  });

  it('falls back when Anthropic hangs past the timeout', async () => {
    const { parser } = setup({ retry: { timeoutMs: 300 } });
    anthropic.script({ hang: true });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic' }));
    expect(outcome).toMatchObject({ parser: 'rules', note: 'Anthropic timed out after 0.3 s.' });
  });
});

describe('page texts and the new kinds of answer', () => {
  const systemOf = (body: Record<string, unknown>) => (body.messages as Array<{ role: string; content: string }> | undefined)?.find((m) => m.role === 'system')?.content ?? (body.system as string);

  it('shows the home page texts to OpenAI and maps a replaceText answer to the intent', async () => {
    const { parser } = setup();
    openai.script({ answer: { ...navbarAnswer, section: null, changes: [], removeLinks: [], renameLinks: [], styles: [], replaceText: { from: 'Get Started', to: 'Start free' } } });
    const outcome = await parser.parse('change the Get Started button to Start free', DEFAULT_SITE_MAP, { ...flags(), pageTexts: ['Get Started', 'Pricing', 'get started'] });
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'openai', intent: { section: '', changes: [], replaceText: { from: 'Get Started', to: 'Start free' } } });
    expect(systemOf(openai.requests[0].body)).toContain('Texts on the home page: "Get Started", "Pricing"\n');
  });

  it('maps link removals, renames and style steps from Anthropic', async () => {
    const { parser } = setup();
    anthropic.script({
      answer: {
        kind: 'edit',
        section: 'navbar',
        changes: [],
        addLinks: [],
        removeLinks: ['Blog'],
        renameLinks: [{ from: 'About', to: 'Team' }],
        replaceText: null,
        styles: [{ property: 'brand', step: 'bolder' }],
        question: null,
      },
    });
    const outcome = await parser.parse('drop the blog link, call About Team, and make the logo bold', DEFAULT_SITE_MAP, { ...flags({ 'llm-provider': 'anthropic' }), pageTexts: ['Home'] });
    expect(outcome).toMatchObject({
      kind: 'intent',
      parser: 'anthropic',
      intent: { section: 'navbar', changes: [], removeLinks: ['Blog'], renameLinks: [{ from: 'About', to: 'Team' }], styles: [{ property: 'brand', step: 'bolder' }] },
    });
    expect(systemOf(anthropic.requests[0].body)).toContain('Texts on the home page: "Home"');
  });

  it('refuses an oversized answer, says which value, and lets the rules answer', async () => {
    const { parser } = setup();
    openai.script({ answer: { ...navbarAnswer, changes: [{ property: 'text', value: 'Sale! '.repeat(200) }] } });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: "OpenAI's answer could not be used: its changes[0].value is longer than 1000 characters." });
  });
});

describe('falling back to the rules', () => {
  it('answers by rules when LLM parsing is off or no flags are given, without calling a provider', async () => {
    const { parser, emf } = setup();
    for (const context of [flags({ 'use-llm-parsing': false }), undefined]) {
      expect(await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, context)).toMatchObject({ kind: 'intent', parser: 'rules', note: 'LLM parsing is off.' });
    }
    expect(openai.requests).toHaveLength(0);
    expect(emf).toHaveLength(0);
  });

  it('answers by rules when the key is not set, and counts the fallback', async () => {
    const { parser, emf } = setup({}, {});
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'llm-provider': 'anthropic' }));
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The anthropic-api-key secret is not set.' });
    expect(anthropic.requests).toHaveLength(0);
    expect(JSON.parse(emf[0])).toMatchObject({ _aws: { CloudWatchMetrics: [{ Namespace: 'Valine', Dimensions: [['Stage']], Metrics: [{ Name: 'LlmFallbacks', Unit: 'Count' }] }] }, Stage: 'test', LlmFallbacks: 1, reason: 'no-key' });
  });

  it('answers by rules when the daily budget is used up', async () => {
    const { parser } = setup();
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'max-daily-llm-cost-usd': 0.0001 }));
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The daily LLM budget ($0.00) is used up.' });
    expect(openai.requests).toHaveLength(0);
  });

  it('says the budget is held, not used up, while only calls in flight fill it (issue 18, low)', async () => {
    const { parser, budget } = setup();
    // Another call holds $0.009 of a $0.01 budget; nothing is settled yet.
    expect(await budget.reserve(9_000, 10_000)).toBeDefined();
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags({ 'max-daily-llm-cost-usd': 0.01 }));
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The daily LLM budget ($0.01) is held by LLM calls in progress right now; try again in a minute.' });
    expect(openai.requests).toHaveLength(0);
  });

  it.each([
    ['negative', { input: -50_000_000, output: 60 }],
    ['fractional', { input: 900.5, output: 60 }],
    ['text', { input: '900' as unknown as number, output: 60 }],
  ])('charges the whole reservation when the provider reports %s token usage: never a widened budget, never $NaN (issue 18, low)', async (_kind, usage) => {
    const { parser, budget, logger } = setup();
    openai.script({ answer: navbarAnswer, usage });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'openai' });
    expect((outcome as { note: string }).note).toMatch(/^gpt-5\.4-nano, \$0\.\d{4}\.$/);
    const [call] = costLines(logger);
    const spend = await budget.readDailySpend();
    // Charged exactly what was reserved for the call, and nothing is left held.
    expect(call?.extra?.cost_usd).toBe(call?.extra?.reserved_usd);
    expect(spend).toMatchObject({ spentUsd: call?.extra?.reserved_usd, reservedUsd: 0, calls: 1 });
    expect(spend.spentUsd).toBeGreaterThan(0);
    expect(logger.lines.map((l) => l.message)).toContain('The LLM provider reported token usage that is not a count; the call is charged its whole reservation');
  });

  it('answers by rules when the answer is JSON of another shape, charging the call', async () => {
    const { parser, logger, budget } = setup();
    openai.script({ answer: { ...navbarAnswer, file: '.github/workflows/deploy.yml' }, usage: { input: 900, output: 70 } });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ kind: 'intent', parser: 'rules', note: "OpenAI's answer could not be used: it was not in the expected shape." });
    expect(outcome.kind === 'intent' && outcome.intent).toEqual({ section: 'navbar', changes: [{ property: 'color', value: 'blue' }] });
    expect(costLines(logger)[0]).toMatchObject({ level: 'warn', extra: expect.objectContaining({ outcome: 'invalid-answer', cost_usd: 0.000268 }) });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.000268, calls: 1 });
  });

  it('answers by rules, calling no model, when the key cannot be read', async () => {
    const { parser, logger } = setup({ secrets: { get: async () => Promise.reject(new Error('AccessDeniedException: not allowed')) } });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The openai-api-key secret could not be read.' });
    expect(openai.requests).toHaveLength(0);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'LLM key could not be read' }));
  });

  it('answers by rules, calling no model, when the budget cannot be checked', async () => {
    const { parser } = setup({ budget: new DynamoDbLlmBudget(db.client, 'no-such-table') });
    const outcome = await parser.parse('make the navbar blue', DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The LLM budget could not be checked.' });
    expect(openai.requests).toHaveLength(0);
  });

  it('sends long descriptions to the rules', async () => {
    const { parser } = setup();
    const outcome = await parser.parse(`make the navbar blue ${'please '.repeat(200)}`, DEFAULT_SITE_MAP, flags());
    expect(outcome).toMatchObject({ parser: 'rules', note: 'The description is longer than 1000 characters.' });
    expect(openai.requests).toHaveLength(0);
  });
});

describe('the daily budget under concurrency', () => {
  const text = 'make the navbar green';
  const price = MODEL_PRICES['gpt-5.4-nano'];
  const request = buildIntentRequest(DEFAULT_SITE_MAP, text, 'gpt-5.4-nano', true);
  const worstInput = worstCaseInputTokens(request, 'openai');
  const worstMicros = costMicros(price, worstInput, request.maxOutputTokens);

  it('lets exactly ten of fifty concurrent parses through when each costs its whole reservation', async () => {
    const { parser, budget } = setup();
    openai.respond = () => ({ answer: navbarAnswer, usage: { input: worstInput, output: request.maxOutputTokens }, delayMs: 20 });
    const limitUsd = (10 * worstMicros) / 1_000_000;

    const outcomes = await Promise.all(Array.from({ length: 50 }, () => parser.parse(text, DEFAULT_SITE_MAP, flags({ 'max-daily-llm-cost-usd': limitUsd }))));

    const byModel = outcomes.filter((o) => o.parser === 'openai');
    const byRules = outcomes.filter((o) => o.parser === 'rules');
    expect(byModel).toHaveLength(10);
    expect(byRules).toHaveLength(40);
    // Refused while the ten were still in flight, the budget is held, not yet used up (issue 18): either sentence is true at its moment.
    const limit = `The daily LLM budget ($${limitUsd.toFixed(2)})`;
    for (const note of new Set(byRules.map((o) => o.note))) expect([`${limit} is used up.`, `${limit} is held by LLM calls in progress right now; try again in a minute.`]).toContain(note);
    const spend = await budget.readDailySpend();
    expect(spend).toMatchObject({ calls: 10, reservedUsd: 0 });
    expect(spend.spentUsd).toBeLessThanOrEqual(limitUsd);
    expect(openai.requests).toHaveLength(10);
  });

  it('never records more than the limit when calls cost less than reserved and settle while others reserve', async () => {
    const { parser, budget } = setup();
    openai.respond = () => ({ answer: navbarAnswer, usage: { input: 900, output: 80 }, delayMs: 5 + Math.floor(Math.random() * 30) });
    const limitUsd = (10 * worstMicros) / 1_000_000;

    const outcomes: ParseOutcome[] = await Promise.all(Array.from({ length: 50 }, () => parser.parse(text, DEFAULT_SITE_MAP, flags({ 'max-daily-llm-cost-usd': limitUsd }))));

    const answered = outcomes.filter((o) => o.parser === 'openai').length;
    const spend = await budget.readDailySpend();
    expect(answered).toBeGreaterThanOrEqual(10);
    expect(spend.calls).toBe(answered);
    expect(spend.reservedUsd).toBe(0);
    expect(spend.spentUsd).toBeLessThanOrEqual(limitUsd);
    expect(spend.spentUsd).toBeCloseTo((answered * costMicros(price, 900, 80)) / 1_000_000, 9);
  });
});
