import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { headerValue, type HeaderMap } from './headers';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Discord's payloads are a few KB; anything far larger is not an interaction. */
export const MAX_INTERACTION_BODY_BYTES = 64 * 1024;
/** Reject requests whose X-Signature-Timestamp is further than this from our clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export class InvalidPublicKeyError extends Error {}

/** Imports the application's public key as shown in the Discord developer portal (64 hex characters). */
export function ed25519PublicKeyFromHex(hex: string): KeyObject {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    throw new InvalidPublicKeyError('The Discord public key must be 64 hexadecimal characters (the "Public Key" of the application).');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]), format: 'der', type: 'spki' });
}

export interface SignedRequest {
  headers: HeaderMap;
  body: string | null | undefined;
  isBase64Encoded?: boolean;
}

export type VerificationFailure =
  | 'missing-headers'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'body-too-large'
  | 'bad-signature';

export type VerificationResult = { ok: true; body: string } | { ok: false; reason: VerificationFailure };

/** Checks Discord's Ed25519 signature over `timestamp + raw body`, the timestamp's freshness and the body size. */
export function verifyDiscordRequest(request: SignedRequest, publicKey: KeyObject, nowMs: number = Date.now()): VerificationResult {
  const signature = headerValue(request.headers, 'x-signature-ed25519');
  const timestamp = headerValue(request.headers, 'x-signature-timestamp');
  if (!signature || !timestamp) return { ok: false, reason: 'missing-headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return { ok: false, reason: 'malformed-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed-timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale-timestamp' };

  const encoded = request.body ?? '';
  const approximateBytes = request.isBase64Encoded ? Math.floor((encoded.length * 3) / 4) : encoded.length;
  if (approximateBytes > MAX_INTERACTION_BODY_BYTES * 4) return { ok: false, reason: 'body-too-large' };
  const body = request.isBase64Encoded ? Buffer.from(encoded, 'base64') : Buffer.from(encoded, 'utf8');
  if (body.length > MAX_INTERACTION_BODY_BYTES) return { ok: false, reason: 'body-too-large' };

  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  const valid = verify(null, signed, publicKey, Buffer.from(signature, 'hex'));
  return valid ? { ok: true, body: body.toString('utf8') } : { ok: false, reason: 'bad-signature' };
}
