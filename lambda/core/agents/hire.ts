import type { FlagName } from '../contract/flags';
import type { Agent } from '../domain/agent';
import { onFirstUse } from '../runtime/lazy-adapters';
import type { AgentPlatform, StaffMember } from './staff-member';
import { STAFF } from './staff';

/**
 * The staff as agents the worker can run. Each agent's code is loaded, and the agent built on
 * the platform, when it first proposes or executes: a worker that only edits a Discord message
 * (or sweeps) never loads an agent.
 */
export function hireStaff(platform: AgentPlatform, staff: readonly StaffMember[] = STAFF): Agent[] {
  return staff.map((member) => {
    const agent = onFirstUse(async () => (await member.loadFactory()).createAgent(platform));
    // The whole profile but its flag declarations (which contract/flags.ts already merged), so a field added to profiles reaches the agent too.
    const { flags: _declared, pausedBy, ...profile } = member.profile;
    return {
      ...profile,
      // Every member's flags are in FLAG_DEFINITIONS, so its pause flag is a flag name.
      ...(pausedBy ? { pausedBy: pausedBy as FlagName } : {}),
      propose: async (request, context) => (await agent()).propose(request, context),
      execute: async (task, context) => (await agent()).execute(task, context),
    };
  });
}
