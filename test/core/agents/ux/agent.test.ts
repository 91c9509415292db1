import { execFileSync } from 'node:child_process';
import { executingTaskFor } from '../../../support/executing-task';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGitRepoHost } from '../../../../lambda/core/adapters/local-git-repo-host';
import type { IntentParser } from '../../../../lambda/core/agents/ux/intent';
import { createUxAgent } from '../../../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { AgentContext, AgentRequest, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import type { Task } from '../../../../lambda/core/domain/task';
import type { RepoHost } from '../../../../lambda/core/ports/repo-host';

const SEED = join(__dirname, '../../../../examples/site');
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date('2026-03-01T10:20:00Z') };

function request(options: Record<string, string>): AgentRequest {
  return {
    command: 'ux-update',
    options,
    requester: { id: '111111111111', name: 'Alice', roles: [] },
    commandLine: `/ux-update ${Object.entries(options).map(([k, v]) => `${k}:${v}`).join(' ')}`,
  };
}

function taskFor(outcome: ProposalOutcome, taskId = 'tsk_01HX9ABCDEF'): Task {
  return executingTaskFor(outcome, { taskId });
}

const embed = (outcome: ProposalOutcome) => {
  const message = outcome.kind === 'proposal' ? outcome.preview : outcome.kind === 'choice' ? outcome.question : outcome.message;
  return message.embeds?.[0] ?? {};
};

describe('UX Agent on a local git repository', () => {
  let root: string;
  let directory: string;
  let host: RepoHost;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'valine-ux-agent-'));
    directory = join(root, 'site');
    host = createLocalGitRepoHost({ directory, seedFrom: SEED });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('previews the real diff of the structured command, coloured with the new colour', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ command: 'section:header text:"Test Deploy" color:#112233' }), context);
    expect(outcome.kind).toBe('proposal');
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('header: text → "Test Deploy"; color → #112233');
    const preview = embed(outcome);
    expect(preview.color).toBe(0x112233);
    expect(preview.description).toContain('```diff\n--- a/src/components/Header.tsx\n+++ b/src/components/Header.tsx');
    expect(preview.description).toContain('\n-      <h1 data-ux="header-text">Welcome to Acme</h1>\n+      <h1 data-ux="header-text">Test Deploy</h1>\n');
    expect(preview.description).toContain('\n-  --header-color: #1f2937;\n+  --header-color: #112233;\n');
    expect(preview.description).toContain('• **text**: `Welcome to Acme` → `Test Deploy`');
    expect(preview.footer?.text).toBe('Read as a structured command.');
    expect(outcome.kind === 'proposal' && outcome.preview.components).toBeUndefined();
    expect(outcome.kind === 'proposal' && outcome.preview.allowed_mentions).toEqual({ parse: [] });
  });

  it('understands plain language with the rules, and says so under the preview', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ description: 'change the footer text to "© 2026 Acme" and make it dark gray' }), context);
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('footer: text → "© 2026 Acme"; color → #505050 (dark gray)');
    expect(embed(outcome).color).toBe(0x505050);
    expect(embed(outcome).footer?.text).toBe('Understood by the built-in rules (no LLM).');
  });

  it('writes a CSS colour name as hex, and shows both in the preview, the commit and the pull request text', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ command: 'section:header color:red' }), context);
    expect(embed(outcome).description).toContain('• **color**: `#1f2937` → `#ff0000` (red)');
    expect(embed(outcome).description).toContain('\n+  --header-color: #ff0000;\n');
    expect(embed(outcome).color).toBe(0xff0000);
    await agent.execute(taskFor(outcome), context);
    expect(git(directory, 'log', '-1', '--format=%B', 'ux/header-20260301-1020-tsk01hx9abcd')).toContain('- color: "#1f2937" -> "#ff0000" (red)');
  });

  it('uses an injected plain-language parser and shows its note', async () => {
    const model: IntentParser = {
      name: 'openai',
      parse: async () => ({ kind: 'intent', parser: 'openai', note: 'gpt-test, $0.0001.', intent: { section: 'navbar', changes: [{ property: 'brand', value: 'Acme Labs' }] } }),
    };
    const agent = createUxAgent({ repoHost: host, describeParser: model });
    const outcome = await agent.propose(request({ description: 'whatever the model reads' }), context);
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('navbar: brand → "Acme Labs"');
    expect(embed(outcome).footer?.text).toBe('Understood by OpenAI: gpt-test, $0.0001.');
  });

  it('asks one question without buttons when the request is unclear', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ description: 'make it blue' }), context);
    expect(outcome.kind).toBe('clarification');
    expect(embed(outcome).description).toMatch(/^Which section should change: header, footer, navbar or home\?/);
    expect(outcome.kind === 'clarification' && outcome.message.components).toBeUndefined();
  });

  it('reads a link path that looks like an SEO word ("/search") as where the link goes, on a site whose head is editable', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ description: 'add a link "Search" to /search in the navbar' }), context);
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('navbar: add link Search:/search');
  });

  it('says when its question is which section, so a click can answer it: the sections with a colour, or the one guessed from a typo', async () => {
    const agent = createUxAgent({ repoHost: host });
    const which = await agent.propose(request({ description: 'make it blue' }), context);
    expect(which.kind === 'clarification' && which.sectionQuestion?.sections).toEqual(['header', 'footer', 'navbar', 'home']);
    expect(which.kind === 'clarification' && which.sectionQuestion?.message.embeds?.[0]?.description).toBe('Which section should change: header, footer, navbar or home?');
    const typo = await agent.propose(request({ description: 'make the foter blue' }), context);
    expect(typo.kind === 'clarification' && typo.sectionQuestion).toMatchObject({ guessed: 'footer', sections: ['footer'] });
    expect(typo.kind === 'clarification' && typo.sectionQuestion?.message.embeds?.[0]?.description).toBe('Did you mean the footer (you wrote `foter`)?');
    // Any other question is not about the section: nothing for a click to try.
    const other = await agent.propose(request({ description: 'change the footer text' }), context);
    expect(other.kind === 'clarification' && other.sectionQuestion).toBeUndefined();
  });

  it.each([
    [{ command: 'section:hedaer text:"x"' }, /Unknown section `hedaer`\. Did you mean `header`\?/],
    [{ command: 'section:header color:#12345' }, /`#12345` is not a colour I can use/],
    [{ command: 'section:header text:"Welcome to Acme"' }, /Nothing would change: the header already looks like that/],
    [{ command: 'section:header add-link:"Blog:/blog"' }, /already has the link Blog → \/blog/],
    [{}, /Give either `command:`.*or `description:`/],
    [{ command: 'section:header text:"a"', description: 'make it blue' }, /not both/],
  ])('refuses %p before any button is shown', async (options, message) => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request(options as Record<string, string>), context);
    expect(outcome.kind).toBe('rejected');
    expect(embed(outcome).description).toMatch(message);
  });

  it('writes mentions, markdown and backticks as data, with nothing in the preview able to ping', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ command: 'section:header text:"@everyone ```boom``` <@123> {x}"' }), context);
    expect(outcome.kind).toBe('proposal');
    const description = embed(outcome).description ?? '';
    // The diff block is never closed early by the text's backticks.
    expect(description.match(/```/g)).toHaveLength(2);
    expect(outcome.kind === 'proposal' && outcome.summary).not.toContain('@everyone');
    expect(outcome.kind === 'proposal' && outcome.preview.allowed_mentions).toEqual({ parse: [] });
    const task = taskFor(outcome);
    await agent.execute(task, context);
    const written = git(directory, 'show', 'ux/header-20260301-1020-tsk01hx9abcd:src/components/Header.tsx');
    expect(written).toContain('<h1 data-ux="header-text">{"@everyone ```boom``` <@123> {x}"}</h1>');
  });

  it('refuses a site map that points at a missing file or marker, or that is invalid', async () => {
    const main = (await host.head('main')) as string;
    const agent = createUxAgent({ repoHost: host });
    const map = (file: string, marker: string) =>
      JSON.stringify({ version: 1, sections: { banner: { properties: { text: { edit: 'jsx-text', file, marker } } } } });
    await host.commitFiles('main', [{ path: '.valine/ux-map.json', content: map('src/Banner.tsx', 'banner-text') }], { message: 'map' });
    let outcome = await agent.propose(request({ command: 'section:banner text:"Hi"' }), context);
    expect(embed(outcome).description).toMatch(/^The site map says banner text lives in `src\/Banner.tsx`, but that file does not exist on `main`/);
    await host.commitFiles('main', [{ path: '.valine/ux-map.json', content: map('src/components/Header.tsx', 'banner-text') }], { message: 'map' });
    outcome = await agent.propose(request({ command: 'section:banner text:"Hi"' }), context);
    expect(embed(outcome).description).toMatch(/^No element with data-ux="banner-text" was found in src\/components\/Header.tsx/);
    await host.commitFiles('main', [{ path: '.valine/ux-map.json', content: '{"version":1}' }], { message: 'map' });
    outcome = await agent.propose(request({ command: 'section:header text:"Hi"' }), context);
    expect(embed(outcome).description).toMatch(/^The site map .valine\/ux-map.json is invalid: `sections`: is missing/);
    expect(main).not.toBe(await host.head('main'));
  });

  it('refuses files too large to store on the task', async () => {
    const css = `.big {\n  --big-color: #000000;\n}\n${'/* padding */\n'.repeat(20_000)}`;
    const map = { version: 1, sections: { big: { properties: { color: { edit: 'css-variable', file: 'big.css', variable: '--big-color' } } } } };
    await host.commitFiles('main', [{ path: 'big.css', content: css }, { path: '.valine/ux-map.json', content: JSON.stringify(map) }], { message: 'big' });
    const outcome = await createUxAgent({ repoHost: host }).propose(request({ command: 'section:big color:red' }), context);
    expect(outcome.kind).toBe('rejected');
    expect(embed(outcome).description).toMatch(/^The files to change add up to 273 KB; the UX Agent edits files up to 256 KB in total/);
  });

  it('uses the repository map when there is one', async () => {
    const map = { version: 1, sections: { hero: { properties: { title: { edit: 'jsx-text', file: 'src/pages/Home.tsx', marker: 'home-hero-text' } } } } };
    await host.commitFiles('main', [{ path: '.valine/ux-map.json', content: JSON.stringify(map) }], { message: 'map' });
    const outcome = await createUxAgent({ repoHost: host }).propose(request({ command: 'section:hero title:"Calm software"' }), context);
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('hero: title → "Calm software"');
  });

  it('refuses a repository where discovery finds no page, saying how to describe it', async () => {
    const bare = join(root, 'bare-seed');
    mkdirSync(bare);
    writeFileSync(join(bare, 'README.md'), '# not a React site\n');
    const agent = createUxAgent({ repoHost: createLocalGitRepoHost({ directory: join(root, 'other'), seedFrom: bare }) });
    const outcome = await agent.propose(request({ description: 'make the navbar blue' }), context);
    expect(outcome.kind).toBe('rejected');
    expect(embed(outcome).description).toMatch(/^I found no home page in this repository \(no index\.html, no pages or routes folder of a framework I know\); the UX Agent reads React, Next\.js.*describe them in \.valine\/ux-map\.json/);
  });

  it('confirms into a branch with one commit naming the requester, leaving main and the checkout alone', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ command: 'section:header text:"Test Deploy" color:#112233' }), context);
    const main = git(directory, 'rev-parse', 'main');
    const done = await agent.execute(taskFor(outcome), context);
    const branch = 'ux/header-20260301-1020-tsk01hx9abcd';
    expect(done).toMatchObject({ kind: 'done', branch });
    expect(done.message.embeds?.[0].description).toContain(`git -C ${directory} diff main..${branch}`);
    expect(git(directory, 'rev-parse', 'main')).toBe(main);
    expect(git(directory, 'status', '--porcelain')).toBe('');
    expect(git(directory, 'rev-list', '--count', `main..${branch}`)).toBe('1');
    expect(git(directory, 'log', '-1', '--format=%B', branch)).toContain('Requested by Alice (Discord user 111111111111) through Valine task tsk_01HX9ABCDEF.');
    expect(git(directory, 'diff', `main..${branch}`, '--stat')).toMatch(/2 files changed, 2 insertions\(\+\), 2 deletions\(-\)/);
    // A second Confirm of the same task changes nothing.
    await expect(agent.execute(taskFor(outcome), context)).resolves.toMatchObject({ kind: 'done', branch });
    expect(git(directory, 'rev-list', '--count', `main..${branch}`)).toBe('1');
  });

  it('gives twenty concurrent executions of one task exactly one branch and one commit', async () => {
    const agent = createUxAgent({ repoHost: host });
    const outcome = await agent.propose(request({ description: 'make the navbar blue' }), context);
    const results = await Promise.all(Array.from({ length: 20 }, () => agent.execute(taskFor(outcome), context)));
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(['done']));
    expect(git(directory, 'branch', '--list', 'ux/*')).toBe('ux/navbar-20260301-1020-tsk01hx9abcd');
    expect(git(directory, 'rev-list', '--count', 'main..ux/navbar-20260301-1020-tsk01hx9abcd')).toBe('1');
  });

  it('branches from the new tip when main moved elsewhere, and refuses when the previewed file changed', async () => {
    const agent = createUxAgent({ repoHost: host });
    const header = await agent.propose(request({ command: 'section:header text:"Test Deploy"' }), context);
    const footer = await agent.propose(request({ command: 'section:footer text:"Bye"' }), context);
    await host.commitFiles('main', [{ path: 'src/components/Footer.tsx', content: 'export function Footer() { return null; }\n' }], { message: 'someone else' });
    const moved = git(directory, 'rev-parse', 'main');
    await expect(agent.execute(taskFor(header, 'task-a'), context)).resolves.toMatchObject({ kind: 'done' });
    expect(git(directory, 'merge-base', 'main', 'ux/header-20260301-1020-taska')).toBe(moved);
    const refused = await agent.execute(taskFor(footer, 'task-b'), context);
    expect(refused).toMatchObject({ kind: 'failed' });
    expect(refused.message.embeds?.[0].description).toMatch(/`src\/components\/Footer.tsx` changed on `main` since the preview/);
    expect(git(directory, 'branch', '--list', 'ux/footer*')).toBe('');
  });
});
