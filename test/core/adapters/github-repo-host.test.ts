import { generateKeyPairSync } from 'node:crypto';
import { executingTaskFor } from '../../support/executing-task';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubRepoHost } from '../../../lambda/core/adapters/github-repo-host';
import { createRepoHost } from '../../../lambda/core/adapters/repo-host-factory';
import { createUxAgent } from '../../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../../lambda/core/contract/flags';
import type { AgentContext, AgentRequest, ProposalOutcome } from '../../../lambda/core/domain/agent';
import type { Task } from '../../../lambda/core/domain/task';
import type { SecretName } from '../../../lambda/core/contract/parameters';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../support/loopback-github';

const SITE = join(__dirname, '../../../examples/site');
const siteFiles = Object.fromEntries(
  ['.valine/ux-map.json', 'src/components/Header.tsx', 'src/components/Header.css', 'src/components/Footer.tsx', 'src/components/Footer.css', 'src/components/NavBar.tsx', 'src/components/NavBar.css', 'src/pages/Home.tsx'].map((p) => [
    p,
    readFileSync(join(SITE, p), 'utf8'),
  ]),
);
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const context: AgentContext = { flags: defaultFlagValues('prod'), now: () => new Date('2026-03-01T10:20:00Z') };
const request: AgentRequest = {
  command: 'ux-update',
  options: { command: 'section:header text:"Test Deploy" color:#112233' },
  requester: { id: '111111111111', name: 'Alice', roles: [] },
  commandLine: '/ux-update command:section:header text:"Test Deploy" color:#112233',
};

function taskFor(outcome: ProposalOutcome): Task {
  // No summary, as before: the PR title and body come from the proposal alone.
  return executingTaskFor(outcome, { taskId: 'tsk_42', command: request.commandLine, options: request.options, requesterId: request.requester.id, requesterName: request.requester.name, summary: undefined });
}

describe('GitHub App repository host against a loopback GitHub', () => {
  let github: LoopbackGitHub;
  beforeEach(async () => {
    github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files: siteFiles });
  });
  afterEach(() => github.close());

  const host = (lookUpInstallation = false) =>
    createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: lookUpInstallation ? undefined : INSTALLATION_ID, baseUrl: github.baseUrl });

  it('reads the default branch and files with an installation token obtained with the app JWT', async () => {
    const repo = host(true);
    await expect(repo.describe()).resolves.toEqual({ kind: 'github', name: 'acme/site', defaultBranch: 'main', url: 'https://github.test/acme/site' });
    const main = await repo.head('main');
    expect(main).toBe(github.head('main'));
    await expect(repo.readFile('src/components/Footer.tsx', main as string)).resolves.toBe(siteFiles['src/components/Footer.tsx']);
    await expect(repo.readFile('src/nope.tsx', 'main')).resolves.toBeUndefined();
    await expect(repo.head('nope')).resolves.toBeUndefined();
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/acme/site/installation', status: 200 });
    expect(github.requests[1]).toMatchObject({ method: 'POST', path: `/app/installations/${INSTALLATION_ID}/access_tokens`, status: 201 });
    expect(github.issuedTokens).toHaveLength(1);
  });

  it('previews from the default branch and opens one draft pull request on confirm', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    expect(outcome.kind === 'proposal' && outcome.preview.embeds?.[0].description).toContain('`acme/site` on `main`');
    const done = await agent.execute(taskFor(outcome), context);
    const branch = 'ux/header-20260301-1020-tsk42';
    expect(done).toMatchObject({ kind: 'done', branch, pullRequest: { repository: 'acme/site', number: 1, url: 'https://github.test/acme/site/pull/1' } });
    expect(done.message.embeds?.[0].title).toBe('Draft pull request #1 opened');
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ head: branch, base: 'main', draft: true, title: 'UX: update header text, color' });
    expect(github.pulls[0].body).toContain('Requested by **Alice** (Discord user `111111111111`)');
    expect(github.pulls[0].body).toContain('- [ ] Colours keep enough contrast');
    expect(github.file(branch, 'src/components/Header.css')).toContain('--header-color: #112233;');
    expect(github.file('main', 'src/components/Header.css')).toContain('--header-color: #1f2937;');
    expect(github.commitsAhead(branch)).toBe(1);
  });

  it('takes a draft pull request back ("undo that" before merge): closes it and deletes its branch; a second time finds the branch gone', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    const done = await agent.execute(taskFor(outcome), context);
    if (done.kind !== 'done' || !done.branch) throw new Error('no pull request');
    const repo = host();
    await expect(repo.withdrawPullRequest?.(1, done.branch)).resolves.toEqual({ branch: 'deleted' });
    expect(github.pulls[0]).toMatchObject({ state: 'closed', merged: false });
    await expect(repo.head(done.branch)).resolves.toBeUndefined();
    await expect(repo.withdrawPullRequest?.(1, done.branch)).resolves.toEqual({ branch: 'absent' });
  });

  it('names the requester and the approver (Task.confirmedBy) in the pull request, its commit and the Discord message', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    const task = { ...taskFor(outcome), confirmedBy: { id: '222222222222', name: 'Bob *the* @reviewer', roles: [] } };
    const done = await agent.execute(task, context);
    expect(github.pulls[0].body).toContain(
      'Requested by **Alice** (Discord user `111111111111`) and approved by **Bob \\*the\\* @\u200breviewer** (Discord user `222222222222`) through Valine task `tsk_42`.',
    );
    expect(done.message.embeds?.[0].description).toMatch(/ · requested by Alice · approved by Bob \\\*the\\\* @\u200breviewer$/);
  });

  it('tells the user a 502 on the pull request call is retryable, and the retry makes no second branch or pull request', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    github.failNext('POST', /\/pulls$/, 502);
    const first = await agent.execute(taskFor(outcome), context);
    const branch = 'ux/header-20260301-1020-tsk42';
    expect(first).toMatchObject({ kind: 'retryable', branch });
    expect(first.message.embeds?.[0].description).toMatch(/GitHub could not open a draft pull request .* \(502\)\. GitHub may be having trouble; try again\. The branch `ux\/header-20260301-1020-tsk42` is kept and will be reused\. Press Confirm again/);
    expect(github.pulls).toHaveLength(0);
    expect(first.message.embeds?.[1].description).toContain('+      <h1 data-ux="header-text">Test Deploy</h1>');
    const second = await agent.execute(taskFor(outcome), context);
    expect(second).toMatchObject({ kind: 'done', branch, pullRequest: { number: 1 } });
    expect(github.branches()).toEqual(['main', branch]);
    expect(github.pulls).toHaveLength(1);
    expect(github.commitsAhead(branch)).toBe(1);
    expect(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/refs'))).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/commits'))).toHaveLength(1);
  });

  it('after a final refusal (403 on the pull request call) deletes the branch the task made, says so, and leaves nothing behind (issue 18, item 5)', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    github.failNext('POST', /\/pulls$/, 403);
    const failed = await agent.execute(taskFor(outcome), context);
    expect(failed.kind).toBe('failed');
    expect(failed.message.embeds?.[0].description).toBe(
      'GitHub refused to open a draft pull request from ux/header-20260301-1020-tsk42 in acme/site (403). Check that the GitHub App is installed on the repository with Contents and Pull requests write access. ' +
        'The branch `ux/header-20260301-1020-tsk42` this request made was deleted, so nothing is left in the repository.',
    );
    expect(JSON.stringify(failed)).not.toMatch(/reused/);
    expect(github.branches()).toEqual(['main']);
    expect(github.pulls).toHaveLength(0);
  });

  it('when GitHub refuses to delete that branch too, keeps the task retryable on it, and Confirm after the fix opens the pull request there (issue 18, item 5)', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    github.failNext('POST', /\/pulls$/, 403);
    github.failNext('DELETE', /\/git\/refs\//, 403);
    const first = await agent.execute(taskFor(outcome), context);
    const branch = 'ux/header-20260301-1020-tsk42';
    expect(first).toMatchObject({ kind: 'retryable', branch });
    expect(first.message.embeds?.[0].description).toMatch(/\(403\)\. .*The branch `ux\/header-20260301-1020-tsk42` this request made could not be deleted either \(GitHub refused to delete the branch .* \(403\)\. .*\), so it is kept for this request: once that is fixed, press Confirm to finish with it, or Cancel\.$/);
    expect(github.branches()).toEqual(['main', branch]);
    const second = await agent.execute({ ...taskFor(outcome), branch }, context);
    expect(second).toMatchObject({ kind: 'done', branch, pullRequest: { number: 1 } });
    expect(github.commitsAhead(branch)).toBe(1);
  });

  it('makes one branch, one commit and one pull request under twenty concurrent executions', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const task = taskFor(await agent.propose(request, context));
    const results = await Promise.all(Array.from({ length: 20 }, () => agent.execute(task, context)));
    expect(results.map((r) => r.kind)).toEqual(Array(20).fill('done'));
    expect(new Set(results.map((r) => (r.kind === 'done' ? r.pullRequest?.number : undefined)))).toEqual(new Set([1]));
    expect(github.branches()).toEqual(['main', 'ux/header-20260301-1020-tsk42']);
    expect(github.commitsAhead('ux/header-20260301-1020-tsk42')).toBe(1);
    expect(github.pulls).toHaveLength(1);
  });

  it('fails clearly when the app cannot get a token, and never shows the key or a token', async () => {
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const agent = createUxAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: wrong.privateKey, baseUrl: github.baseUrl }) });
    const outcome = await agent.propose(request, context);
    expect(outcome.kind).toBe('rejected');
    const text = JSON.stringify(outcome);
    expect(text).toMatch(/GitHub refused to give the GitHub App access in acme\/site \(401\)\. Check that the GitHub App is installed on the repository/);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('ghs_');
  });

  it('refuses a preview whose file changed on the default branch before confirm', async () => {
    const agent = createUxAgent({ repoHost: host() });
    const outcome = await agent.propose(request, context);
    github.push('main', { 'src/components/Header.tsx': 'export const Header = () => null;\n' });
    const result = await agent.execute(taskFor(outcome), context);
    expect(result).toMatchObject({ kind: 'failed' });
    expect(github.branches()).toEqual(['main']);
  });

  it('reads and writes git modes through trees and blobs: an edit keeps 100755, a mode given is written, a symbolic link is never overwritten by text unasked', async () => {
    await github.close();
    github = await startLoopbackGitHub({
      appId: APP_ID,
      publicKeyPem: keys.publicKey,
      installationId: INSTALLATION_ID,
      owner: 'acme',
      repo: 'site',
      files: { 'bin/deploy.sh': { content: '#!/bin/sh\necho deploy\n', mode: '100755' }, 'public/index.html': '<h1>Home</h1>\n', 'public/latest.html': { content: 'index.html', mode: '120000' } },
    });
    const repo = host();
    const main = (await repo.head('main')) as string;
    await expect(repo.readEntry('bin/deploy.sh', main)).resolves.toEqual({ content: '#!/bin/sh\necho deploy\n', mode: '100755' });
    // The contents API answers a link to a file with that file's content; the entry is the link itself.
    await expect(repo.readFile('public/latest.html', main)).resolves.toBe('<h1>Home</h1>\n');
    await expect(repo.readEntry('public/latest.html', main)).resolves.toEqual({ content: 'index.html', mode: '120000' });
    await expect(repo.readEntry('public/missing.html', main)).resolves.toBeUndefined();
    await expect(repo.readEntry('bin/deploy.sh', 'main')).resolves.toMatchObject({ mode: '100755' });
    await expect(repo.readEntry('bin/deploy.sh', 'no-such-branch')).resolves.toBeUndefined();
    await expect(repo.readEntry('public', main)).resolves.toBeUndefined();

    await repo.ensureBranch('ux/modes', main);
    await repo.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n' }], { message: 'Edit the script' });
    expect(github.mode('ux/modes', 'bin/deploy.sh')).toBe('100755');
    const chmod = await repo.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n', mode: '100644' }], { message: 'Not executable' });
    expect(chmod.created).toBe(true);
    expect(github.mode('ux/modes', 'bin/deploy.sh')).toBe('100644');
    await expect(repo.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n', mode: '100644' }], { message: 'again' })).resolves.toEqual({ commit: chmod.commit, created: false });
    await repo.commitFiles('ux/modes', [{ path: 'public/home.html', content: 'index.html', mode: '120000' }], { message: 'Link' });
    expect(github.mode('ux/modes', 'public/home.html')).toBe('120000');
    const before = github.head('ux/modes');
    await expect(repo.commitFiles('ux/modes', [{ path: 'public/latest.html', content: '<h1>Not a link</h1>\n' }], { message: 'x' })).rejects.toThrow(
      'public/latest.html is a symbolic link on ux/modes, not a file, so it was not changed. Edit it with git instead.',
    );
    expect(github.head('ux/modes')).toBe(before);
    expect(github.mode('ux/modes', 'public/latest.html')).toBe('120000');
  });

  it('is built by the factory from the GitHub App secrets', async () => {
    const secrets: Partial<Record<SecretName, string>> = { 'github-app-id': String(APP_ID), 'github-private-key': keys.privateKey.replace(/\n/g, '\\n') };
    const repo = await createRepoHost({ kind: 'github', repository: 'acme/site', secrets: { get: async (name) => secrets[name] }, baseUrl: github.baseUrl });
    await expect(repo.describe()).resolves.toMatchObject({ defaultBranch: 'main' });
    await expect(createRepoHost({ kind: 'github', repository: 'acme/site', secrets: { get: async () => undefined } })).rejects.toThrow(/github-app-id is not set/);
  });
});
