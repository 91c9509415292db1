import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Local mode's stand-in for the Discord application's key pair: Discord signs with the private half. */
export interface DevKeyPair {
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateDevKeyPair(): DevKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicKeyHex: Buffer.from(jwk.x ?? '', 'base64url').toString('hex'), privateKey };
}

/** Reads the dev key pair from `file`, or generates it there (mode 600) on first use. */
export async function loadOrCreateDevKeyPair(file: string): Promise<DevKeyPair & { created: boolean }> {
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { publicKeyHex?: unknown; privateKeyPem?: unknown };
    if (typeof stored.publicKeyHex === 'string' && typeof stored.privateKeyPem === 'string') {
      return { publicKeyHex: stored.publicKeyHex, privateKey: createPrivateKey(stored.privateKeyPem), created: false };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is not a dev key file; delete it to generate a new key pair.`);
  }
  const pair = generateDevKeyPair();
  await mkdir(dirname(file), { recursive: true });
  const privateKeyPem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  await writeFile(file, `${JSON.stringify({ publicKeyHex: pair.publicKeyHex, privateKeyPem }, null, 2)}\n`, { mode: 0o600 });
  return { ...pair, created: true };
}

/** The two headers Discord puts on every interaction request. */
export function signInteraction(body: string, privateKey: KeyObject, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const timestamp = String(timestampSeconds);
  const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}
