import type { FlagValues } from '../contract/flags';
import type { Agent } from '../domain/agent';

/** What `/agents` and the router need to know about an agent, without loading its code. */
export type AgentProfile = Pick<Agent, 'id' | 'name' | 'description' | 'commands' | 'pausedBy' | 'roles'>;

/** The agents on staff: looked up by id (tasks) and by slash command (requests). */
export class AgentRegistry<A extends AgentProfile = AgentProfile> {
  private readonly byCommand = new Map<string, A>();
  private readonly byIdMap = new Map<string, A>();

  constructor(private readonly agents: readonly A[]) {
    for (const agent of agents) {
      if (this.byIdMap.has(agent.id)) throw new Error(`Two agents share the id "${agent.id}".`);
      this.byIdMap.set(agent.id, agent);
      for (const command of agent.commands) {
        const other = this.byCommand.get(command);
        if (other) throw new Error(`Agents "${other.id}" and "${agent.id}" both answer /${command}.`);
        this.byCommand.set(command, agent);
      }
    }
  }

  list(): readonly A[] {
    return this.agents;
  }

  byId(id: string): A | undefined {
    return this.byIdMap.get(id);
  }

  forCommand(command: string): A | undefined {
    return this.byCommand.get(command);
  }
}

/** True when the agent's pause flag is on; then `agent.pausedBy` names that flag. */
export const isPaused = <A extends AgentProfile>(agent: A, flags: FlagValues): agent is A & Required<Pick<AgentProfile, 'pausedBy'>> =>
  agent.pausedBy !== undefined && flags[agent.pausedBy] === true;
