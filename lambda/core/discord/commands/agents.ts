import type { FlagValues } from '../../contract/flags';
import { isPaused, type AgentProfile } from '../../agents/registry';
import type { Embed } from '../../domain/discord-message';
import { reply, type InteractionResponse } from '../responses';
import type { FlagLocator } from '../permissions';

/** /agents: every agent on staff, what it does, its commands and whether it is switched on. */
export function agentsReply(agents: readonly AgentProfile[], flags: FlagValues, locateFlag: FlagLocator): InteractionResponse {
  if (agents.length === 0) return reply({ content: 'No agents are registered in this deployment.' });
  const embed: Embed = {
    title: 'Agents',
    fields: agents.map((agent) => {
      const state = isPaused(agent, flags) ? `paused (${locateFlag(agent.pausedBy)} is true)` : 'on';
      return {
        name: `${agent.name} — ${state}`,
        value: `${agent.description}\nCommands: ${agent.commands.map((c) => `/${c}`).join(', ')}`,
      };
    }),
  };
  return reply({ embeds: [embed] });
}
