import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSecretName, SECRET_DEFINITIONS, SECRET_NAMES, type SecretName } from '../core/contract/parameters';

/**
 * Local mode's secrets: read once at start from the dev secrets file (`.valine/secrets.json`,
 * mode 600, written by `npm run put-secret -- --stage local`) and from the environment
 * variables named in SECRET_DEFINITIONS (which win). The values then live in the server's
 * memory only: start.ts deletes the variables from process.env, so no child inherits them.
 */
export interface LocalSecrets {
  values: Partial<Record<SecretName, string>>;
  /** Secrets that came from environment variables: they also sit in the starting environment of every process above the server (npm, tsx), where any program of the same user can read them. */
  fromEnvironment: SecretName[];
  fromFile: SecretName[];
  file: string;
}

export class LocalSecretsError extends Error {}

/** The secrets file as JSON: `{ "discord-bot-token": "…", … }`, keyed by the names of SECRET_DEFINITIONS. */
async function readSecretsFile(file: string): Promise<Partial<Record<SecretName, string>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new LocalSecretsError(`${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); fix its permissions or delete it.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LocalSecretsError(`${file} is not JSON. It holds the local secrets as {"discord-bot-token": "…"}; rewrite it with npm run put-secret -- --stage local --name <secret>.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LocalSecretsError(`${file} must hold one JSON object of secret names and values, e.g. {"discord-bot-token": "…"}.`);
  }
  const values: Partial<Record<SecretName, string>> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!isSecretName(name)) throw new LocalSecretsError(`${file} names "${name}", which is not a secret of this bot; secrets: ${SECRET_NAMES.join(', ')}.`);
    if (typeof value !== 'string') throw new LocalSecretsError(`${file}: the value of "${name}" must be a string.`);
    if (value !== '') values[name] = value;
  }
  return values;
}

export async function readLocalSecrets(env: NodeJS.ProcessEnv, file: string): Promise<LocalSecrets> {
  const stored = await readSecretsFile(file);
  const values: Partial<Record<SecretName, string>> = { ...stored };
  const fromEnvironment: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    const value = env[SECRET_DEFINITIONS[name].envVar];
    if (value === undefined || value === '') continue;
    values[name] = value;
    fromEnvironment.push(name);
  }
  return { values, fromEnvironment, fromFile: (Object.keys(stored) as SecretName[]).filter((name) => !fromEnvironment.includes(name)), file };
}

/** Deletes every secret's variable from `env` (process.env at start), so the processes the server starts never inherit one. */
export function scrubSecretVariables(env: NodeJS.ProcessEnv): void {
  for (const name of SECRET_NAMES) delete env[SECRET_DEFINITIONS[name].envVar];
}

/** Stores one secret in the local secrets file (mode 600), keeping the others; written whole, then renamed into place. */
export async function writeLocalSecret(file: string, name: SecretName, value: string): Promise<void> {
  const values = { ...(await readSecretsFile(file)), [name]: value };
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}
