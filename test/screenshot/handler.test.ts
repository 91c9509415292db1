import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { defaultFlagValues, type FlagValues } from '../../lambda/core/contract/flags';
import type { NewTask } from '../../lambda/core/domain/task';
import type { FlagReader } from '../../lambda/core/ports/flags';
import { SharedBrowser, localChromium } from '../../lambda/core/screenshots/browser';
import { serveStatic, type ServedSite } from '../../lambda/local/site-preview/site-server';
import { awsScreenshotPorts } from '../../lambda/screenshot/aws';
import { handleScreenshotJob, POSTING_RESERVE_MS, SHOTS_BUDGET_MS, shotsDeadline, type ScreenshotDeps } from '../../lambda/screenshot/handler';
import { startDynalite, type EmbeddedDynamoDb } from '../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

const REQUESTER = '200000000000000001';
const page = (title: string) => `<!doctype html><body style="margin:0"><h1 style="background:${title === 'Acme' ? 'navy' : 'teal'};color:#fff;padding:48px">${title}</h1></body>`;

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let tasks: DynamoDbTaskStore;
let production: ServedSite;
let preview: ServedSite;
const browser = new SharedBrowser(localChromium());
const folders: string[] = [];
let flags: FlagValues;

const site = async (html: string) => {
  const folder = mkdtempSync(join(tmpdir(), 'valine-shot-site-'));
  folders.push(folder);
  writeFileSync(join(folder, 'index.html'), html);
  return serveStatic(folder);
};

beforeAll(async () => {
  [db, discord, production, preview] = await Promise.all([startDynalite(), startLoopbackDiscord(), site(page('Acme')), site(page('Spring sale'))]);
  tasks = new DynamoDbTaskStore(db.client, db.tables.conversations);
});
afterAll(async () => {
  await Promise.all([browser.close(), discord.close(), db.close(), production.stop(), preview.stop()]);
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});
beforeEach(() => {
  discord.requests.length = 0;
  flags = defaultFlagValues('dev');
});

function deps(extra: Partial<ScreenshotDeps> = { extraHosts: ['127.0.0.1'] }): ScreenshotDeps {
  const logger = recordingLogger();
  const secrets = new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot-token-for-tests' });
  const reader: FlagReader = { all: async () => flags } as FlagReader;
  return { tasks, discord: new DiscordRestClient({ baseUrl: discord.baseUrl, secrets, logger, maxAttempts: 1 }), flags: reader, browser, logger, setSiteUrlHint: 'npm run set-flag -- --stage dev site-url https://…', ...extra };
}

const task = (status: 'pr_open' | 'merged', extra: Pick<NewTask, 'proposal'> = {}) =>
  tasks.create({
    taskId: `t-${randomUUID().slice(0, 8)}`,
    agentId: 'ux',
    command: '/ux-update',
    options: {},
    status,
    requesterId: REQUESTER,
    requesterName: 'dana',
    channelId: '300000000000000001',
    applicationId: '400000000000000001',
    interactionToken: 'interaction-token',
    summary: 'Header title → "Spring sale"',
    pullRequest: { repository: 'acme-web/site', number: 7, url: 'https://github.com/acme-web/site/pull/7' },
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
    ...extra,
  });

describe('the screenshot function (real Chromium)', () => {
  it('posts "Preview is live" with production against the preview at both viewports and the pixels changed', async () => {
    const t = await task('pr_open');
    flags = { ...flags, 'site-url': production.baseUrl };
    await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: preview.baseUrl, source: 'deployment_status' }, deps());
    const [request] = discord.requests;
    expect(request?.path).toBe('/channels/300000000000000001/messages');
    const body = request?.body as { content: string; allowed_mentions: unknown; attachments: Array<{ filename: string }> };
    expect(body.content).toMatch(new RegExp(`^<@${REQUESTER}> Preview is live: ${preview.baseUrl}\\nacme-web/site#7 · task \`${t.taskId}\`: Header title → "Spring sale"\\nBefore: production ${production.baseUrl}/ · after: the preview, desktop and phone\\.\\nPixels changed: desktop 1280×800 \\d+\\.\\d % · phone 390×844 \\d+\\.\\d %$`));
    expect(body.allowed_mentions).toEqual({ parse: [], users: [REQUESTER] });
    expect(body.attachments.map((a) => a.filename)).toEqual(['desktop-before.png', 'desktop-after.png', 'phone-before.png', 'phone-after.png']);
    expect(request?.files.every((f) => f.contentType === 'image/png' && f.bytes.length > 1000)).toBe(true);
  });

  it('posts "Live on" with a screenshot and the Revert button; a page that does not load is the text with the reason', async () => {
    const t = await task('merged');
    await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: production.baseUrl, source: 'deployment_status' }, deps());
    const live = discord.requests[0]?.body as { content: string; components: unknown; attachments: Array<{ filename: string }> };
    expect(live.content).toMatch(new RegExp(`^<@${REQUESTER}> Live on ${production.baseUrl}\\n`));
    expect(live.attachments.map((a) => a.filename)).toEqual(['desktop.png', 'phone.png']);
    expect(live.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Revert', custom_id: `revert:${t.taskId}` }] }]);

    const gone = await serveStatic(folders[0]!);
    await gone.stop();
    await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: gone.baseUrl, source: 'deployment_status' }, deps());
    const failed = discord.requests[1];
    expect((failed?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${gone.baseUrl}/ did not load: net::ERR_CONNECTION_REFUSED`));
    expect(failed?.files).toEqual([]);
  });

  it('posts the notice again without the images when Discord refuses the upload (403 without Attach Files), and does not throw for a 4xx', async () => {
    const t = await task('merged');
    discord.script({ status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    await expect(handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: production.baseUrl, source: 'deployment_status' }, deps())).resolves.toBeUndefined();
    expect(discord.requests).toHaveLength(2);
    expect(discord.requests[0]?.files).toHaveLength(2);
    const retry = discord.requests[1];
    expect(retry?.files).toEqual([]);
    const body = retry?.body as { content: string; attachments?: unknown; components: unknown };
    expect(body.content).toMatch(new RegExp(`^<@${REQUESTER}> Live on ${production.baseUrl}\n`));
    expect(body.content).toMatch(/\nThe images could not be attached: Discord refused to .*HTTP 403.*Missing Permissions/);
    expect(body.attachments).toBeUndefined();
    expect(body.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Revert', custom_id: `revert:${t.taskId}` }] }]);

    discord.requests.length = 0;
    discord.script({ status: 413, body: { message: 'Request entity too large' } }, { status: 400, body: { message: 'Invalid Form Body' } });
    await expect(handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: production.baseUrl, source: 'deployment_status' }, deps())).resolves.toBeUndefined();
    expect(discord.requests).toHaveLength(2);
  });

  it('opens no URL whose host is not a preview host, site-url\'s or in preview-hosts, and no loopback address even when the flags name it', async () => {
    const t = await task('pr_open');
    await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: 'http://169.254.169.254/latest/meta-data/', source: 'deployment_status' }, deps({}));
    await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: 'https://evil.example/', source: 'deployment_status' }, deps({}));
    flags = { ...flags, 'preview-hosts': ['127.0.0.1'] };
    await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: preview.baseUrl, source: 'deployment_status' }, deps({}));
    await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: preview.baseUrl, source: 'deployment_status' }, deps());
    const [metadata, stranger, loopback, localMode] = discord.requests;
    expect((metadata?.body as { content: string }).content).toMatch(/\nNo screenshots: 169\.254\.169\.254 is a link-local address \(where cloud metadata endpoints answer\), so it was not opened: it is never screenshotted\.$/);
    expect(metadata?.files).toEqual([]);
    expect((stranger?.body as { content: string }).content).toMatch(/\nNo screenshots: the host evil\.example is not a preview host \(vercel\.app, netlify\.app, pages\.dev, amplifyapp\.com\), the host of site-url, or in the flag preview-hosts, so it was not opened\. Add it with the flag preview-hosts if it is yours\.$/);
    expect((loopback?.body as { content: string }).content).toMatch(/No screenshots: 127\.0\.0\.1 is a loopback address, so it was not opened: it is never screenshotted\./);
    expect(loopback?.files).toEqual([]);
    // Only the deployment's own extraHosts (local mode's preview servers) let a loopback host through.
    expect(localMode?.files).toHaveLength(2);
  });

  it('a changed file named like a URL (https:/127.0.0.2:<port>/x.html) is a page of the preview, never another origin', async () => {
    let connections = 0;
    const elsewhere = createNetServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.2', done));
    const port = (elsewhere.address() as AddressInfo).port;
    const t = await task('pr_open', { proposal: { files: [{ path: `https:/127.0.0.2:${port}/x.html` }] } });
    try {
      await handleScreenshotJob({ kind: 'preview', taskId: t.taskId, url: preview.baseUrl, source: 'deployment_status' }, deps());
    } finally {
      elsewhere.close();
    }
    expect(connections).toBe(0);
    expect((discord.requests[0]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The preview page ${preview.baseUrl}/https:/127\\.0\\.0\\.2:${port}/x\\.html answered HTTP 404`));
  });

  it('with the network guard (AWS), the browser opens nothing on a loopback address, not even at a redirect hop', async () => {
    const t = await task('merged');
    flags = { ...flags, 'preview-hosts': ['127.0.0.1'] };
    await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: production.baseUrl, source: 'deployment_status' }, deps({ networkGuard: {}, extraHosts: ['127.0.0.1'] }));
    expect((discord.requests[0]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${production.baseUrl}/ was not loaded: 127\\.0\\.0\\.1 is a loopback address, which is never screenshotted\\.`));
    expect(discord.requests[0]?.files).toEqual([]);

    // The inside server counts every request that reaches it: the guard must stop each hop before it is sent.
    let insideHits = 0;
    const inside = createServer((_req, res) => {
      insideHits += 1;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>internal</h1>');
    });
    await new Promise<void>((done) => inside.listen(0, '127.0.0.1', done));
    const insidePort = (inside.address() as AddressInfo).port;
    const mapped = `http://[::ffff:7f00:1]:${insidePort}/secret`;
    const redirector = createServer((req, res) => res.writeHead(302, { location: req.url === '/tls/' ? `https://[::ffff:7f00:1]:${insidePort}/` : req.url === '/hop/' ? '/second-hop' : mapped }).end());
    await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
    const origin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    const guard = { allowOrigins: [origin] };
    try {
      await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: origin, source: 'deployment_status' }, deps({ networkGuard: guard, extraHosts: ['127.0.0.1'] }));
      await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: `${origin}/hop`, source: 'deployment_status' }, deps({ networkGuard: guard, extraHosts: ['127.0.0.1'] }));
      await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: `${origin}/tls`, source: 'deployment_status' }, deps({ networkGuard: guard, extraHosts: ['127.0.0.1'] }));
    } finally {
      redirector.close();
      inside.close();
    }
    expect(insideHits).toBe(0);
    const refusal = '::ffff:7f00:1 is 127\\.0\\.0\\.1 written as IPv6, a loopback address, which is never screenshotted\\.';
    expect((discord.requests[1]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${origin}/ redirected to http://\\[::ffff:7f00:1\\]:${insidePort}/secret: ${refusal}`));
    expect((discord.requests[2]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${origin}/hop/ redirected to http://\\[::ffff:7f00:1\\]:${insidePort}/secret: ${refusal}`));
    expect((discord.requests[3]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${origin}/tls/ was not loaded: ${refusal}`));
    expect(discord.requests.slice(1).map((r) => r.files)).toEqual([[], [], []]);

    // A frame of an allowed page redirected inside: never requested there, and the shot is refused.
    const framing = createServer((req, res) => (req.url === '/hop' ? res.writeHead(302, { location: `${production.baseUrl}/` }).end() : res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><iframe src="/hop"></iframe>')));
    await new Promise<void>((done) => framing.listen(0, '127.0.0.1', done));
    const framingOrigin = `http://127.0.0.1:${(framing.address() as AddressInfo).port}`;
    try {
      await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url: framingOrigin, source: 'deployment_status' }, deps({ networkGuard: { allowOrigins: [framingOrigin] }, extraHosts: ['127.0.0.1'] }));
    } finally {
      framing.close();
    }
    expect((discord.requests[4]?.body as { content: string }).content).toMatch(new RegExp(`No screenshots: The live page ${framingOrigin}/ followed a redirect to ${production.baseUrl}/: 127\\.0\\.0\\.1 is a loopback address, so it is not shown\\.`));
    expect(discord.requests[4]?.files).toEqual([]);
  });

  it('near the deadline (Lambda\'s remaining time less the posting reserve) it stops shooting and posts the text with "screenshots took too long"', async () => {
    const t = await task('merged');
    const hanging = createServer(() => undefined);
    await new Promise<void>((done) => hanging.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const started = Date.now();
    try {
      await handleScreenshotJob({ kind: 'live', taskId: t.taskId, url, source: 'deployment_status' }, deps(), { getRemainingTimeInMillis: () => POSTING_RESERVE_MS + 800 });
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
    expect(Date.now() - started).toBeLessThan(8000);
    const posted = discord.requests[0];
    expect((posted?.body as { content: string }).content).toMatch(new RegExp(`^<@${REQUESTER}> Live on ${url}\\n.*\\nNo screenshots: screenshots took too long, so the notice is posted without them\\.$`));
    expect(posted?.files).toEqual([]);
    expect(shotsDeadline(undefined, 1000)).toBe(1000 + SHOTS_BUDGET_MS);
    expect(SHOTS_BUDGET_MS).toBe(70_000);
  });

  it('on AWS the Discord client makes a single upload attempt (four 10 s attempts would outlast 90 s)', () => {
    const ports = awsScreenshotPorts({ VALINE_STAGE: 'dev', VALINE_VERSION: 'test', CONVERSATIONS_TABLE: 'tasks', AWS_REGION: 'eu-west-1' });
    expect((ports.discord as unknown as { maxAttempts: number }).maxAttempts).toBe(1);
    expect(ports.networkGuard).toEqual({});
  });

  it('ignores a job for a task that is gone, and a job without its fields, without posting', async () => {
    await handleScreenshotJob({ kind: 'live', taskId: 'gone', url: 'https://acme.example', source: 'deployment_status' }, deps());
    await handleScreenshotJob({ kind: 'later', taskId: '../x' }, deps());
    expect(discord.requests).toEqual([]);
  });
});
