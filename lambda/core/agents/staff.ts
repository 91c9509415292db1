import { REVERT_AGENT_PROFILE } from './revert/profile';
import { UX_AGENT_PROFILE } from './ux/profile';

/**
 * The agents on staff, one line each: the profile, plain data (id, name, commands and their
 * definitions, flags, roles) that the interactions function, the flag registry and the command
 * list read without loading any agent's code. A new agent is a folder named by its id, with
 * `profile.ts` and `factory.ts` (`createAgent`, which the worker loads on first use: agents/hire.ts),
 * plus its line here; its flags join FLAG_DEFINITIONS and its commands COMMANDS by themselves.
 */
export const STAFF = [
  UX_AGENT_PROFILE,
  REVERT_AGENT_PROFILE,
] as const;

/** What /agents and the router need about each agent, without its code. */
export const AGENT_PROFILES = STAFF;
