import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLocalGitRepoHost } from '../../../../lambda/core/adapters/local-git-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { parseRevertTarget } from '../../../../lambda/core/agents/revert/target';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { Agent, AgentContext, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import { executingTaskFor } from '../../../support/executing-task';

const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date('2026-03-01T10:20:00Z') };
const lines = (prefix: string, n = 12) => Array.from({ length: n }, (_, i) => `${prefix} line ${i + 1}`).join('\n') + '\n';

const ask = (agent: Agent, target: string) =>
  agent.propose({ command: 'revert', options: { target }, requester: { id: '111111111111', name: 'Alice', roles: [] }, commandLine: `/revert target:${target}` }, context);
const text = (outcome: ProposalOutcome) =>
  outcome.kind === 'proposal' ? (outcome.preview.embeds?.[0].description ?? '') : 'message' in outcome ? (outcome.message.embeds?.[0].description ?? outcome.message.content ?? '') : '';

describe('Revert Agent on a local git repository', () => {
  let root: string;
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  /** Writes (or, for null, deletes) files in the checkout and commits them on the current branch. */
  const commit = (message: string, files: Record<string, string | null>): string => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) unlinkSync(join(dir, path));
      else {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    }
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  let agent: Agent;
  let root0: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'valine-revert-'));
    dir = join(root, 'site');
    mkdirSync(dir);
    git('init', '-q', '-b', 'main');
    root0 = commit('Initial site', { 'src/Header.tsx': lines('header'), 'src/Footer.tsx': lines('footer'), 'src/old.css': 'body { color: red; }\n' });
    agent = createRevertAgent({ repoHost: createLocalGitRepoHost({ directory: dir }) });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('proposes the reverse diff of a commit, then commits it on a branch once, restoring, deleting and putting files back', async () => {
    const change = commit('Spring sale header', {
      'src/Header.tsx': lines('header').replace('header line 3', 'SPRING SALE'),
      'src/Sale.tsx': 'export const Sale = () => null;\n',
      'src/old.css': null,
    });
    const outcome = await ask(agent, change.slice(0, 7));
    expect(outcome.kind).toBe('proposal');
    const preview = text(outcome);
    expect(preview).toContain(`commit \`${change.slice(0, 7)}\``);
    expect(preview).toContain('-SPRING SALE');
    expect(preview).toContain('+header line 3');
    expect(preview).toContain('`src/Sale.tsx`: deleted (the change added it)');
    expect(preview).toContain('`src/old.css`: restored (the change deleted it)');
    expect(outcome.kind === 'proposal' && outcome.summary).toBe('Revert "Spring sale header"');

    const task = executingTaskFor(outcome, { taskId: 'tsk_rev1', agentId: 'revert', command: `/revert target:${change.slice(0, 7)}` });
    const done = await agent.execute(task, context);
    const branch = `revert/${change.slice(0, 7)}-tskrev1`;
    expect(done).toMatchObject({ kind: 'done', branch });
    expect(done.message.embeds?.[0].description).toContain(`git -C ${dir} diff main..${branch}`);
    expect(git('show', `${branch}:src/Header.tsx`)).toBe(lines('header').trimEnd());
    expect(git('show', `${branch}:src/old.css`)).toBe('body { color: red; }');
    expect(git('ls-tree', '--name-only', '-r', branch)).not.toContain('src/Sale.tsx');
    expect(git('log', '-1', '--format=%B', branch)).toContain(`This reverts commit ${change}.`);
    expect(git('rev-list', '--count', `main..${branch}`)).toBe('1');
    // A retried Confirm reuses the branch and commits nothing more; main is untouched.
    await expect(agent.execute(task, context)).resolves.toMatchObject({ kind: 'done', branch });
    expect(git('rev-list', '--count', `main..${branch}`)).toBe('1');
    expect(git('rev-parse', 'main')).toBe(change);
  });

  it('reverse-applies the hunks onto a file changed since in other lines', async () => {
    const change = commit('Header tagline', { 'src/Header.tsx': lines('header').replace('header line 2', 'TAGLINE') });
    commit('Header footer note', { 'src/Header.tsx': lines('header').replace('header line 2', 'TAGLINE').replace('header line 11', 'NOTE') });
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('proposal');
    await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_rev2', agentId: 'revert' }), context);
    const reverted = git('show', `revert/${change.slice(0, 7)}-tskrev2:src/Header.tsx`);
    expect(reverted).toContain('header line 2');
    expect(reverted).toContain('NOTE');
    expect(reverted).not.toContain('TAGLINE');
  });

  it('refuses a change that no longer reverts cleanly, naming each conflicting file', async () => {
    const change = commit('Sale', { 'src/Header.tsx': lines('header').replace('header line 3', 'SALE'), 'src/Sale.tsx': 'a\n', 'src/Footer.tsx': lines('footer').replace('footer line 1', 'F') });
    commit('Sale, again', { 'src/Header.tsx': lines('header').replace('header line 3', 'BIGGER SALE'), 'src/Sale.tsx': 'a\nb\n' });
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('rejected');
    expect(text(outcome)).toContain('no longer reverts cleanly');
    expect(text(outcome)).toContain('`src/Header.tsx`: changed since in the same lines');
    expect(text(outcome)).toContain('`src/Sale.tsx`: added by the change and edited since');
    expect(text(outcome)).not.toContain('src/Footer.tsx');
  });

  it('says there is nothing to revert once the change is already reverted', async () => {
    const change = commit('Sale', { 'src/Header.tsx': lines('header').replace('header line 3', 'SALE') });
    git('revert', '--no-edit', change);
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('rejected');
    expect(text(outcome)).toMatch(/^Nothing to revert: every file .* already looks as it did before it on `main`/);
  });

  it('reverts a merge commit against its first parent', async () => {
    git('checkout', '-q', '-b', 'feature');
    commit('Feature footer', { 'src/Footer.tsx': lines('footer').replace('footer line 5', 'FEATURE') });
    git('checkout', '-q', 'main');
    commit('Main header', { 'src/Header.tsx': lines('header').replace('header line 1', 'MAIN') });
    git('merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature');
    const merge = git('rev-parse', 'HEAD');
    const outcome = await ask(agent, merge);
    expect(text(outcome)).toContain(`merge commit \`${merge.slice(0, 7)}\` “Merge feature” (against its first parent)`);
    expect(text(outcome)).toContain('-FEATURE');
    expect(text(outcome)).not.toContain('MAIN');
  });

  it('refuses a commit that is not on the default branch', async () => {
    git('checkout', '-q', '-b', 'experiment');
    const unmerged = commit('Experiment', { 'src/Header.tsx': 'x\n' });
    git('checkout', '-q', 'main');
    const outcome = await ask(agent, unmerged);
    expect(text(outcome)).toBe(`Commit \`${unmerged.slice(0, 7)}\` is not on \`main\` (it was never merged there), so there is nothing on \`main\` to revert.`);
  });

  it('answers a sentence for targets it cannot revert', async () => {
    const cases: Array<[string, RegExp]> = [
      ['hello', /is not a pull request or a commit\. Name the change to undo/],
      ['#12', /The local site repository has no pull requests\. Name the commit to undo by its sha/],
      ['https://github.com/acme/site/pull/3', /is in `acme\/site`, but the Revert Agent works on the local site repository/],
      ['deadbeef', /has no commit `deadbeef`/],
      [root0.slice(0, 10), /is the first commit of the repository/],
      ['', /Name the change to undo/],
    ];
    for (const [target, expected] of cases) {
      const outcome = await ask(agent, target);
      expect(outcome.kind).toBe('rejected');
      expect(text(outcome)).toMatch(expected);
    }
  });
});

describe('parseRevertTarget', () => {
  const github = { kind: 'github' as const, name: 'acme/site' };
  it.each([
    ['123', { kind: 'pull-request', number: 123 }],
    ['#123', { kind: 'pull-request', number: 123 }],
    ['#12345678', { kind: 'pull-request', number: 12345678 }],
    ['https://github.com/acme/site/pull/123', { kind: 'pull-request', number: 123 }],
    ['https://github.com/ACME/Site/pull/123/files', { kind: 'pull-request', number: 123 }],
    ['1a2b3c4', { kind: 'commit', sha: '1a2b3c4' }],
    ['1234567', { kind: 'commit', sha: '1234567' }],
    ['https://github.com/acme/site/commit/1A2B3C4D', { kind: 'commit', sha: '1a2b3c4d' }],
  ])('reads %s', (target, expected) => expect(parseRevertTarget(target, github)).toEqual(expected));

  it('accepts the URL of a GitHub Enterprise repository by the host of its web page', () => {
    expect(parseRevertTarget('https://git.acme.example/acme/site/pull/4', { ...github, url: 'https://git.acme.example/acme/site' })).toEqual({ kind: 'pull-request', number: 4 });
  });

  it.each([['https://github.com/evil/site/pull/1'], ['https://evil.example/acme/site/pull/1'], ['1a2b3c'], ['0'], ['#abc'], ['main'], ['1a2b3c4 extra']])('refuses %s with a sentence', (target) => {
    expect(parseRevertTarget(target, github)).toEqual({ error: expect.stringMatching(/\.$/) });
  });
});
