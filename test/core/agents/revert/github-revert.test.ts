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

  /** A person's pull request #1 "Spring sale" of three commits: the header, then a banner, then the old stylesheet removed. */
  const author = { name: 'Carol', email: 'carol@example.test', date: '2026-02-20T08:00:00Z' };
  const threeCommitSale = () => {
    github.createBranch('spring-sale');
    const before = github.head('main') as string;
    const own = [
      github.push('spring-sale', { 'src/Header.tsx': SALE_HEADER }, 'Sale header', author),
      github.push('spring-sale', { 'src/Banner.tsx': 'export const Banner = () => null;\n' }, 'Sale banner\n\nShown above the header.', author),
      github.push('spring-sale', { 'src/old.css': null }, 'Drop the old stylesheet', author),
    ];
    const pull = github.openPullRequest('spring-sale', 'Spring sale');
    return { number: pull.number, before, own };
  };
  const proposalOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { target: Record<string, unknown>; files: Array<{ path: string; content: string | null }> }) : undefined);

  it('reverts all three commits of a rebase-merged pull request, not only the last one merge_commit_sha names', async () => {
    const sale = threeCommitSale();
    const last = github.merge(sale.number, 'rebase');
    // GitHub's rebase merge: new commits on main, the same messages and author, merge_commit_sha the last of them.
    expect(github.pulls[0].merge_commit_sha).toBe(last);
    expect(sale.own).not.toContain(last);
    const outcome = await ask(agent, '#1');
    expect(outcome.kind).toBe('proposal');
    const rebased = proposalOf(outcome)!.target.rebasedCommits as string[];
    expect(rebased).toHaveLength(3);
    expect(rebased[2]).toBe(last);
    expect(rebased.some((sha) => sale.own.includes(sha))).toBe(false);
    expect(proposalOf(outcome)!.target).toMatchObject({ commit: last, parent: sale.before, merge: false });
    expect(text(outcome)).toContain(`pull request **#1** “Spring sale” (rebase-merged as 3 commits, \`${rebased[0].slice(0, 7)}\`..\`${last.slice(0, 7)}\`)`);
    expect(proposalOf(outcome)!.files.map((f) => f.path).sort()).toEqual(['src/Banner.tsx', 'src/Header.tsx', 'src/old.css']);
    expect(github.received()).toContain('GET /repos/acme/site/pulls/1/commits?per_page=100&page=1');

    const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_gh3', agentId: 'revert', command: '/revert target:#1' }), context);
    const branch = `revert/${last.slice(0, 7)}-tskgh3`;
    expect(done).toMatchObject({ kind: 'done', branch, pullRequest: { number: 2 } });
    // What each of the three commits did is undone.
    expect(github.file(branch, 'src/Header.tsx')).toBe(HEADER);
    expect(github.file(branch, 'src/Banner.tsx')).toBeUndefined();
    expect(github.file(branch, 'src/old.css')).toBe('h1 { color: red; }\n');
    const body = github.pulls[1].body;
    expect(body).toContain(`Reverts #1 (\`Spring sale\`), rebase-merged as 3 commits, ${rebased[0].slice(0, 7)}..${last.slice(0, 7)}.`);
    expect(body).toContain(`This reverts commits ${rebased[0]}, ${rebased[1]} and ${rebased[2]} (all of ${sale.before}..${last}).`);
    const commitMessage = github.requests.find((r) => r.method === 'POST' && r.path.endsWith('/git/commits'))?.body as { message: string };
    expect(commitMessage.message).toContain(`This reverts commits ${rebased[0]}, ${rebased[1]} and ${rebased[2]}.`);
  });

  it('reads a pull request of more than 100 commits in pages (GitHub lists 100 at most per page)', async () => {
    github.createBranch('long');
    for (let i = 1; i <= 120; i++) github.push('long', { 'src/count.txt': `${i}\n` }, `Step ${i}`, author);
    const long = github.openPullRequest('long', 'Many steps');
    const last = github.merge(long.number, 'rebase');
    const outcome = await ask(agent, '#1');
    expect((proposalOf(outcome)!.target.rebasedCommits as string[]).length).toBe(120);
    expect(proposalOf(outcome)!.files).toEqual([expect.objectContaining({ path: 'src/count.txt', content: null })]);
    expect(github.received().filter((r) => r.includes('/pulls/1/commits'))).toEqual(['GET /repos/acme/site/pulls/1/commits?per_page=100&page=1', 'GET /repos/acme/site/pulls/1/commits?per_page=100&page=2']);
    expect(text(outcome)).toContain(`(rebase-merged as 120 commits, `);
    expect(text(outcome)).toContain(`..\`${last.slice(0, 7)}\`)`);
  });

  it('still reverts a squash-merged pull request of several commits as its one commit', async () => {
    const sale = threeCommitSale();
    const squash = github.merge(sale.number, 'squash');
    const outcome = await ask(agent, '#1');
    expect(outcome.kind).toBe('proposal');
    expect(proposalOf(outcome)!.target).toEqual({ commit: squash, parent: sale.before, merge: false, pullRequest: { number: 1, url: 'https://github.test/acme/site/pull/1' } });
    expect(text(outcome)).toContain(`pull request **#1** “Spring sale” (commit \`${squash.slice(0, 7)}\`)`);
    expect(text(outcome)).not.toContain('rebase-merged');
    expect(proposalOf(outcome)!.files.map((f) => f.path).sort()).toEqual(['src/Banner.tsx', 'src/Header.tsx', 'src/old.css']);
    await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_gh4', agentId: 'revert' }), context);
    expect(github.pulls[1].body).toContain(`This reverts commit ${squash}.`);
  });

  it('refuses with a sentence when squash and rebase cannot be told apart: more than 250 commits, a merge commit in the chain, a partial match', async () => {
    github.createBranch('huge');
    for (let i = 1; i <= 251; i++) github.push('huge', { 'src/count.txt': `${i}\n` }, `Step ${i}`, author);
    const huge = github.openPullRequest('huge', 'Count to 251');
    github.merge(huge.number, 'rebase');
    const tooMany = text(await ask(agent, `#${huge.number}`));
    expect(tooMany).toMatch(/^Pull request #1 has 251 commits and GitHub names `[0-9a-f]{7}` as what its merge made on `main`, but whether it was squash-merged \(that commit is all of it\) or rebase-merged \(that commit is only its last one\) cannot be told: it has 251 commits, more than the 250 GitHub lists\. /);
    expect(tooMany).toContain('revert it by commit sha with git instead (`git log --first-parent main` shows the commits, `git revert <sha>` undoes one).');
    expect(github.received().some((r) => r.includes('/pulls/1/commits'))).toBe(false);

    // Pull request #2's two commits; its last one was cherry-picked onto main by hand, right after another pull request's merge commit.
    github.createBranch('pair');
    github.push('pair', { 'src/a.txt': 'a\n' }, 'Add a', author);
    github.push('pair', { 'src/b.txt': 'b\n' }, 'Add b', author);
    const pair = github.openPullRequest('pair', 'A and b');
    github.createBranch('other');
    github.push('other', { 'src/other.txt': 'other\n' }, 'Other');
    const mergeCommit = github.merge(github.openPullRequest('other', 'Other').number, 'merge');
    const picked = github.push('main', { 'src/b.txt': 'b\n' }, 'Add b', author);
    Object.assign(github.pulls[pair.number - 1], { state: 'closed', merged: true, merge_commit_sha: picked });
    const pairText = text(await ask(agent, `#${pair.number}`));
    expect(pairText).toBe(
      `Pull request #2 has 2 commits and GitHub names \`${picked.slice(0, 7)}\` as what its merge made on \`main\`, but whether it was squash-merged (that commit is all of it) or rebase-merged (that commit is only its last one) cannot be told: ` +
        `commit ${mergeCommit.slice(0, 7)}, 1 back from ${picked.slice(0, 7)}, has 2 parents. The Revert Agent does not guess; revert it by commit sha with git instead (\`git log --first-parent main\` shows the commits, \`git revert <sha>\` undoes one).`,
    );

    // Pull request #4: the same by-hand pick, with an unrelated commit before it: only the last of its two commits matches.
    github.createBranch('pair2');
    github.push('pair2', { 'src/c.txt': 'c\n' }, 'Add c', author);
    github.push('pair2', { 'src/d.txt': 'd\n' }, 'Add d', author);
    const pair2 = github.openPullRequest('pair2', 'C and d');
    github.push('main', { 'src/unrelated.txt': 'x\n' }, 'Unrelated');
    const picked2 = github.push('main', { 'src/d.txt': 'd\n' }, 'Add d', author);
    Object.assign(github.pulls[pair2.number - 1], { state: 'closed', merged: true, merge_commit_sha: picked2 });
    expect(text(await ask(agent, `#${pair2.number}`))).toContain(`cannot be told: only the last 1 of its 2 commits match the commits ending at ${picked2.slice(0, 7)}. The Revert Agent does not guess;`);
    expect(github.pulls.filter((p) => p.title.startsWith('Revert'))).toHaveLength(0);
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
