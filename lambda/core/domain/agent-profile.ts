import type { AgentFlagDefinitions } from '../contract/flag-schemas';
import type { CommandDefinition } from './command';
import type { AgentRoles } from './roles';

/**
 * Who an agent is, without its code: what /agents lists and the router routes by, and the
 * flags it declares (its pause flag `disable-<agent>` at least), which join the flag registry.
 * Plain data: a profile imports only contract/ and domain/, so the ground floor may read it.
 */
export interface AgentProfileDeclaration<F extends AgentFlagDefinitions = AgentFlagDefinitions> {
  /** Also the name of the agent's folder under lambda/core/agents/, where its `factory.ts` is. */
  id: string;
  name: string;
  description: string;
  commands: readonly string[];
  /** The definitions of those commands (options, texts, audience), registered with Discord from here. */
  slashCommands: readonly CommandDefinition[];
  flags: F;
  /** One of its own boolean flags that, when true, pauses the agent without a redeploy. */
  pausedBy?: keyof F & string;
  /** Who may ask it for work and who may confirm what it proposes. */
  roles: AgentRoles;
}
