import { InteractionResponseType, InteractionType, verifyKey } from 'discord-interactions';

/**
 * The floor of the cold-start table: a Lambda handler that verifies the signature with
 * discord-interactions' verifyKey and answers PING, nothing else (no flags, no tables, no agents).
 */
export const handler = async (event: { headers: Record<string, string>; body: string }) => {
  const valid = await verifyKey(event.body, event.headers['x-signature-ed25519'] ?? '', event.headers['x-signature-timestamp'] ?? '', process.env.DISCORD_PUBLIC_KEY ?? '');
  if (!valid) return { statusCode: 401, body: 'invalid request signature' };
  const interaction = JSON.parse(event.body) as { type: number };
  if (interaction.type !== InteractionType.PING) return { statusCode: 400, body: 'only PING here' };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: InteractionResponseType.PONG }) };
};
