import type { PlatformFlagName, PlatformFlagValues } from '../contract/platform-flags';

/** Who asked, and where: a Discord user with the ids of their Discord roles. */
export interface Requester {
  id: string;
  name: string;
  roles: string[];
}

/**
 * The roles of the team. admin, pm and developer are granted by flags (Discord user ids and role
 * ids); contributor is everyone, so a person holds contributor plus whatever the flags grant.
 */
export const ROLES = ['admin', 'pm', 'developer', 'contributor'] as const;
export type Role = (typeof ROLES)[number];
/** The roles a flag grants; only these may confirm (contributors may ask for previews, never approve). */
export type GrantedRole = Exclude<Role, 'contributor'>;
export const GRANTED_ROLES: readonly GrantedRole[] = ['admin', 'pm', 'developer'];

/** Which roles may ask an agent for work, and which may confirm (approve) what it proposed. */
export interface AgentRoles {
  request: readonly Role[];
  confirm: readonly GrantedRole[];
}

/** The two flags that grant a role: people by user id, and members of Discord roles by role id. */
export type RoleFlagName = Extract<PlatformFlagName, `${GrantedRole}-user-ids` | `${GrantedRole}-role-ids`>;
export const ROLE_FLAGS: Readonly<Record<GrantedRole, { users: RoleFlagName; roles: RoleFlagName }>> = {
  admin: { users: 'admin-user-ids', roles: 'admin-role-ids' },
  pm: { users: 'pm-user-ids', roles: 'pm-role-ids' },
  developer: { users: 'developer-user-ids', roles: 'developer-role-ids' },
};

export type RoleFlags = Pick<PlatformFlagValues, RoleFlagName>;

const idsOf = (flags: RoleFlags, flag: RoleFlagName): readonly string[] => flags[flag];

export function holdsRole(requester: Pick<Requester, 'id' | 'roles'>, role: Role, flags: RoleFlags): boolean {
  if (role === 'contributor') return true;
  const { users, roles } = ROLE_FLAGS[role];
  return idsOf(flags, users).includes(requester.id) || requester.roles.some((id) => idsOf(flags, roles).includes(id));
}

/** Every role the person holds, in ROLES order; always ends with contributor. */
export function rolesOf(requester: Pick<Requester, 'id' | 'roles'>, flags: RoleFlags): Role[] {
  return ROLES.filter((role) => holdsRole(requester, role, flags));
}

export function holdsAnyRole(requester: Pick<Requester, 'id' | 'roles'>, allowed: readonly Role[], flags: RoleFlags): boolean {
  return allowed.some((role) => holdsRole(requester, role, flags));
}

/** True when at least one of the roles is granted to someone (contributor always is). */
export function anyoneHolds(allowed: readonly Role[], flags: RoleFlags): boolean {
  return allowed.some((role) => role === 'contributor' || idsOf(flags, ROLE_FLAGS[role].users).length > 0 || idsOf(flags, ROLE_FLAGS[role].roles).length > 0);
}

/** "admin, pm or developer" */
export function roleList(roles: readonly Role[], conjunction = 'or'): string {
  if (roles.length <= 1) return roles.join('');
  return `${roles.slice(0, -1).join(', ')} ${conjunction} ${roles[roles.length - 1]}`;
}
