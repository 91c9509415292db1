import type { FlagName, FlagValues } from '../contract/flags';
import { isPaused, type AgentProfile } from '../agents/registry';
import type { Requester } from '../domain/agent';
import type { Task } from '../domain/task';

/** Where an operator changes a flag: an SSM parameter path on AWS, a key of the flags file locally. */
export type FlagLocator = (flag: FlagName) => string;

export type Permission = { allowed: true } | { allowed: false; message: string };

type AdminFlags = Pick<FlagValues, 'admin-user-ids' | 'admin-role-ids'>;

export function isAdmin(requester: Requester, flags: AdminFlags): boolean {
  return flags['admin-user-ids'].includes(requester.id) || requester.roles.some((role) => flags['admin-role-ids'].includes(role));
}

function noAdminsConfigured(locate: FlagLocator): string {
  return (
    'Nobody may ask agents for changes yet: no admins are configured. ' +
    `An operator must set ${locate('admin-user-ids')} (comma-separated Discord user ids) ` +
    `or ${locate('admin-role-ids')} (comma-separated role ids).`
  );
}

/** Commands that change things (`/ux-update`) are for admins only. */
export function mayRequestChanges(requester: Requester, flags: AdminFlags, locate: FlagLocator): Permission {
  if (flags['admin-user-ids'].length === 0 && flags['admin-role-ids'].length === 0) {
    return { allowed: false, message: noAdminsConfigured(locate) };
  }
  if (isAdmin(requester, flags)) return { allowed: true };
  return {
    allowed: false,
    message:
      'Only admins may ask agents for changes. ' +
      `Ask an operator to add your user id (${requester.id}) to ${locate('admin-user-ids')}, or one of your roles to ${locate('admin-role-ids')}.`,
  };
}

/** Confirm and Cancel: the person who asked, or an admin. */
export function mayActOnTask(requester: Requester, task: Pick<Task, 'requesterId' | 'requesterName'>, flags: AdminFlags, locate: FlagLocator): Permission {
  // Emptying both admin flags is the operator's kill switch, for requesters too.
  if (flags['admin-user-ids'].length === 0 && flags['admin-role-ids'].length === 0) {
    return { allowed: false, message: noAdminsConfigured(locate) };
  }
  if (requester.id === task.requesterId || isAdmin(requester, flags)) return { allowed: true };
  return { allowed: false, message: `This request belongs to ${task.requesterName}; only they or an admin can confirm or cancel it.` };
}

/**
 * Confirm and a pick commit what a request proposed, so they are checked against the flags as
 * they are now, not as they were when the request was made: the clicker must be allowed to act on
 * the task and still be an admin. (Cancel only needs mayActOnTask: withdrawing a request is safe.)
 */
export function mayConfirm(requester: Requester, task: Pick<Task, 'requesterId' | 'requesterName'>, flags: AdminFlags, locate: FlagLocator): Permission {
  const acting = mayActOnTask(requester, task, flags, locate);
  if (!acting.allowed || isAdmin(requester, flags)) return acting;
  return {
    allowed: false,
    message:
      'Only admins may confirm changes, and you are no longer one. ' +
      `Ask an operator to add your user id (${requester.id}) to ${locate('admin-user-ids')}, or one of your roles to ${locate('admin-role-ids')}, or ask an admin to confirm it.`,
  };
}

/** Requests and confirmations wait while an operator has paused the agent. */
export function agentAvailable(agent: AgentProfile, flags: FlagValues, locate: FlagLocator): Permission {
  if (!isPaused(agent, flags)) return { allowed: true };
  return { allowed: false, message: `${agent.name} is paused by an operator (${locate(agent.pausedBy)} is true). Try again later.` };
}
