import type { Octokit } from '@octokit/core';
import type { PullRequestRef } from '../domain/task';
import { RepoHostError, type CommitMessage, type DraftPullRequest, type FileToCommit, type RepoDescription, type RepoHost } from '../ports/repo-host';

/**
 * A GitHub repository through a GitHub App (@octokit/app): an installation token per call
 * batch, reads through the contents API, writes through the Git data API (trees, commits,
 * refs with fast-forward-only updates) and draft pull requests found before they are opened.
 */
export interface GitHubRepoHostOptions {
  /** "owner/name". */
  repository: string;
  appId: string | number;
  privateKey: string;
  /** When absent, looked up with GET /repos/{owner}/{repo}/installation. */
  installationId?: number;
  /** https://api.github.com by default; GitHub Enterprise or a test server otherwise. */
  baseUrl?: string;
}

const CAS_ATTEMPTS = 5;

interface RequestFailure {
  status?: number;
  message?: string;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as RequestFailure | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function createGitHubRepoHost(options: GitHubRepoHostOptions): RepoHost {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new RepoHostError(`The site repository must be given as owner/name, not "${options.repository}".`, false);
  let client: Promise<Octokit> | undefined;
  let description: RepoDescription | undefined;

  /** Turns an Octokit failure into a sentence; 5xx, 429 and network failures are retryable. */
  const explain = (error: unknown, doing: string): RepoHostError => {
    if (error instanceof RepoHostError) return error;
    const status = statusOf(error);
    const retryable = status === undefined || status >= 500 || status === 429;
    const hint =
      status === 401 || status === 403
        ? ' Check that the GitHub App is installed on the repository with Contents and Pull requests write access.'
        : status === 404
          ? ` Check that ${options.repository} exists and the GitHub App is installed on it.`
          : retryable
            ? ' GitHub may be having trouble; try again.'
            : '';
    const outcome = retryable ? `GitHub could not ${doing}` : `GitHub refused to ${doing}`;
    return new RepoHostError(`${outcome} in ${options.repository} (${status ?? 'no response'}).${hint}`, retryable, status);
  };

  const octokit = (): Promise<Octokit> => {
    client ??= (async () => {
      // Octokit ships ESM only: loaded on first use so CommonJS entry points (tsx, local mode) can import this module.
      const [{ App }, { Octokit: OctokitCore }] = await Promise.all([import('@octokit/app'), import('@octokit/core')]);
      const app = new App({
        appId: options.appId,
        privateKey: options.privateKey,
        Octokit: OctokitCore.defaults({ baseUrl: options.baseUrl ?? 'https://api.github.com' }),
      });
      const installationId =
        options.installationId ??
        (await app.octokit.request('GET /repos/{owner}/{repo}/installation', { owner, repo })).data.id;
      return (await app.getInstallationOctokit(installationId)) as Octokit;
    })().catch((error: unknown) => {
      client = undefined;
      throw explain(error, 'give the GitHub App access');
    });
    return client;
  };

  const call = async <T>(doing: string, work: (github: Octokit) => Promise<T>): Promise<T> => {
    const github = await octokit();
    try {
      return await work(github);
    } catch (error) {
      throw explain(error, doing);
    }
  };

  const head = async (branch: string): Promise<string | undefined> => {
    try {
      const github = await octokit();
      const { data } = await github.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw explain(error, `read the branch ${branch}`);
    }
  };

  const readFile = async (path: string, ref: string): Promise<string | undefined> => {
    try {
      const github = await octokit();
      const { data } = await github.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file') return undefined;
      if (!('content' in data) || (data.content === '' && data.size > 0)) {
        throw new RepoHostError(`${path} in ${options.repository} is larger than the contents API returns (1 MB); the UX Agent edits smaller files.`, false);
      }
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw explain(error, `read ${path}`);
    }
  };

  const findPullRequest = async (github: Octokit, headBranch: string): Promise<PullRequestRef | undefined> => {
    const { data } = await github.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, head: `${owner}:${headBranch}`, state: 'all', per_page: 1 });
    const found = data[0];
    return found ? { repository: options.repository, number: found.number, url: found.html_url } : undefined;
  };

  return {
    async describe() {
      description ??= await call('read the repository', async (github) => {
        const { data } = await github.request('GET /repos/{owner}/{repo}', { owner, repo });
        return { kind: 'github' as const, name: options.repository, defaultBranch: data.default_branch, url: data.html_url };
      });
      return description;
    },

    head,
    readFile,

    async ensureBranch(branch, fromCommit) {
      try {
        const github = await octokit();
        await github.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha: fromCommit });
        return { created: true, head: fromCommit };
      } catch (error) {
        // 422: the reference already exists (an earlier attempt made it); reuse it.
        if (statusOf(error) === 422) {
          const current = await head(branch);
          if (current) return { created: false, head: current };
        }
        throw explain(error, `create the branch ${branch}`);
      }
    },

    async commitFiles(branch: string, files: readonly FileToCommit[], message: CommitMessage) {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const tip = await head(branch);
        if (!tip) throw new RepoHostError(`The branch ${branch} does not exist in ${options.repository}.`, true);
        const current = await Promise.all(files.map((f) => readFile(f.path, tip)));
        if (current.every((content, i) => content === files[i].content)) return { commit: tip, created: false };
        const moved = await call(`commit to ${branch}`, async (github) => {
          const { data: parent } = await github.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: tip });
          const { data: tree } = await github.request('POST /repos/{owner}/{repo}/git/trees', {
            owner,
            repo,
            base_tree: parent.tree.sha,
            tree: files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content })),
          });
          const { data: commit } = await github.request('POST /repos/{owner}/{repo}/git/commits', {
            owner,
            repo,
            message: message.message,
            tree: tree.sha,
            parents: [tip],
            ...(message.author ? { author: message.author } : {}),
          });
          try {
            await github.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha: commit.sha, force: false });
            return commit.sha;
          } catch (error) {
            // 422: not a fast-forward, someone moved the branch meanwhile; look again.
            if (statusOf(error) === 422) return undefined;
            throw error;
          }
        });
        if (moved) return { commit: moved, created: true };
      }
      throw new RepoHostError(`The branch ${branch} in ${options.repository} kept moving while committing; try again.`, true);
    },

    async openDraftPullRequest(request: DraftPullRequest) {
      return call(`open a draft pull request from ${request.head}`, async (github) => {
        const existing = await findPullRequest(github, request.head);
        if (existing) return { ...existing, created: false };
        try {
          const { data } = await github.request('POST /repos/{owner}/{repo}/pulls', { owner, repo, ...request, draft: true });
          return { repository: options.repository, number: data.number, url: data.html_url, created: true };
        } catch (error) {
          // 422: a pull request for this branch appeared meanwhile (a concurrent retry); use it.
          if (statusOf(error) === 422) {
            const raced = await findPullRequest(github, request.head);
            if (raced) return { ...raced, created: false };
          }
          throw error;
        }
      });
    },
  };
}
