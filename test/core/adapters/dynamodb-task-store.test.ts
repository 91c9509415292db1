import { DynamoDbTaskStore, MAX_ITEM_BYTES } from '../../../lambda/core/adapters/dynamodb-task-store';
import type { ProposalCandidate } from '../../../lambda/core/domain/agent';
import { TaskConflictError, TaskNotFoundError, TaskTooLargeError, type NewTask } from '../../../lambda/core/domain/task';
import { startDynalite, type EmbeddedDynamoDb } from '../../support/dynalite';

let db: EmbeddedDynamoDb;
let store: DynamoDbTaskStore;
beforeAll(async () => {
  db = await startDynalite();
  store = new DynamoDbTaskStore(db.client, db.tables.conversations);
});
afterAll(() => db.close());

let counter = 0;
function newTask(overrides: Partial<NewTask> = {}): NewTask {
  counter += 1;
  return {
    taskId: `t${counter}`,
    agentId: 'ux',
    command: '/ux-update',
    options: { command: 'section:header text:"Hi"' },
    requesterId: '111111111111111111',
    requesterName: 'pm',
    applicationId: 'app',
    interactionToken: 'token',
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
    ...overrides,
  };
}

test('a task is created awaiting confirmation and read back whole', async () => {
  const created = await store.create(newTask({ summary: 'header text' }));
  expect(created.status).toBe('awaiting_confirmation');
  const read = await store.get(created.taskId);
  expect(read).toEqual(created);
  await expect(store.create(newTask({ taskId: created.taskId }))).rejects.toThrow(/already exists/);
});

test('a transition is conditional: the second identical move conflicts and changes nothing', async () => {
  const task = await store.create(newTask());
  const moved = await store.transition(task.taskId, 'awaiting_confirmation', 'executing', {}, 'confirmed by pm');
  expect(moved.status).toBe('executing');
  expect(moved.trace.map((t) => t.event)).toEqual(['awaiting_confirmation', 'executing']);
  await expect(store.transition(task.taskId, 'awaiting_confirmation', 'executing')).rejects.toBeInstanceOf(TaskConflictError);
  expect((await store.get(task.taskId))?.version).toBe(2);
});

test('twenty concurrent moves from the same status: exactly one wins', async () => {
  const task = await store.create(newTask());
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => store.transition(task.taskId, 'awaiting_confirmation', 'executing')),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof TaskConflictError)).toHaveLength(19);
});

test('moves the state machine does not allow are refused before any write', async () => {
  const task = await store.create(newTask());
  await expect(store.transition(task.taskId, 'awaiting_confirmation', 'merged')).rejects.toThrow(/cannot move from awaiting_confirmation to merged/);
  await expect(store.transition('missing', 'awaiting_confirmation', 'executing')).rejects.toBeInstanceOf(TaskNotFoundError);
});

test('indexes: last task of a requester, open tasks, and the task behind a pull request', async () => {
  const requesterId = '222222222222222222';
  const first = await store.create(newTask({ requesterId }));
  await new Promise((r) => setTimeout(r, 5));
  const second = await store.create(newTask({ requesterId }));
  expect((await store.lastByRequester(requesterId))?.taskId).toBe(second.taskId);

  await store.transition(first.taskId, 'awaiting_confirmation', 'cancelled');
  const open = (await store.listOpen(100)).map((t) => t.taskId);
  expect(open).toContain(second.taskId);
  expect(open).not.toContain(first.taskId);

  await store.transition(second.taskId, 'awaiting_confirmation', 'executing');
  await store.transition(second.taskId, 'executing', 'pr_open', {
    pullRequest: { repository: 'Acme/Site', number: 7, url: 'https://github.com/acme/site/pull/7' },
  });
  expect((await store.findByPullRequest('acme/site', 7))?.status).toBe('pr_open');
  expect(await store.findByPullRequest('acme/site', 8)).toBeUndefined();
});

const candidate = (n: number, proposalBytes = 10): ProposalCandidate => ({
  label: `Heading ${n}`,
  description: `src/Hero.jsx:${n}`,
  summary: `Heading ${n} → Sale`,
  proposal: { n, file: 'x'.repeat(proposalBytes) },
  preview: { content: `Preview ${n}` },
});

test('a question waits in awaiting_choice with its candidates, is open, and a pick moves it to awaiting_confirmation once', async () => {
  const task = await store.create(newTask({ status: 'awaiting_choice', candidates: [candidate(1), candidate(2)] }));
  expect((await store.get(task.taskId))?.candidates?.map((c) => c.label)).toEqual(['Heading 1', 'Heading 2']);
  expect((await store.listOpen(100)).map((t) => t.taskId)).toContain(task.taskId);
  await expect(store.transition(task.taskId, 'awaiting_choice', 'executing')).rejects.toThrow(/cannot move from awaiting_choice to executing/);

  const picked = await store.transition(task.taskId, 'awaiting_choice', 'awaiting_confirmation', { proposal: { n: 2 }, summary: 'Heading 2 → Sale', candidates: undefined });
  const read = await store.get(task.taskId);
  expect(read).toEqual(JSON.parse(JSON.stringify(picked)));
  expect(read).toMatchObject({ status: 'awaiting_confirmation', proposal: { n: 2 }, summary: 'Heading 2 → Sale' });
  expect(read?.candidates).toBeUndefined();
  await expect(store.transition(task.taskId, 'awaiting_choice', 'awaiting_confirmation')).rejects.toBeInstanceOf(TaskConflictError);
});

test('a question can be cancelled or expire', async () => {
  for (const to of ['cancelled', 'expired'] as const) {
    const task = await store.create(newTask({ status: 'awaiting_choice', candidates: [candidate(1)] }));
    expect((await store.transition(task.taskId, 'awaiting_choice', to)).status).toBe(to);
  }
});

test('a task larger than one DynamoDB item is refused with TaskTooLargeError before any write', async () => {
  const candidates = Array.from({ length: 5 }, (_, i) => candidate(i, 90_000));
  const task = newTask({ status: 'awaiting_choice', candidates });
  const error = await store.create(task).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TaskTooLargeError);
  expect((error as TaskTooLargeError).bytes).toBeGreaterThan(MAX_ITEM_BYTES);
  expect(await store.get(task.taskId)).toBeUndefined();
  // Just under the limit is stored.
  const fits = await store.create(newTask({ status: 'awaiting_choice', candidates: candidates.slice(0, 4) }));
  expect((await store.get(fits.taskId))?.candidates).toHaveLength(4);
});


test('listOpen reads past a 1 MB page: large questions created later do not hide an older executing task', async () => {
  const older = await store.create(newTask());
  await store.transition(older.taskId, 'awaiting_confirmation', 'executing');
  await new Promise((r) => setTimeout(r, 5));
  // Four questions of about 300 KB each: more than one page of the by-open index.
  for (let n = 0; n < 4; n += 1) await store.create(newTask({ status: 'awaiting_choice', candidates: [candidate(n, 300 * 1024)] }));
  const open = await store.listOpen(100);
  expect(open.map((t) => t.taskId)).toContain(older.taskId);
  expect((await store.listOpen(2)).length).toBe(2);
});
