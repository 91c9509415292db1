/**
 * Registers the slash commands (lambda/core/discord/commands.ts) with Discord by bulk overwrite:
 *
 *   npm run register-commands -- --stage dev [--guild <id>] [--dry-run] [--debug-cmd on|off]   (--help lists the options)
 *
 * The bot token and application id come from DISCORD_BOT_TOKEN / DISCORD_APPLICATION_ID, or
 * else from the stage's SSM secrets. DISCORD_API_BASE points it at another Discord API.
 */
import { DiscordRestClient, DISCORD_API_DEFAULT_BASE } from '../lambda/core/adapters/discord-rest';
import { EnvSecretReader } from '../lambda/core/adapters/env-secrets';
import { FLAG_DEFINITIONS } from '../lambda/core/contract/flags';
import { SECRET_DEFINITIONS, secretParameterName, type SecretName } from '../lambda/core/contract/parameters';
import type { StageName } from '../lambda/core/contract/stages';
import { commandsToRegister, type DiscordCommandPayload } from '../lambda/core/discord/commands';
import type { SecretReader } from '../lambda/core/ports/secrets';
import { consoleLogger } from '../lambda/local/console-logger';
import type { Logger } from '../lambda/core/ports/logger';
import { OperatorError, parseOperatorArgs, requireStage, runOperatorCommand, type CommandHelp } from './ops/operator-command';

export const REGISTER_HELP: CommandHelp = {
  command: 'npm run register-commands',
  synopsis: '--stage <dev|prod> [--guild <id>] [--dry-run] [--debug-cmd on|off]',
  summary: 'Registers the slash commands with Discord (a bulk overwrite of the global commands, or of one server\'s).',
  options: [
    ['--stage <dev|prod>', 'Whose Discord application: its secrets, and whether /debug-last is offered by default.'],
    ['--guild <id>', 'Register for this Discord server only (shows at once; global commands can take a while).'],
    ['--dry-run', 'Print the JSON that would be sent; call nothing, need no token.'],
    ['--debug-cmd on|off', 'Offer /debug-last or not (default: the stage\'s enable-debug-cmd default).'],
  ],
  notes: [
    'The bot token and application id come from DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID, or else from the',
    'stage\'s SSM secrets (AWS credentials needed then). DISCORD_API_BASE points it at another Discord API.',
  ],
  examples: ['npm run register-commands -- --stage dev --guild 123456789012345678', 'npm run register-commands -- --stage prod --dry-run'],
};

export interface RegisterOptions {
  stage: StageName;
  guildId?: string;
  dryRun: boolean;
  /** Offer /debug-last; defaults to the stage's default of enable-debug-cmd. */
  debugCommand: boolean;
}

export function parseRegisterArgs(argv: string[]): RegisterOptions {
  const { values } = parseOperatorArgs(
    argv,
    { stage: { type: 'string' }, guild: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'debug-cmd': { type: 'string' } },
    REGISTER_HELP,
  );
  const stage = requireStage(values.stage, REGISTER_HELP);
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) throw new OperatorError(`--guild must be a Discord server id (digits), not "${values.guild}".`);
  const debug = values['debug-cmd'];
  if (debug !== undefined && debug !== 'on' && debug !== 'off') throw new OperatorError(`--debug-cmd takes "on" or "off", not "${debug}".`);
  return {
    stage,
    guildId: values.guild,
    dryRun: values['dry-run'] === true,
    debugCommand: debug === undefined ? FLAG_DEFINITIONS['enable-debug-cmd'].defaults[stage] === 'true' : debug === 'on',
  };
}

export const registrationPath = (applicationId: string, guildId?: string): string =>
  guildId ? `/applications/${applicationId}/guilds/${guildId}/commands` : `/applications/${applicationId}/commands`;

export interface RegisterDeps {
  /** Environment first, then the stage's SSM secrets. */
  secrets: SecretReader;
  apiBase: string;
  write: (line: string) => void;
  /** Where a rate-limit wait is said (the operator's terminal, warn and above, unless given). */
  logger?: Logger;
}

async function requireSecret(secrets: SecretReader, name: SecretName, stage: StageName): Promise<string> {
  const value = await secrets.get(name);
  if (!value) {
    throw new OperatorError(`The ${name} is not set: export ${SECRET_DEFINITIONS[name].envVar}, or store it with npm run put-secret -- --stage ${stage} --name ${name} (${secretParameterName(stage, name)}).`);
  }
  return value;
}

/** Bulk-overwrites the guild's or the global commands and prints what Discord now holds. */
export async function registerCommands(options: RegisterOptions, deps: RegisterDeps): Promise<DiscordCommandPayload[]> {
  const commands = commandsToRegister({ 'enable-debug-cmd': options.debugCommand });
  const scope = options.guildId ? `server ${options.guildId}` : 'every server (global commands)';
  if (options.dryRun) {
    deps.write(`Dry run: would PUT ${registrationPath('<application id>', options.guildId)} for ${scope} with:`);
    deps.write(JSON.stringify(commands, null, 2));
    return commands;
  }
  const applicationId = await requireSecret(deps.secrets, 'discord-application-id', options.stage);
  const token = await requireSecret(deps.secrets, 'discord-bot-token', options.stage);
  const client = new DiscordRestClient({ baseUrl: deps.apiBase, secrets: deps.secrets, logger: deps.logger ?? consoleLogger('warn') });
  const answer = await client.request('PUT', registrationPath(applicationId, options.guildId), commands, 'register the slash commands', `Bot ${token}`);
  const registered = Array.isArray(answer) ? (answer as Array<{ id?: string; name?: string; description?: string }>) : [];
  deps.write(`Registered ${registered.length} command(s) for ${scope} of application ${applicationId}:`);
  for (const command of registered) deps.write(`  /${command.name} (${command.id}) — ${command.description}`);
  if (!options.debugCommand) deps.write('/debug-last was left out (enable-debug-cmd off for this stage; pass --debug-cmd on to offer it).');
  if (!options.guildId) deps.write('Global commands can take a while to show in every server; use --guild <id> while testing.');
  return commands;
}

/** Environment variables first; otherwise the stage's SSM SecureStrings (AWS credentials needed then). */
async function secretsFor(stage: StageName): Promise<SecretReader> {
  const env = new EnvSecretReader(process.env);
  if (process.env.DISCORD_BOT_TOKEN && process.env.DISCORD_APPLICATION_ID) return env;
  const [{ createSsmParameterSource }, { SsmSecretReader }] = await Promise.all([import('../lambda/core/adapters/ssm-parameters'), import('../lambda/core/adapters/ssm-secrets')]);
  const ssm = new SsmSecretReader(createSsmParameterSource(), stage);
  const fromSsm = async (name: SecretName): Promise<string | undefined> => {
    try {
      return await ssm.get(name);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
      throw new OperatorError(
        `Could not read ${secretParameterName(stage, name)} from SSM (${reason}). Export DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID, or set AWS_PROFILE and AWS_REGION for the stage's account.`,
      );
    }
  };
  return { get: async (name) => (await env.get(name)) ?? fromSsm(name) };
}

if (require.main === module) {
  runOperatorCommand(async () => {
    const options = parseRegisterArgs(process.argv.slice(2));
    await registerCommands(options, {
      secrets: options.dryRun ? new EnvSecretReader({}) : await secretsFor(options.stage),
      apiBase: process.env.DISCORD_API_BASE || DISCORD_API_DEFAULT_BASE,
      write: (line) => process.stdout.write(`${line}\n`),
    });
  });
}
