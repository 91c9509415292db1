import type { StageName } from '../contract/stages';
import type { Agent } from '../domain/agent';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { SecretReader } from '../ports/secrets';

/** What agents may need from the platform; the repository host differs between AWS and local mode. */
export interface AgentDeps {
  stage: StageName;
  secrets: SecretReader;
  ledger: Ledger;
  logger: Logger;
  /** Local mode: the git repository the UX Agent edits (`.valine/site`). */
  localSiteDirectory?: string;
}

/** The one list of agents the worker runs (one per entry of AGENT_PROFILES). */
export function buildAgents(_deps: AgentDeps): Agent[] {
  return [];
}
