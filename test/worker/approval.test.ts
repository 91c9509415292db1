import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { commandInteraction, componentInteraction, selectInteraction, STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { confirmClaimKey } from '../../lambda/core/tasks/ledger-keys';
import { DEFAULT_WORKER_TIMEOUT_SECONDS, executionTimings } from '../../lambda/core/domain/task';
import type { RecordedRequest } from '../support/loopback-discord';
import { createWorker } from '../../lambda/worker/handler';
import { sweepAbandonedExecutions } from '../../lambda/core/tasks/sweep';
import { publicPreview, answer, startPlatform, type Platform } from '../interactions/fixtures/platform';
import { choiceOf } from '../interactions/fixtures/test-agent';

const ABANDONED_EXECUTION_SECONDS = executionTimings(DEFAULT_WORKER_TIMEOUT_SECONDS).abandonedExecutionSeconds;

/** Issue 11: roles, a second approver, and both people named in the audit, the message and the PR. */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.proposeWith((options) => ({ kind: 'proposal', summary: `Header text → ${options.command}`, proposal: { options }, preview: { content: `Preview: ${options.command}` } }));
});

const DEVELOPER = { id: '600000000000000006', username: 'dev', global_name: 'Dana Dev' };
const PM_ROLE = '444444444444444444';
const PM = { id: '610000000000000061', username: 'pm', global_name: 'Pat PM', roles: [PM_ROLE] };
const CONTRIBUTOR = { id: '700000000000000007', username: 'visitor' };

interface SentMessage {
  content?: string;
  flags?: number;
  allowed_mentions?: { parse: string[] };
  components?: Array<{ components: Array<{ label: string }> }>;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const labels = (message: SentMessage): string[] => (message.components ?? []).flatMap((row) => row.components.map((c) => c.label));
const click = (action: 'confirm' | 'cancel', taskId: string, user?: Parameters<typeof componentInteraction>[2]) =>
  platform.send(componentInteraction(taskButtonId(action, taskId), '9000', user));

/** Second approver on; Dana is a developer by user id and Pat a pm by Discord role. */
const withApprovers = (more: Parameters<Platform['setFlags']>[0] = {}) =>
  platform.setFlags({ 'require-second-approver': 'true', 'developer-user-ids': DEVELOPER.id, 'pm-role-ids': PM_ROLE, ...more });

async function auditOf(taskId: string): Promise<Array<Record<string, string | undefined>>> {
  const { Items = [] } = await platform.db.client.send(
    new QueryCommand({ TableName: platform.db.tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `audit#task#${taskId}` } } }),
  );
  return Items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !['pk', 'sk', 'expiresAt'].includes(key)).map(([key, value]) => [key, value.S])));
}

const SECOND_APPROVER =
  /^This change needs a second approver: someone else who may confirm \(roles admin, pm or developer\) must click Confirm\. You asked for it, and while "require-second-approver" in .*flags\.json is true a requester cannot approve their own change\.$/;

describe('a second approver (require-second-approver)', () => {
  it('refuses the requester\'s own Confirm with a sentence, and lets another developer confirm', async () => {
    await withApprovers();
    const taskId = await platform.proposeTask();
    const own = answer(await click('confirm', taskId));
    expect(own.type).toBe(4);
    expect(own.data?.flags).toBe(64);
    expect(own.data?.content).toMatch(SECOND_APPROVER);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');

    expect(answer(await click('confirm', taskId, DEVELOPER)).type).toBe(7);
    await platform.idle();
    expect(platform.agent.executed.map((t) => t.confirmedBy?.id)).toEqual([DEVELOPER.id]);
    const done = sent(platform.discord.requests.at(-1));
    expect(done.content).toBe(`Opened a draft pull request for task ${taskId}: https://github.example/acme/site/pull/7\nRequested by Local Developer · approved by Dana Dev`);
    expect(done.allowed_mentions).toEqual({ parse: [] });
    const task = await platform.deps.tasks.get(taskId);
    expect(task).toMatchObject({ status: 'pr_open', requesterId: STAND_IN_USER.id, confirmedBy: { id: DEVELOPER.id, name: 'Dana Dev' } });
  });

  it('writes the requester and the approver on the audit records of the confirmation and the pull request', async () => {
    await withApprovers();
    const taskId = await platform.proposeTask();
    await click('confirm', taskId, PM);
    await platform.idle();
    const named = { requesterId: STAND_IN_USER.id, requesterName: 'Local Developer', approverId: PM.id, approverName: 'Pat PM', actorId: PM.id };
    // Both records carry the same (test) clock time, so the ledger's sort key does not order them: sort by action.
    const records = (await auditOf(taskId)).sort((a, b) => String(a.action).localeCompare(String(b.action)));
    expect(records).toEqual([
      { action: 'confirm', ...named },
      { action: 'execute:done', detail: 'https://github.example/acme/site/pull/7', ...named },
    ]);
  });

  it('with the flag off (as in dev), a requester who may confirm confirms their own request, and one person is named', async () => {
    const taskId = await platform.proposeTask();
    await click('confirm', taskId);
    await platform.idle();
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/\nRequested and approved by Local Developer$/);
  });

  it('lets the requester pick in their own question (picking approves nothing), then needs someone else to confirm', async () => {
    await withApprovers();
    platform.agent.proposeWith(() => choiceOf(2));
    const start = platform.discord.requests.length;
    await platform.send(commandInteraction('ux-update', { description: 'make the title say Spring sale' }));
    await platform.idle();
    const question = sent(publicPreview(platform.discord.requests.slice(start))) as { components?: Array<{ components: Array<{ custom_id?: string }> }> };
    const taskId = question.components?.[0]?.components[0]?.custom_id?.split(':')[2] ?? '';
    expect(answer(await platform.send(selectInteraction(taskButtonId('choose', taskId), ['1'], '9000'))).type).toBe(7);
    expect(answer(await click('confirm', taskId)).data?.content).toMatch(SECOND_APPROVER);
    expect(answer(await click('confirm', taskId, DEVELOPER)).type).toBe(7);
    await platform.idle();
    expect(platform.agent.executed.map((t) => t.proposal)).toEqual([{ candidate: 2 }]);
  });

  it('a contributor may ask for a preview but not approve one, even someone else\'s', async () => {
    await withApprovers();
    const start = platform.discord.requests.length;
    expect(answer(await platform.send(commandInteraction('ux-update', { command: 'section:footer text:"Bye"' }, CONTRIBUTOR)))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    const preview = sent(publicPreview(platform.discord.requests.slice(start))) as SentMessage & { components?: Array<{ components: Array<{ custom_id?: string }> }> };
    expect(labels(preview)).toEqual(['Confirm', 'Cancel', 'Refine']);
    const theirs = preview.components?.[0]?.components[0]?.custom_id?.split(':')[2] ?? '';
    expect(answer(await click('confirm', theirs, CONTRIBUTOR)).data?.content).toMatch(/^Only admin, pm or developer may confirm UX Agent's changes, and you are a contributor\./);
    const other = await platform.proposeTask();
    expect(answer(await click('confirm', other, CONTRIBUTOR)).data?.content).toMatch(/^Only admin, pm or developer may confirm/);
    // The developer approves the contributor's request.
    expect(answer(await click('confirm', theirs, DEVELOPER)).type).toBe(7);
    await platform.idle();
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/\nRequested by visitor · approved by Dana Dev$/);
  });

  it('lets anyone who may confirm cancel someone else\'s request', async () => {
    await withApprovers();
    const taskId = await platform.proposeTask();
    expect(answer(await click('cancel', taskId, PM)).data?.content).toMatch(/^Cancelled by Pat PM\. Nothing was changed/);
  });

  it('the worker checks again: the flag switched on between the requester\'s click and the work refuses it there, and Confirm stays', async () => {
    const taskId = await platform.proposeTask();
    expect(await platform.deps.ledger.claimOnce(confirmClaimKey(taskId), 900)).toBe(true);
    const payload = componentInteraction(taskButtonId('confirm', taskId), '9000');
    await withApprovers();
    const before = platform.discord.requests.length;
    await createWorker(platform.workerDeps)({
      kind: 'confirm',
      taskId,
      interaction: { interactionId: payload.id, applicationId: STAND_IN_APPLICATION_ID, token: payload.token, requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } },
    });
    expect(platform.agent.executed).toHaveLength(0);
    const [edit, followUp] = platform.discord.requests.slice(before);
    expect(labels(sent(edit))).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(sent(followUp).content).toMatch(/^Not confirmed, nothing was changed: This change needs a second approver/);
    expect(await auditOf(taskId)).toEqual([expect.objectContaining({ action: 'confirm:refused', actorId: STAND_IN_USER.id, requesterId: STAND_IN_USER.id })]);
  });

  it('a resumed run is checked against Task.confirmedBy: a self-approval is handed back once the flag is on, another approver\'s resumes', async () => {
    const self = await platform.proposeTask('section:header text:"Self"');
    const approved = await platform.proposeTask('section:header text:"Approved"');
    const confirmedBy = (user: { id: string; global_name: string }) => ({ id: user.id, name: user.global_name, roles: [] });
    await platform.deps.tasks.transition(self, 'awaiting_confirmation', 'executing', { interactionToken: 'selftoken', confirmedBy: confirmedBy({ id: STAND_IN_USER.id, global_name: 'Local Developer' }) });
    await platform.deps.tasks.transition(approved, 'awaiting_confirmation', 'executing', { interactionToken: 'approvedtoken', confirmedBy: confirmedBy(DEVELOPER) });
    await withApprovers();
    platform.advance(ABANDONED_EXECUTION_SECONDS + 1);
    const report = await sweepAbandonedExecutions(platform.workerDeps);
    expect(report.outcomes).toEqual({ [self]: 'handed back', [approved]: 'resumed' });
    expect((await platform.deps.tasks.get(self))?.lastError).toMatch(/^Local Developer may no longer confirm changes \(This change needs a second approver/);
    expect(platform.agent.executed.map((t) => [t.taskId, t.confirmedBy?.id])).toEqual([[approved, DEVELOPER.id]]);
  });

  it('names people as plain text: a display name cannot format the message or mention anyone', async () => {
    await withApprovers();
    const taskId = await platform.proposeTask();
    await click('confirm', taskId, { ...DEVELOPER, global_name: '**Boss** @everyone' });
    await platform.idle();
    const done = sent(platform.discord.requests.at(-1));
    expect(done.content).toMatch(/\nRequested by Local Developer · approved by \\\*\\\*Boss\\\*\\\* @\u200beveryone$/);
    expect(done.allowed_mentions).toEqual({ parse: [] });
  });

  it('names the person who cancels as plain text too', async () => {
    await withApprovers();
    const taskId = await platform.proposeTask();
    const body = answer(await click('cancel', taskId, { ...DEVELOPER, global_name: '[Approved](https://evil.example) @here' }));
    expect(body.data?.content).toBe(`Cancelled by [Approved]\u200b(https://evil.example) @\u200bhere. Nothing was changed (task \`${taskId}\`).`);
  });
});
