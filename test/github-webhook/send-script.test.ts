import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { createGithubWebhookHandler } from '../../lambda/github-webhook/handler';
import { startDynalite, type EmbeddedDynamoDb } from '../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const SECRET = 'local-webhook-secret';
const FIXTURE = 'test/fixtures/github/pull-request-closed-merged.json';

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let server: Server;
let url: string;
let tasks: DynamoDbTaskStore;

/** The script's output and exit code, with GITHUB_WEBHOOK_SECRET set to `secret`. */
async function sendWithScript(args: string[], secret = SECRET): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, GITHUB_WEBHOOK_SECRET: secret };
  try {
    const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/github-webhook.ts', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  db = await startDynalite();
  discord = await startLoopbackDiscord();
  tasks = new DynamoDbTaskStore(db.client, db.tables.conversations);
  const logger = recordingLogger();
  const secrets = new EnvSecretReader({ GITHUB_WEBHOOK_SECRET: SECRET, DISCORD_BOT_TOKEN: 'bot-token' });
  const handle = createGithubWebhookHandler({
    stage: 'dev',
    tasks,
    ledger: new DynamoDbLedger(db.client, db.tables.ledger),
    discord: new DiscordRestClient({ baseUrl: discord.baseUrl, secrets, logger }),
    secrets,
    logger,
  });
  // What local mode does: the HTTP request becomes an API Gateway proxy event for the same handler.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      const response = await handle({ headers, body: Buffer.concat(chunks).toString('base64'), isBase64Encoded: true });
      res.writeHead(response.statusCode, response.headers).end(response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await discord.close();
  await db.close();
});

describe('npm run github-webhook', () => {
  it('signs a payload file like GitHub, so the handler moves the task; replaying the delivery changes nothing', async () => {
    const task = await tasks.create({
      taskId: `t-${randomUUID().slice(0, 8)}`,
      agentId: 'ux',
      command: '/ux-update',
      options: {},
      status: 'pr_open',
      requesterId: '200000000000000009',
      requesterName: 'dana',
      channelId: '300000000000000009',
      applicationId: '400000000000000001',
      interactionToken: 'token',
      pullRequest: { repository: 'acme-web/site', number: 42, url: 'https://github.com/acme-web/site/pull/42' },
      confirmBy: new Date(Date.now() + 3600_000).toISOString(),
    });
    const first = await sendWithScript(['pull_request', FIXTURE, '--url', url, '--delivery', 'delivery-from-script-1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('X-GitHub-Delivery: delivery-from-script-1');
    expect(first.stdout).toContain(`200 OK\nTask ${task.taskId} is merged.`);
    expect((await tasks.get(task.taskId))?.status).toBe('merged');

    const replay = await sendWithScript(['pull_request', FIXTURE, '--url', url, '--delivery', 'delivery-from-script-1']);
    expect(replay.stdout).toContain('Delivery delivery-from-script-1 was already processed.');
    expect(discord.requests).toHaveLength(1);
  });

  it('shows the 401 when the secret differs from the server\'s, and exits non-zero', async () => {
    const result = await sendWithScript(['ping', 'test/fixtures/github/ping.json', '--url', url], 'another-secret');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('401 Unauthorized');
  });

  it('explains what is missing instead of sending', async () => {
    expect((await sendWithScript(['ping', 'test/fixtures/github/ping.json', '--url', url], '')).stderr).toContain(
      'GITHUB_WEBHOOK_SECRET is not set',
    );
    const withoutPayload = await sendWithScript(['ping']);
    expect(withoutPayload.code).toBe(1);
    expect(withoutPayload.stderr).toContain('Expected an event name and a payload file; usage: npm run github-webhook -- <event> <payload.json>');
    expect((await sendWithScript(['ping', 'no/such/file.json', '--url', url])).stderr).toContain('Cannot read no/such/file.json: ENOENT.');
  });
});
