import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevKeyPair, signInteraction } from '../../../../lambda/local/dev-keys';
import { commandInteraction, componentInteraction, STAND_IN_USER, type InteractionUser } from '../../../../lambda/local/interaction-builder';
import { startLocalServer, type LocalServer } from '../../../../lambda/local/server';
import { localSettings } from '../../../../lambda/local/settings';
import { startStandInDiscordApi, type StandInDiscordApi } from '../../../../lambda/local/stand-in/discord-api';
import type { DiscordMessage } from '../../../../lambda/core/domain/discord-message';
import { recordingLogger } from '../../../support/recording-logger';

/** The UX Agent end to end: local mode (`npm start` wiring, real local git host) driven like the Discord stand-in does. */
const REPO_ROOT = join(__dirname, '../../../..');
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const OTHER_USER = { id: '100000000000000999', username: 'someone-else', global_name: 'Someone Else' };

interface Local {
  home: string;
  server: LocalServer;
  discord: StandInDiscordApi;
  sign: (body: string) => Record<string, string>;
}

async function startLocal(ttlSeconds?: number): Promise<Local> {
  const home = await mkdtemp(join(tmpdir(), 'valine-ux-e2e-'));
  const discord = await startStandInDiscordApi(0);
  const settings = localSettings(
    { VALINE_HOME: home, PORT: '0', DISCORD_API_BASE: discord.baseUrl, ...(ttlSeconds ? { TASK_TTL_SECONDS: String(ttlSeconds) } : {}) },
    REPO_ROOT,
  );
  const server = await startLocalServer({ settings, env: {}, logger: recordingLogger() });
  const { privateKey } = await loadOrCreateDevKeyPair(settings.devKeyFile);
  return { home, server, discord, sign: (body) => signInteraction(body, privateKey) };
}

async function stopLocal(local: Local): Promise<void> {
  await local.server.close();
  await local.discord.close();
  await rm(local.home, { recursive: true, force: true });
}

async function post(local: Local, payload: unknown): Promise<{ type: number; data?: DiscordMessage }> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${local.server.url}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...local.sign(body) }, body });
  expect(response.status).toBe(200);
  return (await response.json()) as { type: number; data?: DiscordMessage };
}

async function preview(local: Local, options: Record<string, string>) {
  const command = commandInteraction('ux-update', options);
  // The preview: the first message of the task's thread (local mode's stand-in bot token opens one); or a private answer.
  const arrives = local.discord.nextFor(command.token, 15_000, (m) => (m.message.components ?? []).length > 0 || !/^Your preview is posted/.test(m.message.content ?? ''), true);
  expect(await post(local, command)).toEqual({ type: 5, data: { flags: 64 } });
  const message = (await arrives)?.message;
  const buttons = message?.components?.[0]?.components ?? [];
  return { message, confirm: buttons.find((b) => b.label === 'Confirm')?.custom_id ?? '', cancel: buttons.find((b) => b.label === 'Cancel')?.custom_id ?? '' };
}

async function click(local: Local, customId: string, user: InteractionUser = STAND_IN_USER) {
  return post(local, componentInteraction(customId, '1', user));
}

/** Confirm, then the follow-up the worker sends once the work is done. */
async function confirmAndWait(local: Local, customId: string) {
  const interaction = componentInteraction(customId, '1');
  const arrives = local.discord.nextFor(interaction.token, 15_000);
  const answer = await post(local, interaction);
  return { answer, done: (await arrives)?.message };
}

const textOf = (message: DiscordMessage | undefined) => JSON.stringify(message ?? {});

describe('UX Agent end to end in local mode', () => {
  let local: Local;
  beforeAll(async () => {
    local = await startLocal();
  });
  afterAll(() => stopLocal(local));
  const site = () => join(local.home, 'site');

  it('previews the real diff, and Confirm commits a branch in .valine/site', async () => {
    const { message, confirm } = await preview(local, { command: 'section:header text:"Test Deploy" color:#112233' });
    expect(message?.embeds?.[0].color).toBe(0x112233);
    expect(textOf(message)).toContain('+      <h1 data-ux=\\"header-text\\">Test Deploy</h1>');
    expect(confirm).not.toBe('');
    const { answer, done } = await confirmAndWait(local, confirm);
    expect(answer.type).toBe(7);
    const branch = /ux\/header-\d{8}-\d{4}-[a-z0-9]+/.exec(textOf(done))?.[0] ?? '';
    expect(textOf(done)).toContain(`git -C ${site()} diff main..${branch}`);
    expect(git(site(), 'rev-list', '--count', `main..${branch}`)).toBe('1');
    expect(git(site(), 'show', `${branch}:src/components/Header.css`)).toContain('--header-color: #112233;');
    expect(git(site(), 'show', 'main:src/components/Header.css')).toContain('--header-color: #1f2937;');
  });

  it('asks a question without buttons for an unclear description', async () => {
    const { message, confirm } = await preview(local, { description: 'make it pop' });
    expect(confirm).toBe('');
    expect(textOf(message)).toContain('Which section should change');
  });

  it('Cancel leaves nothing behind', async () => {
    const before = git(site(), 'branch', '--list');
    const { cancel } = await preview(local, { description: 'make the footer navy' });
    const answer = await click(local, cancel);
    expect(answer.type).toBe(7);
    expect(answer.data?.components ?? []).toEqual([]);
    expect(git(site(), 'branch', '--list')).toBe(before);
  });

  it('makes one branch with one commit when Confirm is clicked twenty times at once', async () => {
    const { confirm } = await preview(local, { command: 'section:home cta-text:"Try it free"' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => click(local, confirm)));
    await local.server.runtime.idle();
    expect(answers.filter((a) => a.type === 7)).toHaveLength(1);
    const branches = git(site(), 'branch', '--list', 'ux/home-*').split('\n').filter(Boolean);
    expect(branches).toHaveLength(1);
    expect(git(site(), 'rev-list', '--count', `main..${branches[0].trim()}`)).toBe('1');
  });

  it("refuses another user's Confirm", async () => {
    const before = git(site(), 'branch', '--list');
    const { confirm } = await preview(local, { command: 'section:navbar brand:"Acme Labs"' });
    const answer = await click(local, confirm, OTHER_USER);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(git(site(), 'branch', '--list')).toBe(before);
  });
});

describe('UX Agent previews expire', () => {
  let local: Local;
  beforeAll(async () => {
    local = await startLocal(1);
  });
  afterAll(() => stopLocal(local));

  it('refuses a Confirm after the task expired, creating no branch', async () => {
    const { confirm } = await preview(local, { command: 'section:footer text:"Late"' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const answer = await click(local, confirm);
    expect(textOf(answer.data)).toMatch(/expired/);
    expect(git(join(local.home, 'site'), 'branch', '--list', 'ux/*')).toBe('');
  });
});
