import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createLocalGitRepoHost } from '../../../../lambda/core/adapters/local-git-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { Agent, AgentContext, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../../support/loopback-github';

const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date('2026-03-01T10:20:00Z') };
const ask = (agent: Agent, target: string) =>
  agent.propose({ command: 'revert', options: { target }, requester: { id: '111111111111', name: 'Alice', roles: [] }, commandLine: `/revert target:${target}` }, context);
const text = (outcome: ProposalOutcome) =>
  outcome.kind === 'proposal' ? (outcome.preview.embeds?.[0].description ?? '') : 'message' in outcome ? (outcome.message.embeds?.[0].description ?? '') : '';

const DEPLOY = '#!/bin/sh\necho deploy\n';
const BUILD = '#!/bin/sh\necho build\n';

describe('Revert Agent and file modes, on a local git repository', () => {
  let root: string;
  let dir: string;
  let agent: Agent;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  /** `path` → content (a file), { link } (a symbolic link), { mode } (chmod only) or null (delete); then one commit. */
  type Edit = string | { link: string } | { mode: 0o755 | 0o644 } | null;
  const commit = (message: string, edits: Record<string, Edit>): string => {
    for (const [path, edit] of Object.entries(edits)) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      if (edit === null) unlinkSync(file);
      else if (typeof edit === 'string') writeFileSync(file, edit);
      else if ('link' in edit) {
        rmSync(file, { force: true });
        symlinkSync(edit.link, file);
      } else chmodSync(file, edit.mode);
    }
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const modeOf = (ref: string, path: string) => git('ls-tree', ref, '--', path).split(/\s/)[0];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'valine-revert-modes-'));
    dir = join(root, 'site');
    mkdirSync(dir);
    git('init', '-q', '-b', 'main');
    commit('Initial site', {
      'bin/deploy.sh': DEPLOY,
      'bin/build.sh': BUILD,
      'public/index.html': '<h1>Home</h1>\n',
      'public/sale.html': '<h1>Sale</h1>\n',
      'public/latest.html': { link: 'index.html' },
      'public/old.html': { link: 'index.html' },
    });
    chmodSync(join(dir, 'bin/deploy.sh'), 0o755);
    commit('Deploy script is executable', {});
    agent = createRevertAgent({ repoHost: createLocalGitRepoHost({ directory: dir }) });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps an executable 100755, undoes a mode change the preview shows, and restores symbolic links as links', async () => {
    expect(modeOf('main', 'bin/deploy.sh')).toBe('100755');
    const change = commit('Sale week', {
      'bin/deploy.sh': '#!/bin/sh\necho deploy the sale\n',
      'bin/build.sh': { mode: 0o755 },
      'public/latest.html': { link: 'sale.html' },
      'public/old.html': null,
    });
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('proposal');
    const preview = text(outcome);
    // Every mode change is in the preview: the bullets (mode changes first) and git's lines in the diff.
    expect(preview).toContain('• `bin/build.sh`: put back as before the change; mode 100755 → 100644 (no longer executable)');
    expect(preview).toContain('old mode 100755\nnew mode 100644');
    expect(preview).toContain('• `public/latest.html`: put back as before the change: a symbolic link to `index.html`');
    expect(preview).toContain('• `public/old.html`: restored as a symbolic link to `index.html` (the change deleted it)');
    expect(preview).toContain('new file mode 120000');
    expect(preview).toContain('• `bin/deploy.sh`: put back as before the change');
    expect(preview).not.toContain('bin/deploy.sh`: put back as before the change;');

    const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_modes1', agentId: 'revert' }), context);
    expect(done.kind).toBe('done');
    const branch = `revert/${change.slice(0, 7)}-tskmodes1`;
    expect(git('show', `${branch}:bin/deploy.sh`)).toBe(DEPLOY.trimEnd());
    expect(modeOf(branch, 'bin/deploy.sh')).toBe('100755');
    expect(modeOf(branch, 'bin/build.sh')).toBe('100644');
    expect(modeOf(branch, 'public/latest.html')).toBe('120000');
    expect(git('cat-file', '-p', `${branch}:public/latest.html`)).toBe('index.html');
    expect(modeOf(branch, 'public/old.html')).toBe('120000');
    expect(git('cat-file', '-p', `${branch}:public/old.html`)).toBe('index.html');
    // The revert commit is exactly the inverse of the change: nothing else differs from before it.
    expect(git('diff', `${change}~1`, branch, '--stat')).toBe('');
  });

  it('reverts a change of mode alone (it was not "nothing to revert")', async () => {
    const change = commit('Make build.sh executable', { 'bin/build.sh': { mode: 0o755 } });
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('proposal');
    expect(text(outcome)).toContain('mode 100755 → 100644 (no longer executable)');
    await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_modes2', agentId: 'revert' }), context);
    expect(modeOf(`revert/${change.slice(0, 7)}-tskmodes2`, 'bin/build.sh')).toBe('100644');
  });

  it('never commits a mode change its preview did not show: a mode changed on main since the preview stops Confirm', async () => {
    const change = commit('Deploy the sale', { 'bin/deploy.sh': '#!/bin/sh\necho deploy the sale\n', 'public/index.html': '<h1>Home, on sale</h1>\n' });
    const outcome = await ask(agent, change);
    expect(outcome.kind).toBe('proposal');
    // Someone makes the script non-executable on main after the preview (its content unchanged).
    commit('deploy.sh is run by sh, not executed', { 'bin/deploy.sh': { mode: 0o644 } });
    const result = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_modes3', agentId: 'revert' }), context);
    expect(result.kind).toBe('failed');
    expect(result.message.embeds?.[0].description).toBe('`bin/deploy.sh` changed on `main` since the preview, so this reverse diff no longer applies. Run /revert again to see the new one.');
    expect(git('branch', '--list', 'revert/*')).toBe('');
  });

  it('refuses a symbolic link changed since the change, and one that would point outside the repository', async () => {
    const retarget = commit('Latest is the sale', { 'public/latest.html': { link: 'sale.html' } });
    commit('Latest is the home page again, by another path', { 'public/latest.html': { link: './index.html' } });
    const changed = await ask(agent, retarget);
    expect(changed.kind).toBe('rejected');
    expect(text(changed)).toContain('• `public/latest.html`: a symbolic link, changed since');

    commit('A link out of the site', { 'public/passwd': { link: '../../../etc/passwd' } });
    const removal = commit('Remove the link out of the site', { 'public/passwd': null });
    const outside = await ask(agent, removal);
    expect(outside.kind).toBe('rejected');
    expect(text(outside)).toBe(
      'The revert would restore symbolic links that point outside the repository (`public/passwd` → `../../../etc/passwd`); the Revert Agent does not write such links. Revert it with git instead.',
    );
  });

  it('a proposal made before modes were kept still commits no mode change: the executable stays 100755', async () => {
    const change = commit('Deploy the sale', { 'bin/deploy.sh': '#!/bin/sh\necho deploy the sale\n' });
    const outcome = await ask(agent, change);
    if (outcome.kind !== 'proposal') throw new Error('expected a proposal');
    const stored = outcome.proposal as { files: Array<Record<string, unknown>> };
    const legacy = { ...outcome, proposal: { ...stored, files: stored.files.map(({ mode: _mode, beforeMode: _beforeMode, ...rest }) => rest) } } as ProposalOutcome;
    await agent.execute(executingTaskFor(legacy, { taskId: 'tsk_modes4', agentId: 'revert' }), context);
    expect(modeOf(`revert/${change.slice(0, 7)}-tskmodes4`, 'bin/deploy.sh')).toBe('100755');
  });
});

describe('Revert Agent and file modes, through the GitHub App against a loopback GitHub', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  let github: LoopbackGitHub;
  let agent: Agent;

  beforeEach(async () => {
    github = await startLoopbackGitHub({
      appId: 4242,
      publicKeyPem: keys.publicKey,
      installationId: 777,
      owner: 'acme',
      repo: 'site',
      files: {
        'bin/deploy.sh': { content: DEPLOY, mode: '100755' },
        'bin/build.sh': BUILD,
        'public/index.html': '<h1>Home</h1>\n',
        'public/sale.html': '<h1>Sale</h1>\n',
        'public/latest.html': { content: 'index.html', mode: '120000' },
      },
    });
    agent = createRevertAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: 4242, privateKey: keys.privateKey, installationId: 777, baseUrl: github.baseUrl }) });
  });
  afterEach(() => github.close());

  it('keeps an executable 100755, undoes a mode change the preview shows, and restores a symbolic link as a link', async () => {
    github.createBranch('sale');
    github.push('sale', {
      'bin/deploy.sh': { content: '#!/bin/sh\necho deploy the sale\n', mode: '100755' },
      'bin/build.sh': { content: BUILD, mode: '100755' },
      'public/latest.html': { content: 'sale.html', mode: '120000' },
    });
    const pull = github.openPullRequest('sale', 'Sale week');
    github.merge(pull.number, 'squash');
    const outcome = await ask(agent, '#1');
    expect(outcome.kind).toBe('proposal');
    expect(text(outcome)).toContain('• `bin/build.sh`: put back as before the change; mode 100755 → 100644 (no longer executable)');
    expect(text(outcome)).toContain('• `public/latest.html`: put back as before the change: a symbolic link to `index.html`');

    const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_ghmodes', agentId: 'revert' }), context);
    expect(done).toMatchObject({ kind: 'done', pullRequest: { number: 2 } });
    const branch = github.pulls[1].head;
    expect(github.file(branch, 'bin/deploy.sh')).toBe(DEPLOY);
    expect(github.mode(branch, 'bin/deploy.sh')).toBe('100755');
    expect(github.mode(branch, 'bin/build.sh')).toBe('100644');
    expect(github.mode(branch, 'public/latest.html')).toBe('120000');
    expect(github.file(branch, 'public/latest.html')).toBe('index.html');
    expect(github.pulls[1].body).toContain('- `bin/build.sh`: put back as before the change; mode 100755 → 100644 (no longer executable)');
    expect(github.pulls[1].body).toContain('old mode 100755\nnew mode 100644');
  });
});
