import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { commandInteraction, componentInteraction } from '../../lambda/local/interaction-builder';
import { readLocalSecrets } from '../../lambda/local/local-secrets';
import { freePort } from '../../lambda/local/site-preview/site-server';
import { startStandInDiscordApi, type StandInDiscordApi } from '../../lambda/local/stand-in/discord-api';
import { taskButtonId } from '../../lambda/core/tasks/buttons';

const ROOT = resolve(__dirname, '..', '..');
const SPY = join(__dirname, 'fixtures', 'ancestor-spy.js');

/** Values no process may ever show the site's code. */
const SECRETS = {
  'discord-bot-token': 'bot-token-7f3a91c4e2d8',
  'openai-api-key': 'sk-openai-5b8e02d17c44',
  'github-private-key': '-----BEGIN PRIVATE KEY-----c0ffee9d3b21',
};

interface SpyReport {
  self: string;
  parentCmdline: string;
  ancestors: Array<{ pid: number; environ: string; cmdline: string }>;
  visible: Array<{ pid: number; environ: string }>;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as npm runs it (tsx lambda/local/start.ts), with `env` as its whole environment; resolves once its banner is out. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['lambda/local/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  let stopped = false;
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      stopped = true;
      done(code);
    }),
  );
  await new Promise<void>((ready) => {
    const check = () => (stopped || out.includes('Set the Interactions Endpoint URL') ? ready() : setTimeout(check, 50));
    check();
  });
  return { child, output: () => out, exited };
}

/** A /ux-update and its Confirm, signed with the dev key, so the server serves both sides of the change with the site's command. */
async function confirmAChange(home: string, port: number, api: StandInDiscordApi): Promise<string> {
  const { privateKey } = await loadOrCreateDevKeyPair(join(home, 'dev-keys.json'));
  const post = async (payload: { token: string }) => {
    const body = JSON.stringify(payload);
    const response = await fetch(`http://127.0.0.1:${port}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...signInteraction(body, privateKey) }, body });
    expect(response.status).toBe(200);
    return payload.token;
  };
  const command = commandInteraction('ux-update', { command: 'section:header text:"Spring sale"' });
  const preview = await api.previewFor(await post(command), 60_000);
  const customId = preview?.message.components?.[0]?.components[0]?.custom_id ?? '';
  const taskId = customId.split(':').pop() ?? '';
  expect(customId).toBe(taskButtonId('confirm', taskId));
  const click = componentInteraction(customId, '1');
  const answer = await api.nextFor(await post(click), 90_000);
  return answer?.message.embeds?.map((e) => `${e.title}\n${e.description}`).join('\n') ?? answer?.message.content ?? '';
}

const everything = (report: SpyReport): string => [report.self, report.parentCmdline, ...report.ancestors.flatMap((a) => [a.environ, a.cmdline]), ...report.visible.map((v) => v.environ)].join('\n');

describe("local mode: a site's dev server cannot read the bot's secrets (issue 18, item 3)", () => {
  const homes: string[] = [];
  afterAll(async () => {
    await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  });

  async function run(how: 'file' | 'environment'): Promise<{ reports: SpyReport[]; banner: string; answer: string }> {
    const home = await mkdtemp(join(tmpdir(), `valine-spy-${how}-`));
    homes.push(home);
    const reportFolder = join(home, 'spy-reports');
    await mkdir(reportFolder);
    const [port, standInPort] = [await freePort(), await freePort()];
    const api = await startStandInDiscordApi(standInPort);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      VALINE_HOME: home,
      PORT: String(port),
      DISCORD_STAND_IN_PORT: String(standInPort),
      VALINE_LOG_LEVEL: 'error',
      VALINE_SITE_PREVIEW: `node ${SPY} {port} ${reportFolder}`,
      ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    };
    if (how === 'file') await writeFile(join(home, 'secrets.json'), JSON.stringify(SECRETS), { mode: 0o600 });
    else Object.assign(env, { DISCORD_BOT_TOKEN: SECRETS['discord-bot-token'], OPENAI_API_KEY: SECRETS['openai-api-key'], GITHUB_PRIVATE_KEY: SECRETS['github-private-key'] });
    const server = await npmStart(env);
    try {
      const answer = await confirmAChange(home, port, api);
      const names = await readdir(reportFolder);
      const reports = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(reportFolder, name), 'utf8')) as SpyReport));
      return { reports, banner: server.output(), answer };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await api.close();
    }
  }

  it.each(['file', 'environment'] as const)('secrets given through the %s: the dev server finds none in any ancestor, any process it can see, or its parent\'s command line', async (how) => {
    const { reports, banner, answer } = await run(how);
    expect(answer).toMatch(/^Branch ux\/header-\S+ committed/);
    // Both sides of the change were served by the spying command, and it really read its ancestors.
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report.ancestors.length).toBeGreaterThan(0);
      expect(report.ancestors[0]?.environ).toMatch(/^PORT=\d+$/m);
      expect(report.parentCmdline).toContain('ancestor-spy.js');
      for (const value of Object.values(SECRETS)) expect(everything(report)).not.toContain(value);
    }
    expect(banner).toMatch(how === 'file' ? /Secrets {16}discord-bot-token, openai-api-key, github-private-key from / : /Secrets {16}DISCORD_BOT_TOKEN, GITHUB_PRIVATE_KEY, OPENAI_API_KEY from the environment/);
  }, 180_000);

  it('refuses to start when secrets are in the environment and the site command cannot run sandboxed, saying where to put them', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-spy-refused-'));
    homes.push(home);
    const server = await npmStart({
      PATH: process.env.PATH ?? '',
      HOME: home,
      VALINE_HOME: home,
      PORT: String(await freePort()),
      VALINE_SITE_PREVIEW: `node ${SPY} {port} ${home}`,
      VALINE_SITE_SANDBOX: 'off',
      DISCORD_BOT_TOKEN: SECRETS['discord-bot-token'],
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      `Local mode could not start: DISCORD_BOT_TOKEN is in the environment of npm start, where the site's dev server (VALINE_SITE_PREVIEW) could read it from /proc, and it cannot run sandboxed here (VALINE_SITE_SANDBOX=off). Put each in ${join(home, 'secrets.json')} instead`,
    );
    expect(server.output()).not.toContain(SECRETS['discord-bot-token']);
  }, 60_000);
});

describe('the local secrets file', () => {
  it('is read once, keyed by secret names; an environment variable wins; a wrong name or value is a sentence', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-secrets-file-'));
    try {
      const file = join(home, 'secrets.json');
      await writeFile(file, JSON.stringify({ 'discord-bot-token': 'from-file', 'openai-api-key': 'sk-file' }));
      const secrets = await readLocalSecrets({ OPENAI_API_KEY: 'sk-env' }, file);
      expect(secrets.values).toEqual({ 'discord-bot-token': 'from-file', 'openai-api-key': 'sk-env' });
      expect(secrets.fromFile).toEqual(['discord-bot-token']);
      expect(secrets.fromEnvironment).toEqual(['openai-api-key']);
      await writeFile(file, JSON.stringify({ 'discord-token': 'x' }));
      await expect(readLocalSecrets({}, file)).rejects.toThrow(`${file} names "discord-token", which is not a secret of this bot; secrets: discord-public-key, discord-bot-token,`);
      expect((await readLocalSecrets({}, join(home, 'absent.json'))).values).toEqual({});
      expect((await stat(home)).isDirectory()).toBe(true);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
