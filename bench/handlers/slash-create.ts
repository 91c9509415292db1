import { AWSLambdaServer, SlashCreator } from 'slash-create';

/** The comparison row: slash-create's Lambda server answering PING with the same key (its handler is callback style, HTTP API v2 only). */
const exported: Record<string, (event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => void> = {};
const creator = new SlashCreator({ applicationID: '100000000000000000', publicKey: process.env.DISCORD_PUBLIC_KEY ?? '' });
creator.withServer(new AWSLambdaServer(exported, 'interactions'));

export const handler = (event: { headers: Record<string, string>; body: string }) =>
  new Promise((resolve, reject) => {
    exported.interactions?.({ ...event, version: '2.0' }, {}, (error, result) => (error ? reject(error) : resolve(result)));
  });
