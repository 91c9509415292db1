import type { AgentProfile } from '../agents/registry';

/**
 * The agents on staff as the interactions function knows them: name, description, commands
 * and pause flag, without their code (which only the worker loads). buildAgents() must
 * return one agent per profile, with the same id and commands (checked by a test).
 */
export const AGENT_PROFILES: readonly AgentProfile[] = [
  {
    id: 'ux',
    name: 'UX Agent',
    description: 'Edits the website header, footer, navbar and home page, shows a diff preview, and opens a draft pull request once you confirm.',
    commands: ['ux-update'],
    pausedBy: 'disable-ux-updates',
  },
];
