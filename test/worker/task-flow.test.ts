import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { RecordedRequest } from '../support/loopback-discord';
import { componentInteraction, commandInteraction } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { confirmClaimKey } from '../../lambda/core/tasks/ledger-keys';
import { publicPreview, answer, startPlatform, TASK_TTL_SECONDS, type Platform } from '../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.proposeWith((options) => ({
    kind: 'proposal',
    summary: `Header text → ${options.command}`,
    proposal: { options },
    preview: { content: `Preview: ${options.command}` },
  }));
  platform.agent.executeWith((task) => ({
    kind: 'done',
    message: { content: `Draft pull request opened: https://github.example/acme/site/pull/7 (task ${task.taskId})` },
    branch: `valine/${task.taskId}`,
    pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' },
  }));
});

interface SentMessage {
  content?: string;
  components?: Array<{ components: Array<{ label: string; custom_id?: string; disabled?: boolean }> }>;
  allowed_mentions?: unknown;
}
const sent = (request: RecordedRequest | undefined): SentMessage => (request?.body ?? {}) as SentMessage;
const labels = (message: SentMessage): string[] => (message.components ?? []).flatMap((row) => row.components.map((c) => c.label));

/** Runs /ux-update and returns the task id from the Confirm button of the preview. */
async function propose(command = 'section:header text:"Hi"'): Promise<{ taskId: string; preview: SentMessage }> {
  const start = platform.discord.requests.length;
  expect(answer(await platform.send(commandInteraction('ux-update', { command })))).toEqual({ type: 5, data: { flags: 64 } });
  await platform.idle();
  const preview = sent(publicPreview(platform.discord.requests.slice(start)));
  const confirm = preview.components?.[0]?.components.find((c) => c.label === 'Confirm');
  const taskId = confirm?.custom_id?.split(':')[2];
  if (!taskId) throw new Error(`no preview with buttons: ${JSON.stringify(preview)}`);
  return { taskId, preview };
}

const taskCount = async (): Promise<number> =>
  (await platform.db.client.send(new ScanCommand({ TableName: platform.db.tables.conversations }))).Count ?? 0;

const click = (action: 'confirm' | 'cancel', taskId: string, user?: Parameters<typeof componentInteraction>[2]) =>
  platform.send(componentInteraction(taskButtonId(action, taskId), '9000', user));

describe('proposals', () => {
  it('edits the deferred message into the preview with Confirm / Cancel, the task id and the deadline', async () => {
    const { taskId, preview } = await propose();
    const request = platform.discord.requests[0];
    expect(request?.method).toBe('PATCH');
    expect(request?.path).toMatch(/^\/webhooks\/200000000000000002\/aW50ZXJhY3Rpb246[\w-]+\/messages\/@original$/);
    expect(preview.content).toMatch(new RegExp(`^Preview: section:header text:"Hi"\\nTask \`${taskId}\` · Confirm before \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
    expect(labels(preview)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(preview.allowed_mentions).toEqual({ parse: [] });
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('awaiting_confirmation');
    expect(task?.command).toBe('/ux-update command:section:header text:"Hi"');
    expect(Date.parse(task?.confirmBy ?? '') - platform.clock.now.getTime()).toBe(TASK_TTL_SECONDS * 1000);
  });

  it('shows a clarification without buttons and creates no task', async () => {
    platform.agent.proposeWith(() => ({ kind: 'clarification', message: { content: 'Which section? Sections: header, footer, navbar, home.' } }));
    const tasksBefore = await taskCount();
    await platform.send(commandInteraction('ux-update', { command: 'section:hedaer' }));
    await platform.idle();
    const message = sent(platform.discord.requests[0]);
    expect(message.content).toBe('Which section? Sections: header, footer, navbar, home.');
    expect(labels(message)).toEqual([]);
    expect(await taskCount()).toBe(tasksBefore);
  });

  it('tells the user what failed when the agent throws, instead of thinking forever', async () => {
    platform.agent.proposeWith(() => {
      throw new Error('the site repository is unreachable');
    });
    await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }));
    await platform.idle();
    const message = sent(platform.discord.requests[0]);
    // The error's own text is internal: the log has it, the user reads what failed and what to do.
    expect(message.content).toMatch(/^UX Agent could not prepare a preview because of an unexpected error \(the details are in the worker's log\)\.\nNothing was changed\. Try the command again/);
    expect(message.content).not.toContain('unreachable');
    expect(JSON.stringify(platform.logger.lines)).toContain('the site repository is unreachable');
    expect(labels(message)).toEqual([]);
  });
});

describe('Confirm', () => {
  it('answers type 7 with a disabled "Working…" button, then shows the pull request with a link button to it and no other button', async () => {
    const { taskId } = await propose();
    const body = answer(await click('confirm', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.components?.[0]?.components.map((c) => [c.label, c.disabled])).toEqual([
      ['Working…', true],
      ['Cancel', true],
    ]);
    await platform.idle();
    const final = sent(platform.discord.requests.at(-1));
    expect(final.content).toMatch(/Draft pull request opened: https:\/\/github\.example\/acme\/site\/pull\/7/);
    expect(labels(final)).toEqual(["Open pull request #7"]);
    expect(final.components?.[0]?.components[0]).toMatchObject({ style: 5, url: "https://github.example/acme/site/pull/7" });
    const task = await platform.deps.tasks.get(taskId);
    expect(task?.status).toBe('pr_open');
    expect(task?.pullRequest?.number).toBe(7);
    expect(task?.branch).toBe(`valine/${taskId}`);
  });

  it('offers Confirm again after a retryable failure, and a second Confirm runs again', async () => {
    const { taskId } = await propose();
    platform.agent.executeWith(() => ({ kind: 'retryable', error: 'GitHub answered 502', message: { content: 'Could not push the branch.' } }));
    await click('confirm', taskId);
    await platform.idle();
    const retry = sent(platform.discord.requests.at(-1));
    expect(retry.content).toMatch(/Could not push the branch\.\nIt did not work this time: GitHub answered 502\n.*Click Confirm to try again/);
    expect(labels(retry)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect((await platform.deps.tasks.get(taskId))?.lastError).toBe('GitHub answered 502');

    platform.agent.executeWith(() => ({ kind: 'done', message: { content: 'Opened it this time.' } }));
    expect(answer(await click('confirm', taskId)).type).toBe(7);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(2);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('marks the task failed and removes the buttons on a final failure', async () => {
    const { taskId } = await propose();
    platform.agent.executeWith(() => ({ kind: 'failed', error: 'the file was deleted', message: { content: 'The header file no longer exists; nothing was changed.' } }));
    await click('confirm', taskId);
    await platform.idle();
    expect(labels(sent(platform.discord.requests.at(-1)))).toEqual([]);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('failed');
  });

  it('reports a thrown error to the user and marks the task failed', async () => {
    const { taskId } = await propose();
    platform.agent.executeWith(() => {
      throw new Error('Octokit exploded with token ghs_abcdefghijklmnopqrstuvwxyz0123456789');
    });
    await click('confirm', taskId);
    await platform.idle();
    const message = sent(platform.discord.requests.at(-1));
    expect(message.content).toMatch(/^UX Agent could not finish the work because of an unexpected error \(the details are in the worker's log\)\.\nRun the command again/);
    expect(message.content).not.toMatch(/ghs_|Octokit exploded/);
    expect(JSON.stringify(platform.logger.lines)).toContain('Octokit exploded with token [redacted]');
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('failed');
  });

  it('runs the work once when Confirm is clicked twenty times at once', async () => {
    const { taskId } = await propose();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => click('confirm', taskId).then(answer)));
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(1);
    expect(bodies.filter((b) => b.type === 7)).toHaveLength(1);
    expect(bodies.filter((b) => b.type === 4 && /already confirmed/.test(b.data?.content ?? ''))).toHaveLength(19);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });

  it('says a task that already has a pull request is done', async () => {
    const { taskId } = await propose();
    await click('confirm', taskId);
    await platform.idle();
    const body = answer(await click('confirm', taskId));
    expect(body.data?.content).toMatch(/already done: https:\/\/github\.example\/acme\/site\/pull\/7/);
  });

  it('moves an expired task to expired and says so, without running it', async () => {
    const { taskId } = await propose();
    platform.clock.now = new Date(platform.clock.now.getTime() + (TASK_TTL_SECONDS + 60) * 1000);
    const body = answer(await click('confirm', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.content).toMatch(/This request expired at .* UTC without being confirmed, so nothing was changed/);
    expect(body.data?.components).toEqual([]);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('expired');
    expect(answer(await click('confirm', taskId)).data?.content).toMatch(/expired; run the command again/);
  });

  it('refuses a Confirm by a contributor (no role that may confirm), naming the roles and the flags that grant them', async () => {
    const { taskId } = await propose();
    const body = answer(await click('confirm', taskId, { id: '700000000000000007', username: 'visitor' }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(
      /^Only admin, pm or developer may confirm UX Agent's changes, and you are a contributor\. Ask someone who holds one of those roles to click Confirm; or, to get one, ask an operator to add your user id \(700000000000000007\) to "admin-user-ids" in .*flags\.json or "pm-user-ids" in .* or "developer-user-ids" in .*, or one of your Discord roles to "admin-role-ids" in .* or "pm-role-ids" in .* or "developer-role-ids" in .*\.$/,
    );
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
    expect(platform.discord.requests).toHaveLength(2); // the private answer and the public preview, nothing since
  });

  it('is paused with the agent while disable-ux-updates is true', async () => {
    const { taskId } = await propose();
    await platform.setFlags({ 'disable-ux-updates': 'true' });
    const body = answer(await click('confirm', taskId));
    expect(body.data?.content).toMatch(/UX Agent is paused by an operator/);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('awaiting_confirmation');
  });
});

describe('Cancel', () => {
  it('cancels with one conditional write and removes the buttons', async () => {
    const { taskId } = await propose();
    const body = answer(await click('cancel', taskId));
    expect(body.type).toBe(7);
    expect(body.data?.content).toBe(`Cancelled by Local Developer. Nothing was changed (task \`${taskId}\`).`);
    expect(body.data?.components).toEqual([]);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('cancelled');
    expect(answer(await click('confirm', taskId)).data?.content).toMatch(/was cancelled/);
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(0);
  });
});

describe('/status', () => {
  it('lists an open preview, and shows it lapsed once its deadline has passed', async () => {
    const { taskId } = await propose('section:header text:"Status"');
    const openTasks = async () => {
      const body = answer(await platform.send(commandInteraction('status')));
      return body.data?.embeds?.[0]?.fields?.find((f) => f.name === 'Open tasks')?.value ?? '';
    };
    expect(await openTasks()).toContain(`\`${taskId}\` awaiting_confirmation — Header text → section:header text:"Status" (Local Developer)`);
    platform.clock.now = new Date(platform.clock.now.getTime() + (TASK_TTL_SECONDS + 1) * 1000);
    expect(await openTasks()).toContain(`\`${taskId}\` expired (never confirmed)`);
  });
});

describe('/debug-last', () => {
  it('shows the caller\'s last task with its trace, without the interaction token', async () => {
    const { taskId } = await propose();
    await click('confirm', taskId);
    await platform.idle();
    const task = await platform.deps.tasks.get(taskId);
    const body = answer(await platform.send(commandInteraction('debug-last')));
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toContain(`task ${taskId} · agent ux · pr_open`);
    expect(body.data?.content).toMatch(/trace:\n.*awaiting_confirmation\n.*executing — confirmed by Local Developer\n.*pr_open/);
    expect(body.data?.content).not.toContain(task?.interactionToken ?? 'missing');
  });
});

describe('/debug-last redaction', () => {
  it('shows the last error with tokens and keys replaced by [redacted], as stored and logged', async () => {
    const { taskId } = await propose();
    platform.agent.executeWith(() => {
      throw new Error('GitHub said 401 for ghs_abcdefghijklmnopqrstuvwxyz0123456789 and sk-proj-abcdefghijklmnop1234');
    });
    await click('confirm', taskId);
    await platform.idle();
    expect((await platform.deps.tasks.get(taskId))?.lastError).toBe('GitHub said 401 for [redacted] and [redacted]');
    expect(JSON.stringify(platform.logger.lines)).not.toMatch(/ghs_abcdefghij|sk-proj-abcdefghij/);
    const content = answer(await platform.send(commandInteraction('debug-last'))).data?.content ?? '';
    expect(content).toContain(`task ${taskId} · agent ux · failed`);
    expect(content).toMatch(/last error: GitHub said 401 for \[redacted\] and \[redacted\]/);
    expect(content).not.toMatch(/ghs_|sk-proj/);
  });
});

describe('Discord API trouble in the worker', () => {
  it('waits out a 429 retry_after and retries a 502, then delivers the preview', async () => {
    platform.discord.script({ status: 429, body: { retry_after: 0.01, message: 'You are being rate limited.' } }, { status: 502 });
    const { preview } = await propose();
    expect(labels(preview)).toEqual(['Confirm', 'Cancel', 'Refine']);
    expect(platform.discord.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'POST']); // the private answer (429, 502, then delivered), then the preview
  });

  it('logs and gives up after bounded 5xx retries without crashing the process', async () => {
    platform.discord.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }));
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(8);
    expect(platform.logger.lines.some((l) => l.level === 'error' && /worker failed/.test(l.message))).toBe(true);
  });

  it('releases the confirm claim after a retryable failure so a retry is possible', async () => {
    const { taskId } = await propose();
    platform.agent.executeWith(() => ({ kind: 'retryable', error: 'timeout', message: { content: 'Timed out.' } }));
    await click('confirm', taskId);
    await platform.idle();
    expect(await platform.deps.ledger.claimOnce(confirmClaimKey(taskId), 60)).toBe(true);
  });
});
