import { generateKeyPairSync } from 'node:crypto';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { createUxAgent } from '../../../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { Agent, AgentContext, ExecutionOutcome, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import type { RepoHost } from '../../../../lambda/core/ports/repo-host';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../../support/loopback-github';
import { recordingLogger } from '../../../support/recording-logger';
import { uxRequest } from '../../../support/ux-fixture-repo';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const context: AgentContext = { flags: defaultFlagValues('prod'), now: () => new Date('2026-03-01T10:20:00Z') };
/** What Node, undici or zlib say when a connection fails: never for people to read. */
const INTERNAL = /ECONNREFUSED|ECONNRESET|socket hang up|terminated|127\.0\.0\.1|fetch failed|other side closed|unexpected end|Cannot read prop|\bat .*\.[jt]s:\d+/i;

const ask = (agent: Agent, target: string) =>
  agent.propose({ command: 'revert', options: { target }, requester: { id: '111111111111', name: 'Alice', roles: [] }, commandLine: `/revert target:${target}` }, context);
/** Everything a person reads of an answer. */
const shown = (outcome: ProposalOutcome | ExecutionOutcome): string => {
  const message = 'preview' in outcome ? outcome.preview : 'question' in outcome ? outcome.question : outcome.message;
  return [message.content ?? '', ...(message.embeds ?? []).map((e) => e.description ?? '')].filter((t) => t !== '').join('\n');
};
const hostOn = (baseUrl: string): RepoHost => createGitHubRepoHost({ repository: 'acme/site', appId: 4242, privateKey: keys.privateKey, installationId: 777, baseUrl });

describe('a GitHub that is down or hangs up: people read a sentence, the log has the detail', () => {
  let github: LoopbackGitHub;
  let logger: ReturnType<typeof recordingLogger>;
  beforeEach(async () => {
    logger = recordingLogger();
    github = await startLoopbackGitHub({ appId: 4242, publicKeyPem: keys.publicKey, installationId: 777, owner: 'acme', repo: 'site', files: { 'src/Header.tsx': 'export const Header = () => <h1>Welcome</h1>;\n' } });
    github.createBranch('sale');
    github.push('sale', { 'src/Header.tsx': 'export const Header = () => <h1>Sale</h1>;\n' });
    github.merge(github.openPullRequest('sale', 'Sale').number, 'merge');
  });
  afterEach(() => github.close());

  it('down (its port closed): the revert is refused with what failed and what to do', async () => {
    const { baseUrl } = github;
    await github.close();
    const outcome = await ask(createRevertAgent({ repoHost: hostOn(baseUrl), logger }), '#1');
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toBe('The website repository could not be read: GitHub could not give the GitHub App access in acme/site (no response). GitHub may be having trouble; try again.');
    expect(JSON.stringify(logger.lines)).toMatch(/ECONNREFUSED/);
    github = await startLoopbackGitHub({ appId: 4242, publicKeyPem: keys.publicKey, installationId: 777, owner: 'acme', repo: 'site', files: {} });
  });

  it('hanging up in the middle of an answer: never read as "changes no file", never shown as socket text', async () => {
    const agent = createRevertAgent({ repoHost: hostOn(github.baseUrl), logger });
    github.hangUpNext('GET', /\/compare\//);
    const outcome = await ask(agent, '#1');
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/^The website repository could not be read: GitHub could not compare [0-9a-f]{7} with \S+ in acme\/site \(its answer broke off\)\. GitHub may be having trouble; try again\.$/);
    expect(shown(outcome)).not.toMatch(INTERNAL);
    // The same request, once GitHub answers whole, is the preview.
    expect((await ask(agent, '#1')).kind).toBe('proposal');
  });

  it('hanging up while the revert is committed: Confirm again finishes, one branch and one pull request', async () => {
    const agent = createRevertAgent({ repoHost: hostOn(github.baseUrl), logger });
    const outcome = await ask(agent, '#1');
    const task = executingTaskFor(outcome, { taskId: 'tsk_hang', agentId: 'revert' });
    github.hangUpNext('POST', /\/git\/trees$/);
    const interrupted = await agent.execute(task, context);
    expect(interrupted).toMatchObject({ kind: 'retryable', branch: expect.stringMatching(/^revert\//) });
    expect(shown(interrupted)).toMatch(/^GitHub could not commit to revert\/\S+ in acme\/site \(its answer broke off\)\. GitHub may be having trouble; try again\. The branch `revert\/\S+` is kept and will be reused\. Press Confirm again to finish; nothing will be done twice\./);
    expect(shown(interrupted)).not.toMatch(INTERNAL);
    expect(logger.lines.some((line) => /POST \S+\/git\/trees: the JSON body was cut off/.test(JSON.stringify(line.extra)))).toBe(true);
    const done = await agent.execute({ ...task, branch: 'branch' in interrupted ? interrupted.branch : undefined }, context);
    expect(done).toMatchObject({ kind: 'done', pullRequest: { number: 2 } });
    expect(github.branches().filter((b) => b.startsWith('revert/'))).toHaveLength(1);
  });

  it('an unexpected error (a bug, not GitHub) fails with a sentence, deletes the branch it made; its text stays in the log', async () => {
    const host = hostOn(github.baseUrl);
    const agent = createRevertAgent({ repoHost: { ...host, commitFiles: async () => { throw new TypeError("Cannot read properties of undefined (reading 'sha')"); } }, logger });
    const outcome = await ask(agent, '#1');
    const failed = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_bug', agentId: 'revert' }), context);
    expect(failed.kind).toBe('failed');
    expect(shown(failed)).toMatch(/^Revert stopped on an unexpected error \(the details are in the worker's log\)\. The branch `revert\/\S+` this request made was deleted, so nothing is left in the repository\. Run the command again; if it keeps failing, ask an operator to check the worker's log\.$/);
    expect(github.branches().filter((b) => b.startsWith('revert/'))).toEqual([]);
    expect(failed.kind === 'failed' && failed.error).not.toMatch(INTERNAL);
    expect(JSON.stringify(logger.lines)).toContain("Cannot read properties of undefined (reading 'sha')");
  });

  it('the UX Agent: a tarball cut off mid-download is a sentence, not the stream error', async () => {
    const agent = createUxAgent({ repoHost: hostOn(github.baseUrl), logger });
    github.hangUpNext('GET', /\/codeload\//);
    const outcome = await agent.propose(uxRequest({ command: 'section:header text:"Hi"' }), context);
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/^The website repository could not be read: The archive of acme\/site at [0-9a-f]{7} could not be read \(the download broke off or was damaged\); try again\.$/);
    expect(shown(outcome)).not.toMatch(INTERNAL);
  });
});
