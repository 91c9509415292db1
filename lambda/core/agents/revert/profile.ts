import { booleanFlag } from '../../contract/flag-schemas';
import type { CommandDefinition } from '../../domain/command';
import type { AgentProfileDeclaration } from '../../domain/agent-profile';

export const REVERT_AGENT_ID = 'revert';
export const REVERT_COMMAND = 'revert';

/** The Revert Agent's own flags: its pause flag. */
export const REVERT_AGENT_FLAGS = {
  'disable-revert': {
    schema: booleanFlag,
    description: 'Pause /revert and the Revert buttons (true) without redeploying.',
    defaults: { dev: 'false', prod: 'false' },
  },
} as const;

/** The Revert Agent's slash command. */
export const REVERT_SLASH_COMMANDS = [
  {
    name: 'revert',
    description: 'Ask the Revert Agent to undo a merged change of the website: shows the reverse diff first.',
    options: [
      {
        name: 'target',
        description: 'Pull request (#123, 123 or its URL) or commit sha (7 to 40 hex digits)',
        type: 'string',
        required: true,
        maxLength: 200,
      },
    ],
    audience: 'agent',
  },
] as const satisfies readonly CommandDefinition[];

/** Who the Revert Agent is, without its code: the interactions function lists and routes by this alone. */
export const REVERT_AGENT_PROFILE = {
  id: REVERT_AGENT_ID,
  name: 'Revert Agent',
  description:
    'Undoes a merged change of the website: shows the reverse diff of a pull request or commit, refuses when it no longer reverts cleanly, and opens a draft revert pull request once you confirm.',
  commands: [REVERT_COMMAND],
  slashCommands: REVERT_SLASH_COMMANDS,
  flags: REVERT_AGENT_FLAGS,
  pausedBy: 'disable-revert',
  // Anyone may see what undoing a change would do; only those who may ship website changes confirm it.
  roles: { request: ['admin', 'pm', 'developer', 'contributor'], confirm: ['admin', 'pm', 'developer'] },
} as const satisfies AgentProfileDeclaration<typeof REVERT_AGENT_FLAGS>;
