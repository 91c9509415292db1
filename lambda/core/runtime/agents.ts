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
import { RepoHostError, type RepoHost } from '../ports/repo-host';
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
    local: deps.localSite ?? { directory: '/tmp/valine-site' },
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
  return [createUxAgent({ repoHost: deps.localSite ? repoHost : requireGithubRepository(repoHost, deps.flags, deps.stage), describeParser })];
}

/** On AWS there is no local repository to edit: say which flag to set instead of failing on a missing directory. */
function requireGithubRepository(host: RepoHost, flags: FlagReader, stage: StageName): RepoHost {
  const checked = async <T>(call: () => Promise<T>): Promise<T> => {
    if ((await flags.get('site-repository')) === 'local') {
      throw new RepoHostError(`no website repository is configured; an operator must set ${flagParameterName(stage, 'site-repository')} to the GitHub repository as owner/name`, false);
    }
    return call();
  };
  return {
    describe: () => checked(() => host.describe()),
    head: (branch) => checked(() => host.head(branch)),
    readFile: (path, ref) => checked(() => host.readFile(path, ref)),
    ensureBranch: (branch, from) => checked(() => host.ensureBranch(branch, from)),
    commitFiles: (branch, files, message) => checked(() => host.commitFiles(branch, files, message)),
    openDraftPullRequest: (request) => checked(() => (host.openDraftPullRequest ? host.openDraftPullRequest(request) : Promise.reject(new RepoHostError('This repository host has no pull requests.', false)))),
  };
}
