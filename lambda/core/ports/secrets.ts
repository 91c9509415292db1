import type { SecretName } from '../contract/parameters';

/** Secrets from SSM SecureString (AWS) or environment variables (local); cached per process. */
export interface SecretReader {
  /** The value, or undefined when the operator has not set it. */
  get(name: SecretName): Promise<string | undefined>;
}

export class MissingSecretError extends Error {
  constructor(readonly secret: SecretName, hint: string) {
    super(`The secret ${secret} is not set. ${hint}`);
  }
}
