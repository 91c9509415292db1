import type { RecordedRequest } from '../support/loopback-discord';
import { DEFAULT_WORKER_TIMEOUT_SECONDS, executionTimings } from '../../lambda/core/domain/task';
import { parseWorkItem } from '../../lambda/core/domain/work-item-schema';
import { createWorker } from '../../lambda/worker/handler';
import { SWEEP_MAX_TASKS, sweepAbandonedExecutions } from '../../lambda/core/tasks/sweep';
import { startPlatform, type Platform } from '../interactions/fixtures/platform';
import { componentInteraction } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { parseInteraction } from '../../lambda/core/discord/interaction';
import { routeInteraction } from '../../lambda/core/discord/router';

const ABANDONED_EXECUTION_SECONDS = executionTimings(DEFAULT_WORKER_TIMEOUT_SECONDS).abandonedExecutionSeconds;
/** A quarter of the worker's 120 s timeout. */
const SWEEP_START_BUDGET_MS = executionTimings(DEFAULT_WORKER_TIMEOUT_SECONDS).sweepStartBudgetSeconds * 1000;

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.setFlags({});
  platform.discord.requests.length = 0;
  platform.agent.executed.length = 0;
  platform.logger.lines.length = 0;
  platform.clock.now = new Date();
  platform.agent.executeWith((task) => ({
    kind: 'done',
    message: { content: `Draft pull request opened (task ${task.taskId})` },
    branch: `valine/${task.taskId}`,
    pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' },
  }));
});
// Every test starts with no task executing: what one leaves would be the next one's abandoned task.
afterEach(async () => {
  for (const task of await platform.deps.tasks.listOpen(500)) {
    if (task.status === 'executing') await platform.deps.tasks.transition(task.taskId, 'executing', 'failed', {}, 'test cleanup');
    if (task.status === 'awaiting_confirmation') await platform.deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'cancelled', {}, 'test cleanup');
  }
});

interface SentMessage {
  content?: string;
  components?: Array<{ components: Array<{ label: string; custom_id?: string; disabled?: boolean }> }>;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const labels = (message: SentMessage): string[] => (message.components ?? []).flatMap((row) => row.components.map((c) => c.label));
const later = (seconds: number) => platform.advance(seconds);

/** The EventBridge rule's input, through the worker's own schema, as the Lambda handler reads it. */
const sweep = () => createWorker(platform.workerDeps)(parseWorkItem(JSON.parse('{"kind":"sweep"}')));

const propose = (command?: string) => platform.proposeTask(command);

/** The state every Lambda delivery of Confirm's work item leaves when each one dies right after taking the work. */
async function leftExecuting(taskId: string, token = `killedworker${taskId}`): Promise<void> {
  await platform.deps.tasks.transition(taskId, 'awaiting_confirmation', 'executing', { interactionToken: token, confirmedBy: { id: '100000000000000001', name: 'Local Developer', roles: [] } }, 'confirmed by Local Developer');
}

describe('the scheduled sweep of tasks left executing (issue 10, item 2)', () => {
  it('parses the schedule\'s input { "kind": "sweep" } as a work item', () => {
    expect(parseWorkItem({ kind: 'sweep' })).toEqual({ kind: 'sweep' });
  });

  it('resumes a task executing for longer than the bound, and the message ends with the result', async () => {
    const taskId = await propose();
    await leftExecuting(taskId, 'confirmclicktoken');
    later(ABANDONED_EXECUTION_SECONDS + 1);
    platform.discord.requests.length = 0;
    await sweep();
    expect(platform.agent.executed.map((t) => t.taskId)).toEqual([taskId]);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('pr_open');
    expect(task?.trace.at(-2)?.detail).toMatch(/^resumed by the worker: the run started at .* stopped before it finished$/);
    const edit = platform.discord.requests.at(-1);
    expect(edit?.path).toContain('/confirmclicktoken/messages/@original');
    expect(sent(edit).content).toBe(`Draft pull request opened (task ${taskId})\nRequested and approved by Local Developer`);
    expect(platform.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Sweep: tasks left executing by a worker that stopped', extra: { found: 1, outcomes: { [taskId]: 'resumed' }, left: 0 } }));
    // Done once: the next sweep has nothing to do.
    await sweep();
    expect(platform.agent.executed).toHaveLength(1);
  });

  it('leaves alone a task executing for less than the bound: its worker may still be on it', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS - 1);
    platform.discord.requests.length = 0;
    await sweep();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('executing');
    expect(platform.discord.requests).toEqual([]);
  });

  it('makes no Discord call and writes no task when there is nothing to do', async () => {
    const waiting = await propose();
    later(3 * ABANDONED_EXECUTION_SECONDS);
    platform.discord.requests.length = 0;
    const before = await platform.deps.tasks.get(waiting);
    await sweep();
    expect(platform.discord.requests).toEqual([]);
    expect(await platform.deps.tasks.get(waiting)).toEqual(before);
    expect(platform.logger.lines.filter((line) => line.level !== 'debug')).toEqual([]);
  });

  it('hands back, with its message and Confirm / Cancel, a task that stopped again after a resume', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await platform.deps.tasks.transition(taskId, 'executing', 'executing', { interactionToken: 'resumedtoken' }, 'resumed by the worker');
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await sweep();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
    const message = sent(platform.discord.requests.at(-1));
    expect(platform.discord.requests.at(-1)?.path).toContain('/resumedtoken/messages/@original');
    expect(message.content).toMatch(/^UX Agent did not finish\.\nIt did not work this time: the work stopped 2 times before it finished .*Click Confirm to try again, or Cancel\./s);
    expect(labels(message)).toEqual(['Confirm', 'Cancel', 'Refine']);
  });

  it('checks the confirmer again: one no longer an admin gets the task handed back, nothing runs', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    await platform.setFlags({ 'admin-user-ids': '900000000000000009' });
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await sweep();
    expect(platform.agent.executed).toHaveLength(0);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('awaiting_confirmation');
    expect(task?.lastError).toMatch(/^Local Developer may no longer confirm changes \(Only admin, pm or developer may confirm UX Agent's changes/);
  });

  it(`resumes at most ${SWEEP_MAX_TASKS} tasks per run, longest stopped first, and the rest on the next run`, async () => {
    const ids: string[] = [];
    for (let n = 0; n < SWEEP_MAX_TASKS + 2; n += 1) {
      const taskId = await propose(`section:header text:"Bulk ${n}"`);
      await leftExecuting(taskId);
      ids.push(taskId);
      later(1);
    }
    later(ABANDONED_EXECUTION_SECONDS);
    const first = await sweepAbandonedExecutions(platform.workerDeps);
    expect(first).toMatchObject({ found: SWEEP_MAX_TASKS + 2, left: 2 });
    expect(platform.agent.executed.map((t) => t.taskId)).toEqual(ids.slice(0, SWEEP_MAX_TASKS));
    await sweep();
    expect(platform.agent.executed.map((t) => t.taskId)).toEqual(ids);
    for (const taskId of ids) expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it(`starts no resume ${SWEEP_START_BUDGET_MS / 1000} s into its run, so the run it starts keeps most of the worker's timeout`, async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) {
      const taskId = await propose(`section:header text:"Slow ${n}"`);
      await leftExecuting(taskId);
      ids.push(taskId);
      later(1);
    }
    later(ABANDONED_EXECUTION_SECONDS);
    platform.agent.executeWith((task) => {
      later(SWEEP_START_BUDGET_MS / 1000 / 2 + 1);
      return { kind: 'done', message: { content: `Done ${task.taskId}` }, branch: `valine/${task.taskId}`, pullRequest: { repository: 'acme/site', number: 8, url: 'https://github.example/acme/site/pull/8' } };
    });
    expect(await sweepAbandonedExecutions(platform.workerDeps)).toMatchObject({ found: 3, left: 1 });
    expect(platform.agent.executed.map((t) => t.taskId)).toEqual(ids.slice(0, 2));
  });

  it('two sweeps at once run each task once (the conditional write decides)', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await Promise.all([sweep(), sweep()]);
    expect(platform.agent.executed).toHaveLength(1);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });
});

describe('a Confirm acknowledged but never started (the process stopped right after "Working…"; issue 18, item 4)', () => {
  /** Confirm's click through the real router, with a hand-off that is lost: the process died right after answering. */
  async function clickConfirmThenDie(taskId: string, payload = componentInteraction(taskButtonId('confirm', taskId), '9000')): Promise<void> {
    const parsed = parseInteraction(JSON.stringify(payload));
    if (!parsed.ok) throw new Error(parsed.message);
    const answer = await routeInteraction(parsed.interaction, { ...platform.deps, queue: { enqueue: async () => undefined } });
    expect(answer).toMatchObject({ type: 7, data: { components: [{ components: [{ label: 'Working…', disabled: true }, { label: 'Cancel' }] }] } });
  }

  it('is found by the sweep and run: the click\'s confirmer, one run, the message ends on the result', async () => {
    const taskId = await propose();
    await clickConfirmThenDie(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await sweep();
    expect(platform.agent.executed.map((t) => t.taskId)).toEqual([taskId]);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('pr_open');
    expect(task?.confirmedBy?.name).toBe('Local Developer');
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Draft pull request opened/);
    // A second sweep finds nothing more to do.
    await sweep();
    expect(platform.agent.executed).toHaveLength(1);
  });

  it('is left alone by a sweep within the bound (its worker may still be starting)', async () => {
    const taskId = await propose();
    await clickConfirmThenDie(taskId);
    later(30);
    await sweep();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
  });

  it('a later Confirm click takes over the stalled claim instead of "already confirmed"', async () => {
    const taskId = await propose();
    await clickConfirmThenDie(taskId);
    later(30);
    expect((await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000'))).body).toContain('already confirmed and being worked on');
    later(ABANDONED_EXECUTION_SECONDS);
    const body = JSON.parse((await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000'))).body) as { type: number };
    expect(body.type).toBe(7);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(1);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });
});

describe('a Confirm click (one interaction id) confirms at most once (issue 18, low)', () => {
  it('a replay of the same click after a retryable failure gave the task back is refused, and the agent runs once', async () => {
    const taskId = await propose();
    platform.agent.executeWith(() => ({ kind: 'retryable', error: 'GitHub answered 502', message: { content: 'UX update interrupted' } }));
    const payload = componentInteraction(taskButtonId('confirm', taskId), '9000');
    expect(JSON.parse((await platform.send(payload)).body).type).toBe(7);
    await platform.idle();
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
    const replay = JSON.parse((await platform.send(payload)).body) as { type: number; data: { content: string; flags: number } };
    expect(replay).toMatchObject({ type: 4, data: { content: 'This click was already handled; click Confirm again if the request is still waiting for it.', flags: 64 } });
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(1);
  });
});
