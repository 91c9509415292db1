import type { KeyObject } from 'node:crypto';
import { ed25519PublicKeyFromHex } from '../discord/verify-request';
import { MissingSecretError, type SecretReader } from '../ports/secrets';

/** The application's public key as a KeyObject, imported once and re-imported only if the secret changes. */
export function discordPublicKeyLoader(secrets: SecretReader, whereToSetIt: string): () => Promise<KeyObject> {
  let cached: { hex: string; key: KeyObject } | undefined;
  return async () => {
    const hex = await secrets.get('discord-public-key');
    if (!hex) throw new MissingSecretError('discord-public-key', whereToSetIt);
    if (cached?.hex !== hex) cached = { hex, key: ed25519PublicKeyFromHex(hex) };
    return cached.key;
  };
}

/** A public key given as configuration (DISCORD_PUBLIC_KEY): imported on first use, so a malformed one answers 503 with the reason logged. */
export function fixedDiscordPublicKey(hex: string): () => Promise<KeyObject> {
  let key: KeyObject | undefined;
  return async () => (key ??= ed25519PublicKeyFromHex(hex));
}
