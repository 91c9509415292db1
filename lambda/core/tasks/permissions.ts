import type { FlagName, FlagValues } from '../contract/flags';
import { isPaused, type AgentProfile, type AgentRegistry } from '../agents/registry';
import type { Requester } from '../domain/agent';
import { plainText } from '../domain/discord-text';
import { ROLE_FLAGS, anyoneHolds, holdsAnyRole, roleList, rolesOf, type GrantedRole, type Role, type RoleFlags } from '../domain/roles';
import type { Task } from '../domain/task';

/** Where an operator changes a flag: an SSM parameter path on AWS, a key of the flags file locally. */
export type FlagLocator = (flag: FlagName) => string;

export type Permission = { allowed: true } | { allowed: false; message: string };

/** The flags a permission reads: who holds which role, and whether a second approver is needed. */
export type PermissionFlags = RoleFlags & Pick<FlagValues, 'require-second-approver'>;

/** What a check needs to know of an agent: its name (for the sentence) and its declared roles. */
export type AgentAccess = Pick<AgentProfile, 'name' | 'roles'>;

/** A task whose agent is no longer registered: its requester or an admin may still cancel it. */
export const unregisteredAgentAccess = (agentId: string): AgentAccess => ({ name: `the agent "${agentId}"`, roles: { request: [], confirm: ['admin'] } });

/** The task's agent as registered, or (no longer registered) a declaration that lets only an admin act. */
export const accessOf = (task: Pick<Task, 'agentId'>, agents: Pick<AgentRegistry<AgentProfile>, 'byId'>): AgentAccess => agents.byId(task.agentId) ?? unregisteredAgentAccess(task.agentId);

const ALLOWED: Permission = { allowed: true };
const refuse = (message: string): Permission => ({ allowed: false, message });

/** The roles among `roles` that a flag grants (contributor needs none). */
const granted = (roles: readonly Role[]): GrantedRole[] => roles.filter((role): role is GrantedRole => role !== 'contributor');

/** `the SSM parameter …/admin-user-ids or …/pm-user-ids`: where each of the roles is granted to a user or to a Discord role. */
export function grantingFlags(roles: readonly Role[], kind: 'users' | 'roles', locate: FlagLocator): string {
  return granted(roles)
    .map((role) => locate(ROLE_FLAGS[role][kind]))
    .join(' or ');
}

/** How a person gets one of the roles: the flags an operator adds their user id or one of their Discord roles to. */
function howToGet(roles: readonly Role[], requester: Requester, locate: FlagLocator): string {
  return `ask an operator to add your user id (${requester.id}) to ${grantingFlags(roles, 'users', locate)}, or one of your Discord roles to ${grantingFlags(roles, 'roles', locate)}`;
}

function youHold(requester: Requester, flags: RoleFlags): string {
  const held = granted(rolesOf(requester, flags));
  return held.length === 0 ? 'you are a contributor' : `you hold ${held.length === 1 ? 'the role' : 'the roles'} ${roleList(held, 'and')}`;
}

/** An agent's command that starts work (`/ux-update`): open to the roles the agent lets request. */
export function mayRequest(agent: AgentAccess, requester: Requester, flags: PermissionFlags, locate: FlagLocator): Permission {
  const allowed = agent.roles.request;
  if (holdsAnyRole(requester, allowed, flags)) return ALLOWED;
  if (!anyoneHolds(allowed, flags)) {
    return refuse(
      `Nobody may ask ${agent.name} for work yet: no ${roleList(allowed)} is configured. ` +
        `An operator must set ${grantingFlags(allowed, 'users', locate)} (comma-separated Discord user ids) or ${grantingFlags(allowed, 'roles', locate)} (comma-separated role ids).`,
    );
  }
  return refuse(`Only ${roleList(allowed)} may ask ${agent.name} for work, and ${youHold(requester, flags)}. To get one of those roles, ${howToGet(allowed, requester, locate)}.`);
}

/**
 * Confirm commits what a request proposed, so it is checked against the flags as they are now
 * (at the click, in the worker, and before a resumed run), not as they were when it was asked:
 * the clicker must hold a role the agent lets confirm and, while `require-second-approver` is on,
 * be someone other than the requester.
 */
export function mayConfirm(agent: AgentAccess, requester: Requester, task: Pick<Task, 'requesterId'>, flags: PermissionFlags, locate: FlagLocator): Permission {
  const allowed = agent.roles.confirm;
  // Secure by default: until an operator grants a confirming role, nothing is confirmed.
  if (!anyoneHolds(allowed, flags)) {
    return refuse(
      `Nobody may confirm ${agent.name}'s changes yet: no ${roleList(allowed)} is configured. ` +
        `An operator must set ${grantingFlags(allowed, 'users', locate)} (comma-separated Discord user ids) or ${grantingFlags(allowed, 'roles', locate)} (comma-separated role ids).`,
    );
  }
  if (!holdsAnyRole(requester, allowed, flags)) {
    return refuse(
      `Only ${roleList(allowed)} may confirm ${agent.name}'s changes, and ${youHold(requester, flags)}. ` +
        `Ask someone who holds one of those roles to click Confirm; or, to get one, ${howToGet(allowed, requester, locate)}.`,
    );
  }
  if (flags['require-second-approver'] && requester.id === task.requesterId) {
    return refuse(
      `This change needs a second approver: someone else who may confirm (roles ${roleList(allowed)}) must click Confirm. ` +
        `You asked for it, and while ${locate('require-second-approver')} is true a requester cannot approve their own change.`,
    );
  }
  return ALLOWED;
}

/**
 * A pick under a question only chooses which preview to show; it approves nothing. The requester
 * may pick (if they may still ask this agent), and so may anyone who may confirm for it.
 */
export function mayPick(agent: AgentAccess, requester: Requester, task: Pick<Task, 'requesterId' | 'requesterName'>, flags: PermissionFlags, locate: FlagLocator): Permission {
  if (holdsAnyRole(requester, agent.roles.confirm, flags)) return ALLOWED;
  if (requester.id === task.requesterId) return mayRequest(agent, requester, flags, locate);
  return refuse(
    `This question belongs to ${plainText(task.requesterName)}; only they or someone who may confirm ${agent.name}'s changes (${roleList(agent.roles.confirm)}) can pick an option.`,
  );
}

/**
 * Refine changes what a preview proposes (nothing is committed), so it is a request: the clicker must
 * be allowed to ask the agent for work, and be the requester or someone who may confirm for it.
 * Refused like a Confirm: a sentence for the clicker alone, the preview kept.
 */
export function mayRefine(agent: AgentAccess, requester: Requester, task: Pick<Task, 'requesterId' | 'requesterName'>, flags: PermissionFlags, locate: FlagLocator): Permission {
  const asking = mayRequest(agent, requester, flags, locate);
  if (!asking.allowed) return refuse(`Not refined, the preview stays as it was: ${asking.message}`);
  if (requester.id === task.requesterId || holdsAnyRole(requester, agent.roles.confirm, flags)) return ALLOWED;
  return refuse(
    `Not refined, the preview stays as it was: it belongs to ${plainText(task.requesterName)}, and only they or someone who may confirm ${agent.name}'s changes (${roleList(agent.roles.confirm)}) can refine it. Ask them, or make a request of your own.`,
  );
}

/** Cancel withdraws a request, which is always safe: the requester, or anyone who may confirm for the agent. */
export function mayCancel(agent: AgentAccess, requester: Requester, task: Pick<Task, 'requesterId' | 'requesterName'>, flags: PermissionFlags): Permission {
  if (requester.id === task.requesterId || holdsAnyRole(requester, agent.roles.confirm, flags)) return ALLOWED;
  return refuse(
    `This request belongs to ${plainText(task.requesterName)}; only they or someone who may confirm ${agent.name}'s changes (${roleList(agent.roles.confirm)}) can cancel it.`,
  );
}

/** Requests and confirmations wait while an operator has paused the agent. */
export function agentAvailable(agent: AgentProfile, flags: FlagValues, locate: FlagLocator): Permission {
  if (!isPaused(agent, flags)) return { allowed: true };
  return { allowed: false, message: `${agent.name} is paused by an operator (${locate(agent.pausedBy)} is true). Try again later.` };
}
