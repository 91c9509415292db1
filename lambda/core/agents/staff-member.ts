import type { AgentFlagDefinitions } from '../contract/flag-schemas';
import type { StageName } from '../contract/stages';
import type { Agent } from '../domain/agent';
import type { AgentRoles } from '../domain/roles';
import type { CommandDefinition } from '../discord/commands';
import type { FlagReader } from '../ports/flags';
import type { LlmBudget } from '../ports/llm-budget';
import type { Logger } from '../ports/logger';
import type { RepoHost } from '../ports/repo-host';
import type { SecretReader } from '../ports/secrets';

/**
 * Who an agent is, without its code: what /agents lists and the router routes by, and the
 * flags it declares (its pause flag `disable-<agent>` at least), which join the flag registry.
 */
export interface AgentProfileDeclaration<F extends AgentFlagDefinitions = AgentFlagDefinitions> {
  id: string;
  name: string;
  description: string;
  commands: readonly string[];
  /** The definitions of those commands (options, texts, audience), registered with Discord from here. */
  slashCommands: readonly CommandDefinition[];
  flags: F;
  /** One of its own boolean flags that, when true, pauses the agent without a redeploy. */
  pausedBy?: keyof F & string;
  /** Who may ask it for work and who may confirm what it proposes. */
  roles: AgentRoles;
}

/** What the platform gives every agent the worker builds (AWS and local mode choose the adapters). */
export interface AgentPlatform {
  stage: StageName;
  flags: FlagReader;
  secrets: SecretReader;
  logger: Logger;
  /** The daily LLM budget any agent calling a model reserves from. */
  llmBudget: LlmBudget;
  /** The website repository (the `site-repository` flag). */
  repoHost: RepoHost;
  /** OPENAI_BASE_URL / ANTHROPIC_BASE_URL overrides (local mode, tests); unset means the public APIs. */
  env: Record<string, string | undefined>;
}

/** An agent folder's `factory.ts` exports this as `createAgent`. */
export type AgentFactory = (platform: AgentPlatform) => Agent;

/** One line of the staff list: the agent's profile, and how to load its factory when the worker first needs it. */
export interface StaffMember<P extends AgentProfileDeclaration = AgentProfileDeclaration> {
  profile: P;
  loadFactory(): Promise<{ createAgent: AgentFactory }>;
}

/**
 * Every bundle but the worker's is built with `globalThis.VALINE_PROFILES_ONLY` defined as true
 * (lib/constructs/lambda-bundle.ts), so esbuild drops the `import()` of each agent's code from
 * it; in the worker, local mode and the tests it is undefined and the import runs.
 */
export const staffMember = <P extends AgentProfileDeclaration>(profile: P, loadFactory: StaffMember['loadFactory']): StaffMember<P> => ({ profile, loadFactory });

export class AgentCodeAbsentError extends Error {
  constructor(id: string) {
    super(`The code of agent "${id}" is not in this function's bundle (only the worker runs agents).`);
  }
}
