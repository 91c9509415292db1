import type { FlagName } from '../contract/flags';
import type { Agent } from '../domain/agent';
import type { AgentProfileDeclaration } from '../domain/agent-profile';
import { onFirstUse } from '../domain/on-first-use';
import type { AgentCode, AgentPlatform } from './staff-member';
import { STAFF } from './staff';

/**
 * An agent's code: the `factory.ts` of its folder, which is named by its id. esbuild bundles every
 * `agents/<id>/factory.ts` into the worker for this one import (a glob import); no other function
 * imports this file, so their bundles carry the profiles alone.
 */
export const loadAgentCode = async (id: string): Promise<AgentCode> => (await import(`./${id}/factory.ts`)) as AgentCode;

/**
 * The staff as agents the worker can run. Each agent's code is loaded, and the agent built on
 * the platform, when it first proposes or executes: a worker that only edits a Discord message
 * (or sweeps) never loads an agent.
 */
export function hireStaff(platform: AgentPlatform, staff: readonly AgentProfileDeclaration[] = STAFF, load: (id: string) => Promise<AgentCode> = loadAgentCode): Agent[] {
  return staff.map((member) => {
    let loaded: Agent | undefined;
    const agent = onFirstUse(async () => (loaded = (await load(member.id)).createAgent(platform)));
    // The whole profile but its flag declarations (which contract/flags.ts already merged), so a field added to profiles reaches the agent too.
    const { flags: _declared, pausedBy, ...profile } = member;
    return {
      ...profile,
      // Every member's flags are in FLAG_DEFINITIONS, so its pause flag is a flag name.
      ...(pausedBy ? { pausedBy: pausedBy as FlagName } : {}),
      propose: async (request, context) => (await agent()).propose(request, context),
      execute: async (task, context) => (await agent()).execute(task, context),
      // Whether the agent refines is known once its code is loaded (it has proposed): then an agent without `refine` has none here either.
      get refine(): Agent['refine'] {
        if (loaded && !loaded.refine) return undefined;
        return async (task, text, requester, context) => {
          const hired = await agent();
          if (hired.refine) return hired.refine(task, text, requester, context);
          return { kind: 'rejected', message: { content: `${member.name} cannot refine its previews. Confirm or Cancel this one, or Cancel it and ask again with the whole request.` } };
        };
      },
      // No discovery before the code is loaded: nothing to outline yet.
      outline: () => loaded?.outline?.(),
    };
  });
}
