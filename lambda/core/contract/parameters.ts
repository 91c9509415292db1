import type { FlagName } from './flags';
import type { StageName } from './stages';

/** SSM parameter paths. Functions are granted read access to their own stage's prefix only. */
export const parameterPrefix = (stage: StageName): string => `/valine/${stage}`;
export const flagsPath = (stage: StageName): string => `${parameterPrefix(stage)}/flags`;
export const secretsPath = (stage: StageName): string => `${parameterPrefix(stage)}/secrets`;
export const flagParameterName = (stage: StageName, flag: FlagName): string => `${flagsPath(stage)}/${flag}`;
export const secretParameterName = (stage: StageName, secret: SecretName): string => `${secretsPath(stage)}/${secret}`;

/**
 * Secrets: SSM SecureString parameters the operator puts in place (`npm run put-secret`).
 * Never in the template, a CloudFormation parameter or a Lambda environment variable.
 * `envVar` is where local mode (and the operator scripts) read the same value.
 */
export const SECRET_DEFINITIONS = {
  'discord-public-key': { envVar: 'DISCORD_PUBLIC_KEY', description: 'Discord application public key (hex), verifies interactions.' },
  'discord-bot-token': { envVar: 'DISCORD_BOT_TOKEN', description: 'Discord bot token, used to post alerts and register commands.' },
  'discord-application-id': { envVar: 'DISCORD_APPLICATION_ID', description: 'Discord application id.' },
  'github-app-id': { envVar: 'GITHUB_APP_ID', description: 'GitHub App id.' },
  'github-private-key': { envVar: 'GITHUB_PRIVATE_KEY', description: 'GitHub App private key (PEM).' },
  'github-installation-id': { envVar: 'GITHUB_INSTALLATION_ID', description: 'GitHub App installation id (optional: looked up from the repository).' },
  'github-webhook-secret': { envVar: 'GITHUB_WEBHOOK_SECRET', description: 'Secret that signs GitHub webhook deliveries.' },
  'openai-api-key': { envVar: 'OPENAI_API_KEY', description: 'OpenAI API key (optional).' },
  'anthropic-api-key': { envVar: 'ANTHROPIC_API_KEY', description: 'Anthropic API key (optional).' },
} as const satisfies Record<string, { envVar: string; description: string }>;

export type SecretName = keyof typeof SECRET_DEFINITIONS;
export const SECRET_NAMES = Object.keys(SECRET_DEFINITIONS) as SecretName[];
export function isSecretName(name: string): name is SecretName {
  return Object.prototype.hasOwnProperty.call(SECRET_DEFINITIONS, name);
}
