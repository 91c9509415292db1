import type { AgentProfile } from '../agents/registry';
import { UX_AGENT_PROFILE } from '../agents/ux/profile';

/**
 * The agents on staff as the interactions function knows them: name, description, commands
 * and pause flag, without their code (which only the worker loads). buildAgents() must
 * return one agent per profile, with the same id and commands (checked by a test).
 */
export const AGENT_PROFILES: readonly AgentProfile[] = [UX_AGENT_PROFILE];
