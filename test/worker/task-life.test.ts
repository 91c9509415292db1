import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubRepoHost } from '../../lambda/core/adapters/github-repo-host';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { createRevertAgent } from '../../lambda/core/agents/revert';
import { createUxAgent } from '../../lambda/core/agents/ux';
import { revertButtonId } from '../../lambda/core/discord/revert-button';
import { signGithubPayload } from '../../lambda/core/github/signature';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { createGithubWebhookHandler } from '../../lambda/github-webhook/handler';
import { commandInteraction, componentInteraction, modalSubmitInteraction, STAND_IN_CHANNEL_ID } from '../../lambda/local/interaction-builder';
import { answer, startPlatform, type Platform } from '../interactions/fixtures/platform';
import { readSiteFiles, SAMPLE_SITE } from '../support/fixture-sites';
import { startLoopbackGitHub, type LoopbackGitHub } from '../support/loopback-github';
import type { RecordedRequest } from '../support/loopback-discord';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const WEBHOOK_SECRET = 'life-webhook-secret';

interface Sent {
  content?: string;
  flags?: number;
  name?: string;
  embeds?: Array<{ title?: string; description?: string }>;
  components?: Array<{ type: number; components: Array<{ type: number; style?: number; label?: string; custom_id?: string; url?: string }> }>;
  allowed_mentions?: unknown;
}
const body = (request: RecordedRequest | undefined): Sent => (request?.body ?? {}) as Sent;
const buttons = (message: Sent) => (message.components ?? []).flatMap((row) => row.components);
const text = (message: Sent) => [message.content ?? '', ...(message.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');
/** Where a request put its message: a channel (bot routes), or the interaction's webhook. */
const where = (request: RecordedRequest): string => {
  const thread = /^\/channels\/(\d+)\/threads$/.exec(request.path);
  if (thread) return `thread in ${thread[1]}`;
  const channel = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(request.path);
  if (channel) return channel[2] ? `edit ${channel[2]} in ${channel[1]}` : `channel ${channel[1]}`;
  return /@original$/.test(request.path) ? 'the interaction’s own answer' : 'a follow-up of the interaction';
};

/** A click or a box submitted on a message of the task's thread: Discord names the thread as the channel. */
const inThread = <T extends object>(interaction: T, threadId: string): T => ({ ...interaction, channel_id: threadId, channel: { id: threadId, type: 11, parent_id: STAND_IN_CHANNEL_ID } });

/*
 * Signed interactions through the real handler, the real UX and Revert Agents on a loopback GitHub, dynalite, and the
 * loopback Discord, which refuses (and fails the test on) any payload breaking Discord's shapes and limits, as the
 * platform does for every interaction response (test/support/discord-payloads.ts).
 */
describe('a task’s whole life in one thread (issue 17)', () => {
  let github: LoopbackGitHub;
  let platform: Platform;
  beforeAll(async () => {
    const files = Object.fromEntries(readSiteFiles(SAMPLE_SITE));
    github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files });
    const repoHost = createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl });
    platform = await startPlatform({ botToken: true, agents: [createUxAgent({ repoHost }), createRevertAgent({ repoHost })] });
    await platform.setFlags({ 'site-repository': 'acme/site' });
  });
  afterAll(async () => {
    await platform.close();
    await github.close();
  });

  it('preview → Refine "darker" → "also make the footer blue" in the thread → Confirm → pull request link → merged → Revert, each message where it belongs', async () => {
    const { discord } = platform;
    const mark = () => discord.requests.length;
    const since = (start: number) => discord.requests.slice(start);

    // 1. The request: only the requester sees "thinking…"; the task's thread opens (the channel's one line), the preview is its first message.
    let start = mark();
    expect(answer(await platform.send(commandInteraction('ux-update', { description: 'make the navbar blue' })))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    const [threadStart, previewPost, note, ...none] = since(start);
    expect(none).toEqual([]);
    expect(where(threadStart!)).toBe(`thread in ${STAND_IN_CHANNEL_ID}`);
    expect(body(threadStart).name).toBe('make the navbar blue');
    const threadId = [...discord.threads.keys()].slice(-1)[0] ?? '';
    expect(where(previewPost!)).toBe(`channel ${threadId}`);
    const preview = body(previewPost);
    expect(preview.flags).toBeUndefined();
    expect(preview.allowed_mentions).toEqual({ parse: [] });
    expect(buttons(preview).map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(text(preview)).toContain('UX update · navbar');
    expect(where(note!)).toBe('the interaction’s own answer');
    expect(body(note).content).toBe(`Your preview is posted for everyone in the thread <#${threadId}>: Confirm, Cancel or Refine it there.`);
    const taskId = buttons(preview)[0]?.custom_id?.split(':')[2] ?? '';
    const firstPreviewId = (await platform.deps.tasks.get(taskId))?.previewMessageId ?? '';
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ threadId, previewMessageId: expect.any(String) });

    // 2. Refine "darker" with the box under the preview: the amended preview is posted below it, and the first one loses its buttons.
    const opened = answer(await platform.send(inThread(componentInteraction(taskButtonId('refine', taskId), firstPreviewId), threadId))) as { type: number };
    expect(opened.type).toBe(9);
    start = mark();
    expect(answer(await platform.send(inThread(modalSubmitInteraction(taskButtonId('refine', taskId), { words: 'darker' }, firstPreviewId), threadId)))).toEqual({ type: 6 });
    await platform.idle();
    const [darker, firstClosed, ...afterDarker] = since(start);
    expect(afterDarker).toEqual([]);
    expect(where(darker!)).toBe(`channel ${threadId}`);
    expect(body(darker).flags).toBeUndefined();
    expect(text(body(darker))).toMatch(/navbar[\s\S]*color/);
    expect(text(body(darker))).not.toContain('(blue)');
    expect(buttons(body(darker)).map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(where(firstClosed!)).toBe('the interaction’s own answer');
    expect(body(firstClosed).components).toEqual([]);
    const darkerId = (await platform.deps.tasks.get(taskId))?.previewMessageId ?? '';
    expect(darkerId).not.toBe(firstPreviewId);

    // 3. "also make the footer blue", typed in the thread: one task, two changes, in a preview posted below the last.
    start = mark();
    expect(answer(await platform.send(commandInteraction('ux-update', { description: 'also make the footer blue' }, undefined, threadId)))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    const [bundled, darkerClosed, privately, ...afterBundle] = since(start);
    expect(afterBundle).toEqual([]);
    expect(where(bundled!)).toBe(`channel ${threadId}`);
    expect(bundled?.headers.authorization).toBe('Bot loopback-bot-token');
    expect(text(body(bundled))).toContain('UX update · navbar, footer');
    expect(where(darkerClosed!)).toBe(`edit ${darkerId} in ${threadId}`);
    expect(body(darkerClosed).components).toEqual([]);
    expect(where(privately!)).toBe('the interaction’s own answer');
    expect(body(privately).content).toMatch(/^Refined: the amended preview is the newest message of this thread/);
    expect(github.pulls).toHaveLength(0);
    const bundledId = (await platform.deps.tasks.get(taskId))?.previewMessageId ?? '';

    // 4. Confirm: "Working…" is a message of its own in the thread, the preview loses its buttons, and "Working…" becomes the draft pull request with a link button.
    start = mark();
    const working = answer(await platform.send(inThread(componentInteraction(taskButtonId('confirm', taskId), bundledId), threadId)));
    expect(working.type).toBe(4);
    expect(working.data?.flags).toBeUndefined();
    expect(working.data?.content).toBe('Confirmed by Local Developer. Working on it…');
    await platform.idle();
    const [bundledClosed, outcome, ...afterOutcome] = since(start);
    expect(afterOutcome).toEqual([]);
    expect(where(bundledClosed!)).toBe(`edit ${bundledId} in ${threadId}`);
    expect(body(bundledClosed).components).toEqual([]);
    expect(github.pulls).toHaveLength(1);
    const pull = github.pulls[0]!;
    expect(pull).toMatchObject({ draft: true, state: 'open' });
    expect(where(outcome!)).toBe('the interaction’s own answer');
    expect(body(outcome).flags).toBeUndefined();
    expect(buttons(body(outcome))).toEqual([{ type: 2, style: 5, label: `Open pull request #${pull.number}`, url: pull.html_url }]);
    expect(text(body(outcome))).toContain(`Draft pull request #${pull.number} opened`);
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ status: 'pr_open', threadId });

    // 5. Merged on GitHub: the notice, with its Revert button, goes to the thread.
    github.merge(pull.number, 'merge');
    const event = JSON.parse(readFileSync(join(__dirname, '../fixtures/github/pull-request-closed-merged.json'), 'utf8')) as Record<string, any>;
    event.number = pull.number;
    event.pull_request.number = pull.number;
    event.pull_request.html_url = pull.html_url;
    event.repository.full_name = 'acme/site';
    const payload = JSON.stringify(event);
    const webhook = createGithubWebhookHandler({
      stage: 'dev',
      tasks: platform.deps.tasks,
      ledger: platform.workerDeps.ledger,
      discord: platform.workerDeps.discord,
      secrets: new EnvSecretReader({}, { 'github-webhook-secret': WEBHOOK_SECRET }),
      logger: platform.logger,
    });
    start = mark();
    const delivered = await webhook({
      headers: { 'X-GitHub-Event': 'pull_request', 'X-GitHub-Delivery': randomUUID(), 'X-Hub-Signature-256': signGithubPayload(WEBHOOK_SECRET, payload), 'Content-Type': 'application/json' },
      body: payload,
    });
    expect(delivered.statusCode).toBe(200);
    const [merged, ...afterMerged] = since(start);
    expect(afterMerged).toEqual([]);
    expect(where(merged!)).toBe(`channel ${threadId}`);
    expect(body(merged).flags).toBeUndefined();
    expect(buttons(body(merged)).map((b) => b.custom_id)).toEqual([revertButtonId(taskId)]);

    // 6. Revert, clicked in the thread: the Revert Agent's preview follows there, privately acknowledged, no second thread.
    start = mark();
    const click = inThread(componentInteraction(revertButtonId(taskId), '1'), threadId);
    expect(answer(await platform.send(click))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    const revertRequests = since(start);
    expect(revertRequests.map(where)).toEqual(['the interaction’s own answer', 'a follow-up of the interaction']);
    const revertPreview = body(revertRequests[1]);
    expect(revertPreview.flags).toBeUndefined();
    expect(text(revertPreview)).toContain(`#${pull.number}`);
    // The Revert Agent does not refine its previews: no Refine button.
    expect(buttons(revertPreview).map((b) => b.label)).toEqual(['Confirm', 'Cancel']);
    expect(platform.logger.lines.some((l) => l.message === 'Working in place: no thread for this task' && l.extra?.reason === 'the request came from a thread, which cannot hold another')).toBe(true);
  });
});
