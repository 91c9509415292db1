import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { signGithubPayload } from '../../lambda/core/github/signature';
import { startLocalServer, type LocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';
import { serveStatic, type ServedSite } from '../../lambda/local/site-preview/site-server';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

let home: string;
let discord: LoopbackDiscord;
let server: LocalServer;
let preview: ServedSite;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'valine-local-deploy-'));
  await writeFile(join(home, 'index.html'), '<!doctype html><h1 style="background:teal;color:#fff;padding:40px">Spring sale</h1>');
  [discord, preview] = await Promise.all([startLoopbackDiscord(), serveStatic(home)]);
  const settings = localSettings({ VALINE_HOME: home, PORT: '0', DISCORD_API_BASE: discord.baseUrl }, home);
  server = await startLocalServer({ settings, env: { GITHUB_WEBHOOK_SECRET: 'local-secret', DISCORD_BOT_TOKEN: 'local-bot' }, logger: recordingLogger(), agents: [] });
});
afterAll(async () => {
  await server.close();
  await Promise.all([discord.close(), preview.stop()]);
  await rm(home, { recursive: true, force: true });
});

test('local mode: a signed deployment_status for a task branch posts "Preview is live" with the screenshots (real Chromium)', async () => {
  const tasks = new DynamoDbTaskStore(server.runtime.db.client, server.runtime.db.tables.conversations);
  const task = await tasks.create({
    taskId: 'local-deploy-1',
    agentId: 'ux',
    command: '/ux-update',
    options: {},
    status: 'pr_open',
    requesterId: '200000000000000001',
    requesterName: 'dana',
    channelId: '300000000000000001',
    applicationId: '400000000000000001',
    interactionToken: 'tok',
    branch: 'ux/header-1',
    pullRequest: { repository: 'local/site', number: 1, url: 'https://github.com/local/site/pull/1' },
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
  });
  const body = JSON.stringify({
    deployment_status: { state: 'success', environment_url: preview.baseUrl },
    deployment: { sha: 'a'.repeat(40), ref: task.branch, environment: 'Preview' },
    repository: { full_name: 'local/site' },
  });
  const response = await fetch(`${server.url}/github/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'deployment_status', 'x-github-delivery': 'local-1', 'x-hub-signature-256': signGithubPayload('local-secret', body) },
    body,
  });
  expect(response.status).toBe(202);
  await server.runtime.idle();
  const [posted] = discord.requests;
  expect((posted?.body as { content: string }).content).toMatch(/^<@200000000000000001> Preview is live: http:\/\/127\.0\.0\.1:\d+\n.*\nScreenshot of the preview at .* The flag site-url is not set, so there is no production page to compare with \(set "site-url" in .*flags\.json\)\.$/);
  expect(posted?.files.map((f) => f.name)).toEqual(['desktop.png', 'phone.png']);
});
