import { componentInteraction, commandInteraction, selectInteraction, STAND_IN_CHANNEL_ID } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import type { RecordedRequest } from '../support/loopback-discord';
import { answer, publicPreview, startPlatform, type Platform } from '../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  // With a bot token: the picked preview starts the task's thread, as a direct preview does.
  platform = await startPlatform({ botToken: true });
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.siteOutline = { pages: ['/'], sections: ['header', 'navbar', 'footer'] };
});

interface Sent {
  content?: string;
  flags?: number;
  embeds?: Array<{ description?: string }>;
  components?: Array<{ components: Array<{ type: number; label?: string; custom_id?: string; options?: Array<{ label: string }> }> }>;
}
const sent = (request: RecordedRequest | undefined): Sent => (request?.body ?? {}) as Sent;
const parts = (message: Sent) => (message.components ?? []).flatMap((row) => row.components);

/**
 * The UX Agent's two section questions: the sentence for a reader of the text alone, and the question a click
 * answers with the sections to try (`guessed` alone when there is one). The scripted agent proposes once a
 * section is named (the `section` option).
 */
function askAboutSection(question: string, asked: { question: string; sections: string[]; guessed?: string }) {
  platform.agent.proposeWith((options) => {
    if (!options.section) {
      return { kind: 'clarification', message: { content: question }, sectionQuestion: { message: { content: asked.question }, sections: asked.sections, ...(asked.guessed ? { guessed: asked.guessed } : {}) } };
    }
    if (options.section === 'navbar') return { kind: 'rejected', message: { content: 'The navbar has no colour.' } };
    return { kind: 'proposal', summary: `${options.section}: color → blue`, proposal: { section: options.section }, preview: { content: `Preview: the ${options.section} blue` } };
  });
}

/** The question: the requester's alone, the first follow-up after their private "thinking…" (flags 64); no thread is started for it. */
async function ask(description: string): Promise<Sent> {
  const start = platform.discord.requests.length;
  const deferred = answer(await platform.send(commandInteraction('ux-update', { description })));
  expect(deferred).toMatchObject({ type: 5, data: { flags: 64 } });
  await platform.idle();
  const requests = platform.discord.requests.slice(start);
  expect(requests.map((r) => `${r.method} ${r.path.replace(/(\/webhooks\/\d+\/)[^/?]+/, '$1<token>')}`)).toEqual([expect.stringMatching(/^POST \/webhooks\/\d+\/<token>/)]);
  const question = sent(requests[0]);
  expect(question.flags).toBe(64);
  return question;
}

/**
 * The click on the private question: deferred (type 6), then the worker opens the task's thread, posts the
 * preview for everyone there as its first message (no flags), and the private question says where it went.
 */
async function pickOn(click: unknown): Promise<{ preview: Sent; privateLine: Sent; threadId: string | undefined }> {
  const start = platform.discord.requests.length;
  expect(answer(await platform.send(click)).type).toBe(6);
  await platform.idle();
  const requests = platform.discord.requests.slice(start);
  const edit = requests.find((r) => r.method === 'PATCH' && /\/messages\/@original/.test(r.path));
  const posted = publicPreview(requests);
  expect(posted?.method).toBe('POST');
  const thread = requests.find((r) => /\/threads$/.test(r.path));
  const threadId = [...platform.discord.threads.keys()].slice(-1)[0];
  expect(thread).toBeDefined();
  expect(posted?.path).toBe(`/channels/${threadId}/messages`);
  return { preview: sent(posted), privateLine: sent(edit), threadId };
}

describe('questions answered with a click', () => {
  it('"Did you mean the footer?" carries a "Yes, the footer" button, and the click continues the same task to its preview', async () => {
    askAboutSection('Did you mean the footer (you wrote `foter`)? Ask again naming one of header, navbar or footer, e.g. `make the footer blue`.', {
      question: 'Did you mean the footer (you wrote `foter`)?',
      sections: ['footer'],
      guessed: 'footer',
    });
    const question = await ask('make the foter blue');
    expect(question.content).toMatch(/^Did you mean the footer \(you wrote `foter`\)\?\nTask/);
    expect(JSON.stringify(question)).not.toMatch(/ask again|run \/ux-update again/i);
    expect(parts(question).map((c) => [c.type, c.label])).toEqual([
      [2, 'Yes, the footer'],
      [2, 'Cancel'],
    ]);
    const taskId = parts(question)[0]?.custom_id?.split(':')[2] ?? '';
    const { preview, privateLine, threadId } = await pickOn(componentInteraction(taskButtonId('choose', taskId), '9000'));
    expect(preview.flags ?? 0).toBe(0);
    expect(preview.content).toMatch(/^Preview: the footer blue\nTask `/);
    expect(parts(preview).map((c) => c.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(privateLine.content).toBe(`Your pick's preview is posted for everyone in the thread <#${threadId}>: Confirm it there.`);
    expect(parts(privateLine)).toEqual([]);
    const task = await platform.deps.tasks.get(taskId);
    expect(task).toMatchObject({ status: 'awaiting_confirmation', proposal: { section: 'footer' } });
    // The thread is named after the request, and recorded on the task.
    expect(task?.threadId).toBe(threadId);
    expect(platform.discord.threads.get(threadId ?? '')?.name).toBe('make the foter blue');
  });

  it('"Which section should change?" carries a menu of the sections where the request makes a preview; the pick continues the task', async () => {
    askAboutSection('Which section should change: header, navbar or footer? Ask again naming it, e.g. `make the navbar blue`.', { question: 'Which section should change: header, navbar or footer?', sections: ['header', 'navbar', 'footer'] });
    const question = await ask('make it blue');
    expect(question.content).toMatch(/^Which section should change: header, navbar or footer\?\nTask/);
    expect(JSON.stringify(question)).not.toMatch(/ask again|run \/ux-update again/i);
    const menu = parts(question).find((c) => c.type === 3);
    expect(menu?.options?.map((o) => o.label)).toEqual(['header', 'footer']);
    const taskId = menu?.custom_id?.split(':')[2] ?? '';
    const { preview, threadId } = await pickOn(selectInteraction(taskButtonId('choose', taskId), ['1'], '9000'));
    expect(preview.content).toMatch(/^Preview: the footer blue/);
    expect(preview.flags ?? 0).toBe(0);
    expect((await platform.deps.tasks.get(taskId))?.threadId).toBe(threadId);
  });

  it('a second click on the private question changes nothing and is told so privately; Confirm works on the public preview', async () => {
    askAboutSection('Which section should change: header, navbar or footer? Ask again naming it, e.g. `make the navbar blue`.', { question: 'Which section should change: header, navbar or footer?', sections: ['header', 'navbar', 'footer'] });
    const question = await ask('make it blue');
    const taskId = parts(question).find((c) => c.type === 3)?.custom_id?.split(':')[2] ?? '';
    const { threadId } = await pickOn(selectInteraction(taskButtonId('choose', taskId), ['0'], '9000'));
    const again = answer(await platform.send(selectInteraction(taskButtonId('choose', taskId), ['1'], '9000')));
    expect(again.data?.flags).toBe(64);
    expect(again.data?.content).toMatch(/already picked/);
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ status: 'awaiting_confirmation', proposal: { section: 'header' } });
    // Clicked in the thread: the work is a message of its own there (type 4), below the preview.
    const confirmInThread = { ...componentInteraction(taskButtonId('confirm', taskId), '9001'), channel_id: threadId, channel: { id: threadId, type: 11, parent_id: STAND_IN_CHANNEL_ID } };
    expect(answer(await platform.send(confirmInThread)).type).toBe(4);
    await platform.idle();
    expect(platform.agent.executed.map((t) => t.proposal)).toEqual([{ section: 'header' }]);
  });

  it('shows any other question as it is, privately', async () => {
    platform.agent.proposeWith(() => ({ kind: 'clarification', message: { content: 'What should the header title say?' } }));
    const start = platform.discord.requests.length;
    await platform.send(commandInteraction('ux-update', { description: 'change the header title' }));
    await platform.idle();
    const requests = platform.discord.requests.slice(start);
    expect(requests.map((r) => r.method)).toEqual(['PATCH']);
    expect(sent(requests[0]).content).toBe('What should the header title say?');
  });
});
