import { randomUUID } from 'node:crypto';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';
import { DynamoDbMergeCommits } from '../../lambda/core/adapters/dynamodb-merge-commits';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { defaultFlagValues, type FlagValues } from '../../lambda/core/contract/flags';
import type { ScreenshotJob } from '../../lambda/core/domain/screenshot-job';
import type { Task } from '../../lambda/core/domain/task';
import { deploymentRef } from '../../lambda/core/github/deployment-events';
import { signGithubPayload } from '../../lambda/core/github/signature';
import { createGithubWebhookHandler, type GithubWebhookDeps, type WebhookHttpRequest } from '../../lambda/github-webhook/handler';
import { startDynalite, type EmbeddedDynamoDb } from '../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

const SECRET = 'webhook-secret-for-tests';
const REPO = 'acme-web/site';
const sha = () => randomUUID().replace(/-/g, '').padEnd(40, 'a').slice(0, 40);

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let tasks: DynamoDbTaskStore;
let ledger: DynamoDbLedger;
let jobs: ScreenshotJob[];
let failStart: boolean;
let deps: GithubWebhookDeps;
let flagValues: FlagValues;
let nextNumber = 500;

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
  jobs = [];
  failStart = false;
  flagValues = { ...defaultFlagValues('dev'), 'site-url': 'https://acme.example' };
  const logger = recordingLogger();
  const secrets = new EnvSecretReader({ GITHUB_WEBHOOK_SECRET: SECRET, DISCORD_BOT_TOKEN: 'bot-token-for-tests' });
  deps = {
    stage: 'dev',
    tasks,
    ledger,
    secrets,
    logger,
    discord: new DiscordRestClient({ baseUrl: discord.baseUrl, secrets, logger, maxAttempts: 1 }),
    screenshots: {
      start: async (job) => {
        if (failStart) throw new Error('Lambda said no');
        jobs.push(job);
      },
    },
    mergeCommits: new DynamoDbMergeCommits(db.client, db.tables.ledger),
    flags: { all: async () => flagValues, get: async (name) => flagValues[name] },
  };
});

async function openTask(status: Task['status'] = 'pr_open'): Promise<Task> {
  const number = nextNumber++;
  const taskId = `t-${randomUUID().slice(0, 8)}`;
  return tasks.create({
    taskId,
    agentId: 'ux',
    command: '/ux-update',
    options: {},
    status,
    requesterId: '200000000000000001',
    requesterName: 'dana',
    channelId: '300000000000000001',
    applicationId: '400000000000000001',
    interactionToken: 'interaction-token',
    branch: `ux/header-20260301-1020-${taskId.slice(2)}`,
    pullRequest: { repository: REPO, number, url: `https://github.com/${REPO}/pull/${number}` },
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
  });
}

function delivery(event: string, payload: unknown, deliveryId = randomUUID()): WebhookHttpRequest {
  const body = JSON.stringify(payload);
  return { headers: { 'X-GitHub-Event': event, 'X-GitHub-Delivery': deliveryId, 'X-Hub-Signature-256': signGithubPayload(SECRET, body) }, body };
}
const send = (request: WebhookHttpRequest) => createGithubWebhookHandler(deps)(request);

const deploymentStatus = (o: { ref: string; sha?: string; environment?: string; state?: string; url?: string | null }) => ({
  deployment_status: { state: o.state ?? 'success', environment_url: o.url === undefined ? 'https://site-git-ux-acme.vercel.app' : o.url },
  deployment: { sha: o.sha ?? sha(), ref: o.ref, environment: o.environment ?? 'Preview' },
  repository: { full_name: REPO, default_branch: 'main' },
});

describe('deployment events → screenshots of the task they show', () => {
  it('a successful preview deployment of the task branch starts one preview job; a second one says nothing again', async () => {
    const task = await openTask();
    const first = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch! })));
    expect(first.statusCode).toBe(202);
    expect(jobs).toEqual([{ kind: 'preview', taskId: task.taskId, url: 'https://site-git-ux-acme.vercel.app', source: 'deployment_status' }]);
    const again = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch!, url: 'https://site-git-ux-acme-2.vercel.app' })));
    expect(again).toMatchObject({ statusCode: 200, body: `Task ${task.taskId} already has its preview notice.` });
    expect(jobs).toHaveLength(1);
  });

  it('a deployment whose URL the screenshots refuse claims nothing: a later deployment with a good URL still gets the notice', async () => {
    const task = await openTask();
    const refused = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch!, url: 'http://[::ffff:a9fe:a9fe]/latest/meta-data/' })));
    expect(refused).toMatchObject({
      statusCode: 200,
      body: 'Ignored: ::ffff:a9fe:a9fe is 169.254.169.254 written as IPv6, a link-local address (where cloud metadata endpoints answer), so it was not opened: it is never screenshotted.',
    });
    const stranger = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch!, url: 'https://preview.stranger.example/' })));
    expect(stranger.body).toMatch(/^Ignored: the host preview\.stranger\.example is not a preview host .* Add it with the flag preview-hosts if it is yours\.$/);
    expect(jobs).toEqual([]);
    const good = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch! })));
    expect(good.statusCode).toBe(202);
    expect(jobs).toEqual([{ kind: 'preview', taskId: task.taskId, url: 'https://site-git-ux-acme.vercel.app', source: 'deployment_status' }]);
    // The flag preview-hosts is read as the screenshot function reads it.
    flagValues = { ...flagValues, 'preview-hosts': ['stranger.example'] };
    const other = await openTask();
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: other.branch!, url: 'https://preview.stranger.example/' })))).statusCode).toBe(202);
  });

  it('a deployment ref refs/heads/<branch> is the branch, refs/pull/<n>/merge and /head are pull request n', async () => {
    const byBranch = await openTask();
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: `refs/heads/${byBranch.branch!}` })))).statusCode).toBe(202);
    const byMerge = await openTask();
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: `refs/pull/${byMerge.pullRequest!.number}/merge` })))).statusCode).toBe(202);
    const byHead = await openTask();
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: `refs/pull/${byHead.pullRequest!.number}/head` })))).statusCode).toBe(202);
    expect(jobs.map((j) => j.taskId)).toEqual([byBranch.taskId, byMerge.taskId, byHead.taskId]);
    expect(deploymentRef('refs/tags/v1')).toEqual({ pullRequests: [] });
    expect(deploymentRef('a'.repeat(40))).toEqual({ pullRequests: [] });
    expect(deploymentRef('ux/header-1')).toEqual({ branch: 'ux/header-1', pullRequests: [] });
  });

  it('a commit status from a preview host counts; one from another host, a failure, or a deployment without URL does not', async () => {
    const task = await openTask();
    const status = (target_url: string, state = 'success') => ({ state, sha: sha(), target_url, context: 'Netlify', branches: [{ name: task.branch }], repository: { full_name: REPO, default_branch: 'main' } });
    expect((await send(delivery('status', status('https://ci.example.com/build/1')))).body).toMatch(/^Ignored: status "Netlify" links no preview host \(vercel\.app, netlify\.app, pages\.dev, amplifyapp\.com\)\.$/);
    expect((await send(delivery('status', status('https://deploy-preview-7--acme.netlify.app', 'pending')))).body).toBe('Ignored: status state "pending" is not success.');
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: task.branch!, url: null })))).body).toBe('Ignored: the successful deployment has no environment_url.');
    expect(jobs).toEqual([]);
    expect((await send(delivery('status', status('https://deploy-preview-7--acme.netlify.app')))).statusCode).toBe(202);
    expect(jobs.map((j) => [j.kind, j.url, j.source])).toEqual([['preview', 'https://deploy-preview-7--acme.netlify.app', 'status']]);
  });

  it('a completed check run names the pull request; a branch no task has is ignored with the reason', async () => {
    const task = await openTask();
    const checkRun = (numbers: number[], branch: string) => ({
      action: 'completed',
      check_run: { status: 'completed', conclusion: 'success', head_sha: sha(), details_url: 'https://3f2a.acme.pages.dev', check_suite: { head_branch: branch }, pull_requests: numbers.map((number) => ({ number })) },
      repository: { full_name: REPO },
    });
    expect((await send(delivery('check_run', checkRun([], 'someone/else')))).body).toBe(`Ignored: no open task has branch someone/else in ${REPO}.`);
    expect((await send(delivery('check_run', checkRun([task.pullRequest!.number], 'renamed')))).statusCode).toBe(202);
    expect(jobs.map((j) => [j.taskId, j.source])).toEqual([[task.taskId, 'check_run']]);
  });

  it('after the merge, the production deployment of the merge commit starts the "live" job', async () => {
    const task = await openTask();
    const mergeSha = sha();
    const merged = {
      action: 'closed',
      number: task.pullRequest!.number,
      pull_request: { number: task.pullRequest!.number, html_url: task.pullRequest!.url, title: 'UX: header', merged: true, merge_commit_sha: mergeSha, updated_at: new Date().toISOString() },
      repository: { full_name: REPO },
    };
    expect((await send(delivery('pull_request', merged))).statusCode).toBe(200);
    // The preview of a merged task is no news any more.
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: task.branch! })))).body).toMatch(/^Ignored: no open task has branch/);
    const production = deploymentStatus({ ref: 'main', sha: mergeSha, environment: 'Production', url: 'https://acme.example' });
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: 'main', environment: 'Production', url: 'https://acme.example' })))).body).toMatch(/is not the merge commit of an agent's pull request/);
    expect((await send(delivery('deployment_status', production))).statusCode).toBe(202);
    expect(jobs).toEqual([{ kind: 'live', taskId: task.taskId, url: 'https://acme.example', source: 'deployment_status' }]);
  });

  it('the merge commit is remembered even when the "merged" notice fails, so the production deployment still starts "live"', async () => {
    const task = await openTask();
    const mergeSha = sha();
    const merged = {
      action: 'closed',
      number: task.pullRequest!.number,
      pull_request: { number: task.pullRequest!.number, html_url: task.pullRequest!.url, title: 'UX: header', merged: true, merge_commit_sha: mergeSha, updated_at: new Date().toISOString() },
      repository: { full_name: REPO },
    };
    discord.script({ status: 403, body: { code: 50001, message: 'Missing Access' } });
    expect((await send(delivery('pull_request', merged))).statusCode).toBe(502);
    const production = deploymentStatus({ ref: 'main', sha: mergeSha, environment: 'Production', url: 'https://acme.example' });
    expect((await send(delivery('deployment_status', production))).statusCode).toBe(202);
    expect(jobs).toEqual([{ kind: 'live', taskId: task.taskId, url: 'https://acme.example', source: 'deployment_status' }]);
  });

  it('a payload without the fields is a 400 naming them; a screenshot function that cannot start is a 502 that a redelivery retries', async () => {
    const bad = await send(delivery('deployment_status', { deployment_status: { state: 'success' }, repository: { full_name: REPO } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/^The deployment_status payload is missing fields this service needs \(deployment: /);
    const task = await openTask();
    failStart = true;
    const id = randomUUID();
    const failed = await send(delivery('deployment_status', deploymentStatus({ ref: task.branch! }), id));
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toMatch(/could not be started: Lambda said no\. Redeliver from GitHub to retry\.$/);
    failStart = false;
    expect((await send(delivery('deployment_status', deploymentStatus({ ref: task.branch! }), id))).statusCode).toBe(202);
    expect(jobs).toHaveLength(1);
  });

  it('another event is ignored with the events to subscribe to, deployment events included', async () => {
    expect(await send(delivery('issues', { action: 'opened' }))).toMatchObject({ statusCode: 200, body: 'Ignored: "issues" events are not used; subscribe to Pull request, and for the screenshots Deployment status, Status and Check run, only.' });
  });

  it('a bad signature is refused as for every event', async () => {
    const request = delivery('deployment_status', deploymentStatus({ ref: 'x' }));
    request.headers!['X-Hub-Signature-256'] = signGithubPayload('another secret', request.body!);
    expect((await send(request)).statusCode).toBe(401);
  });
});
