import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { STAFF } from '../agents/staff';
import type { FlagValues } from '../contract/flags';
import type { CommandDefinition } from '../domain/command';

/** The platform's own commands; each agent's commands are defined in its folder (its profile's `slashCommands`). */
export const PLATFORM_COMMANDS = {
  agents: {
    name: 'agents',
    description: 'List the agents, what they do, their commands and whether they are switched on.',
    options: [],
    audience: 'everyone',
  },
  status: {
    name: 'status',
    description: 'Stage, version, flag values, today\'s LLM spend against the budget, and open tasks.',
    options: [],
    audience: 'everyone',
  },
  'debug-last': {
    name: 'debug-last',
    description: 'Your last task with its trace (only you see it).',
    options: [],
    audience: 'everyone',
    enabledBy: 'enable-debug-cmd',
  },
} as const satisfies Record<string, CommandDefinition>;

/** Every slash command: /agents, each agent's (agents/staff.ts), then /status and /debug-last. A name defined twice is refused. */
export function mergeCommands(platform: typeof PLATFORM_COMMANDS, staff: readonly { id: string; slashCommands: readonly CommandDefinition[] }[]): Readonly<Record<string, CommandDefinition>> {
  const { agents, ...rest } = platform;
  const merged: Record<string, CommandDefinition> = { agents };
  const owner = new Map<string, string>(Object.keys(platform).map((name) => [name, 'the platform']));
  for (const profile of staff) {
    for (const command of profile.slashCommands) {
      const other = owner.get(command.name);
      if (other) throw new Error(`The command /${command.name} of agent "${profile.id}" is already defined by ${other === 'the platform' ? other : `agent "${other}"`}; give it another name.`);
      owner.set(command.name, profile.id);
      merged[command.name] = command;
    }
  }
  return { ...merged, ...rest };
}

export const COMMANDS = mergeCommands(PLATFORM_COMMANDS, STAFF);
export const COMMAND_LIST: readonly CommandDefinition[] = Object.values(COMMANDS);

export function findCommand(name: string): CommandDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
}

export function isCommandEnabled(command: CommandDefinition, flags: Pick<FlagValues, 'enable-debug-cmd'>): boolean {
  return command.enabledBy === undefined || flags[command.enabledBy];
}

/** Discord's application command JSON (API v10, CHAT_INPUT), as `npm run register-commands` sends it. */
export type DiscordCommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

export function toDiscordCommand(command: CommandDefinition): DiscordCommandPayload {
  return {
    name: command.name,
    description: command.description,
    type: 1,
    options: command.options.map((o) => ({ type: 3, name: o.name, description: o.description, required: o.required, max_length: o.maxLength, ...(o.autocomplete ? { autocomplete: true } : {}) })),
  };
}

/** The commands to register, given whether the debug command is switched on for the stage. */
export function commandsToRegister(flags: Pick<FlagValues, 'enable-debug-cmd'>): DiscordCommandPayload[] {
  return COMMAND_LIST.filter((c) => isCommandEnabled(c, flags)).map(toDiscordCommand);
}

export type OptionsResult = { ok: true; options: Record<string, string> } | { ok: false; message: string };

/** Keeps the command's own options (trimmed, non-empty), checks their length and the "at least one" rule. */
export function readCommandOptions(command: CommandDefinition, given: Record<string, string>): OptionsResult {
  const options: Record<string, string> = {};
  for (const definition of command.options) {
    const value = given[definition.name]?.trim();
    if (!value) continue;
    if (value.length > definition.maxLength) {
      return { ok: false, message: `The \`${definition.name}\` option is ${value.length} characters long; keep it under ${definition.maxLength}.` };
    }
    options[definition.name] = value;
  }
  for (const definition of command.options) {
    if (definition.required && options[definition.name] === undefined) {
      return { ok: false, message: `/${command.name} needs the \`${definition.name}\` option.` };
    }
  }
  if (command.atLeastOneOf && !command.atLeastOneOf.options.some((name) => options[name] !== undefined)) {
    return { ok: false, message: command.atLeastOneOf.usage };
  }
  return { ok: true, options };
}

/** The command as a person would type it, for the task, the PR body and the audit trail. */
export function commandLine(name: string, options: Record<string, string>): string {
  return [`/${name}`, ...Object.entries(options).map(([key, value]) => `${key}:${value}`)].join(' ');
}
