import { REVERT_AGENT_PROFILE } from '../../../lambda/core/agents/revert/profile';
import type { Agent, AgentRequest } from '../../../lambda/core/domain/agent';
import { componentInteraction } from '../../../lambda/local/interaction-builder';
import { answer, startPlatform, type Platform } from '../../interactions/fixtures/platform';

let platform: Platform;
const asked: AgentRequest[] = [];
/** Stands in for the Revert Agent: records what it was asked and shows a preview. */
const revertAgent: Agent = {
  ...REVERT_AGENT_PROFILE,
  commands: [...REVERT_AGENT_PROFILE.commands],
  propose: async (request) => {
    asked.push(request);
    return { kind: 'proposal', summary: 'Revert "Spring sale"', proposal: { target: request.options.target ?? '' }, preview: { content: `Reverse diff of ${request.options.target}` } };
  },
  execute: async () => ({ kind: 'failed', error: 'not in this test', message: { content: 'not in this test' } }),
};

beforeAll(async () => {
  platform = await startPlatform({ moreAgents: [revertAgent] });
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  await platform.setFlags({ 'site-repository': 'acme/site' });
  asked.length = 0;
});

/** A task whose draft pull request acme/site#7 was opened and then merged. */
async function mergedTask(status: 'merged' | 'pr_open' = 'merged'): Promise<string> {
  const taskId = await platform.proposeTask();
  await platform.deps.tasks.transition(taskId, 'awaiting_confirmation', 'executing', {});
  await platform.deps.tasks.transition(taskId, 'executing', 'pr_open', { pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' } });
  if (status === 'merged') await platform.deps.tasks.transition(taskId, 'pr_open', 'merged', {}, 'GitHub: pull request merged');
  return taskId;
}

const click = (taskId: string, user?: Parameters<typeof componentInteraction>[2]) => platform.send(componentInteraction(`revert:${taskId}`, '900000000000000009', user));

describe('the Revert button under a merged pull request', () => {
  it('defers a new message (type 5) and hands the worker the same request as /revert target:#7', async () => {
    const taskId = await mergedTask();
    const before = platform.discord.requests.length;
    const body = answer(await click(taskId));
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ command: 'revert', options: { target: '#7' }, commandLine: '/revert target:#7' });
    const preview = platform.discord.requests.slice(before).find((r) => r.method === 'POST');
    expect(preview?.path).toMatch(/^\/webhooks\/\d+\/[\w-]+$/);
    expect(JSON.stringify(preview?.body)).toContain('Reverse diff of #7');
  });

  it('answers an ephemeral sentence for a task without a merged pull request', async () => {
    const taskId = await mergedTask('pr_open');
    const body = answer(await click(taskId));
    expect(body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(body.data?.content).toBe(`Task \`${taskId}\` has no merged pull request to revert (it is pr open). Only merged changes can be reverted.`);
    expect(answer(await click('tsk_gone')).data?.content).toMatch(/^Task `tsk_gone` is no longer stored/);
    await platform.idle();
    expect(asked).toHaveLength(0);
  });

  it('lets a contributor ask for the revert preview (only confirming needs a role), and waits while the Revert Agent is paused', async () => {
    const taskId = await mergedTask();
    const contributor = { id: '700000000000000007', username: 'visitor', roles: [] };
    await platform.setFlags({ 'site-repository': 'acme/site', 'disable-revert': 'true' });
    expect(answer(await click(taskId, contributor)).data?.content).toMatch(/^Revert Agent is paused by an operator \("disable-revert" in .* is true\)/);
    await platform.idle();
    expect(asked).toHaveLength(0);
    await platform.setFlags({ 'site-repository': 'acme/site' });
    expect(answer(await click(taskId, contributor)).type).toBe(5);
    await platform.idle();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.requester.id).toBe(contributor.id);
  });

  it('says so when the site repository is no longer the one the pull request is in', async () => {
    const taskId = await mergedTask();
    await platform.setFlags({ 'site-repository': 'acme/other' });
    expect(answer(await click(taskId)).data?.content).toMatch(/^That pull request is in `acme\/site`, but the Revert Agent now works on `acme\/other`/);
  });
});
