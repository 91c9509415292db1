import { AgentRegistry } from '../../lambda/core/agents/registry';
import type { WorkItem } from '../../lambda/core/domain/work';
import { parseWorkItem } from '../../lambda/core/domain/work-item-schema';
import { createWorker, type WorkerLedger } from '../../lambda/worker/handler';
import { ExecutionInProgressError } from '../../lambda/core/tasks/confirm';
import { DEFAULT_WORKER_TIMEOUT_SECONDS, executionTimings } from '../../lambda/core/domain/task';
import { taskIdFor } from '../../lambda/core/tasks/task-id';
import { startPlatform, type Platform } from '../interactions/fixtures/platform';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { scriptedAgent } from '../interactions/fixtures/test-agent';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';

const ABANDONED_EXECUTION_SECONDS = executionTimings(DEFAULT_WORKER_TIMEOUT_SECONDS).abandonedExecutionSeconds;

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());

const proposeItem = (interactionId: string): WorkItem => ({
  kind: 'propose',
  interaction: { interactionId, applicationId: '200000000000000002', token: `token-${interactionId}`, requester: { id: '100000000000000001', name: 'Local Developer', roles: [] } },
  agentId: 'ux',
  command: 'ux-update',
  options: { command: 'section:header text:"Hi"' },
  commandLine: '/ux-update command:section:header text:"Hi"',
});

function worker(ledger: WorkerLedger = platform.workerDeps.ledger, now: () => Date = () => new Date()) {
  const agent = scriptedAgent();
  let proposals = 0;
  const propose = agent.propose;
  agent.propose = async (request, context) => {
    proposals += 1;
    return propose(request, context);
  };
  const handle = createWorker({
    ...platform.workerDeps,
    ledger,
    discord: new DiscordRestClient({ baseUrl: platform.discord.baseUrl, secrets: new EnvSecretReader({}), logger: platform.logger, sleep: async () => undefined }),
    agents: new AgentRegistry([agent]),
    taskTtlSeconds: 900,
    now,
  });
  return { handle, proposals: () => proposals };
}

describe('the worker\'s work items', () => {
  it('proposes once when Lambda delivers the same event twice', async () => {
    const { handle, proposals } = worker();
    const item = proposeItem('910000000000000001');
    await Promise.all([handle(item), handle(item)]);
    expect(proposals()).toBe(1);
  });

  it('proposes again after a delivery whose proposal failed (the claim is released)', async () => {
    const { handle, proposals } = worker();
    platform.discord.script({ status: 400, body: { message: 'Unknown Webhook', code: 10015 } }, { status: 400, body: { message: 'Unknown Webhook', code: 10015 } });
    const item = proposeItem('910000000000000002');
    await expect(handle(item)).rejects.toThrow(/Discord refused to edit the original message: HTTP 400 Unknown Webhook/);
    await handle(item);
    expect(proposals()).toBe(2);
  });

  it('tells the user, instead of thinking forever, when the ledger cannot record the request', async () => {
    const { handle, proposals } = worker(new DynamoDbLedger(platform.db.client, 'no-such-ledger-table'));
    const before = platform.discord.requests.length;
    await handle(proposeItem('910000000000000003'));
    expect(proposals()).toBe(0);
    const edits = platform.discord.requests.slice(before);
    expect(edits.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /webhooks/200000000000000002/token-910000000000000003/messages/@original']);
    const body = edits[0]?.body as { content: string; components: unknown[]; allowed_mentions: unknown };
    // What DynamoDB said (a missing table here, `connect ECONNREFUSED …` when it is down) is for the log, not the user.
    expect(body.content).toMatch(/^UX Agent could not take the request because of an unexpected error \(the details are in the worker's log\)\.\nNothing was changed\. Try the command again in a minute/);
    expect(body.content).not.toMatch(/no-such-ledger-table|ResourceNotFound|non-existent table/i);
    expect(body.components).toEqual([]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('resumes a task left executing by an attempt that stopped when Lambda retries the confirmation, and leaves an early retry for later', async () => {
    await worker().handle(proposeItem('910000000000000004'));
    const taskId = taskIdFor('910000000000000004');
    const confirmItem: WorkItem = {
      kind: 'confirm',
      taskId,
      interaction: { interactionId: '910000000000000005', applicationId: '200000000000000002', token: 'token-confirm-5', requester: { id: '100000000000000001', name: 'Local Developer', roles: [] } },
    };
    // The first attempt moved the task to executing, then Lambda stopped it at its timeout.
    await platform.deps.tasks.transition(taskId, 'awaiting_confirmation', 'executing', { interactionToken: 'token-confirm-5' }, 'confirmed by Local Developer');
    const startedAt = Date.parse((await platform.deps.tasks.get(taskId))?.updatedAt ?? '');

    const before = platform.discord.requests.length;
    // Within the bound the first attempt may still be running: Lambda is asked to deliver it again later.
    await expect(worker(platform.workerDeps.ledger, () => new Date(startedAt + 30_000)).handle(confirmItem)).rejects.toBeInstanceOf(ExecutionInProgressError);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('executing');
    expect(platform.discord.requests.length).toBe(before);

    await worker(platform.workerDeps.ledger, () => new Date(startedAt + (ABANDONED_EXECUTION_SECONDS + 30) * 1000)).handle(confirmItem);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('pr_open');
    expect(task?.trace.map((e) => e.event)).toEqual(['awaiting_confirmation', 'executing', 'executing', 'pr_open']);
    expect(task?.trace[2]?.detail).toMatch(/^resumed by the worker: the run started at .* stopped before it finished$/);
    const edits = platform.discord.requests.slice(before);
    expect(edits.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /webhooks/200000000000000002/token-confirm-5/messages/@original']);
    expect((edits[0]?.body as { content: string }).content).toMatch(/^Opened a draft pull request for task /);
  });

  it('rejects an event that is not a work item with a sentence', () => {
    expect(() => parseWorkItem({ kind: 'make-coffee' })).toThrow(/The worker received an event that is not a work item/);
    expect(parseWorkItem(proposeItem('1')).kind).toBe('propose');
  });
});
