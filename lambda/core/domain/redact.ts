/** Removes secrets and tokens from text shown to people (debug output, error messages). */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{10,}/g,
  /\bsk-[A-Za-z0-9_-]{10,}/g,
  /\bBot\s+[A-Za-z0-9._-]{20,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // Long opaque strings with letters and digits: interaction tokens, API keys, signatures.
  /\b(?=[A-Za-z0-9._-]*\d)(?=[A-Za-z0-9._-]*[A-Za-z])[A-Za-z0-9._-]{40,}\b/g,
];

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, pattern) => acc.replace(pattern, REDACTED), text);
}
