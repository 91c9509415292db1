import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import type { Task } from '../../lambda/core/domain/task';
import type { DiscordApi } from '../../lambda/core/ports/discord-api';
import { signGithubPayload } from '../../lambda/core/github/signature';
import { createGithubWebhookHandler, type GithubWebhookDeps, type WebhookHttpRequest } from '../../lambda/github-webhook/handler';
import { startDynalite, type EmbeddedDynamoDb } from '../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

const SECRET = 'webhook-secret-for-tests';
const REQUESTER = '200000000000000001';
const CHANNEL = '300000000000000001';
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(join(__dirname, '../fixtures/github', name), 'utf8'));

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let tasks: DynamoDbTaskStore;
let ledger: DynamoDbLedger;
let logger: ReturnType<typeof recordingLogger>;
let deps: GithubWebhookDeps;
let nextNumber = 100;

beforeAll(async () => {
  db = await startDynalite();
  discord = await startLoopbackDiscord();
  tasks = new DynamoDbTaskStore(db.client, db.tables.conversations);
  ledger = new DynamoDbLedger(db.client, db.tables.ledger);
});
afterAll(async () => {
  await discord.close();
  await db.close();
});
beforeEach(() => {
  discord.requests.length = 0;
  logger = recordingLogger();
  const secrets = new EnvSecretReader({ GITHUB_WEBHOOK_SECRET: SECRET, DISCORD_BOT_TOKEN: 'bot-token-for-tests' });
  deps = {
    stage: 'dev',
    tasks,
    ledger,
    secrets,
    logger,
    discord: new DiscordRestClient({ baseUrl: discord.baseUrl, secrets, logger, maxAttempts: 2, sleep: async () => undefined }),
  };
});

/** A task the UX Agent opened a pull request for, in status `status`. */
async function taskWithPullRequest(status: Task['status'] = 'pr_open', number = nextNumber++): Promise<Task> {
  return tasks.create({
    taskId: `t-${randomUUID().slice(0, 8)}`,
    agentId: 'ux',
    command: '/ux-update',
    options: { command: 'header title "Acme Cloud"' },
    status,
    requesterId: REQUESTER,
    requesterName: 'dana',
    guildId: '100000000000000001',
    channelId: CHANNEL,
    applicationId: '400000000000000001',
    interactionToken: 'interaction-token',
    summary: 'Header title → "Acme Cloud"',
    pullRequest: { repository: 'acme-web/site', number, url: `https://github.com/acme-web/site/pull/${number}` },
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
  });
}

/** The fixture, pointed at the task's pull request. */
function eventFor(task: Task, name: string): Record<string, any> {
  const payload = fixture(name);
  const number = task.pullRequest!.number;
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.html_url = task.pullRequest!.url;
  return payload;
}

interface DeliveryOptions {
  deliveryId?: string;
  secret?: string;
  base64?: boolean;
  headers?: Record<string, string | undefined>;
}

/** An API Gateway proxy event as GitHub's delivery produces it. */
function delivery(event: string, payload: unknown, options: DeliveryOptions = {}): WebhookHttpRequest {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/a1b2c3d',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': options.deliveryId ?? randomUUID(),
      'X-Hub-Signature-256': signGithubPayload(options.secret ?? SECRET, body),
      ...options.headers,
    },
    body: options.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
  };
}

const send = (request: WebhookHttpRequest) => createGithubWebhookHandler(deps)(request);
const messageBody = (index = 0) => discord.requests[index]?.body as { content: string; allowed_mentions: unknown; components?: unknown };

describe('github-webhook: verification', () => {
  it('answers a ping with pong', async () => {
    const response = await send(delivery('ping', fixture('ping.json')));
    expect(response).toMatchObject({ statusCode: 200, body: 'pong' });
  });

  it('rejects a delivery signed with another secret and changes nothing', async () => {
    const task = await taskWithPullRequest();
    const response = await send(delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json'), { secret: 'guessed' }));
    expect(response.statusCode).toBe(401);
    expect(response.body).toMatch(/signature does not match/);
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
    expect(discord.requests).toHaveLength(0);
  });

  it('rejects a body altered after signing', async () => {
    const task = await taskWithPullRequest();
    const request = delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json'));
    request.body = request.body!.replace('"merged": true', '"merged": false').replace('"merged":true', '"merged":false');
    expect((await send(request)).statusCode).toBe(401);
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
  });

  it('rejects missing and malformed signatures', async () => {
    const task = await taskWithPullRequest();
    const payload = eventFor(task, 'pull-request-closed-merged.json');
    const missing = await send(delivery('pull_request', payload, { headers: { 'X-Hub-Signature-256': undefined } }));
    expect(missing.statusCode).toBe(401);
    expect(missing.body).toMatch(/X-Hub-Signature-256 header is missing/);
    const sha1 = await send(delivery('pull_request', payload, { headers: { 'X-Hub-Signature-256': 'sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0' } }));
    expect(sha1.statusCode).toBe(401);
    expect(sha1.body).toMatch(/not of the form sha256=/);
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
    expect(discord.requests).toHaveLength(0);
  });

  it('accepts a rejected delivery id later when it arrives correctly signed', async () => {
    const task = await taskWithPullRequest();
    const payload = eventFor(task, 'pull-request-closed-merged.json');
    const deliveryId = randomUUID();
    expect((await send(delivery('pull_request', payload, { deliveryId, secret: 'guessed' }))).statusCode).toBe(401);
    expect((await send(delivery('pull_request', payload, { deliveryId }))).statusCode).toBe(200);
    expect((await tasks.get(task.taskId))?.status).toBe('merged');
  });

  it('answers 503 and tells the operator where to set the secret when it is unset, never accepting the delivery', async () => {
    const task = await taskWithPullRequest();
    deps.secrets = new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot-token-for-tests' });
    const response = await send(delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json')));
    expect(response.statusCode).toBe(503);
    const line = logger.lines.find((l) => l.level === 'error');
    expect(line?.message).toContain('/valine/dev/secrets/github-webhook-secret');
    expect(line?.message).toContain('npm run put-secret -- --stage dev --name github-webhook-secret');
    expect(line?.message).toContain('GITHUB_WEBHOOK_SECRET');
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
  });

  it('reads headers in any case and decodes base64 bodies (API Gateway)', async () => {
    const task = await taskWithPullRequest();
    const request = delivery('pull_request', eventFor(task, 'pull-request-closed-unmerged.json'), { base64: true });
    request.headers = Object.fromEntries(Object.entries(request.headers!).map(([k, v]) => [k.toLowerCase(), v]));
    const response = await send(request);
    expect(response.statusCode).toBe(200);
    expect((await tasks.get(task.taskId))?.status).toBe('closed');
  });
});

describe('github-webhook: pull_request events', () => {
  it('moves the task to merged and tells the requester, mentioning only them', async () => {
    const task = await taskWithPullRequest();
    const response = await send(delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json')));
    expect(response).toMatchObject({ statusCode: 200, body: `Task ${task.taskId} is merged.` });

    const stored = await tasks.get(task.taskId);
    expect(stored?.status).toBe('merged');
    expect(stored?.trace.at(-1)).toMatchObject({ event: 'merged', detail: 'GitHub: pull request merged' });

    expect(discord.requests).toHaveLength(1);
    const [request] = discord.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(request.headers.authorization).toBe('Bot bot-token-for-tests');
    const body = messageBody();
    expect(body.allowed_mentions).toEqual({ parse: [], users: [REQUESTER] });
    expect(body.content).toContain(`<@${REQUESTER}>`);
    expect(body.content).toContain(`acme-web/site#${task.pullRequest!.number}`);
    expect(body.content).toContain('was merged by dana-acme');
    expect(body.content).toContain(task.pullRequest!.url);
    // The merged notice offers to undo the change: one Revert button for this task.
    expect(body.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Revert', custom_id: `revert:${task.taskId}` }] }]);
  });

  it('answers a redelivery 200 without moving or messaging again', async () => {
    const task = await taskWithPullRequest();
    const request = delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json'));
    expect((await send(request)).statusCode).toBe(200);
    const replay = await send(request);
    expect(replay.statusCode).toBe(200);
    expect(replay.body).toMatch(/already processed/);
    expect(discord.requests).toHaveLength(1);
    expect((await tasks.get(task.taskId))?.trace.filter((t) => t.event === 'merged')).toHaveLength(1);
  });

  it('does not message twice when the same event arrives under another delivery id (a second webhook)', async () => {
    const task = await taskWithPullRequest();
    const payload = eventFor(task, 'pull-request-closed-merged.json');
    await send(delivery('pull_request', payload));
    const second = await send(delivery('pull_request', payload));
    expect(second.statusCode).toBe(200);
    expect(second.body).toMatch(/already reflects merged/);
    expect(discord.requests).toHaveLength(1);
  });

  it('follows close without merging, then reopen', async () => {
    const task = await taskWithPullRequest();
    await send(delivery('pull_request', eventFor(task, 'pull-request-closed-unmerged.json')));
    expect((await tasks.get(task.taskId))?.status).toBe('closed');
    expect(messageBody(0).content).toContain('was closed without merging');
    expect(messageBody(0).components).toBeUndefined();

    const reopened = await send(delivery('pull_request', eventFor(task, 'pull-request-reopened.json')));
    expect(reopened.body).toBe(`Task ${task.taskId} is pr_open.`);
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
    expect(messageBody(1).content).toContain('was reopened');
    expect(discord.requests).toHaveLength(2);
  });

  it('tells the requester when the pull request is ready for review, leaving the task open', async () => {
    const task = await taskWithPullRequest();
    const response = await send(delivery('pull_request', eventFor(task, 'pull-request-ready-for-review.json')));
    expect(response.statusCode).toBe(200);
    expect((await tasks.get(task.taskId))?.status).toBe('pr_open');
    expect(messageBody().content).toContain('was marked ready for review');
    expect(messageBody().allowed_mentions).toEqual({ parse: [], users: [REQUESTER] });
  });

  it('ignores, visibly, a pull request no agent opened', async () => {
    const unrelated = fixture('pull-request-closed-merged.json');
    unrelated.number = 999_999;
    unrelated.pull_request.number = 999_999;
    const response = await send(delivery('pull_request', unrelated));
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/^Ignored: acme-web\/site#999999 was not opened by an agent/);
    expect(logger.lines.some((l) => l.level === 'info' && /not opened by an agent/.test(l.message))).toBe(true);
    expect(discord.requests).toHaveLength(0);
  });

  it('ignores actions that do not change a task, and other event types', async () => {
    const opened = await send(delivery('pull_request', fixture('pull-request-opened-by-a-person.json')));
    expect(opened).toMatchObject({ statusCode: 200, body: 'Ignored: action "opened" does not change a task.' });
    const push = await send(delivery('push', { ref: 'refs/heads/main', commits: [] }));
    expect(push.statusCode).toBe(200);
    expect(push.body).toMatch(/"push" events are not used/);
    expect(logger.lines.filter((l) => l.message.startsWith('Ignored'))).toHaveLength(2);
    expect(discord.requests).toHaveLength(0);
  });

  it('ignores a late close of a task that is already merged', async () => {
    const task = await taskWithPullRequest('merged');
    const response = await send(delivery('pull_request', eventFor(task, 'pull-request-closed-unmerged.json')));
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/is merged, not pr_open/);
    expect(discord.requests).toHaveLength(0);
  });
});

describe('github-webhook: bad input', () => {
  it('answers 400 with a sentence for a body that is not JSON', async () => {
    const response = await send(delivery('pull_request', 'payload=%7B%22action%22%3A%22closed%22%7D'));
    expect(response.statusCode).toBe(400);
    expect(response.body).toBe('The body is not JSON. Set the webhook content type to application/json in GitHub.');
  });

  it('answers 400 naming the field when the payload lacks what is needed', async () => {
    const payload = fixture('pull-request-closed-merged.json');
    delete payload.repository;
    const response = await send(delivery('pull_request', payload));
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/missing fields.*repository/);
  });

  it('answers 400 when the event header is missing', async () => {
    const response = await send(delivery('pull_request', fixture('ping.json'), { headers: { 'X-GitHub-Event': undefined } }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/X-GitHub-Event header is missing/);
  });

  it('refuses a body over 1 MB before verifying it', async () => {
    const huge = JSON.stringify({ action: 'closed', padding: 'x'.repeat(1024 * 1024) });
    const response = await send(delivery('pull_request', huge));
    expect(response.statusCode).toBe(413);
    expect(response.body).toMatch(/at most 1048576 bytes/);
  });
});

describe('github-webhook: failures', () => {
  it('answers 502 when Discord keeps failing, and a redelivery then posts the message once', async () => {
    const task = await taskWithPullRequest();
    const request = delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json'));
    discord.script({ status: 500, body: { message: 'Internal Server Error' } }, { status: 502, body: { message: 'Bad Gateway' } });
    const failed = await send(request);
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toMatch(/Redeliver from GitHub/);
    expect((await tasks.get(task.taskId))?.status).toBe('merged');

    const redelivered = await send(request);
    expect(redelivered.statusCode).toBe(200);
    expect(discord.requests).toHaveLength(3);
    expect(messageBody(2).content).toContain('was merged');
  });

  it('gives up within its time bound and lets the redelivery retry', async () => {
    const task = await taskWithPullRequest();
    const hanging: DiscordApi = {
      editOriginal: async () => undefined,
      followUp: async () => undefined,
      createMessage: () => new Promise(() => undefined),
    };
    const request = delivery('pull_request', eventFor(task, 'pull-request-closed-merged.json'));
    const slow = await createGithubWebhookHandler({ ...deps, discord: hanging, noticeTimeoutMs: 50 })(request);
    expect(slow.statusCode).toBe(502);
    expect(slow.body).toMatch(/Discord did not answer within 50 ms/);

    const redelivered = await send(request);
    expect(redelivered.statusCode).toBe(200);
    expect(discord.requests).toHaveLength(1);
  });
});
