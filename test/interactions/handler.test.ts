import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { generateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { commandInteraction, componentInteraction, pingInteraction } from '../../lambda/local/interaction-builder';
import { MAX_INTERACTION_BODY_BYTES } from '../../lambda/core/discord/verify-request';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { answer, startPlatform, type Platform } from './fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());

const nowSeconds = () => Math.floor(platform.clock.now.getTime() / 1000);
const uxUpdate = () => JSON.stringify(commandInteraction('ux-update', { command: 'section:header text:"Hi"' }));

async function itemCount(table: string): Promise<number> {
  const result = await platform.db.client.send(new ScanCommand({ TableName: table }));
  return result.Count ?? 0;
}

describe('request verification', () => {
  it('answers PING with PONG', async () => {
    expect(answer(await platform.send(pingInteraction()))).toEqual({ type: 1 });
  });

  it('finds the signature headers whatever their casing', async () => {
    const body = JSON.stringify(pingInteraction());
    const headers = signInteraction(body, platform.keys.privateKey, nowSeconds());
    const response = await platform.handle({
      headers: { 'X-Signature-Ed25519': headers['x-signature-ed25519'], 'X-SIGNATURE-TIMESTAMP': headers['x-signature-timestamp'] },
      body,
    });
    expect(answer(response)).toEqual({ type: 1 });
  });

  it('accepts a base64-encoded body (API Gateway binary payloads)', async () => {
    expect(answer(await platform.send(pingInteraction(), { base64: true }))).toEqual({ type: 1 });
  });

  const rejected: Array<[string, () => { headers: Record<string, string>; body: string }]> = [
    ['missing signature headers', () => ({ headers: {}, body: uxUpdate() })],
    ['a missing timestamp header', () => {
      const body = uxUpdate();
      return { headers: { 'x-signature-ed25519': signInteraction(body, platform.keys.privateKey, nowSeconds())['x-signature-ed25519'] }, body };
    }],
    ['a signature that is not hex', () => {
      const body = uxUpdate();
      return { headers: { ...signInteraction(body, platform.keys.privateKey, nowSeconds()), 'x-signature-ed25519': 'z'.repeat(128) }, body };
    }],
    ['a signature of the wrong length', () => {
      const body = uxUpdate();
      const headers = signInteraction(body, platform.keys.privateKey, nowSeconds());
      return { headers: { ...headers, 'x-signature-ed25519': headers['x-signature-ed25519'].slice(0, 126) }, body };
    }],
    ['a valid signature over a different body', () => {
      const headers = signInteraction(uxUpdate(), platform.keys.privateKey, nowSeconds());
      return { headers, body: uxUpdate() };
    }],
    ['a signature from another key', () => {
      const body = uxUpdate();
      return { headers: signInteraction(body, generateDevKeyPair().privateKey, nowSeconds()), body };
    }],
    ['a timestamp 6 minutes old', () => {
      const body = uxUpdate();
      return { headers: signInteraction(body, platform.keys.privateKey, nowSeconds() - 360), body };
    }],
    ['a timestamp 6 minutes ahead', () => {
      const body = uxUpdate();
      return { headers: signInteraction(body, platform.keys.privateKey, nowSeconds() + 360), body };
    }],
    ['an unsigned empty body', () => ({ headers: {}, body: '' })],
    ['a body over the size limit', () => {
      const body = JSON.stringify({ ...commandInteraction('ux-update', { command: 'x' }), padding: 'a'.repeat(MAX_INTERACTION_BODY_BYTES) });
      return { headers: signInteraction(body, platform.keys.privateKey, nowSeconds()), body };
    }],
  ];

  it.each(rejected)('rejects %s with 401 and no detail, storing and enqueueing nothing', async (_name, build) => {
    const before = platform.agent.executed.length;
    const response = await platform.handle(build());
    expect(response.statusCode).toBe(401);
    expect(response.body).toBe('invalid request signature');
    await platform.idle();
    expect(await itemCount(platform.db.tables.ledger)).toBe(0);
    expect(await itemCount(platform.db.tables.conversations)).toBe(0);
    expect(platform.discord.requests).toHaveLength(0);
    expect(platform.agent.executed.length).toBe(before);
  });

  it('still accepts a timestamp 4 minutes old (inside the window)', async () => {
    expect(answer(await platform.send(pingInteraction(), { timestamp: nowSeconds() - 240 }))).toEqual({ type: 1 });
  });
});

describe('verified but unusable bodies', () => {
  it('answers a correctly signed empty body with 400 and a sentence', async () => {
    const response = await platform.send('');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/not JSON/);
  });

  it('answers a correctly signed body that is not JSON with 400 and a sentence', async () => {
    const response = await platform.send('type=1&hello');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/not JSON/);
  });

  it('answers JSON that is not an interaction with 400', async () => {
    const response = await platform.send({ type: 2, hello: 'world' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/not a Discord interaction/);
  });

  it('answers an unknown interaction type with an ephemeral sentence', async () => {
    const body = answer(await platform.send({ ...commandInteraction('agents'), type: 42 }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/does not handle that kind of interaction \(type 42\)/);
  });

  it('answers an unknown command with the list of commands', async () => {
    const body = answer(await platform.send(commandInteraction('make-coffee')));
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/Unknown command \/make-coffee.*\/agents, \/ux-update, \/ux-map, \/revert, \/status, \/debug-last/);
  });

  it('echoes text into Discord with mentions disabled', async () => {
    const unknown = answer(await platform.send(commandInteraction('@everyone')));
    expect(unknown.data?.content).toMatch(/Unknown command \/@everyone/);
    const agents = answer(await platform.send(commandInteraction('agents')));
    for (const body of [unknown, agents]) expect((body.data as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers an unknown button with an ephemeral sentence', async () => {
    const body = answer(await platform.send(componentInteraction('something:else', '1')));
    expect(body.data?.content).toMatch(/not one this bot knows/);
  });

  it('answers a Confirm for a task that does not exist', async () => {
    const body = answer(await platform.send(componentInteraction(taskButtonId('confirm', 'abc123def456'), '1')));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/`abc123def456` no longer exists/);
  });

  it('keeps /agents and /ux-map open to everyone, with no roles configured at all', async () => {
    await platform.setFlags({ 'admin-user-ids': 'none', 'admin-role-ids': 'none' });
    const visitor = { id: '720000000000000072', username: 'visitor' };
    try {
      expect(answer(await platform.send(commandInteraction('agents', {}, visitor))).type).toBe(4);
      expect(answer(await platform.send(commandInteraction('ux-map', {}, visitor)))).toEqual({ type: 5 });
      await platform.idle();
    } finally {
      await platform.setFlags({});
    }
  });

  it('lets only the requester or an admin cancel a task whose agent is no longer registered', async () => {
    const confirmBy = new Date(platform.clock.now.getTime() + 600_000).toISOString();
    const orphan = (taskId: string) =>
      platform.deps.tasks.create({ taskId, agentId: 'retired', command: '/retired', options: {}, requesterId: '730000000000000073', requesterName: 'Rita', applicationId: 'app', interactionToken: 'tok', confirmBy });
    await orphan('orphan000001');
    await orphan('orphan000002');
    const stranger = answer(await platform.send(componentInteraction(taskButtonId('cancel', 'orphan000001'), '1', { id: '740000000000000074', username: 'someone' })));
    expect(stranger.data?.content).toBe('This request belongs to Rita; only they or someone who may confirm the agent "retired"\'s changes (admin) can cancel it.');
    expect(answer(await platform.send(componentInteraction(taskButtonId('cancel', 'orphan000001'), '1', { id: '730000000000000073', username: 'Rita' }))).data?.content).toMatch(/^Cancelled by Rita/);
    expect(answer(await platform.send(componentInteraction(taskButtonId('cancel', 'orphan000002'), '1'))).data?.content).toMatch(/^Cancelled by Local Developer/);
  });
});
