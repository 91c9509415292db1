import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGitRepoHost } from '../../../../lambda/core/adapters/local-git-repo-host';
import { createRevertAgent } from '../../../../lambda/core/agents/revert';
import { MAX_PROPOSAL_BYTES } from '../../../../lambda/core/domain/proposal-size';
import { commandInteraction } from '../../../../lambda/local/interaction-builder';
import { answer, startPlatform, type Platform } from '../../../interactions/fixtures/platform';

/** A text file of about `kb` KB: numbered lines, as a data file or a long page would be. */
const bigFile = (kb: number) => Array.from({ length: Math.ceil((kb * 1024) / 32) }, (_, i) => `line ${String(i).padStart(6, '0')} of a long page....\n`).join('');

let platform: Platform;
let root: string;
let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', ...args], { encoding: 'utf8' }).trim();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'valine-revert-size-'));
  dir = join(root, 'site');
  mkdirSync(join(dir, 'public'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'public/archive.txt'), bigFile(200));
  writeFileSync(join(dir, 'public/press.txt'), bigFile(150));
  git('add', '-A');
  git('commit', '-q', '-m', 'Site with an archive and a press page');
  platform = await startPlatform({ moreAgents: [createRevertAgent({ repoHost: createLocalGitRepoHost({ directory: dir }) })] });
});
afterAll(async () => {
  await platform.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => platform.reset());

const taskCount = async (): Promise<number> => (await platform.db.client.send(new ScanCommand({ TableName: platform.db.tables.conversations }))).Count ?? 0;
/** Sends /revert through the interactions function and the worker; returns what Discord was last asked to show. */
async function revert(target: string): Promise<{ content?: string; embeds?: Array<{ description?: string }>; components?: unknown[] }> {
  expect(answer(await platform.send(commandInteraction('revert', { target }))).type).toBe(5);
  await platform.idle();
  return platform.discord.requests.at(-1)?.body as { content?: string; embeds?: Array<{ description?: string }> };
}

describe('a revert too large for one task', () => {
  it('is refused up front with a sentence, never "try again in a minute", and stores nothing', async () => {
    unlinkSync(join(dir, 'public/archive.txt'));
    git('commit', '-q', '-am', 'Drop the archive');
    const sha = git('rev-parse', 'HEAD');
    const before = await taskCount();
    const message = await revert(sha.slice(0, 7));
    const said = message.embeds?.[0]?.description ?? message.content ?? '';
    expect(said).toMatch(
      new RegExp(
        `^The revert of commit \`${sha.slice(0, 7)}\` “Drop the archive” comes to \\d+ KB \\(the reverted files and the reverse diff\\); the Revert Agent reverts at most ${MAX_PROPOSAL_BYTES / 1024} KB, what one task can keep while it waits for Confirm\\. Revert it with git instead \\(\`git revert ${sha.slice(0, 7)}\`\\)\\.$`,
      ),
    );
    expect(JSON.stringify(message)).not.toMatch(/in a minute|could not prepare/);
    expect(message.components ?? []).toEqual([]);
    expect(await taskCount()).toBe(before);
  });

  it('a large revert that fits is stored and offered for Confirm', async () => {
    unlinkSync(join(dir, 'public/press.txt'));
    git('commit', '-q', '-am', 'Drop the press page');
    const before = await taskCount();
    const message = await revert(git('rev-parse', 'HEAD'));
    expect(message.embeds?.[0]?.description).toMatch(/^Proposed revert of commit .*“Drop the press page”/);
    expect(JSON.stringify(message.components)).toContain('Confirm');
    expect(await taskCount()).toBe(before + 1);
  });
});

describe('any agent whose proposal does not fit in a task', () => {
  it('gets a sentence saying so, not "try again in a minute"', async () => {
    platform.agent.proposeWith(() => ({ kind: 'proposal', summary: 'A huge change', proposal: { files: bigFile(450) }, preview: { content: 'Huge preview' } }));
    const before = await taskCount();
    expect(answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }))).type).toBe(5);
    await platform.idle();
    const message = platform.discord.requests.at(-1)?.body as { content?: string };
    expect(message.content).toMatch(/^UX Agent's proposal is too large to keep while it waits for Confirm \(\d+ KB; one task holds at most 400 KB\), so nothing was proposed\. Ask for a smaller change\.$/);
    expect(await taskCount()).toBe(before);
  });
});
