import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createLocalGitRepoHost } from '../../../../lambda/core/adapters/local-git-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { revertCommitMessage } from '../../../../lambda/core/agents/revert/messages';
import type { RevertProposal } from '../../../../lambda/core/agents/revert/proposal';
import { defaultFlagValues } from '../../../../lambda/core/contract/flags';
import type { AgentContext } from '../../../../lambda/core/domain/agent';
import type { DiscordMessage } from '../../../../lambda/core/domain/discord-message';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub } from '../../../support/loopback-github';

const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date('2026-03-01T10:20:00Z') };
const EVIL_TITLE = 'Spring sale [click here](https://evil.example/login) @everyone **now**';
const EVIL_NAME = '[Support](https://evil.example/help)';
/** A display name that would put a trailer of its own into a commit message. */
const TRAILER_NAME = 'Alice\n\nCo-authored-by: Mallory <mallory@evil.example>';

/** Every text of a Discord message a person reads: content, embed titles, descriptions and fields. */
const texts = (message: DiscordMessage): string[] => [
  message.content ?? '',
  ...(message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
];
/** A masked link Discord would render as clickable: `[text](http…)`. */
const MASKED_LINK = /\[[^\]\n]*\]\(\s*<?https?:/;

describe('the Revert Agent shows titles and names as plain text, and keeps names on one line in commits', () => {
  it('on a local repository: preview, answer and commit message', async () => {
    const root = mkdtempSync(join(tmpdir(), 'valine-revert-text-'));
    const dir = join(root, 'site');
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', ...args], { encoding: 'utf8' }).trim();
    try {
      mkdirSync(join(dir, 'src'), { recursive: true });
      git('init', '-q', '-b', 'main');
      writeFileSync(join(dir, 'src/Header.tsx'), 'export const Header = () => <h1>Welcome</h1>;\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'Initial');
      writeFileSync(join(dir, 'src/Header.tsx'), 'export const Header = () => <h1>Sale</h1>;\n');
      git('commit', '-q', '-am', EVIL_TITLE);
      const agent = createRevertAgent({ repoHost: createLocalGitRepoHost({ directory: dir }) });
      const outcome = await agent.propose({ command: 'revert', options: { target: git('rev-parse', 'HEAD') }, requester: { id: '111111111111', name: EVIL_NAME, roles: [] }, commandLine: '/revert' }, context);
      if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}`);
      for (const line of texts(outcome.preview)) expect(line).not.toMatch(MASKED_LINK);
      expect(outcome.preview.embeds?.[0].description).toContain('“Spring sale [click here]\u200b(https://evil.example/login) @\u200beveryone \\*\\*now\\*\\*”');
      expect(outcome.preview.embeds?.[0].fields?.[0].value).toBe('[Support]\u200b(https://evil.example/help)');

      const task = { ...executingTaskFor(outcome, { taskId: 'tsk_text1', agentId: 'revert', requesterName: TRAILER_NAME }), confirmedBy: { id: '222222222222', name: `Bob\nSigned-off-by: Mallory <mallory@evil.example>`, roles: [] } };
      const done = await agent.execute(task, context);
      expect(done.kind).toBe('done');
      for (const line of texts(done.message)) expect(line).not.toMatch(MASKED_LINK);
      const branch = done.kind === 'done' ? (done.branch as string) : '';
      // No trailer comes from a name: git reads none in the commit message.
      expect(git('log', '-1', '--format=%(trailers)', branch)).toBe('');
      expect(git('log', '-1', '--format=%B', branch)).toContain('Requested by Alice Co-authored-by: Mallory <mallory@evil.example> (Discord user 111111111111) and approved by Bob Signed-off-by: Mallory <mallory@evil.example> (Discord user 222222222222)');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('through the GitHub App: the "draft revert pull request opened" answer', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
    const github = await startLoopbackGitHub({ appId: 4242, publicKeyPem: keys.publicKey, installationId: 777, owner: 'acme', repo: 'site', files: { 'src/Header.tsx': 'a\n' } });
    try {
      github.createBranch('sale');
      github.push('sale', { 'src/Header.tsx': 'b\n' });
      github.merge(github.openPullRequest('sale', EVIL_TITLE).number, 'merge');
      const agent = createRevertAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: 4242, privateKey: keys.privateKey, installationId: 777, baseUrl: github.baseUrl }) });
      const outcome = await agent.propose({ command: 'revert', options: { target: '#1' }, requester: { id: '111111111111', name: EVIL_NAME, roles: [] }, commandLine: '/revert target:#1' }, context);
      const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_text2', agentId: 'revert', requesterName: EVIL_NAME }), context);
      expect(done.kind).toBe('done');
      for (const line of texts(done.message)) expect(line).not.toMatch(MASKED_LINK);
      expect(done.message.embeds?.[0].description).toMatch(/requested by \[Support\]\u200b\(https:\/\/evil\.example\/help\)$/);
    } finally {
      await github.close();
    }
  });

  it('a display name with line breaks adds no trailer to the revert commit message', () => {
    const proposal = { title: 'Revert "Sale"', repositoryKind: 'github', repository: 'acme/site', target: { commit: 'a'.repeat(40), parent: 'b'.repeat(40), merge: false } } as RevertProposal;
    const message = revertCommitMessage(proposal, { taskId: 'tsk_1', requesterId: '1', requesterName: TRAILER_NAME, confirmedBy: { id: '2', name: 'Bob\u2028Signed-off-by: Eve <eve@evil.example>', roles: [] } });
    expect(execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' })).toBe('');
    expect(message).toContain('Requested by Alice Co-authored-by: Mallory <mallory@evil.example> (Discord user 1) and approved by Bob Signed-off-by: Eve <eve@evil.example> (Discord user 2)');
  });
});
