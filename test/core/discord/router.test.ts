import { DynamoDbLlmBudget } from '../../../lambda/core/adapters/dynamodb-llm-budget';
import { commandInteraction, componentInteraction } from '../../../lambda/local/interaction-builder';
import { taskButtonId } from '../../../lambda/core/tasks/buttons';
import { ADMIN_ROLE_ID, answer, startPlatform, type Platform } from '../../interactions/fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.setFlags({});
  platform.discord.requests.length = 0;
});

const outsider = { id: '700000000000000007', username: 'visitor', roles: ['111111111111111111'] };
const roleAdmin = { id: '800000000000000008', username: 'designer', roles: [ADMIN_ROLE_ID] };

describe('/agents', () => {
  it('lists every agent with what it does, its commands, whether it is on, and who may request and confirm', async () => {
    const body = answer(await platform.send(commandInteraction('agents', {}, outsider)));
    expect(body.type).toBe(4);
    const [ux, roles] = body.data?.embeds?.[0]?.fields ?? [];
    expect(ux).toEqual({
      name: 'UX Agent — on',
      value: [
        'Test stand-in for the UX Agent.',
        'Commands: /ux-update, /ux-map',
        'May request: everyone (contributor and every other role)',
        'May confirm: admin, pm or developer (flags `admin-user-ids`, `admin-role-ids`, `pm-user-ids`, `pm-role-ids`, `developer-user-ids`, `developer-role-ids`)',
      ].join('\n'),
    });
    expect(roles?.name).toBe('Roles');
    const lines = (roles?.value ?? '').split('\n');
    expect(lines[0]).toBe('You: contributor');
    expect(lines[1]).toMatch(/^admin \(1 user, 1 Discord role\): "admin-user-ids" in .*flags\.json, "admin-role-ids" in .*flags\.json$/);
    expect(lines[2]).toMatch(/^pm \(0 users, 0 Discord roles\): "pm-user-ids" in .*, "pm-role-ids" in /);
    expect(lines[3]).toMatch(/^developer \(0 users, 0 Discord roles\): "developer-user-ids" in .*, "developer-role-ids" in /);
    expect(lines[4]).toBe('contributor: everyone');
    expect(lines[5]).toMatch(/^Second approver: off — a requester who may confirm can confirm their own change \("require-second-approver" in .* is false\)\.$/);
  });

  it('tells each caller their own roles, and says when a second approver is required', async () => {
    await platform.setFlags({ 'developer-role-ids': '111111111111111111', 'require-second-approver': 'true' });
    const admin = answer(await platform.send(commandInteraction('agents'))).data?.embeds?.[0]?.fields?.[1]?.value ?? '';
    expect(admin).toMatch(/^You: admin and contributor\n/);
    expect(admin).toMatch(/\nSecond approver: on — a requester cannot confirm their own change; someone else who may confirm must \("require-second-approver" in .* is true\)\.$/);
    const developer = answer(await platform.send(commandInteraction('agents', {}, outsider))).data?.embeds?.[0]?.fields?.[1]?.value ?? '';
    expect(developer).toMatch(/^You: developer and contributor\n/);
  });

  it('warns when nobody holds a role that may confirm', async () => {
    await platform.setFlags({ 'admin-user-ids': 'none', 'admin-role-ids': 'none' });
    const ux = answer(await platform.send(commandInteraction('agents'))).data?.embeds?.[0]?.fields?.[0]?.value ?? '';
    expect(ux).toMatch(/\nMay confirm: admin, pm or developer \(flags .*\) — nobody holds these roles yet$/);
  });

  it('shows a paused agent as paused, naming the flag', async () => {
    await platform.setFlags({ 'disable-ux-updates': 'true' });
    const body = answer(await platform.send(commandInteraction('agents')));
    expect(body.data?.embeds?.[0]?.fields?.[0]?.name).toMatch(/UX Agent — paused \("disable-ux-updates" in .*flags\.json is true\)/);
  });
});

describe('/ux-update', () => {
  it('defers privately (type 5, ephemeral) and hands the request to the worker, whose preview then follows for everyone', async () => {
    const body = answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' })));
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    expect(platform.discord.requests.map((r) => r.method)).toEqual(['PATCH', 'POST']);
    expect((platform.discord.requests[1]?.body as { flags?: number }).flags).toBeUndefined();
  });

  it('accepts an admin by role', async () => {
    expect(answer(await platform.send(commandInteraction('ux-update', { description: 'bigger footer' }, roleAdmin)))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
  });

  it('lets a contributor (no role at all) ask for a preview: the UX Agent lets everyone request', async () => {
    const newcomer = { id: '710000000000000071', username: 'newcomer' };
    expect(answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }, newcomer)))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    const preview = platform.discord.requests.at(-1)?.body as { content?: string; components?: Array<{ components: Array<{ label: string }> }> };
    expect(preview.content).toMatch(/^Preview: header/);
    expect(preview.components?.[0]?.components.map((b) => b.label)).toEqual(['Confirm', 'Cancel', 'Refine']);
  });

  it('secure by default: with no roles configured a preview can still be asked for, but nobody can confirm it, and the refusal names the flags to set', async () => {
    await platform.setFlags({ 'admin-user-ids': 'none', 'admin-role-ids': 'none' });
    const taskId = await platform.proposeTask();
    const executed = platform.agent.executed.length;
    const body = answer(await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000')));
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(
      /^Nobody may confirm UX Agent's changes yet: no admin, pm or developer is configured\. An operator must set "admin-user-ids" in .*flags\.json or "pm-user-ids" in .* or "developer-user-ids" in .* \(comma-separated Discord user ids\) or "admin-role-ids" in .* or "pm-role-ids" in .* or "developer-role-ids" in .* \(comma-separated role ids\)\.$/,
    );
    await platform.idle();
    expect(platform.agent.executed).toHaveLength(executed);
    // Withdrawing is always safe: the requester may still cancel.
    expect(answer(await platform.send(componentInteraction(taskButtonId('cancel', taskId), '9000'))).data?.content).toMatch(/^Cancelled by Local Developer/);
  });

  it('says it is paused while disable-ux-updates is true', async () => {
    await platform.setFlags({ 'disable-ux-updates': 'true' });
    const body = answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' })));
    expect(body.data?.content).toMatch(/UX Agent is paused by an operator \("disable-ux-updates" in .* is true\)/);
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(0);
  });

  it('explains how to write the command when both options are missing or blank', async () => {
    const cases: Array<Record<string, string>> = [{}, { command: '   ' }];
    for (const options of cases) {
      const body = answer(await platform.send(commandInteraction('ux-update', options)));
      expect(body.data?.content).toMatch(/at least one option: `\/ux-update command:section:header/);
    }
  });

  it('proposes once for a replayed interaction', async () => {
    const payload = commandInteraction('ux-update', { command: 'section:footer text:"Bye"' });
    expect(answer(await platform.send(payload))).toEqual({ type: 5, data: { flags: 64 } });
    expect(answer(await platform.send(payload))).toEqual({ type: 5, data: { flags: 64 } });
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(2); // one private answer and one preview
    expect(platform.logger.lines.some((l) => l.message === 'Proposal skipped: this interaction was already handled')).toBe(true);
  });
});

describe('/status', () => {
  it('shows stage, version, flags, LLM budget and open tasks, only to the caller', async () => {
    const body = answer(await platform.send(commandInteraction('status', {}, outsider)));
    expect(body.data?.flags).toBe(64);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe('Valine Orchestrator — dev');
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Version).toBe('1.2.3-test');
    expect(fields['LLM spend']).toBe('$0.00 of $10.00 today (UTC), 0 calls');
    expect(fields.Flags).toMatch(/disable-ux-updates: false/);
    expect(fields.Flags).toMatch(/admin-role-ids: 555555555555555555/);
    expect(fields['Open tasks']).toBeDefined();
  });

  it('keeps every field within Discord\'s 1024 characters when a flag holds many ids', async () => {
    const manyAdmins = Array.from({ length: 80 }, (_, i) => String(100000000000000001n + BigInt(i))).join(',');
    await platform.setFlags({ 'admin-user-ids': manyAdmins });
    const fields = answer(await platform.send(commandInteraction('status'))).data?.embeds?.[0]?.fields ?? [];
    const flagsField = fields.find((f) => f.name === 'Flags')?.value ?? '';
    expect(flagsField).toMatch(/\nadmin-user-ids: 100000000000000001, .*, 100000000000000010 \(\+70 more\)\n/);
    expect(flagsField).toMatch(/\nsite-repository: /);
    for (const field of fields) expect(field.value.length).toBeLessThanOrEqual(1024);
  });

  it('counts today\'s LLM spend from the ledger', async () => {
    const budget = new DynamoDbLlmBudget(platform.db.client, platform.db.tables.ledger, () => platform.clock.now);
    const reservation = await budget.reserve(50_000, 10_000_000);
    if (!reservation) throw new Error('no budget');
    await budget.settle(reservation, 1_234_567);
    const body = answer(await platform.send(commandInteraction('status')));
    const spend = body.data?.embeds?.[0]?.fields?.find((f) => f.name === 'LLM spend');
    expect(spend?.value).toBe('$1.23 of $10.00 today (UTC), 1 call');
  });
});

describe('/status, what users wrote', () => {
  it('shows a sub-cent spend instead of $0.00', async () => {
    const realNow = platform.clock.now;
    platform.clock.now = new Date('2031-01-01T12:00:00Z'); // a day with no spend yet
    try {
      const budget = new DynamoDbLlmBudget(platform.db.client, platform.db.tables.ledger, () => platform.clock.now);
      const reservation = await budget.reserve(5_000, 10_000_000);
      if (!reservation) throw new Error('no budget');
      await budget.settle(reservation, 340);
      const spend = answer(await platform.send(commandInteraction('status'))).data?.embeds?.[0]?.fields?.find((f) => f.name === 'LLM spend');
      expect(spend?.value).toBe('$0.0003 of $10.00 today (UTC), 1 call');
    } finally {
      platform.clock.now = realNow;
    }
  });

  it('lists open tasks with the summary as plain text: no markdown, masked link or mention renders', async () => {
    await platform.deps.tasks.create({
      taskId: 'markdown1',
      agentId: 'ux',
      command: '/ux-update',
      options: {},
      requesterId: '900000000000000009',
      requesterName: 'pm_*bold*',
      applicationId: 'app',
      interactionToken: 'tok',
      summary: 'header: text → "**Sale** [click](https://evil.example) @everyone"',
      confirmBy: new Date(platform.clock.now.getTime() + 3600_000).toISOString(),
    });
    const fields = answer(await platform.send(commandInteraction('status'))).data?.embeds?.[0]?.fields ?? [];
    const open = fields.find((f) => f.name === 'Open tasks')?.value ?? '';
    expect(open).toContain('\\*\\*Sale\\*\\*');
    expect(open).not.toContain('](');
    expect(open).not.toContain('@everyone');
    expect(open).toContain('pm\\_\\*bold\\*');
  });
});

describe('/debug-last', () => {
  it('is refused while enable-debug-cmd is off, naming the flag', async () => {
    await platform.setFlags({ 'enable-debug-cmd': 'false' });
    const body = answer(await platform.send(commandInteraction('debug-last')));
    expect(body.data?.content).toMatch(/\/debug-last is switched off.*"enable-debug-cmd" in .*flags\.json to true/);
  });

  it('says so when the caller has no tasks', async () => {
    const body = answer(await platform.send(commandInteraction('debug-last', {}, outsider)));
    expect(body.data?.content).toMatch(/You have no tasks yet/);
  });
});
