import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { secretParameterName, type SecretName } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { SecretReader } from '../ports/secrets';
import type { SsmParameterSource } from './ssm-parameters';

/** Rotation reaches a running function within this time. */
const SECRET_CACHE_SECONDS = 5 * 60;

/** Secrets from SSM SecureString parameters, cached by Powertools Parameters (a missing one is remembered as long). */
export class SsmSecretReader implements SecretReader {
  private readonly missingSince = new Map<SecretName, number>();

  constructor(
    private readonly parameters: SsmParameterSource,
    private readonly stage: StageName,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(name: SecretName): Promise<string | undefined> {
    const missing = this.missingSince.get(name);
    if (missing !== undefined && this.clock() - missing < SECRET_CACHE_SECONDS * 1000) return undefined;
    try {
      const value = await this.parameters.get(secretParameterName(this.stage, name), { decrypt: true, maxAge: SECRET_CACHE_SECONDS, throwOnMissing: true });
      this.missingSince.delete(name);
      return value || undefined;
    } catch (error) {
      if (!(error instanceof ParameterNotFoundError)) throw error;
      this.missingSince.set(name, this.clock());
      return undefined;
    }
  }
}
