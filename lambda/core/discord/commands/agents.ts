import type { FlagValues } from '../../contract/flags';
import { isPaused, type AgentProfile } from '../../agents/registry';
import type { Requester } from '../../domain/agent';
import { DISCORD_LIMITS, type Embed, type EmbedField } from '../../domain/discord-message';
import { shorten } from '../../domain/discord-text';
import { GRANTED_ROLES, ROLE_FLAGS, anyoneHolds, roleList, rolesOf, type Role } from '../../domain/roles';
import { reply, type InteractionResponse } from '../responses';
import type { FlagLocator } from '../../tasks/permissions';

const flagNames = (roles: readonly Role[]): string =>
  roles
    .flatMap((role) => (role === 'contributor' ? [] : [ROLE_FLAGS[role].users, ROLE_FLAGS[role].roles]))
    .map((flag) => `\`${flag}\``)
    .join(', ');

/** "everyone (contributor)" or "admin, pm or developer (flags …)", and a warning when nobody holds them. */
function whoMay(roles: readonly Role[], flags: FlagValues): string {
  if (roles.length === 0) return 'nobody';
  if (roles.includes('contributor')) return 'everyone (contributor and every other role)';
  const nobody = anyoneHolds(roles, flags) ? '' : ' — nobody holds these roles yet';
  return `${roleList(roles)} (flags ${flagNames(roles)})${nobody}`;
}

function agentField(agent: AgentProfile, flags: FlagValues, locateFlag: FlagLocator): EmbedField {
  const paused = isPaused(agent, flags);
  const pausedBy = paused ? `${locateFlag(agent.pausedBy)} is true` : '';
  const fullName = `${agent.name} — ${paused ? `paused (${pausedBy})` : 'on'}`;
  // A field name holds 256 characters: a long flag location (a deep flags-file path) moves into the value.
  const name = fullName.length <= DISCORD_LIMITS.fieldName ? fullName : shorten(`${agent.name} — ${paused ? 'paused' : 'on'}`, DISCORD_LIMITS.fieldName);
  const value = [
    ...(paused && name !== fullName ? [`Paused: ${pausedBy}.`] : []),
    agent.description,
    `Commands: ${agent.commands.map((c) => `/${c}`).join(', ')}`,
    `May request: ${whoMay(agent.roles.request, flags)}`,
    `May confirm: ${whoMay(agent.roles.confirm, flags)}`,
  ].join('\n');
  return { name, value: shorten(value, DISCORD_LIMITS.fieldValue) };
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Where each role is granted and how many hold it, the caller's own roles, and the second-approver rule. */
function rolesField(requester: Requester, flags: FlagValues, locateFlag: FlagLocator): EmbedField {
  const lines = GRANTED_ROLES.map((role) => {
    const { users, roles } = ROLE_FLAGS[role];
    return `${role} (${count(flags[users].length, 'user')}, ${count(flags[roles].length, 'Discord role')}): ${locateFlag(users)}, ${locateFlag(roles)}`;
  });
  const secondApprover = flags['require-second-approver']
    ? `Second approver: on — a requester cannot confirm their own change; someone else who may confirm must (${locateFlag('require-second-approver')} is true).`
    : `Second approver: off — a requester who may confirm can confirm their own change (${locateFlag('require-second-approver')} is false).`;
  const value = [`You: ${roleList(rolesOf(requester, flags), 'and')}`, ...lines, 'contributor: everyone', secondApprover].join('\n');
  return { name: 'Roles', value: shorten(value, DISCORD_LIMITS.fieldValue) };
}

/** /agents: every agent on staff, what it does, its commands, whether it is on, and who may request and confirm. */
export function agentsReply(agents: readonly AgentProfile[], requester: Requester, flags: FlagValues, locateFlag: FlagLocator): InteractionResponse {
  if (agents.length === 0) return reply({ content: 'No agents are registered in this deployment.' });
  const embed: Embed = {
    title: 'Agents',
    fields: [...agents.slice(0, DISCORD_LIMITS.fields - 1).map((agent) => agentField(agent, flags, locateFlag)), rolesField(requester, flags, locateFlag)],
  };
  return reply({ embeds: [embed] });
}
