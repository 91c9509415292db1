import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInteraction, loadOrCreateDevKeyPair } from '../../lambda/local/dev-keys';
import { commandInteraction, componentInteraction, pingInteraction, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { startLocalServer, type LocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';
import { startStandInDiscordApi, type StandInDiscordApi } from '../../lambda/local/stand-in/discord-api';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { recordingLogger } from '../support/recording-logger';
import { scriptedAgent } from '../interactions/fixtures/test-agent';

let home: string;
let server: LocalServer;
let discord: StandInDiscordApi;
let privateKey: Awaited<ReturnType<typeof loadOrCreateDevKeyPair>>['privateKey'];
const agent = scriptedAgent();

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'valine-local-'));
  discord = await startStandInDiscordApi(0);
  const settings = localSettings({ VALINE_HOME: home, PORT: '0', DISCORD_API_BASE: discord.baseUrl }, home);
  server = await startLocalServer({ settings, env: {}, logger: recordingLogger(), agents: [agent], version: '9.9.9' });
  privateKey = (await loadOrCreateDevKeyPair(settings.devKeyFile)).privateKey;
});
afterAll(async () => {
  await server.close();
  await discord.close();
  await rm(home, { recursive: true, force: true });
});

async function post(payload: unknown, headers = true): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${server.url}/discord`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ? signInteraction(body, privateKey) : {}) },
    body,
  });
  return { status: response.status, body: await response.text() };
}

describe('local mode over HTTP', () => {
  it('creates the flags file with the dev defaults and the stand-in user as admin', async () => {
    expect(server.flagsFileCreated).toBe(true);
    const flags = JSON.parse(await readFile(join(home, 'flags.json'), 'utf8'));
    expect(flags['admin-user-ids']).toBe(STAND_IN_USER.id);
    expect(flags['enable-debug-cmd']).toBe('true');
    expect(flags['site-repository']).toBe('local');
  });

  it('generates a dev key pair under the home directory and serves with it', async () => {
    expect(server.usingDevKey).toBe(true);
    const stored = JSON.parse(await readFile(join(home, 'dev-keys.json'), 'utf8'));
    expect(stored.publicKeyHex).toBe(server.publicKeyHex);
  });

  it('answers GET /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    // The site it edits and where that came from (here a seed folder that does not exist yet: made on first use), never a secret.
    expect(await response.json()).toEqual({ status: 'ok', mode: 'local', version: '9.9.9', site: { directory: join(home, 'site'), seededFrom: join(home, 'examples/site') }, persisted: false });
  });

  it('answers a body over 2 MB with 413 and closes that connection, so the next request (keep-alive) is answered', async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
        const request = httpRequest(`${server.url}${path}`, { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {} }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }));
        });
        request.on('error', reject);
        request.end(body);
      });
    try {
      const tooLarge = await send('POST', '/discord', Buffer.alloc(3 * 1024 * 1024, 0x20));
      expect(tooLarge).toMatchObject({ status: 413, text: 'Request bodies are limited to 2097152 bytes.\n', connection: 'close' });
      for (let i = 0; i < 3; i += 1) expect(await send('GET', '/health')).toMatchObject({ status: 200, text: expect.stringContaining('"status":"ok"') });
    } finally {
      agent.destroy();
    }
  });

  it('answers unknown paths and methods with a sentence', async () => {
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/answers POST \/discord, POST \/github\/webhook and GET \/health/);
    const wrongMethod = await fetch(`${server.url}/discord`);
    expect(wrongMethod.status).toBe(405);
  });

  it('answers a signed PING with PONG and an unsigned one with 401', async () => {
    expect(await post(pingInteraction())).toEqual({ status: 200, body: '{"type":1}' });
    expect((await post(pingInteraction(), false)).status).toBe(401);
  });

  it('passes GitHub webhooks to the github-webhook handler', async () => {
    const response = await fetch(`${server.url}/github/webhook`, { method: 'POST', body: '{}' });
    expect(response.status).not.toBe(404);
    expect(await response.text()).toMatch(/\S/);
  });

  it('runs /ux-update, the preview with buttons and Confirm end to end, with follow-ups to DISCORD_API_BASE', async () => {
    const command = commandInteraction('ux-update', { command: 'section:header text:"Hi"' });
    const previewArrives = discord.previewFor(command.token, 10_000);
    expect(await post(command)).toEqual({ status: 200, body: '{"type":5,"data":{"flags":64}}' });
    const preview = await previewArrives;
    const confirm = preview?.message.components?.[0]?.components[0];
    expect(confirm?.label).toBe('Confirm');

    const click = componentInteraction(confirm?.custom_id ?? '', '1');
    const doneArrives = discord.nextFor(click.token, 10_000);
    const clicked = await post(click);
    expect(JSON.parse(clicked.body).type).toBe(7);
    const done = await doneArrives;
    expect(done?.message.content).toMatch(/Opened a draft pull request/);
    expect(done?.message.components).toEqual([{ type: 1, components: [{ type: 2, style: 5, label: "Open pull request #7", url: "https://github.example/acme/site/pull/7" }] }]);
    expect(agent.executed).toHaveLength(1);
  });

  it('answers a Cancel for a task that does not exist with a sentence, not an error', async () => {
    const response = await post(componentInteraction(taskButtonId('cancel', 'ffffffffffff'), '1'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).data.content).toMatch(/no longer exists/);
  });
});
