import { generateKeyPairSync } from 'node:crypto';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { Agent, AgentContext, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../../support/loopback-github';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const context: AgentContext = { flags: defaultFlagValues('prod'), now: () => new Date('2026-03-01T10:20:00Z') };
const HEADER = 'export const Header = () => <h1>Welcome</h1>;\n';
const SALE_HEADER = 'export const Header = () => <h1>Spring sale</h1>;\n';

const ask = (agent: Agent, target: string) =>
  agent.propose({ command: 'revert', options: { target }, requester: { id: '111111111111', name: 'Alice', roles: [] }, commandLine: `/revert target:${target}` }, context);
const text = (outcome: ProposalOutcome) =>
  outcome.kind === 'proposal' ? (outcome.preview.embeds?.[0].description ?? '') : 'message' in outcome ? (outcome.message.embeds?.[0].description ?? '') : '';

describe('Revert Agent through the GitHub App, against a loopback GitHub', () => {
  let github: LoopbackGitHub;
  let agent: Agent;
  /** A person's pull request #1 "Spring sale": edits the header, adds a banner, deletes the old stylesheet. */
  const saleMergedAs = (how: 'merge' | 'squash') => {
    github.createBranch('spring-sale');
    github.push('spring-sale', { 'src/Header.tsx': SALE_HEADER, 'src/Banner.tsx': 'export const Banner = () => null;\n', 'src/old.css': null }, 'Spring sale');
    const pull = github.openPullRequest('spring-sale', 'Spring sale');
    return { number: pull.number, sha: github.merge(pull.number, how) };
  };

  beforeEach(async () => {
    github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files: { 'src/Header.tsx': HEADER, 'src/old.css': 'h1 { color: red; }\n' } });
    agent = createRevertAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl }) });
  });
  afterEach(() => github.close());

  it('reverts a merged pull request in a draft pull request, and a retried Confirm opens no second one', async () => {
    const sale = saleMergedAs('merge');
    const outcome = await ask(agent, '#1');
    expect(outcome.kind).toBe('proposal');
    expect(text(outcome)).toContain(`pull request **#1** “Spring sale” (merge commit \`${sale.sha.slice(0, 7)}\`, against its first parent)`);
    expect(text(outcome)).toContain('-export const Header = () => <h1>Spring sale</h1>;');
    const task = { ...executingTaskFor(outcome, { taskId: 'tsk_gh1', agentId: 'revert', command: '/revert target:#1' }), confirmedBy: { id: '222222222222', name: 'Bob', roles: [] } };
    const done = await agent.execute(task, context);
    const branch = `revert/${sale.sha.slice(0, 7)}-tskgh1`;
    expect(done).toMatchObject({ kind: 'done', branch, pullRequest: { repository: 'acme/site', number: 2, url: 'https://github.test/acme/site/pull/2' } });
    expect(done.message.embeds?.[0].title).toBe('Draft revert pull request #2 opened');
    const revert = github.pulls[1];
    expect(revert).toMatchObject({ head: branch, base: 'main', draft: true, title: 'Revert "Spring sale"' });
    expect(revert.body).toContain(`Reverts #1 (\`Spring sale\`), merged as merge commit ${sale.sha}.`);
    expect(revert.body).toContain(`This reverts commit ${sale.sha}`);
    expect(revert.body).toContain('Requested by **Alice** (Discord user `111111111111`) and approved by **Bob** (Discord user `222222222222`)');
    expect(github.file(branch, 'src/Header.tsx')).toBe(HEADER);
    expect(github.file(branch, 'src/old.css')).toBe('h1 { color: red; }\n');
    expect(github.file(branch, 'src/Banner.tsx')).toBeUndefined();
    expect(github.file('main', 'src/Header.tsx')).toBe(SALE_HEADER);

    await expect(agent.execute(task, context)).resolves.toMatchObject({ kind: 'done', pullRequest: { number: 2 } });
    expect(github.pulls).toHaveLength(2);
    expect(github.commitsAhead(branch)).toBe(1);
  });

  it('reverts a squash-merged pull request named by its URL against its parent', async () => {
    const sale = saleMergedAs('squash');
    const outcome = await ask(agent, 'https://github.com/acme/site/pull/1');
    expect(text(outcome)).toContain(`(commit \`${sale.sha.slice(0, 7)}\`)`);
    const byCommit = await ask(agent, sale.sha.slice(0, 8));
    expect(text(byCommit)).toContain(`commit \`${sale.sha.slice(0, 7)}\` “Spring sale (#1)”`);
  });

  it('tells the user a 502 on opening the pull request is retryable; Confirm again finishes with one branch and one pull request', async () => {
    saleMergedAs('merge');
    const outcome = await ask(agent, '1');
    const task = executingTaskFor(outcome, { taskId: 'tsk_gh2', agentId: 'revert' });
    github.failNext('POST', /\/pulls$/, 502);
    const interrupted = await agent.execute(task, context);
    expect(interrupted).toMatchObject({ kind: 'retryable', branch: expect.stringMatching(/^revert\//) });
    expect(interrupted.message.embeds?.[0].description).toMatch(/GitHub could not open a draft pull request .*\(502\).* Press Confirm again to finish; nothing will be done twice\./);
    expect(github.pulls).toHaveLength(1);
    const done = await agent.execute({ ...task, branch: 'branch' in interrupted ? interrupted.branch : undefined }, context);
    expect(done).toMatchObject({ kind: 'done', pullRequest: { number: 2 } });
    expect(github.pulls).toHaveLength(2);
    expect(github.branches().filter((b) => b.startsWith('revert/'))).toHaveLength(1);
  });

  it('answers a sentence for a pull request that is not merged, one that does not exist, and another repository', async () => {
    github.createBranch('draft-work');
    github.push('draft-work', { 'src/Header.tsx': SALE_HEADER });
    github.openPullRequest('draft-work', 'Not yet');
    expect(text(await ask(agent, '#1'))).toBe('Pull request #1 is still open, so there is nothing on `main` to revert. Only merged changes can be reverted.');
    expect(text(await ask(agent, '#9'))).toMatch(/^`acme\/site` has no pull request #9\./);
    expect(text(await ask(agent, 'https://github.com/other/site/pull/1'))).toMatch(/is in `other\/site`, but the Revert Agent works on `acme\/site`/);
    const unmerged = github.head('draft-work') as string;
    expect(text(await ask(agent, unmerged))).toBe(`Commit \`${unmerged.slice(0, 7)}\` is not on \`main\` (it was never merged there), so there is nothing on \`main\` to revert.`);
    expect(github.pulls).toHaveLength(1);
  });
});
