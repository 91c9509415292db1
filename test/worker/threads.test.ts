import { commandInteraction, componentInteraction, STAND_IN_APPLICATION_ID, STAND_IN_CHANNEL_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { confirmClaimKey } from '../../lambda/core/tasks/ledger-keys';
import { createWorker } from '../../lambda/worker/handler';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { postAboutTask } from '../../lambda/core/tasks/thread';
import type { RecordedRequest } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';
import { answer, startPlatform, type Platform } from '../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ botToken: true });
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

interface SentMessage {
  content?: string;
  flags?: number;
  name?: string;
  components?: Array<{ components: Array<{ label?: string }> }>;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const since = (start: number): RecordedRequest[] => platform.discord.requests.slice(start);

/** /ux-update typed inside a thread: Discord names the thread as the channel, with its type (11, a public thread). */
const inThread = (threadId: string, options: Record<string, string>) => ({
  ...commandInteraction('ux-update', options),
  channel_id: threadId,
  channel: { id: threadId, type: 11, parent_id: STAND_IN_CHANNEL_ID },
});

describe('one thread per task', () => {
  it('opens a thread of its own named after the request, posts the preview there as its first message, and tells the requester where', async () => {
    const start = platform.discord.requests.length;
    const taskId = await platform.proposeTask('section:header text:"Spring sale"');
    const [thread, preview, note, ...more] = since(start);
    expect(more).toEqual([]);
    // The channel gets only Discord's one "started a thread" line: no starter message, no preview in the channel.
    expect(thread?.method).toBe('POST');
    expect(thread?.path).toBe(`/channels/${STAND_IN_CHANNEL_ID}/threads`);
    expect(thread?.headers.authorization).toBe('Bot loopback-bot-token');
    expect(sent(thread)).toMatchObject({ name: 'section:header text:"Spring sale"', type: 11 });
    const [threadId] = [...platform.discord.threads.keys()].slice(-1);
    expect(preview?.path).toBe(`/channels/${threadId}/messages`);
    expect(sent(preview).flags).toBeUndefined();
    expect(sent(preview).components?.[0]?.components.map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    // The requester's private "thinking…" links to the thread.
    expect(note?.path).toMatch(/\/messages\/@original$/);
    expect(sent(note).content).toBe(`Your preview is posted for everyone in the thread <#${threadId}>: Confirm, Cancel or Refine it there.`);
    const task = await platform.deps.tasks.get(taskId);
    expect(task).toMatchObject({ threadId, previewMessageId: expect.any(String) });
  });

  it('reads /ux-update typed in the task thread as a refinement of that task: the amended preview is posted below the first, which loses its buttons', async () => {
    const taskId = await platform.proposeTask();
    const before = await platform.deps.tasks.get(taskId);
    const threadId = before?.threadId ?? '';
    expect(threadId).not.toBe('');
    const start = platform.discord.requests.length;
    expect(answer(await platform.send(inThread(threadId, { description: 'darker' })))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    expect(platform.agent.refined).toEqual([expect.objectContaining({ taskId, text: 'darker' })]);
    const [amended, closed, note, ...more] = since(start);
    expect(more).toEqual([]);
    expect(amended?.method).toBe('POST');
    expect(amended?.path).toBe(`/channels/${threadId}/messages`);
    expect(sent(amended).content).toContain('refined: darker');
    expect(sent(amended).components?.[0]?.components.map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(closed?.method).toBe('PATCH');
    expect(closed?.path).toBe(`/channels/${threadId}/messages/${before?.previewMessageId}`);
    expect(sent(closed)).toEqual({ components: [], allowed_mentions: { parse: [] } });
    // The person's own "thinking…", deferred ephemeral above: an edit keeps it private.
    expect(note?.path).toMatch(/\/messages\/@original$/);
    expect(sent(note).content).toMatch(/^Refined: the amended preview is the newest message of this thread/);
    expect((await platform.deps.tasks.get(taskId))?.previewMessageId).not.toBe(before?.previewMessageId);

    // "undo that" in the thread cancels the task, said to everyone there; the open preview above loses its buttons.
    const open = (await platform.deps.tasks.get(taskId))?.previewMessageId;
    const beforeUndo = platform.discord.requests.length;
    const undone = answer(await platform.send(inThread(threadId, { description: 'undo that' })));
    expect(undone.type).toBe(4);
    expect(undone.data?.flags).toBeUndefined();
    expect(undone.data?.content).toMatch(/^Cancelled by Local Developer/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
    await platform.idle();
    const [closedAfterUndo, ...rest] = since(beforeUndo);
    expect(rest).toEqual([]);
    expect(closedAfterUndo?.method).toBe('PATCH');
    expect(closedAfterUndo?.path).toBe(`/channels/${threadId}/messages/${open}`);
    expect(sent(closedAfterUndo).components).toEqual([]);
  });

  it('works in place where the bot may not start threads (403): the preview is posted in the channel, and the reason logged once for the channel', async () => {
    platform.logger.lines.length = 0;
    for (let i = 0; i < 2; i += 1) {
      platform.discord.script({ status: 403, body: { code: 50013, message: 'Missing Permissions' } });
      const taskId = await platform.proposeTask();
      expect((await platform.deps.tasks.get(taskId))?.threadId).toBeUndefined();
      expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
      const [, note, preview] = platform.discord.requests.slice(-3);
      expect(sent(note).content).toBe('Your preview is posted below for everyone in the channel.');
      expect(preview?.path).toMatch(/^\/webhooks\/\d+\/[\w-]+$/);
    }
    expect(platform.logger.lines.filter((e) => e.message === 'Working in place: no thread for this task')).toHaveLength(1);
  });

  it('posts the preview in the channel when the thread opened but the bot may not post in it (no Send Messages in Threads): nothing is lost', async () => {
    platform.discord.script({ status: 201, body: { id: '777000000000000777', type: 11, parent_id: STAND_IN_CHANNEL_ID, name: 'x' } }, { status: 403, body: { code: 50001, message: 'Missing Access' } });
    const start = platform.discord.requests.length;
    const taskId = await platform.proposeTask();
    const [, refused, note, preview] = since(start);
    expect(refused?.path).toBe('/channels/777000000000000777/messages');
    expect(sent(note).content).toBe('Your preview is posted below for everyone in the channel.');
    expect(preview?.path).toMatch(/^\/webhooks\/\d+\/[\w-]+$/);
    expect(sent(preview).components?.[0]?.components.map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ status: 'awaiting_confirmation', threadId: '777000000000000777' });
    expect((await platform.deps.tasks.get(taskId))?.previewMessageId).toBeUndefined();
  });

  it('asked from inside a thread that is no task’s, answers there without starting another thread', async () => {
    const start = platform.discord.requests.length;
    expect(answer(await platform.send(inThread('987654321987654321', { command: 'section:header text:"Hi"' }))).type).toBe(5);
    await platform.idle();
    expect(since(start).map((r) => r.method)).toEqual(['PATCH', 'POST']);
  });
});

describe('Confirm in the task thread', () => {
  it('refused by the worker (a second approver became required after the click): the public "Working…" is taken back, the reason is the clicker’s alone, the preview keeps its buttons', async () => {
    const taskId = await platform.proposeTask();
    const task = await platform.deps.tasks.get(taskId);
    const threadId = task?.threadId ?? '';
    expect(await platform.deps.ledger.claimOnce(confirmClaimKey(taskId), 900)).toBe(true);
    const click = componentInteraction(taskButtonId('confirm', taskId), task?.previewMessageId ?? '');
    await platform.setFlags({ 'require-second-approver': 'true' });
    try {
      const start = platform.discord.requests.length;
      await createWorker(platform.workerDeps)({
        kind: 'confirm',
        taskId,
        interaction: { interactionId: click.id, applicationId: STAND_IN_APPLICATION_ID, token: click.token, guildId: click.guild_id, channelId: threadId, channelType: 11, messageId: task?.previewMessageId ?? '', requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } },
      });
      const [taken, told, ...more] = since(start);
      expect(more).toEqual([]);
      expect(taken?.method).toBe('DELETE');
      expect(taken?.path).toMatch(/^\/webhooks\/\d+\/[\w-]+\/messages\/@original$/);
      expect(sent(told).flags).toBe(64);
      expect(sent(told).content).toMatch(/^Not confirmed, nothing was changed: This change needs a second approver/);
      expect(platform.agent.executed).toHaveLength(0);
      expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
    } finally {
      await platform.setFlags({ 'require-second-approver': 'false' });
    }
  });
});

describe('messages about a task', () => {
  it('go to its thread, and to the channel once a moderator deleted the thread: nothing is lost', async () => {
    const taskId = await platform.proposeTask();
    const task = await platform.deps.tasks.get(taskId);
    if (!task?.threadId) throw new Error('no thread');
    const logger = recordingLogger();
    const discord = new DiscordRestClient({ baseUrl: platform.discord.baseUrl, secrets: new EnvSecretReader({}, { 'discord-bot-token': 'loopback-bot-token' }), logger, sleep: async () => undefined });
    const start = platform.discord.requests.length;
    await postAboutTask(task, { content: 'Merged.' }, undefined, { discord, logger });
    platform.discord.deleteThread(task.threadId);
    await postAboutTask(task, { content: 'Live on https://example.test' }, undefined, { discord, logger });
    const posted = since(start).filter((r) => r.method === 'POST');
    expect(posted.map((r) => [r.path, sent(r).content])).toEqual([
      [`/channels/${task.threadId}/messages`, 'Merged.'],
      [`/channels/${task.threadId}/messages`, 'Live on https://example.test'],
      [`/channels/${STAND_IN_CHANNEL_ID}/messages`, 'Live on https://example.test'],
    ]);
  });
});
