import { signGithubPayload, verifyGithubSignature } from '../../../lambda/core/github/signature';

// GitHub's published example: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
const SECRET = "It's a Secret to Everybody";
const PAYLOAD = 'Hello, World!';
const EXPECTED = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('GitHub webhook signatures', () => {
  it('computes the signature GitHub documents for its test vector', () => {
    expect(signGithubPayload(SECRET, PAYLOAD)).toBe(EXPECTED);
    expect(signGithubPayload(SECRET, Buffer.from(PAYLOAD))).toBe(EXPECTED);
  });

  it('accepts the test vector', async () => {
    await expect(verifyGithubSignature(SECRET, Buffer.from(PAYLOAD), EXPECTED)).resolves.toEqual({ valid: true });
  });

  it('rejects a body changed by one byte', async () => {
    await expect(verifyGithubSignature(SECRET, Buffer.from('Hello, World?'), EXPECTED)).resolves.toEqual({ valid: false, reason: 'mismatch' });
  });

  it('rejects a signature made with another secret', async () => {
    const forged = signGithubPayload('not the secret', PAYLOAD);
    await expect(verifyGithubSignature(SECRET, Buffer.from(PAYLOAD), forged)).resolves.toEqual({ valid: false, reason: 'mismatch' });
  });

  it('rejects an empty body, which no GitHub delivery has, even signed', async () => {
    await expect(verifyGithubSignature(SECRET, Buffer.alloc(0), signGithubPayload(SECRET, ''))).resolves.toEqual({ valid: false, reason: 'mismatch' });
  });

  it('rejects a missing or empty header', async () => {
    await expect(verifyGithubSignature(SECRET, Buffer.from(PAYLOAD), undefined)).resolves.toEqual({ valid: false, reason: 'missing' });
    await expect(verifyGithubSignature(SECRET, Buffer.from(PAYLOAD), '  ')).resolves.toEqual({ valid: false, reason: 'missing' });
  });

  it.each([
    ['the legacy SHA-1 form', 'sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0'],
    ['a bare hex digest', EXPECTED.slice('sha256='.length)],
    ['a truncated digest', EXPECTED.slice(0, -2)],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`],
  ])('rejects %s as malformed without comparing', async (_, header) => {
    await expect(verifyGithubSignature(SECRET, Buffer.from(PAYLOAD), header)).resolves.toEqual({ valid: false, reason: 'malformed' });
  });
});
