import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';
import { secretParameterName, type SecretName } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { SecretReader } from '../ports/secrets';

const SECRET_CACHE_MS = 5 * 60 * 1000;

/** Secrets from SSM SecureString parameters, cached across invocations (re-read every 5 minutes for rotation). */
export class SsmSecretReader implements SecretReader {
  private readonly cache = new Map<SecretName, { value: string | undefined; at: number }>();

  constructor(
    private readonly client: SSMClient,
    private readonly stage: StageName,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(name: SecretName): Promise<string | undefined> {
    const hit = this.cache.get(name);
    if (hit && this.clock() - hit.at < SECRET_CACHE_MS) return hit.value;
    let value: string | undefined;
    try {
      const result = await this.client.send(new GetParameterCommand({ Name: secretParameterName(this.stage, name), WithDecryption: true }));
      value = result.Parameter?.Value || undefined;
    } catch (error) {
      if (!(error instanceof ParameterNotFound)) throw error;
    }
    this.cache.set(name, { value, at: this.clock() });
    return value;
  }
}
