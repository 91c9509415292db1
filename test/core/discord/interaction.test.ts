import { parseInteraction } from '../../../lambda/core/discord/interaction';
import type { WorkItem } from '../../../lambda/core/domain/work';
import { commandInteraction, componentInteraction, selectInteraction, STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../../lambda/local/interaction-builder';
import { createWorker } from '../../../lambda/worker/handler';
import { parseWorkItem } from '../../../lambda/core/domain/work-item-schema';
import { AgentRegistry } from '../../../lambda/core/agents/registry';
import { DiscordRestClient } from '../../../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../../../lambda/core/adapters/env-secrets';
import { startPlatform, type Platform } from '../../interactions/fixtures/platform';
import { scriptedAgent } from '../../interactions/fixtures/test-agent';

const TRAVERSAL = '../../../channels/4000/messages?x=';

describe('parseInteraction: ids and the token are checked at the edge', () => {
  const parse = (payload: unknown) => parseInteraction(JSON.stringify(payload));

  it('accepts what Discord sends', () => {
    const result = parse(commandInteraction('agents'));
    expect(result.ok).toBe(true);
  });

  it.each([TRAVERSAL, '..', '.', 'a/b', 'a?b', 'a#b', 'a%2Fb', 'a b', 'tök', 'x'.repeat(1001), ''].map((token) => [token.length > 40 ? `${token.length} × x` : token, token]))(
    'refuses the token %j with a sentence that does not quote it',
    (_label, token) => {
    const result = parse({ ...commandInteraction('agents'), token });
    expect(result).toEqual({
      ok: false,
      message: 'The request is not a Discord interaction this bot understands at "token": it must be a Discord interaction token (1 to 1,000 letters, digits, ".", "_" or "-").',
    });
    },
  );

  it('reads the picked values of a select menu, and none for a button', () => {
    expect(parse(selectInteraction('task:choose:abc', ['2'], '9000'))).toMatchObject({ ok: true, interaction: { kind: 'component', customId: 'task:choose:abc', values: ['2'] } });
    const button = parse(componentInteraction('task:confirm:abc', '9000'));
    expect(button.ok && button.interaction.kind === 'component' && button.interaction.values).toBe(undefined);
  });

  it('accepts a token of Discord\'s charset at the length limit', () => {
    expect(parse({ ...commandInteraction('agents'), token: `aW50.Zx_-${'a'.repeat(991)}` }).ok).toBe(true);
  });

  it.each([
    ['id', { id: '../1' }],
    ['application_id', { application_id: `${STAND_IN_APPLICATION_ID}/../../x` }],
    ['guild_id', { guild_id: '1e5' }],
    ['channel_id', { channel_id: '1'.repeat(21) }],
    ['member.user.id', { member: { user: { id: 'abc' }, roles: [] } }],
    ['member.roles.0', { member: { user: { id: STAND_IN_USER.id }, roles: ['admin'] } }],
  ])('refuses %s when it is not a snowflake', (path, change) => {
    const result = parse({ ...commandInteraction('agents'), ...change });
    expect(result).toEqual({ ok: false, message: `The request is not a Discord interaction this bot understands at "${path}": it must be a Discord id (a snowflake: 1 to 20 digits).` });
  });

  it('refuses a message id that is not a snowflake', () => {
    expect(parse(componentInteraction('x', '1/../2'))).toMatchObject({ ok: false, message: expect.stringContaining('at "message.id": it must be a Discord id') });
  });
});

describe('a hostile token never reaches another Discord path', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(() => platform.close());
  beforeEach(() => {
    platform.discord.requests.length = 0;
  });

  it('a signed interaction carrying it gets 400 and a sentence, and nothing is sent to Discord', async () => {
    const response = await platform.send({ ...commandInteraction('ux-update', { command: 'section:header text:"Hi"' }), token: TRAVERSAL });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/must be a Discord interaction token/);
    expect(response.body).not.toContain(TRAVERSAL);
    await platform.idle();
    expect(platform.discord.requests).toHaveLength(0);
  });

  it('a work item carrying it (the edge bypassed) makes the worker send nothing, not PATCH another path', async () => {
    const item: WorkItem = parseWorkItem({
      kind: 'propose',
      interaction: { interactionId: '920000000000000001', applicationId: STAND_IN_APPLICATION_ID, token: TRAVERSAL, requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } },
      agentId: 'ux',
      command: 'ux-update',
      options: { command: 'section:header text:"Hi"' },
      commandLine: '/ux-update command:section:header text:"Hi"',
    });
    const handle = createWorker({
      ...platform.workerDeps,
      discord: new DiscordRestClient({ baseUrl: platform.discord.baseUrl, secrets: new EnvSecretReader({}), logger: platform.logger, sleep: async () => undefined }),
      agents: new AgentRegistry([scriptedAgent()]),
      taskTtlSeconds: 900,
      now: () => new Date(),
    });
    await handle(item).catch(() => undefined);
    // Before the check, the PATCH went to /api/channels/4000/messages (the URL parser resolves the `..` segments).
    expect(platform.discord.requests).toEqual([]);
  });
});
