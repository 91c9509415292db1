import type { RecordedRequest } from '../support/loopback-discord';
import { commandInteraction, componentInteraction, selectInteraction, STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { confirmClaimKey } from '../../lambda/core/tasks/ledger-keys';
import { DEFAULT_WORKER_TIMEOUT_SECONDS, executionTimings } from '../../lambda/core/domain/task';
import type { WorkItem } from '../../lambda/core/domain/work';
import type { TaskStore } from '../../lambda/core/ports/task-store';
import { createWorker } from '../../lambda/worker/handler';
import { publicPreview, answer, startPlatform, type Platform } from '../interactions/fixtures/platform';
import { choiceOf } from '../interactions/fixtures/test-agent';

const ABANDONED_EXECUTION_SECONDS = executionTimings(DEFAULT_WORKER_TIMEOUT_SECONDS).abandonedExecutionSeconds;

let platform: Platform;
let proposals = 0;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  proposals = 0;
  platform.agent.proposeWith((options) => {
    proposals += 1;
    return { kind: 'proposal', summary: `Header text → ${options.command}`, proposal: { options }, preview: { content: `Preview: ${options.command}` } };
  });
  platform.agent.executeWith((task) => ({
    kind: 'done',
    message: { content: `Draft pull request opened (task ${task.taskId})` },
    branch: `valine/${task.taskId}`,
    pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' },
  }));
});

interface SentMessage {
  content?: string;
  flags?: number;
  embeds?: unknown[];
  components?: Array<{ components: Array<{ label: string; custom_id?: string; disabled?: boolean }> }>;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const labels = (message: SentMessage): string[] => (message.components ?? []).flatMap((row) => row.components.map((c) => c.label));
const later = (seconds: number) => platform.advance(seconds);

const propose = (command?: string) => platform.proposeTask(command);

const clickPayload = (action: 'confirm' | 'cancel', taskId: string, user?: Parameters<typeof componentInteraction>[2]) => componentInteraction(taskButtonId(action, taskId), '9000', user);
const click = (action: 'confirm' | 'cancel', taskId: string, user?: Parameters<typeof componentInteraction>[2]) => platform.send(clickPayload(action, taskId, user));

/** The work item Confirm's click hands to the worker, for running the worker at a chosen moment. */
function confirmItem(taskId: string, payload = clickPayload('confirm', taskId), roles: string[] = []): Extract<WorkItem, { kind: 'confirm' }> {
  return {
    kind: 'confirm',
    taskId,
    interaction: { interactionId: payload.id, applicationId: STAND_IN_APPLICATION_ID, token: payload.token, requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles } },
  };
}

/** Puts the task in the state a worker leaves when it is killed right after taking the work. */
async function leftExecuting(taskId: string, token = 'killedworkertoken'): Promise<void> {
  await platform.deps.tasks.transition(taskId, 'awaiting_confirmation', 'executing', { interactionToken: token }, 'confirmed by Local Developer');
}

describe('a replayed /ux-update (issue 10, item 3)', () => {
  it('is skipped for the whole signature window: a replay at +156 s does not propose again nor replace "Cancelled by …"', async () => {
    const payload = commandInteraction('ux-update', { command: 'section:header text:"Replay"' });
    const signedAt = Math.floor(platform.clock.now.getTime() / 1000);
    await platform.send(payload, { timestamp: signedAt });
    await platform.idle();
    const taskId = sent(publicPreview(platform.discord.requests)).components?.[0]?.components[0]?.custom_id?.split(':')[2] ?? '';
    expect(answer(await click('cancel', taskId)).data?.content).toMatch(/^Cancelled by Local Developer/);
    const edits = platform.discord.requests.length;

    for (const seconds of [156, 140]) {
      later(seconds); // +156 s, then +296 s: both inside the 300 s window, past the 150 s lease
      expect(answer(await platform.send(payload, { timestamp: signedAt })).type).toBe(5);
      await platform.idle();
    }
    expect(proposals).toBe(1);
    expect(platform.discord.requests.length).toBe(edits);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
  });

  it('does not ask the agent (and so the LLM budget) again for a replayed request that made no task', async () => {
    platform.agent.proposeWith(() => {
      proposals += 1;
      return { kind: 'clarification', message: { content: 'Which section?' } };
    });
    const payload = commandInteraction('ux-update', { description: 'make it nicer' });
    const signedAt = Math.floor(platform.clock.now.getTime() / 1000);
    await platform.send(payload, { timestamp: signedAt });
    await platform.idle();
    later(156);
    await platform.send(payload, { timestamp: signedAt });
    await platform.idle();
    expect(proposals).toBe(1);
    expect(platform.discord.requests).toHaveLength(1);
  });
});

describe('a crash after Confirm (issue 10, item 2)', () => {
  it('a Confirm click on a task left executing past the bound resumes the work', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(30);
    expect(answer(await click('confirm', taskId)).data?.content).toBe('This request is already confirmed and being worked on.');
    later(ABANDONED_EXECUTION_SECONDS);
    const body = answer(await click('confirm', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.components?.[0]?.components.map((c) => c.label)).toEqual(['Working…', 'Cancel']);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(1);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Draft pull request opened/);
  });

  it('a Cancel click on a task left executing past the bound cancels it and says what may be left', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    const body = answer(await click('cancel', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.content).toBe(`Cancelled by Local Developer (task \`${taskId}\`). The work had stopped before it finished; anything it already made (a branch of the site repository) is left as it is.`);
    expect(body.data?.components).toEqual([]);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
  });

  it('two Confirm clicks on a stale task run the work once', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    const worker = createWorker(platform.workerDeps);
    await Promise.all([worker(confirmItem(taskId)), worker(confirmItem(taskId))]);
    expect(platform.agent.executed).toHaveLength(1);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('a resumed run that stops again is handed back with the reason and Confirm / Cancel, and Confirm then works', async () => {
    const taskId = await propose();
    await leftExecuting(taskId);
    later(ABANDONED_EXECUTION_SECONDS + 1);
    // The resumed run is killed too: the task is executing, resumed once.
    await platform.deps.tasks.transition(taskId, 'executing', 'executing', { interactionToken: 'resumedtoken' }, 'resumed by the worker');
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await createWorker(platform.workerDeps)(confirmItem(taskId));
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('awaiting_confirmation');
    expect(platform.agent.executed).toHaveLength(0);
    const message = sent(platform.discord.requests.at(-1));
    expect(message.content).toMatch(/^UX Agent did not finish\.\nIt did not work this time: the work stopped 2 times before it finished .*Click Confirm to try again, or Cancel\.\nTask `/s);
    expect(labels(message)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(answer(await click('confirm', taskId)).type).toBe(7);
    await platform.idle();
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });
});

describe('Confirm racing Cancel (issue 10, item 4)', () => {
  it('Cancel wins before the worker runs: the worker replaces "Working…" with the cancellation once the click\'s answer can no longer land', async () => {
    const taskId = await propose();
    const item = confirmItem(taskId);
    expect(answer(await click('cancel', taskId)).type).toBe(7);
    await createWorker(platform.workerDeps)(item);
    expect(platform.agent.executed).toHaveLength(0);
    const last = platform.discord.requests.at(-1);
    expect(last?.path).toContain(`/${item.interaction.token}/messages/@original`);
    expect(sent(last)).toMatchObject({ content: `Cancelled by Local Developer. Nothing was changed (task \`${taskId}\`).`, components: [] });
    expect(platform.sleeps).toHaveLength(1);
    expect(platform.sleeps[0]).toBeGreaterThan(0);
    expect(platform.sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('Cancel wins between the worker\'s read and its write: the worker still shows the cancellation', async () => {
    const taskId = await propose();
    const tasks: TaskStore = {
      ...platform.deps.tasks,
      get: (id) => platform.deps.tasks.get(id),
      transition: async (...args) => {
        expect(answer(await click('cancel', taskId)).type).toBe(7);
        return platform.deps.tasks.transition(...args);
      },
    };
    await createWorker({ ...platform.workerDeps, tasks })(confirmItem(taskId));
    expect(platform.agent.executed).toHaveLength(0);
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Cancelled by Local Developer\. Nothing was changed/);
  });

  it('Confirm\'s worker wins: Cancel is told it is too late and the message ends on the result', async () => {
    const taskId = await propose();
    expect(answer(await click('confirm', taskId)).type).toBe(7);
    const cancel = answer(await click('cancel', taskId));
    expect(cancel.type).toBe(4);
    expect(cancel.data?.content).toMatch(/already confirmed and being worked on|already done|can no longer be cancelled/);
    await platform.idle();
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Draft pull request opened/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('a Confirm expired before the worker ran shows the expiry, not "Working…"', async () => {
    const taskId = await propose();
    const item = confirmItem(taskId);
    later(1000);
    expect(answer(await click('confirm', taskId)).data?.content).toMatch(/expired/);
    await createWorker(platform.workerDeps)(item);
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^This request expired at .* without being confirmed/);
  });
});

const NOT_A_CONFIRMER = /^Only admin, pm or developer may confirm UX Agent's changes, and you are a contributor\. Ask someone who holds one of those roles to click Confirm; or, to get one, ask an operator to add your user id \(\d+\) to "admin-user-ids" in .*flags\.json or "pm-user-ids" in .* or "developer-user-ids" in .*, or one of your Discord roles to "admin-role-ids" in .* or "pm-role-ids" in .* or "developer-role-ids" in .*\.$/;

describe('permissions at Confirm time (issue 10, item 7; roles, issue 11)', () => {
  it('a requester removed from the admins cannot confirm their own preview, but may still cancel it', async () => {
    const taskId = await propose();
    await platform.setFlags({ 'admin-user-ids': '900000000000000009' });
    const body = answer(await click('confirm', taskId));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(NOT_A_CONFIRMER);
    expect(body.data?.content).toContain('your user id (100000000000000001)');
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
    expect(answer(await click('cancel', taskId)).data?.content).toMatch(/^Cancelled by Local Developer/);
  });

  it('an admin by role who lost the role in the flags cannot confirm', async () => {
    const roleAdmin = { id: '800000000000000008', username: 'designer', roles: ['555555555555555555'] };
    const start = platform.discord.requests.length;
    await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Role"' }, roleAdmin));
    await platform.idle();
    const taskId = sent(publicPreview(platform.discord.requests.slice(start))).components?.[0]?.components[0]?.custom_id?.split(':')[2] ?? '';
    await platform.setFlags({ 'admin-role-ids': 'none' });
    expect(answer(await click('confirm', taskId, roleAdmin)).data?.content).toMatch(NOT_A_CONFIRMER);
  });

  it('the worker checks again: removed between the click and the work, nothing runs and Confirm comes back', async () => {
    const taskId = await propose();
    expect(await platform.deps.ledger.claimOnce(confirmClaimKey(taskId), 900)).toBe(true);
    const item = confirmItem(taskId);
    await platform.setFlags({ 'admin-user-ids': '900000000000000009' });
    const before = platform.discord.requests.length;
    await createWorker(platform.workerDeps)(item);
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
    const [edit, followUp] = platform.discord.requests.slice(before);
    expect(edit?.method).toBe('PATCH');
    expect(sent(edit).content).toBeUndefined();
    expect(labels(sent(edit))).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(followUp?.method).toBe('POST');
    expect(sent(followUp)).toMatchObject({ flags: 64 });
    expect(sent(followUp).content).toMatch(/^Not confirmed, nothing was changed: Only admin, pm or developer may confirm UX Agent's changes/);
    // The claim is released, so someone who may confirm can.
    expect(await platform.deps.ledger.claimOnce(confirmClaimKey(taskId), 900)).toBe(true);
  });

  it('a requester removed from the admins may still pick (a pick approves nothing), but not confirm what they picked', async () => {
    platform.agent.proposeWith(() => choiceOf(2));
    const start = platform.discord.requests.length;
    await platform.send(commandInteraction('ux-update', { description: 'make the title say Spring sale' }));
    await platform.idle();
    const taskId = (sent(publicPreview(platform.discord.requests.slice(start))).components?.[0]?.components[0]?.custom_id ?? '').split(':')[2] ?? '';
    await platform.setFlags({ 'admin-user-ids': '900000000000000009' });
    const body = answer(await platform.send(selectInteraction(taskButtonId('choose', taskId), ['0'], '9000')));
    expect(body.type).toBe(7);
    expect(body.data?.content).toMatch(/^Preview of candidate 1/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
    expect(answer(await click('confirm', taskId)).data?.content).toMatch(NOT_A_CONFIRMER);
  });

  it('someone else who may not confirm can neither pick in the requester\'s question nor cancel it', async () => {
    platform.agent.proposeWith(() => choiceOf(2));
    const start = platform.discord.requests.length;
    await platform.send(commandInteraction('ux-update', { description: 'make the title say Spring sale' }));
    await platform.idle();
    const taskId = (sent(publicPreview(platform.discord.requests.slice(start))).components?.[0]?.components[0]?.custom_id ?? '').split(':')[2] ?? '';
    const stranger = { id: '700000000000000007', username: 'visitor' };
    const pick = answer(await platform.send(selectInteraction(taskButtonId('choose', taskId), ['0'], '9000', stranger)));
    expect(pick.data?.content).toBe("This question belongs to Local Developer; only they or someone who may confirm UX Agent's changes (admin, pm or developer) can pick an option.");
    const cancel = answer(await click('cancel', taskId, stranger));
    expect(cancel.data?.content).toBe("This request belongs to Local Developer; only they or someone who may confirm UX Agent's changes (admin, pm or developer) can cancel it.");
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_choice');
  });
});

describe('an opened pull request whose record failed (issue 18, item 8)', () => {
  it('is still shown as opened, saying it will be recorded; what DynamoDB said stays in the log', async () => {
    const taskId = await propose();
    const stored = platform.deps.tasks;
    // The task store is down for the write that records the pull request.
    const tasks = new Proxy(stored, {
      get: (target, key, receiver) =>
        key === 'transition'
          ? (...args: Parameters<TaskStore['transition']>) =>
              args[2] === 'pr_open' ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8000 (dynamodb)')) : target.transition(...args)
          : Reflect.get(target, key, receiver),
    });
    await createWorker({ ...platform.workerDeps, tasks })(confirmItem(taskId));
    const shown = sent(platform.discord.requests.at(-1)).content ?? '';
    expect(shown).toMatch(/^Draft pull request opened \(task \S+\)\nThe bot could not record this yet \(the details are in the worker's log\); it records it within a few minutes, and nothing will be done twice\./);
    expect(shown).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(JSON.stringify(platform.logger.lines)).toContain('connect ECONNREFUSED 127.0.0.1:8000 (dynamodb)');
    // Left executing, so the sweep resumes it and records the same pull request.
    expect((await stored.get(taskId))?.status).toBe('executing');
  });
});

describe('a run that lost its task to a resume (issue 18, item 8)', () => {
  it('stays silent: the person ends on the resumed run\'s pull request, never on a failure sentence', async () => {
    const taskId = await propose();
    // The first run is slow, not dead: it finishes only after the sweep has resumed the task.
    let releaseSlowRun: () => void = () => undefined;
    const slowRunHeld = new Promise<void>((resolve) => (releaseSlowRun = resolve));
    let runs = 0;
    platform.agent.executeWith(async (task) => {
      runs += 1;
      if (runs === 1) await slowRunHeld;
      return { kind: 'done', message: { content: `Draft pull request opened (task ${task.taskId})` }, branch: `valine/${task.taskId}`, pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' } };
    });
    const worker = createWorker(platform.workerDeps);
    const slowRun = worker(confirmItem(taskId));
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await worker({ kind: 'sweep' });
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
    const before = platform.discord.requests.length;
    releaseSlowRun();
    await slowRun;
    expect(platform.discord.requests.length).toBe(before);
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Draft pull request opened/);
    expect(platform.discord.requests.map((r) => JSON.stringify(r.body))).not.toContainEqual(expect.stringMatching(/could not be recorded/));
    expect(platform.logger.lines.map((line) => line.message)).toContain('This run lost its task to another run; its outcome is left to that run');
  });

  it('a retryable failure of the slow run does not take the task back from the run that resumed it', async () => {
    const taskId = await propose();
    let releaseSlowRun: () => void = () => undefined;
    const slowRunHeld = new Promise<void>((resolve) => (releaseSlowRun = resolve));
    let runs = 0;
    platform.agent.executeWith(async (task) => {
      runs += 1;
      if (runs === 1) {
        await slowRunHeld;
        return { kind: 'retryable', error: 'GitHub answered 502', message: { content: 'UX update interrupted' } };
      }
      return { kind: 'done', message: { content: `Draft pull request opened (task ${task.taskId})` }, branch: `valine/${task.taskId}`, pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' } };
    });
    const worker = createWorker(platform.workerDeps);
    const slowRun = worker(confirmItem(taskId));
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    later(ABANDONED_EXECUTION_SECONDS + 1);
    await worker({ kind: 'sweep' });
    releaseSlowRun();
    await slowRun;
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
    expect(sent(platform.discord.requests.at(-1)).content).toMatch(/^Draft pull request opened/);
  });
});
