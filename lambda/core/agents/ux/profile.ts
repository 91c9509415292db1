import { booleanFlag } from '../../contract/flag-schemas';
import type { AgentProfileDeclaration } from '../staff-member';

export const UX_AGENT_ID = 'ux';
export const UX_COMMAND = 'ux-update';
export const UX_MAP_COMMAND = 'ux-map';

/** The UX Agent's own flags. `disable-ux-updates` keeps its name (operators already use it), not `disable-ux`. */
export const UX_AGENT_FLAGS = {
  'disable-ux-updates': {
    schema: booleanFlag,
    description: 'Pause /ux-update and its buttons (true) without redeploying.',
    defaults: { dev: 'false', prod: 'false' },
  },
} as const;

/** Who the UX Agent is, without its code: the interactions function lists and routes by this alone. */
export const UX_AGENT_PROFILE = {
  id: UX_AGENT_ID,
  name: 'UX Agent',
  description:
    'Finds the header, navbar, footer and hero of your website and edits their text, colours and links; shows the real diff, and opens a draft pull request once you confirm. /ux-map shows what it found.',
  commands: [UX_COMMAND, UX_MAP_COMMAND],
  flags: UX_AGENT_FLAGS,
  pausedBy: 'disable-ux-updates',
  // Previews only read the site (and spend within the LLM budget), so anyone may ask; a change needs someone the team trusts.
  roles: { request: ['admin', 'pm', 'developer', 'contributor'], confirm: ['admin', 'pm', 'developer'] },
} as const satisfies AgentProfileDeclaration<typeof UX_AGENT_FLAGS>;
