import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { RecordedRequest } from '../support/loopback-discord';
import { commandInteraction, componentInteraction, selectInteraction, type InteractionUser } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { publicPreview, ADMIN_ROLE_ID, answer, startPlatform, TASK_TTL_SECONDS, type Platform } from '../interactions/fixtures/platform';
import { choiceOf } from '../interactions/fixtures/test-agent';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.proposeWith(() => choiceOf(3));
  platform.agent.executeWith((task) => ({ kind: 'done', message: { content: `Draft pull request opened for ${JSON.stringify(task.proposal)}.` } }));
});

interface SelectComponent {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  placeholder?: string;
  options?: Array<{ label: string; value: string; description?: string }>;
}
interface SentMessage {
  content?: string;
  embeds?: Array<{ title?: string }>;
  components?: Array<{ type: number; components: SelectComponent[] }>;
  allowed_mentions?: unknown;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const components = (message: SentMessage | undefined): SelectComponent[] => (message?.components ?? []).flatMap((row) => row.components);
const menuOf = (message: SentMessage | undefined): SelectComponent | undefined => components(message).find((c) => c.type === 3);

const outsider: InteractionUser = { id: '700000000000000007', username: 'visitor' };
const roleAdmin: InteractionUser = { id: '800000000000000008', username: 'designer', roles: [ADMIN_ROLE_ID] };

/** Runs /ux-update, expecting a question; returns the task id from its select menu. */
async function ask(): Promise<{ taskId: string; question: SentMessage }> {
  const start = platform.discord.requests.length;
  expect(answer(await platform.send(commandInteraction('ux-update', { description: 'make the title say Spring sale' })))).toEqual({ type: 5, data: { flags: 64 } });
  await platform.idle();
  const question = sent(publicPreview(platform.discord.requests.slice(start)));
  const taskId = menuOf(question)?.custom_id?.split(':')[2];
  if (!taskId) throw new Error(`no question with a menu: ${JSON.stringify(question)}`);
  return { taskId, question };
}

const pick = (taskId: string, values: string[], user?: InteractionUser) => platform.send(selectInteraction(taskButtonId('choose', taskId), values, '9000', user));
const click = (action: 'confirm' | 'cancel', taskId: string, user?: InteractionUser) => platform.send(componentInteraction(taskButtonId(action, taskId), '9000', user));
const taskCount = async (): Promise<number> => (await platform.db.client.send(new ScanCommand({ TableName: platform.db.tables.conversations }))).Count ?? 0;

describe('a question with candidates', () => {
  it('shows the question with the candidates in a select menu and a Cancel button, mentions disabled', async () => {
    platform.agent.proposeWith(() => choiceOf(3, 'Which heading, @everyone?'));
    const { taskId, question } = await ask();
    expect(question.content).toMatch(new RegExp(`^Which heading, @everyone\\?\\nTask \`${taskId}\` · Pick one before \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC or it expires\\.$`));
    expect(question.allowed_mentions).toEqual({ parse: [] });
    expect(question.components?.map((row) => row.components.map((c) => c.type))).toEqual([[3], [2]]);
    expect(menuOf(question)).toMatchObject({ custom_id: `task:choose:${taskId}`, min_values: 1, max_values: 1 });
    expect(menuOf(question)?.options).toEqual([
      { label: 'Hero heading 1', value: '0', description: 'src/components/Hero.jsx:11' },
      { label: 'Hero heading 2', value: '1', description: 'src/components/Hero.jsx:12' },
      { label: 'Hero heading 3', value: '2', description: 'src/components/Hero.jsx:13' },
    ]);
    expect(components(question).filter((c) => c.type === 2).map((c) => [c.label, c.custom_id])).toEqual([['Cancel', `task:cancel:${taskId}`]]);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('awaiting_choice');
    expect(task?.proposal).toBeUndefined();
    expect(task?.candidates?.map((c) => c.summary)).toEqual(['Hero heading 1 → "Spring sale"', 'Hero heading 2 → "Spring sale"', 'Hero heading 3 → "Spring sale"']);
  });

  it('keeps labels and descriptions within Discord\'s 100 characters without cutting a character in half', async () => {
    const outcome = choiceOf(2);
    const [first, second] = outcome.candidates;
    if (!first || !second) throw new Error('two candidates expected');
    first.label = `${'a'.repeat(98)}😀😀`;
    first.description = `src/${'deep/'.repeat(40)}Hero.jsx:12`;
    second.label = '   ';
    platform.agent.proposeWith(() => outcome);
    const { question } = await ask();
    const [one, two] = menuOf(question)?.options ?? [];
    expect(one?.label).toBe(`${'a'.repeat(98)}…`);
    expect(one?.description?.length).toBeLessThanOrEqual(100);
    expect(one?.description).toMatch(/^src\/deep\/.*…$/);
    expect(two?.label).toBe('Option 2');
  });

  it('offers at most 25 candidates and says when there were more', async () => {
    platform.agent.proposeWith(() => choiceOf(30));
    const { taskId, question } = await ask();
    expect(menuOf(question)?.options).toHaveLength(25);
    expect(question.content).toMatch(/Only the first 25 of 30 matches fit in the menu; if yours is not there, Cancel and make the request more specific\./);
    expect((await platform.deps.tasks.get(taskId))?.candidates).toHaveLength(25);
  });

  it('says the candidates are too large to keep, instead of failing, when they exceed one DynamoDB item', async () => {
    const outcome = choiceOf(5);
    for (const candidate of outcome.candidates) candidate.proposal = { file: 'x'.repeat(100_000) };
    platform.agent.proposeWith(() => outcome);
    const before = await taskCount();
    await platform.send(commandInteraction('ux-update', { description: 'make the title say Spring sale' }));
    await platform.idle();
    const message = sent(platform.discord.requests[0]);
    expect(message.content).toMatch(/^UX Agent found 5 places that match, but together they are too large to keep while you choose \(\d+ KB; one task holds at most 400 KB\), so nothing was proposed\. Run the command again naming the section or the exact text/);
    expect(components(message)).toEqual([]);
    expect(await taskCount()).toBe(before);
  });

  it('shows a question without candidates as it is, with no menu and no task', async () => {
    platform.agent.proposeWith(() => ({ kind: 'choice', question: { content: 'Nothing matches "the title". Which section?' }, candidates: [] }));
    const before = await taskCount();
    await platform.send(commandInteraction('ux-update', { description: 'the title' }));
    await platform.idle();
    expect(sent(platform.discord.requests[0])).toMatchObject({ content: 'Nothing matches "the title". Which section?', components: [] });
    expect(await taskCount()).toBe(before);
  });
});

describe('picking a candidate', () => {
  it('turns the question into that candidate\'s preview with Confirm / Cancel, and the task awaits confirmation with its proposal', async () => {
    const { taskId } = await ask();
    platform.clock.now = new Date(platform.clock.now.getTime() + 600_000);
    const body = answer(await pick(taskId, ['1']));
    expect(body.type).toBe(7);
    const message = body.data as SentMessage;
    expect(message.content).toMatch(new RegExp(`^Preview of candidate 2: "Spring sale"\\nTask \`${taskId}\` · Confirm before .* UTC or it expires\\.$`));
    expect(message.embeds?.map((e) => e.title)).toEqual(['Diff']);
    expect(components(message).map((c) => [c.type, c.label])).toEqual([[2, 'Confirm'], [2, 'Cancel'], [2, 'Refine']]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('awaiting_confirmation');
    expect(task?.proposal).toEqual({ candidate: 2 });
    expect(task?.summary).toBe('Hero heading 2 → "Spring sale"');
    expect(task?.candidates).toBeUndefined();
    // The preview gets the full time to be confirmed from the pick on.
    expect(Date.parse(task?.confirmBy ?? '') - platform.clock.now.getTime()).toBe(TASK_TTL_SECONDS * 1000);
    expect(task?.trace.at(-1)?.detail).toBe('option 2 of 3 picked by Local Developer: Hero heading 2');
    expect(platform.discord.requests).toHaveLength(2); // the private answer and the question, nothing since
  });

  it('then Confirm executes the chosen candidate\'s proposal', async () => {
    const { taskId } = await ask();
    answer(await pick(taskId, ['2']));
    expect(answer(await click('confirm', taskId)).type).toBe(7);
    await platform.idle();
    expect(platform.agent.executed.map((t) => t.proposal)).toEqual([{ candidate: 3 }]);
    expect(sent(platform.discord.requests.at(-1)).content).toBe('Draft pull request opened for {"candidate":3}.\nRequested and approved by Local Developer');
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('answers a second pick with a sentence and keeps the first choice', async () => {
    const { taskId } = await ask();
    expect(answer(await pick(taskId, ['0'])).type).toBe(7);
    const second = answer(await pick(taskId, ['2']));
    expect(second.type).toBe(4);
    expect(second.data?.flags).toBe(64);
    expect(second.data?.content).toBe('An option was already picked for this request, so the menu is no longer open: Confirm or Cancel its preview.');
    expect((await platform.deps.tasks.get(taskId))?.proposal).toEqual({ candidate: 1 });
  });

  it('lets exactly one of several simultaneous picks win', async () => {
    const { taskId } = await ask();
    const bodies = await Promise.all(['0', '1', '2', '0', '1', '2'].map((value) => pick(taskId, [value]).then(answer)));
    const winners = bodies.filter((b) => b.type === 7);
    expect(winners).toHaveLength(1);
    expect(bodies.filter((b) => b.type === 4 && /already picked/.test(b.data?.content ?? ''))).toHaveLength(5);
    const chosen = Number(/candidate (\d)/.exec(winners[0]?.data?.content ?? '')?.[1]);
    expect((await platform.deps.tasks.get(taskId))?.proposal).toEqual({ candidate: chosen });
  });

  it('refuses a pick by someone who is neither the requester nor may confirm, and lets an admin pick', async () => {
    const { taskId } = await ask();
    const refused = answer(await pick(taskId, ['0'], outsider));
    expect(refused.type).toBe(4);
    expect(refused.data?.flags).toBe(64);
    expect(refused.data?.content).toBe("This question belongs to Local Developer; only they or someone who may confirm UX Agent's changes (admin, pm or developer) can pick an option.");
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_choice');
    expect(answer(await pick(taskId, ['0'], roleAdmin)).type).toBe(7);
  });

  it('is refused while the agent is paused', async () => {
    const { taskId } = await ask();
    await platform.setFlags({ 'disable-ux-updates': 'true' });
    expect(answer(await pick(taskId, ['0'])).data?.content).toMatch(/UX Agent is paused by an operator/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_choice');
  });

  it('after the deadline says the request expired, removes the menu and moves the task to expired', async () => {
    const { taskId } = await ask();
    platform.clock.now = new Date(platform.clock.now.getTime() + (TASK_TTL_SECONDS + 60) * 1000);
    const body = answer(await pick(taskId, ['0']));
    expect(body.type).toBe(7);
    expect(body.data?.content).toMatch(/^This request expired at .* UTC without one of the options being picked, so nothing was changed \(task `[0-9a-f]{12}`\)\./);
    expect(body.data?.components).toEqual([]);
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('expired');
    expect(task?.proposal).toBeUndefined();
    expect(answer(await pick(taskId, ['0'])).data?.content).toMatch(/expired; run the command again/);
  });

  it.each([
    [['abc'], /^The option `abc` is not one this menu offered\. Pick one from the menu again\.$/],
    [['3'], /^Option `3` is not in this menu, which offers 3\. Pick one from the menu again\.$/],
    [['999999'], /is not one this menu offered/],
    [['-1'], /is not one this menu offered/],
    [['1.5'], /is not one this menu offered/],
    [['01'], /is not one this menu offered/],
    [[''], /is not one this menu offered/],
    [['0', '1'], /^Pick exactly one option from the menu \(this answer carried 2\)/],
    [[], /^Pick exactly one option from the menu \(this answer carried 0\)/],
  ])('answers the value %j with a sentence and leaves the question open', async (values, sentence) => {
    const { taskId } = await ask();
    const response = await pick(taskId, values);
    expect(response.statusCode).toBe(200);
    const body = answer(response);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(sentence);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_choice');
  });

  it('answers a select without values at all with a sentence', async () => {
    const { taskId } = await ask();
    const body = answer(await platform.send(componentInteraction(taskButtonId('choose', taskId), '9000')));
    expect(body.data?.content).toMatch(/^Pick exactly one option from the menu/);
  });

  it('refuses Confirm on a question that has no preview yet', async () => {
    const { taskId } = await ask();
    const body = answer(await click('confirm', taskId));
    expect(body.data?.content).toBe('This request is still waiting for one of the options to be picked: choose one in the menu first, or Cancel.');
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
  });
});

describe('Cancel under a question', () => {
  it('cancels the task and removes the menu; a later pick is told it was cancelled', async () => {
    const { taskId } = await ask();
    const body = answer(await click('cancel', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.content).toBe(`Cancelled by Local Developer. Nothing was changed (task \`${taskId}\`).`);
    expect(body.data?.components).toEqual([]);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
    expect(answer(await pick(taskId, ['0'])).data?.content).toBe('This request was cancelled; run the command again for a new preview.');
  });

  it('still works on the preview a pick made', async () => {
    const { taskId } = await ask();
    await pick(taskId, ['0']);
    expect(answer(await click('cancel', taskId)).data?.content).toMatch(/^Cancelled by Local Developer/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
  });
});

describe('a question in /status and /debug-last', () => {
  it('lists the waiting question, shows it lapsed after the deadline, and /debug-last names its options', async () => {
    const { taskId } = await ask();
    const openTasks = async () => {
      const body = answer(await platform.send(commandInteraction('status')));
      return body.data?.embeds?.[0]?.fields?.find((f) => f.name === 'Open tasks')?.value ?? '';
    };
    expect(await openTasks()).toContain(`\`${taskId}\` awaiting_choice`);
    const debug = answer(await platform.send(commandInteraction('debug-last'))).data?.content ?? '';
    expect(debug).toContain(`task ${taskId} · agent ux · awaiting_choice`);
    expect(debug).toContain('options: 1. Hero heading 1 · 2. Hero heading 2 · 3. Hero heading 3');
    platform.clock.now = new Date(platform.clock.now.getTime() + (TASK_TTL_SECONDS + 1) * 1000);
    expect(await openTasks()).toContain(`\`${taskId}\` expired (no option picked)`);
  });
});

describe('/ux-map', () => {
  it('is open to everyone, is answered by the agent through the worker, and makes no task', async () => {
    platform.agent.proposeWith((options, request) => ({
      kind: 'answer',
      message: { content: `Site map for ${request.command} (${options.section ?? 'all sections'}): header text at src/components/Header.tsx:12` },
    }));
    const before = await taskCount();
    expect(answer(await platform.send(commandInteraction('ux-map', { section: 'header' }, outsider)))).toEqual({ type: 5 });
    await platform.idle();
    const message = sent(platform.discord.requests[0]);
    expect(message.content).toBe('Site map for ux-map (header): header text at src/components/Header.tsx:12');
    expect(message.components).toEqual([]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(await taskCount()).toBe(before);
  });

  it('refuses a section name longer than 40 characters with a sentence', async () => {
    const body = answer(await platform.send(commandInteraction('ux-map', { section: 'h'.repeat(41) })));
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toBe('The `section` option is 41 characters long; keep it under 40.');
  });
});
