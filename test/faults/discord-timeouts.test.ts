import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordRestClient, messageNonce } from '../../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { recordingLogger } from '../support/recording-logger';

/**
 * A Discord that posts each message at once but answers the first request only after the
 * client's timeout, as a slow Discord does; like Discord, it returns the message already
 * created for a repeated `nonce` when `enforce_nonce` is true.
 */
async function slowDiscord(): Promise<{ baseUrl: string; posted: unknown[]; received: number; close(): Promise<void> }> {
  const posted: Array<{ id: string; nonce?: string }> = [];
  const state = { received: 0 };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      state.received += 1;
      const body = JSON.parse(raw || '{}') as { nonce?: string; enforce_nonce?: boolean };
      const earlier = body.enforce_nonce && body.nonce !== undefined ? posted.find((m) => m.nonce === body.nonce) : undefined;
      const message = earlier ?? { id: String(1000 + posted.length), ...(body.nonce === undefined ? {} : { nonce: body.nonce }) };
      if (!earlier) posted.push(message);
      const answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(message));
      if (state.received === 1) setTimeout(answer, 400);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`,
    posted,
    get received() {
      return state.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const client = (baseUrl: string) =>
  new DiscordRestClient({ baseUrl, secrets: new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot-token' }), logger: recordingLogger(), requestTimeoutMs: 150, sleep: async () => undefined });

describe('a Discord POST that timed out is not posted twice (issue 18, low; fault-injection suite)', () => {
  it('a notice with its claim as idempotency key is retried with the same nonce, and Discord keeps one message', async () => {
    const discord = await slowDiscord();
    try {
      const { id } = await client(discord.baseUrl).createMessage('400000000000000004', { content: 'PR #7 merged' }, 'github-notice#tsk1#merged#2026-03-01T10:00:00Z');
      expect(discord.received).toBe(2);
      expect(discord.posted).toEqual([{ id: '1000', nonce: messageNonce('github-notice#tsk1#merged#2026-03-01T10:00:00Z') }]);
      expect(id).toBe('1000');
    } finally {
      await discord.close();
    }
  });

  it('a POST without a key is not sent again after a timeout, and the error says it may have arrived', async () => {
    const discord = await slowDiscord();
    try {
      await expect(client(discord.baseUrl).followUp('200000000000000002', 'token-1', { content: 'Not confirmed' })).rejects.toThrow(
        'Discord did not answer in time while the bot tried to send a follow-up message; it may have arrived, so it was not sent again.',
      );
      expect(discord.received).toBe(1);
      expect(discord.posted).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });

  it('nonces are at most 25 characters, the same for the same key', () => {
    expect(messageNonce('alarm#A#ALARM#t')).toHaveLength(25);
    expect(messageNonce('alarm#A#ALARM#t')).toBe(messageNonce('alarm#A#ALARM#t'));
    expect(messageNonce('alarm#A#OK#t')).not.toBe(messageNonce('alarm#A#ALARM#t'));
  });
});
