import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createFlagSelectedRepoHost } from '../adapters/repo-host-factory';
import { createUxAgent } from '../agents/ux';
import { createRulesParser } from '../agents/ux/rules-parser';
import { flagParameterName } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { Agent } from '../domain/agent';
import { createLlmIntentParser } from '../llm/intent-parser';
import type { FlagReader } from '../ports/flags';
import type { Logger } from '../ports/logger';
import type { SecretReader } from '../ports/secrets';

/** What the agents need from the platform; only the website repository differs between AWS and local mode. */
export interface AgentDeps {
  stage: StageName;
  flags: FlagReader;
  secrets: SecretReader;
  logger: Logger;
  /** The ledger table, which holds the LLM's daily budget. */
  ledgerTable: { client: DynamoDBClient; tableName: string };
  /** Local mode: the git repository edited while `site-repository` is "local" (`.valine/site`, seeded from examples/site). */
  localSite?: { directory: string; seedFrom?: string };
  /** OPENAI_BASE_URL / ANTHROPIC_BASE_URL / GITHUB_API_BASE overrides (local mode, tests). */
  env?: Record<string, string | undefined>;
}

/** The one list of agents the worker runs: one per entry of AGENT_PROFILES, same id and commands. */
export function buildAgents(deps: AgentDeps): Agent[] {
  const env = deps.env ?? {};
  const repoHost = createFlagSelectedRepoHost({
    flags: deps.flags,
    secrets: deps.secrets,
    // On AWS there is no local repository: say which flag to set instead of failing on a missing directory.
    local: deps.localSite ?? {
      missing: `no website repository is configured; an operator must set ${flagParameterName(deps.stage, 'site-repository')} to the GitHub repository as owner/name`,
    },
    githubBaseUrl: env.GITHUB_API_BASE,
  });
  const describeParser = createLlmIntentParser({
    fallback: createRulesParser(),
    secrets: deps.secrets,
    ledger: deps.ledgerTable,
    logger: deps.logger,
    stage: deps.stage,
    env,
  });
  return [createUxAgent({ repoHost, describeParser })];
}

