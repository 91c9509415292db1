import type { StageName } from '../contract/stages';
import type { Agent } from '../domain/agent';
import type { FlagReader } from '../ports/flags';
import type { LlmBudget } from '../ports/llm-budget';
import type { Logger } from '../ports/logger';
import type { RepoHost } from '../ports/repo-host';
import type { SecretReader } from '../ports/secrets';

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

/** An agent folder's `factory.ts`, loaded when the worker first needs the agent. */
export interface AgentCode {
  createAgent: AgentFactory;
}
