import type { FlagReader } from '../ports/flags';
import { RepoHostError, type RepoHost } from '../ports/repo-host';
import { MissingSecretError, type SecretReader } from '../ports/secrets';

/** Which website repository the UX Agent edits, and how to reach it. */
export type RepoHostConfig =
  | { kind: 'local'; directory: string; seedFrom?: string }
  | { kind: 'github'; repository: string; secrets: SecretReader; baseUrl?: string };

/**
 * Builds the adapter for a configuration; GitHub App credentials come from the SecretReader.
 * Each adapter (Octokit for GitHub) is loaded here, when a repository is first needed.
 */
export async function createRepoHost(config: RepoHostConfig): Promise<RepoHost> {
  if (config.kind === 'local') return (await import('./local-git-repo-host')).createLocalGitRepoHost({ directory: config.directory, seedFrom: config.seedFrom });
  const [appId, privateKey, installation] = await Promise.all([
    config.secrets.get('github-app-id'),
    config.secrets.get('github-private-key'),
    config.secrets.get('github-installation-id'),
  ]);
  if (!appId) throw new MissingSecretError('github-app-id', 'Put the GitHub App id in place (see docs/ux-agent.md).');
  if (!privateKey) throw new MissingSecretError('github-private-key', 'Put the GitHub App private key (PEM) in place (see docs/ux-agent.md).');
  const installationId = installation && installation !== 'none' ? Number(installation) : undefined;
  if (installationId !== undefined && !Number.isInteger(installationId)) {
    throw new RepoHostError('The github-installation-id secret must be a number (or absent to look it up).', false);
  }
  const { createGitHubRepoHost } = await import('./github-repo-host');
  return createGitHubRepoHost({ repository: config.repository, appId, privateKey: privateKey.replace(/\\n/g, '\n'), installationId, baseUrl: config.baseUrl });
}

export interface FlagSelectedRepoHostOptions {
  flags: FlagReader;
  secrets: SecretReader;
  /**
   * Used when the `site-repository` flag is "local" (its default). On AWS there is no local
   * repository: `missing` is the sentence every call then fails with.
   */
  local: { directory: string; seedFrom?: string } | { missing: string };
  githubBaseUrl?: string;
}

/**
 * A RepoHost that follows the `site-repository` flag: "owner/name" → the GitHub App adapter,
 * "local" → the local git repository. Re-reads the flag on each call (the reader caches it),
 * so pointing the agent at another repository needs no redeploy.
 */
export function createFlagSelectedRepoHost(options: FlagSelectedRepoHostOptions): RepoHost {
  const hosts = new Map<string, Promise<RepoHost>>();
  const configFor = (repository: string): RepoHostConfig => {
    if (repository !== 'local') return { kind: 'github', repository, secrets: options.secrets, baseUrl: options.githubBaseUrl };
    if ('missing' in options.local) throw new RepoHostError(options.local.missing, false);
    return { kind: 'local', ...options.local };
  };
  const current = async (): Promise<RepoHost> => {
    const repository = await options.flags.get('site-repository');
    let host = hosts.get(repository);
    if (!host) {
      host = createRepoHost(configFor(repository));
      host.catch(() => hosts.delete(repository));
      hosts.set(repository, host);
    }
    return host;
  };
  return {
    describe: async () => (await current()).describe(),
    head: async (branch) => (await current()).head(branch),
    readFile: async (path, ref) => (await current()).readFile(path, ref),
    readEntry: async (path, ref) => (await current()).readEntry(path, ref),
    snapshot: async (commit) => (await current()).snapshot(commit),
    ensureBranch: async (branch, from) => (await current()).ensureBranch(branch, from),
    commitFiles: async (branch, files, message) => (await current()).commitFiles(branch, files, message),
    deleteBranch: async (branch) => (await current()).deleteBranch(branch),
    commit: async (sha) => (await current()).commit(sha),
    contains: async (branch, commit) => (await current()).contains(branch, commit),
    changedFiles: async (base, head) => (await current()).changedFiles(base, head),
    pullRequest: async (number) => {
      const host = await current();
      if (!host.pullRequest) throw new RepoHostError('The local site repository has no pull requests; name the commit by its sha instead.', false);
      return host.pullRequest(number);
    },
    pullRequestCommits: async (number) => {
      const host = await current();
      if (!host.pullRequestCommits) throw new RepoHostError('The local site repository has no pull requests; name the commit by its sha instead.', false);
      return host.pullRequestCommits(number);
    },
    openDraftPullRequest: async (request) => {
      const host = await current();
      if (!host.openDraftPullRequest) throw new RepoHostError('The local repository host has no pull requests.', false);
      return host.openDraftPullRequest(request);
    },
    withdrawPullRequest: async (number, branch) => {
      const host = await current();
      if (!host.withdrawPullRequest) throw new RepoHostError('The local repository host has no pull requests.', false);
      return host.withdrawPullRequest(number, branch);
    },
  };
}
