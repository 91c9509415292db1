import { AgentCodeAbsentError, staffMember } from './staff-member';
import { REVERT_AGENT_PROFILE } from './revert/profile';
import { UX_AGENT_PROFILE } from './ux/profile';

/**
 * The agents on staff, one line each: the profile (all the interactions function loads) and
 * the factory, imported only when the worker first needs the agent. A new agent is a folder
 * with `profile.ts` (id, name, its slash commands' definitions, its flags, its roles) and `factory.ts` (`createAgent`), plus its
 * line here; its flags join FLAG_DEFINITIONS and its commands COMMANDS (and `register-commands`) by themselves.
 */
export const STAFF = [
  staffMember(UX_AGENT_PROFILE, () => (globalThis.VALINE_PROFILES_ONLY ? Promise.reject(new AgentCodeAbsentError('ux')) : import('./ux/factory'))),
  staffMember(REVERT_AGENT_PROFILE, () => (globalThis.VALINE_PROFILES_ONLY ? Promise.reject(new AgentCodeAbsentError('revert')) : import('./revert/factory'))),
] as const;

declare global {
  // Set by the esbuild `define` of every bundle but the worker's (see staff-member.ts).
  var VALINE_PROFILES_ONLY: boolean | undefined;
}

/** What /agents and the router need about each agent, without its code. */
export const AGENT_PROFILES = STAFF.map((member) => member.profile);
