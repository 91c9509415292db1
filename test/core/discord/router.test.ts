import { DynamoDbLlmBudget } from '../../../lambda/core/adapters/dynamodb-llm-budget';
import { commandInteraction } from '../../../lambda/local/interaction-builder';
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
  it('lists every agent with what it does, its commands and whether it is on', async () => {
    const body = answer(await platform.send(commandInteraction('agents', {}, outsider)));
    expect(body.type).toBe(4);
    expect(body.data?.embeds?.[0]?.fields).toEqual([
      { name: 'UX Agent — on', value: 'Test stand-in for the UX Agent.\nCommands: /ux-update, /ux-map' },
    ]);
  });

  it('shows a paused agent as paused, naming the flag', async () => {
    await platform.setFlags({ 'disable-ux-updates': 'true' });
    const body = answer(await platform.send(commandInteraction('agents')));
    expect(body.data?.embeds?.[0]?.fields?.[0]?.name).toMatch(/UX Agent — paused \("disable-ux-updates" in .*flags\.json is true\)/);
  });
});

describe('/ux-update', () => {
  it('defers (type 5) and hands the request to the worker', async () => {
    const body = answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' })));
    expect(body).toEqual({ type: 5 });
    await platform.idle();
    expect(platform.discord.requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('accepts an admin by role', async () => {
    expect(answer(await platform.send(commandInteraction('ux-update', { description: 'bigger footer' }, roleAdmin)))).toEqual({ type: 5 });
    await platform.idle();
  });

  it('refuses someone who is not an admin, and hands nothing over', async () => {
    const body = answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }, outsider)));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(
      /^Only admins may ask agents for changes\. Ask an operator to add your user id \(700000000000000007\) to "admin-user-ids" in .*flags\.json, or one of your roles to "admin-role-ids" in .*flags\.json\.$/,
    );
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(0);
  });

  it('refuses everyone when no admins are configured, naming both flags to set', async () => {
    await platform.setFlags({ 'admin-user-ids': 'none', 'admin-role-ids': 'none' });
    const body = answer(await platform.send(commandInteraction('ux-update', { command: 'section:header text:"Hi"' })));
    expect(body.data?.content).toMatch(/no admins are configured.*"admin-user-ids" in .*flags\.json.*"admin-role-ids" in/);
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
    expect(answer(await platform.send(payload))).toEqual({ type: 5 });
    expect(answer(await platform.send(payload))).toEqual({ type: 5 });
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(1);
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
