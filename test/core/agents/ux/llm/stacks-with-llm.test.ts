import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSecretReader } from '../../../../../lambda/core/adapters/env-secrets';
import { DynamoDbLlmBudget } from '../../../../../lambda/core/adapters/dynamodb-llm-budget';
import { createLocalGitRepoHost } from '../../../../../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../../../../../lambda/core/agents/ux';
import { createLlmIntentParser } from '../../../../../lambda/core/agents/ux/llm/intent-parser';
import { createRulesParser } from '../../../../../lambda/core/agents/ux/rules-parser';
import { defaultFlagValues } from '../../../../../lambda/core/contract/flags';
import type { AgentContext } from '../../../../../lambda/core/domain/agent';
import { judgeEdit, type SiteRequest } from '../../../../../bench/lib/real-sites-judge';
import { startDynalite, type EmbeddedDynamoDb } from '../../../../support/dynalite';
import { fixtureDir } from '../../../../support/fixture-sites';
import { startLoopbackOpenAi, type LoopbackLlm } from '../../../../support/loopback-openai';
import { recordingLogger } from '../../../../support/recording-logger';
import { executingTaskFor } from '../../../../support/executing-task';
import { shown, uxRequest } from '../../../../support/ux-fixture-repo';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * The same everyday requests as examples/sites/requests.json, with LLM parsing on: the model
 * (a loopback OpenAI) answers in the checked schema — a page, a site request, a section — and
 * the agent must land the same edit the rules land, judged by the same rules as
 * `npm run bench:real-sites`. The prompt it was given must name the site's pages.
 */
const REQUESTS = JSON.parse(readFileSync(join(__dirname, '../../../../../examples/sites/requests.json'), 'utf8')) as { sites: Record<string, SiteRequest[]> };
const request = (site: string, id: string): SiteRequest => {
  const found = REQUESTS.sites[site]?.find((r) => r.id === id);
  if (!found) throw new Error(`examples/sites/requests.json has no ${site}/${id}`);
  return found;
};

const EMPTY = { section: null, changes: [], addLinks: [], removeLinks: [], renameLinks: [], replaceText: null, styles: [], page: null, request: null, question: null };

/** What a model answers for each request (the schema of lambda/core/agents/ux/llm/answer.ts). */
const CASES: Array<{ site: string; id: string; answer: Record<string, unknown>; page?: string }> = [
  { site: 'hugo-site', id: 'page-seo-description', page: '/about', answer: { ...EMPTY, kind: 'edit', section: 'seo', changes: [{ property: 'description', value: 'Two designers in Halifax.' }], page: '/about' } },
  { site: 'hugo-site', id: 'page-text', answer: { ...EMPTY, kind: 'edit', replaceText: { from: 'How we work', to: 'Our process' }, page: 'about' } },
  { site: 'jekyll-site', id: 'price', answer: { ...EMPTY, kind: 'edit', request: { type: 'price', about: 'Team', value: '$35' } } },
  { site: 'jekyll-site', id: 'faq', answer: { ...EMPTY, kind: 'edit', request: { type: 'answer', about: 'Do you offer refunds?', value: 'Yes, within 30 days of any payment.' } } },
  { site: 'sveltekit-tailwind', id: 'contact-email', answer: { ...EMPTY, kind: 'edit', request: { type: 'email', about: null, value: 'hello@acme.com' } } },
  { site: 'astro-tailwind4', id: 'page-seo-description', page: '/pricing', answer: { ...EMPTY, kind: 'edit', section: 'seo', changes: [{ property: 'description', value: 'Simple plans, 14 days free.' }], page: 'pricing' } },
  { site: 'docusaurus-ts', id: 'price', answer: { ...EMPTY, kind: 'edit', request: { type: 'price', about: 'Team', value: '$59' }, page: '/pricing' } },
  { site: 'docusaurus-ts', id: 'brand-color', answer: { ...EMPTY, kind: 'edit', section: 'theme', changes: [{ property: 'primary-color', value: '#0f766e' }] } },
];

let db: EmbeddedDynamoDb;
let openai: LoopbackLlm;
beforeAll(async () => {
  [db, openai] = await Promise.all([startDynalite(), startLoopbackOpenAi()]);
});
afterAll(async () => {
  await Promise.all([db.close(), openai.close()]);
});

const context: AgentContext = { flags: { ...defaultFlagValues('dev'), 'use-llm-parsing': true }, now: () => new Date('2026-03-01T10:20:00Z') };

describe.each(CASES)('$site $id with LLM parsing on', ({ site, id, answer, page }) => {
  it('lands the edit the rules land, from the answer in the checked schema', async () => {
    const root = mkdtempSync(join(tmpdir(), 'valine-llm-site-'));
    try {
      const directory = join(root, 'site');
      const host = createLocalGitRepoHost({ directory, seedFrom: fixtureDir(site) });
      const parser = createLlmIntentParser({
        fallback: createRulesParser(),
        secrets: new EnvSecretReader({ OPENAI_API_KEY: 'sk-test-openai-key' }),
        budget: new DynamoDbLlmBudget(db.client, db.tables.ledger, context.now),
        logger: recordingLogger(),
        stage: 'test',
        env: { OPENAI_BASE_URL: openai.baseUrl },
        now: context.now,
        retry: { timeoutMs: 3000, baseDelayMs: 10 },
        writeEmf: () => undefined,
      });
      const agent = createUxAgent({ repoHost: host, describeParser: parser });
      const wanted = request(site, id);
      openai.requests.length = 0;
      openai.respond = () => ({ answer });
      const outcome = await agent.propose(uxRequest(wanted.options), context);
      expect(openai.requests).toHaveLength(1);
      const prompt = JSON.stringify(openai.requests[0].body);
      if (page) expect(prompt).toContain(page);
      if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
      expect((outcome.proposal as { parser: string }).parser).toBe('openai');
      const done = await agent.execute(executingTaskFor(outcome, { taskId: `tsk_llm${id.replace(/\W/g, '')}` }), context);
      if (done.kind !== 'done') throw new Error(`expected a commit, got ${JSON.stringify(done)}`);
      const diff = execFileSync('git', ['-C', directory, 'diff', `main..${done.branch}`], { encoding: 'utf8' });
      expect(judgeEdit(wanted, diff)).toEqual({ correct: true, reason: expect.any(String) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
