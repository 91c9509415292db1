import { createHmac, timingSafeEqual } from 'node:crypto';

/** GitHub's signature header value for a body: `sha256=<hex HMAC-SHA256 of the raw bytes>`. */
export function signGithubPayload(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'mismatch' };

const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/** Checks X-Hub-Signature-256 against the raw body, in constant time. */
export function verifyGithubSignature(secret: string, body: Buffer, header: string | undefined): SignatureCheck {
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'missing' };
  const received = header.trim().toLowerCase();
  if (!SIGNATURE_FORMAT.test(received)) return { valid: false, reason: 'malformed' };
  const expected = Buffer.from(signGithubPayload(secret, body), 'utf8');
  const actual = Buffer.from(received, 'utf8');
  // Both are "sha256=" + 64 hex characters here, so the lengths match as timingSafeEqual requires.
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
