import { SECRET_DEFINITIONS, type SecretName } from '../contract/parameters';
import type { SecretReader } from '../ports/secrets';

/** Local mode's secrets: the environment variables named in SECRET_DEFINITIONS, plus local defaults (e.g. the dev key). */
export class EnvSecretReader implements SecretReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly fallbacks: Partial<Record<SecretName, string>> = {},
  ) {}

  async get(name: SecretName): Promise<string | undefined> {
    return this.env[SECRET_DEFINITIONS[name].envVar] || this.fallbacks[name] || undefined;
  }
}
