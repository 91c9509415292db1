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
  await client().editOriginal('app1', 'secret-token', { content: 'hello @everyone' });
  expect(discord.requests[0]).toMatchObject({
    method: 'PATCH',
    path: '/webhooks/app1/secret-token/messages/@original',
    body: { content: 'hello @everyone', allowed_mentions: { parse: [] } },
  });
  discord.script({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
  const error = await client().editOriginal('app1', 'secret-token', { content: 'x' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordApiError);
  expect((error as Error).message).toBe('Discord refused to edit the original message: HTTP 404 Unknown Webhook');
  expect((error as Error).message).not.toContain('secret-token');
});

test('a 429 is retried after retry_after and a 5xx a bounded number of times', async () => {
  sleeps.length = 0;
  discord.script({ status: 429, body: { message: 'You are being rate limited.', retry_after: 1.5, global: false } }, { status: 502 });
  await client().followUp('app1', 'tok', { content: 'done' });
  expect(discord.requests).toHaveLength(3);
  expect(sleeps[0]).toBe(1500);

  discord.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  await expect(client().followUp('app1', 'tok', { content: 'x' })).rejects.toThrow('Could not send a follow-up message after 4 attempts (HTTP 500).');
});

test('channel messages use the bot token and keep the mentions the caller allows', async () => {
  await expect(client().createMessage('123', { content: 'x' })).rejects.toThrow(/discord-bot-token/);
  const result = await client({ DISCORD_BOT_TOKEN: 'bot-secret' }).createMessage('123', {
    content: '<@42> your PR was merged',
    allowed_mentions: { parse: [], users: ['42'] },
  });
  expect(result.id).toMatch(/\d+/);
  const request = discord.requests[0];
  expect(request.headers.authorization).toBe('Bot bot-secret');
  expect(request.body).toMatchObject({ allowed_mentions: { parse: [], users: ['42'] } });
});
