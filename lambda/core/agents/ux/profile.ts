import { booleanFlag } from '../../contract/flag-schemas';
import type { CommandDefinition } from '../../domain/command';
import type { AgentProfileDeclaration } from '../../domain/agent-profile';

export const UX_AGENT_ID = 'ux';
export const UX_COMMAND = 'ux-update';
export const UX_MAP_COMMAND = 'ux-map';

/** The UX Agent's own flags (the LLM provider, model and budget are the platform's: any agent may use the LLM layer). `disable-ux-updates` keeps its name (operators already use it), not `disable-ux`. */
export const UX_AGENT_FLAGS = {
  'use-llm-parsing': {
    schema: booleanFlag,
    description: 'Parse /ux-update descriptions with an LLM (within the daily budget).',
    defaults: { dev: 'false', prod: 'false' },
  },
  'disable-ux-updates': {
    schema: booleanFlag,
    description: 'Pause /ux-update and its buttons (true) without redeploying.',
    defaults: { dev: 'false', prod: 'false' },
  },
} as const;

/** The UX Agent's slash commands: the router answers them and `npm run register-commands` registers them. */
export const UX_SLASH_COMMANDS = [
  {
    name: 'ux-update',
    description: 'Ask the UX Agent to change the website header, footer, navbar or home page.',
    options: [
      {
        name: 'command',
        description: 'Structured change, e.g. section:header text:"Welcome"',
        type: 'string',
        required: false,
        maxLength: 500,
      },
      {
        name: 'description',
        description: 'The change in plain language, e.g. "make the footer say Made in Lyon"',
        type: 'string',
        required: false,
        maxLength: 1000,
      },
      { name: 'section', description: 'Only in this section, e.g. footer (suggested from the site)', type: 'string', required: false, maxLength: 100, autocomplete: true },
      { name: 'page', description: 'Only on this page, e.g. /pricing (suggested from the site)', type: 'string', required: false, maxLength: 100, autocomplete: true },
    ],
    audience: 'agent',
    atLeastOneOf: {
      options: ['command', 'description'],
      usage:
        'Tell the UX Agent what to change with at least one option: `/ux-update command:section:header text:"Welcome"` ' +
        'for a structured change, or `/ux-update description:make the footer say Made in Lyon` in plain language.',
    },
  },
  {
    name: 'ux-map',
    description: 'List what the UX Agent found on the website: sections, properties, and the file and line of each.',
    options: [
      {
        name: 'section',
        description: 'Only this section, e.g. header',
        type: 'string',
        required: false,
        maxLength: 40,
      },
    ],
    audience: 'everyone',
  },
] as const satisfies readonly CommandDefinition[];

/** Who the UX Agent is, without its code: the interactions function lists and routes by this alone. */
export const UX_AGENT_PROFILE = {
  id: UX_AGENT_ID,
  name: 'UX Agent',
  description:
    'Finds the header, navbar, footer and hero of your website and edits their text, colours and links; shows the real diff, and opens a draft pull request once you confirm. /ux-map shows what it found.',
  commands: [UX_COMMAND, UX_MAP_COMMAND],
  slashCommands: UX_SLASH_COMMANDS,
  flags: UX_AGENT_FLAGS,
  pausedBy: 'disable-ux-updates',
  // Previews only read the site (and spend within the LLM budget), so anyone may ask; a change needs someone the team trusts.
  roles: { request: ['admin', 'pm', 'developer', 'contributor'], confirm: ['admin', 'pm', 'developer'] },
} as const satisfies AgentProfileDeclaration<typeof UX_AGENT_FLAGS>;
