import type { RecordedRequest } from '../support/loopback-discord';
import { componentInteraction, modalSubmitInteraction, STAND_IN_USER, type InteractionUser } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { REFINED_MEANWHILE, refine } from '../../lambda/core/tasks/refine';
import { appendRefinement } from '../interactions/fixtures/test-agent';
import { publicPreview, answer, startPlatform, TASK_TTL_SECONDS, type Platform } from '../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

interface SentMessage {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string }>;
  components?: Array<{ type: number; components: Array<{ custom_id?: string; label?: string; disabled?: boolean }> }>;
  allowed_mentions?: unknown;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const labels = (message: SentMessage): string[] => (message.components ?? []).flatMap((row) => row.components.map((c) => c.label ?? ''));
const outsider: InteractionUser = { id: '700000000000000007', username: 'visitor' };

const clickRefine = (taskId: string, user?: InteractionUser) => platform.send(componentInteraction(taskButtonId('refine', taskId), '9000', user));
const submit = (taskId: string, words: string, user?: InteractionUser) => platform.send(modalSubmitInteraction(taskButtonId('refine', taskId), { words }, '9000', user));
const since = (start: number): RecordedRequest[] => platform.discord.requests.slice(start);

/** The agent's refine waits until `release()` is called, so two submissions (or a note on the task) meet while it reads. */
function holdRefinements(): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  platform.agent.refineWith(async (task, text, requester) => {
    await gate;
    return appendRefinement(task, text, requester);
  });
  return release;
}

describe('Refine the open preview', () => {
  it('puts a Refine button beside Confirm and Cancel on every preview, and the button opens a box with one text input', async () => {
    const start = platform.discord.requests.length;
    const taskId = await platform.proposeTask();
    expect(labels(sent(publicPreview(platform.discord.requests.slice(start))))).toEqual(['Confirm', 'Cancel', 'Refine']);
    const opened = answer(await clickRefine(taskId)) as unknown as { type: number; data: { custom_id: string; title: string; components: Array<{ type: number; component: { type: number; custom_id: string } }> } };
    expect(opened.type).toBe(9);
    expect(opened.data.custom_id).toBe(taskButtonId('refine', taskId));
    expect(opened.data.components).toHaveLength(1);
    expect(opened.data.components[0]?.component).toMatchObject({ type: 4, custom_id: 'words' });
  });

  it('acknowledges the words at once (deferred update), then replaces the preview on the same task with the amended one; nothing is executed', async () => {
    const taskId = await platform.proposeTask();
    const before = await platform.deps.tasks.get(taskId);
    const start = platform.discord.requests.length;
    expect(answer(await submit(taskId, 'darker'))).toEqual({ type: 6 });
    await platform.idle();
    const [edit, ...rest] = since(start);
    expect(rest).toEqual([]);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    const preview = sent(edit);
    expect(preview.content).toContain('refined: darker');
    expect(preview.content).toContain(`Task \`${taskId}\``);
    expect(labels(preview)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(preview.flags).toBeUndefined();
    const after = await platform.deps.tasks.get(taskId);
    expect(after).toMatchObject({ taskId, status: 'awaiting_confirmation', version: (before?.version ?? 0) + 1 });
    expect(after?.proposal).toMatchObject({ refinements: ['darker'] });
    expect(platform.agent.executed).toEqual([]);

    // A second refinement builds on the first: the agent reads the task's current proposal.
    expect(answer(await submit(taskId, 'also make the footer blue'))).toEqual({ type: 6 });
    await platform.idle();
    expect((await platform.deps.tasks.get(taskId))?.proposal).toMatchObject({ refinements: ['darker', 'also make the footer blue'] });
  });

  it('tells only the person why a refinement does not fit, and the open preview stays as it was', async () => {
    const taskId = await platform.proposeTask();
    const before = await platform.deps.tasks.get(taskId);
    platform.agent.refineWith(() => ({ kind: 'rejected', message: { content: '`darker` changes a colour, and this task changes none. @everyone' } }));
    const start = platform.discord.requests.length;
    expect(answer(await submit(taskId, 'darker'))).toEqual({ type: 6 });
    await platform.idle();
    const requests = since(start);
    expect(requests.map((r) => r.method)).toEqual(['POST']);
    const refusal = sent(requests[0]);
    expect(refusal.flags).toBe(64);
    expect(refusal.allowed_mentions).toEqual({ parse: [] });
    expect(refusal.content).toContain('changes a colour');
    expect(await platform.deps.tasks.get(taskId)).toEqual(before);
  });

  it('refuses the Refine of someone who may not request the task like a Confirm: a sentence for them alone, the preview untouched', async () => {
    const taskId = await platform.proposeTask();
    const clicked = answer(await clickRefine(taskId, outsider));
    expect(clicked.type).toBe(4);
    expect(clicked.data?.flags).toBe(64);
    expect(clicked.data?.content).toMatch(/^Not refined, the preview stays as it was: it belongs to Local Developer, and only they or someone who may confirm UX Agent's changes/);
    const submitted = answer(await submit(taskId, 'darker', outsider));
    expect(submitted.data?.flags).toBe(64);
    await platform.idle();
    expect(platform.agent.refined).toEqual([]);
  });

  it('applies one of two refinements submitted at once and tells the other person so; the task never holds two previews', async () => {
    const taskId = await platform.proposeTask();
    const release = holdRefinements();
    const start = platform.discord.requests.length;
    const [first, second] = await Promise.all([submit(taskId, 'darker'), submit(taskId, 'lighter')]);
    expect([answer(first).type, answer(second).type]).toEqual([6, 6]);
    release();
    await platform.idle();
    const requests = since(start);
    const edits = requests.filter((r) => r.method === 'PATCH');
    const told = requests.filter((r) => r.method === 'POST').map(sent);
    expect(edits).toHaveLength(1);
    expect(told).toEqual([expect.objectContaining({ content: REFINED_MEANWHILE, flags: 64 })]);
    const refinements = ((await platform.deps.tasks.get(taskId))?.proposal as { refinements: string[] }).refinements;
    expect(refinements).toHaveLength(1);
    expect(sent(edits[0]).content).toContain(`refined: ${refinements[0]}`);
  });

  it('answers a box submitted after the task expired with the expired sentence', async () => {
    const taskId = await platform.proposeTask();
    platform.advance(TASK_TTL_SECONDS + 1);
    const reply = answer(await submit(taskId, 'darker'));
    expect(reply.type).toBe(7);
    expect(reply.data?.content).toMatch(/^This request expired at .* without being confirmed, so nothing was changed/);
    expect(reply.data?.components).toEqual([]);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('expired');
    await platform.idle();
    expect(platform.agent.refined).toEqual([]);
  });

  it('cancels the task on "undo that" before Confirm, without asking the agent', async () => {
    const taskId = await platform.proposeTask();
    const reply = answer(await submit(taskId, 'undo that'));
    expect(reply.type).toBe(7);
    expect(reply.data?.content).toMatch(/^Cancelled by Local Developer\. Nothing was changed/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
    await platform.idle();
    expect(platform.agent.refined).toEqual([]);
  });

  it('refuses a refinement once the task is confirmed, naming the state', async () => {
    const taskId = await platform.proposeTask();
    await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000'));
    await platform.idle();
    const reply = answer(await submit(taskId, 'darker'));
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.content).toMatch(/already done/);
  });

  it('after Confirm, "undo that" is checked as a Confirm: refused privately for a contributor, handed to the worker for someone who may confirm; a failure there keeps the pull request open and says so', async () => {
    const taskId = await platform.proposeTask();
    await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000'));
    await platform.idle();
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
    const refused = answer(await submit(taskId, 'undo that', outsider));
    expect(refused.data?.flags).toBe(64);
    expect(refused.data?.content).toMatch(/^Not undone, the pull request stays open: Only admin, pm or developer may confirm/);
    const start = platform.discord.requests.length;
    expect(answer(await submit(taskId, 'undo that'))).toEqual({ type: 5 });
    await platform.idle();
    const [said] = since(start).map(sent);
    expect(said?.content).toMatch(/^Could not undo the change: the scripted agent needs no repository\nThe pull request may still be open/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('applies a refinement read just before the task thread was recorded: a note on the task is no other refinement', async () => {
    const taskId = await platform.proposeTask();
    const read = await platform.deps.tasks.get(taskId);
    // The worker records the thread right after the preview; a quick Refine may have read the task before that.
    await platform.deps.tasks.annotate(taskId, { threadId: '123456789012345678' }, 'thread 123456789012345678 started');
    const start = platform.discord.requests.length;
    const submit = modalSubmitInteraction(taskButtonId('refine', taskId), { words: 'darker' }, '9000');
    const interaction = { interactionId: submit.id, applicationId: submit.application_id, token: submit.token, guildId: submit.guild_id, channelId: submit.channel_id, requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } };
    await refine({ kind: 'refine', interaction, taskId, text: 'darker', version: read?.version ?? 0 }, platform.workerDeps);
    expect(since(start).map((r) => sent(r).content ?? '')).toEqual([expect.stringContaining('refined: darker')]);
    expect((await platform.deps.tasks.get(taskId))?.proposal).toMatchObject({ refinements: ['darker'] });
  });

  it('applies a refinement when the task thread is recorded while the agent reads it', async () => {
    const taskId = await platform.proposeTask();
    const release = holdRefinements();
    const start = platform.discord.requests.length;
    expect(answer(await submit(taskId, 'darker'))).toEqual({ type: 6 });
    while (platform.agent.refined.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await platform.deps.tasks.annotate(taskId, { threadId: '123456789012345679' }, 'thread 123456789012345679 started');
    release();
    await platform.idle();
    expect(since(start).map((r) => sent(r).content ?? '')).toEqual([expect.stringContaining('refined: darker')]);
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ threadId: '123456789012345679', proposal: { refinements: ['darker'] } });
  });
});
