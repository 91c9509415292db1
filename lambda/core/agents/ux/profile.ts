import type { AgentProfile } from '../registry';

export const UX_AGENT_ID = 'ux';
export const UX_COMMAND = 'ux-update';
export const UX_MAP_COMMAND = 'ux-map';

/** Who the UX Agent is, without its code: the interactions function lists and routes by this alone. */
export const UX_AGENT_PROFILE = {
  id: UX_AGENT_ID,
  name: 'UX Agent',
  description:
    'Finds the header, navbar, footer and hero of your website and edits their text, colours and links; shows the real diff, and opens a draft pull request once you confirm. /ux-map shows what it found.',
  commands: [UX_COMMAND, UX_MAP_COMMAND],
  pausedBy: 'disable-ux-updates',
  // Previews only read the site (and spend within the LLM budget), so anyone may ask; a change needs someone the team trusts.
  roles: { request: ['admin', 'pm', 'developer', 'contributor'], confirm: ['admin', 'pm', 'developer'] },
} as const satisfies AgentProfile;
