import { homepage as packageHomepage, version as packageVersion } from '../../../package.json';
import { DiscordRestClient } from '../../../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../../../lambda/core/adapters/env-secrets';
import { DiscordApiError } from '../../../lambda/core/ports/discord-api';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../support/loopback-discord';
import { recordingLogger } from '../../support/recording-logger';

let discord: LoopbackDiscord;
beforeEach(async () => {
  discord = await startLoopbackDiscord();
});
afterEach(() => discord.close());

const APP = '200000000000000002';
const sleeps: number[] = [];
function client(env: NodeJS.ProcessEnv = {}) {
  return new DiscordRestClient({
    baseUrl: discord.baseUrl,
    secrets: new EnvSecretReader(env),
    logger: recordingLogger(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

test('editing the original message disables mentions and never leaks the token in errors', async () => {
  await client().editOriginal(APP, 'secret-token', { content: 'hello @everyone' });
  expect(discord.requests[0]).toMatchObject({
    method: 'PATCH',
    path: `/webhooks/${APP}/secret-token/messages/@original`,
    body: { content: 'hello @everyone', allowed_mentions: { parse: [] } },
  });
  discord.script({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
  const error = await client().editOriginal(APP, 'secret-token', { content: 'x' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordApiError);
  expect((error as Error).message).toBe('Discord refused to edit the original message: HTTP 404 Unknown Webhook');
  expect((error as Error).message).not.toContain('secret-token');
});

test('a 429 is retried after retry_after and a 5xx a bounded number of times', async () => {
  sleeps.length = 0;
  discord.script({ status: 429, body: { message: 'You are being rate limited.', retry_after: 1.5, global: false } }, { status: 502 });
  await client().followUp(APP, 'tok', { content: 'done' });
  expect(discord.requests).toHaveLength(3);
  expect(sleeps[0]).toBe(1500);

  discord.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  await expect(client().followUp(APP, 'tok', { content: 'x' })).rejects.toThrow('Could not send a follow-up message after 4 attempts (HTTP 500).');
});

test('channel messages use the bot token and keep the mentions the caller allows', async () => {
  await expect(client().createMessage('400000000000000004', { content: 'x' })).rejects.toThrow(/discord-bot-token/);
  const result = await client({ DISCORD_BOT_TOKEN: 'bot-secret' }).createMessage('400000000000000004', {
    content: '<@42> your PR was merged',
    allowed_mentions: { parse: [], users: ['42'] },
  });
  expect(result.id).toMatch(/\d+/);
  const request = discord.requests[0];
  expect(request.headers.authorization).toBe('Bot bot-secret');
  expect(request.body).toMatchObject({ allowed_mentions: { parse: [], users: ['42'] } });
});

describe('ids and tokens in the URL path', () => {
  const hostile = ['../../../channels/4000/messages?x=', '..', '.', 'tok/en', 'tok?x=1', 'tok#x', 'tok%2F..', 'tok en', 'tök', 'x'.repeat(1001)];

  const label = (token: string) => (token.length > 40 ? `${token.slice(0, 8)}… (${token.length} characters)` : token);
  it.each(hostile.map((token) => [label(token), token]))('refuses the token %j before any request, without quoting it', async (_label, token) => {
    const edit = await client().editOriginal(APP, token, { content: 'x' }).catch((e: unknown) => e);
    const followUp = await client().followUp(APP, token, { content: 'x' }).catch((e: unknown) => e);
    for (const error of [edit, followUp]) {
      expect(error).toBeInstanceOf(DiscordApiError);
      expect((error as DiscordApiError).status).toBe(400);
      expect((error as Error).message).toMatch(/^Cannot (edit the original message|send a follow-up message): the interaction token is not a Discord token/);
      if (token.length > 2) expect((error as Error).message).not.toContain(token);
    }
    expect(discord.requests).toHaveLength(0);
  });

  it.each(['app1', '../4000', '', '1'.repeat(21), '١٢٣'])('refuses the application or channel id %j before any request', async (id) => {
    await expect(client().editOriginal(id, 'tok', { content: 'x' })).rejects.toThrow('Cannot edit the original message: the application id is not a Discord id (1 to 20 digits).');
    await expect(client({ DISCORD_BOT_TOKEN: 'bot-secret' }).createMessage(id, { content: 'x' })).rejects.toThrow(
      'Cannot post a channel message: the channel id is not a Discord id (1 to 20 digits).',
    );
    expect(discord.requests).toHaveLength(0);
  });

  it('sends a Discord-shaped token unchanged, as one path segment', async () => {
    const token = 'aW50ZXJhY3Rpb246MTIz.Ab_c-D9';
    await client().editOriginal(APP, token, { content: 'x' });
    await client().followUp(APP, token, { content: 'x' });
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /webhooks/${APP}/${token}/messages/@original`, `POST /webhooks/${APP}/${token}`]);
  });
});

describe('attachments', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const files = [
    { name: 'desktop-before.png', contentType: 'image/png', data: png, description: 'production, desktop 1280×800' },
    { name: 'desktop-after.png', contentType: 'image/png', data: Buffer.concat([png, Buffer.from([1])]) },
  ];

  test('the original message is edited with a multipart upload: payload_json names each files[n], mentions stay off', async () => {
    await client().editOriginal(APP, 'tok', { content: 'Preview is live', files });
    const [request] = discord.requests;
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toEqual({
      content: 'Preview is live',
      allowed_mentions: { parse: [] },
      attachments: [
        // Discord's spec types attachment ids as snowflake strings.
        { id: '0', filename: 'desktop-before.png', description: 'production, desktop 1280×800' },
        { id: '1', filename: 'desktop-after.png' },
      ],
    });
    expect(request?.files.map((f) => [f.field, f.name, f.contentType, f.bytes.length])).toEqual([
      ['files[0]', 'desktop-before.png', 'image/png', 16],
      ['files[1]', 'desktop-after.png', 'image/png', 17],
    ]);
  });

  test("every request says who the bot is as Discord asks: DiscordBot (<url>, <version>), package.json's homepage and version", async () => {
    await client().editOriginal(APP, 'tok', { content: 'Preview is live', files });
    expect(discord.requests[0]?.headers['user-agent']).toBe(`DiscordBot (${packageHomepage}, ${packageVersion})`);
    expect(packageHomepage).toBe('https://projectvaline.com');
  });

  test('a channel message carries its files too, and a 5xx retry sends them again', async () => {
    discord.script({ status: 502 });
    await client({ DISCORD_BOT_TOKEN: 'bot-token' }).createMessage('300000000000000003', { content: 'Live on https://example.com', files });
    expect(discord.requests).toHaveLength(2);
    expect(discord.requests.map((r) => r.files.length)).toEqual([2, 2]);
    expect(discord.requests[1]?.headers.authorization).toBe('Bot bot-token');
  });
});
