import { componentInteraction, commandInteraction, selectInteraction } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import type { RecordedRequest } from '../support/loopback-discord';
import { answer, publicPreview, startPlatform, type Platform } from '../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.siteOutline = { pages: ['/'], sections: ['header', 'navbar', 'footer'] };
});

interface Sent {
  content?: string;
  embeds?: Array<{ description?: string }>;
  components?: Array<{ components: Array<{ type: number; label?: string; custom_id?: string; options?: Array<{ label: string }> }> }>;
}
const sent = (request: RecordedRequest | undefined): Sent => (request?.body ?? {}) as Sent;
const parts = (message: Sent) => (message.components ?? []).flatMap((row) => row.components);

/** The UX Agent's wording of its two section questions; the scripted agent proposes once a section is named (the `section` option). */
function askAboutSection(question: string) {
  platform.agent.proposeWith((options) => {
    if (!options.section) return { kind: 'clarification', message: { content: question } };
    if (options.section === 'navbar') return { kind: 'rejected', message: { content: 'The navbar has no colour.' } };
    return { kind: 'proposal', summary: `${options.section}: color → blue`, proposal: { section: options.section }, preview: { content: `Preview: the ${options.section} blue` } };
  });
}

async function ask(description: string): Promise<Sent> {
  const start = platform.discord.requests.length;
  expect(answer(await platform.send(commandInteraction('ux-update', { description }))).type).toBe(5);
  await platform.idle();
  return sent(publicPreview(platform.discord.requests.slice(start)));
}

describe('questions answered with a click', () => {
  it('"Did you mean the footer?" carries a "Yes, the footer" button, and the click continues the same task to its preview', async () => {
    askAboutSection('Did you mean the footer (you wrote `foter`)? Run /ux-update again naming one of header, navbar or footer, e.g. `make the footer blue`.');
    const question = await ask('make the foter blue');
    expect(question.content).toMatch(/^Did you mean the footer \(you wrote `foter`\)\?\nTask/);
    expect(JSON.stringify(question)).not.toMatch(/run \/ux-update again/i);
    expect(parts(question).map((c) => [c.type, c.label])).toEqual([
      [2, 'Yes, the footer'],
      [2, 'Cancel'],
    ]);
    const taskId = parts(question)[0]?.custom_id?.split(':')[2] ?? '';
    const picked = answer(await platform.send(componentInteraction(taskButtonId('choose', taskId), '9000')));
    expect(picked.type).toBe(7);
    expect(picked.data?.content).toMatch(/^Preview: the footer blue\nTask `/);
    expect(await platform.deps.tasks.get(taskId)).toMatchObject({ status: 'awaiting_confirmation', proposal: { section: 'footer' } });
  });

  it('"Which section should change?" carries a menu of the sections where the request makes a preview; the pick continues the task', async () => {
    askAboutSection('Which section should change: header, navbar or footer? Run /ux-update again naming it, e.g. `make the navbar blue`.');
    const question = await ask('make it blue');
    expect(question.content).toMatch(/^Which section should change: header, navbar or footer\?\nTask/);
    expect(JSON.stringify(question)).not.toMatch(/run \/ux-update again/i);
    const menu = parts(question).find((c) => c.type === 3);
    expect(menu?.options?.map((o) => o.label)).toEqual(['header', 'footer']);
    const taskId = menu?.custom_id?.split(':')[2] ?? '';
    const picked = answer(await platform.send(selectInteraction(taskButtonId('choose', taskId), ['1'], '9000')));
    expect(picked.data?.content).toMatch(/^Preview: the footer blue/);
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
