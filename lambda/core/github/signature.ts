import { createHmac } from 'node:crypto';

/**
 * GitHub's signature header value for a body: `sha256=<hex HMAC-SHA256 of the raw bytes>`, for
 * `npm run github-webhook` and the tests, which sign synchronously (webhooks-methods' `sign` is async).
 */
export function signGithubPayload(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'mismatch' };

const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/**
 * Checks X-Hub-Signature-256 against the body with @octokit/webhooks-methods' `verify`
 * (HMAC-SHA256, compared in constant time), after saying what is wrong with a header that is
 * absent or not `sha256=<64 hex digits>`.
 */
export async function verifyGithubSignature(secret: string, body: Buffer, header: string | undefined): Promise<SignatureCheck> {
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'missing' };
  const received = header.trim().toLowerCase();
  if (!SIGNATURE_FORMAT.test(received)) return { valid: false, reason: 'malformed' };
  // verify() needs a payload: an empty body is no GitHub delivery. GitHub signs the UTF-8 JSON it sends, which verify() takes as a string.
  if (body.length === 0) return { valid: false, reason: 'mismatch' };
  // Loaded on first use: the package is ESM only, which CommonJS (tsx, the bundles) reaches through import().
  const { verify } = await import('@octokit/webhooks-methods');
  return (await verify(secret, body.toString('utf8'), received)) ? { valid: true } : { valid: false, reason: 'mismatch' };
}
