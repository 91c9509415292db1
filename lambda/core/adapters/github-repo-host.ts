import type { Octokit } from '@octokit/core';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { PullRequestRef } from '../domain/task';
import { PULL_REQUEST_COMMITS_LIMIT, REGULAR_FILE, RepoHostError, isDeletion, isFileMode, type ChangedFile, type CommitInfo, type CommitMessage, type DraftPullRequest, type FileMode, type FileWrite, type RepoDescription, type RepoFile, type RepoHost, type RepoSnapshot } from '../ports/repo-host';
import { gitBlobId, modeToWrite } from './file-modes';
import { createSnapshotBuilder, isFullCommitSha } from './snapshot-filter';

/**
 * A GitHub repository through a GitHub App (@octokit/app): an installation token scoped to the
 * one repository, single files through the contents API, whole snapshots as one tarball per
 * commit, writes through the Git data API (trees, commits, refs with fast-forward-only
 * updates) and draft pull requests found before they are opened.
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
  /** Longest wait for one GitHub request, its body included (20 s): a silent GitHub is a retryable failure, not a worker stuck until its timeout. */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

const CAS_ATTEMPTS = 5;
/** GitHub's compare lists at most this many files; a larger change is not reverted from here. */
const COMPARE_FILE_LIMIT = 300;
const ABBREVIATED_SHA = /^[0-9a-f]{7,40}$/i;
/** The most GitHub lists in one page of a pull request's commits. */
const PULL_COMMITS_PAGE = 100;
/** Installation tokens live an hour; a new one is asked for this long before that. */
const TOKEN_RENEWAL_MS = 5 * 60_000;
/** Trees kept by sha (a tree never changes): a path's entry then costs a call only per folder not seen yet. */
const TREE_CACHE_SIZE = 256;
/** Blobs kept by sha (a revert reads a file at three commits, mostly the same blob twice): this many, each at most BLOB_CACHE_MAX_BYTES. */
const BLOB_CACHE_SIZE = 64;
const BLOB_CACHE_MAX_BYTES = 256 * 1024;

/** One entry of a git tree as GitHub lists it. */
interface TreeEntry {
  path: string;
  mode: FileMode | '040000';
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

/** A tree listing as GitHub sends it; anything else (a cut-off answer) is refused before use. */
function treeEntries(data: unknown): { entries: TreeEntry[]; truncated: boolean } | undefined {
  const listing = data as { tree?: unknown; truncated?: unknown } | null;
  if (!listing || !Array.isArray(listing.tree)) return undefined;
  const entries: TreeEntry[] = [];
  for (const item of listing.tree as Array<Record<string, unknown>>) {
    const { path, mode, type, sha } = item;
    if (typeof path !== 'string' || typeof sha !== 'string' || (type !== 'blob' && type !== 'tree' && type !== 'commit')) return undefined;
    if (!isFileMode(mode) && mode !== '040000') return undefined;
    entries.push({ path, mode, type, sha });
  }
  return { entries, truncated: listing.truncated === true };
}

/** An installation token's client, and the repository as GitHub described it when issuing the token. */
interface Session {
  github: Octokit;
  renewAt: number;
  repository?: RepoDescription;
}

interface RequestFailure {
  status?: number;
  message?: string;
}

/** What a stream failure says (zlib's errors may come from another realm, so not `instanceof Error`). */
function reasonOf(error: unknown): string {
  const message = (error as RequestFailure | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** A failure and its causes (fetch's `TypeError: fetch failed` holds `connect ECONNREFUSED …` two causes down), for the log. */
function detailOf(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error, depth = 0; at !== undefined && at !== null && depth < 4; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    parts.push(`${reasonOf(at)}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  return parts.join(' ← ');
}

/** Octokit's answer whose JSON body broke off mid-way (see refuseCutOffAnswers). */
class CutOffAnswerError extends Error {}

function statusOf(error: unknown): number | undefined {
  const status = (error as RequestFailure | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A commit as GitHub's commit endpoints describe it (one commit, or an item of a pull request's commits). */
interface GitHubCommit {
  sha: string;
  html_url: string;
  parents: Array<{ sha: string }>;
  commit: { message: string; author?: { name?: string; email?: string } | null };
}

function commitInfo(data: GitHubCommit): CommitInfo {
  const author = data.commit.author;
  return {
    sha: data.sha,
    parents: data.parents.map((p) => p.sha),
    message: data.commit.message,
    ...(author?.name !== undefined && author.email !== undefined ? { author: { name: author.name, email: author.email } } : {}),
    url: data.html_url,
  };
}

/**
 * Octokit hands over the bare text of a JSON answer whose connection broke off mid-way (often
 * ""), and code reading `data.files` or `data.status` of it would see an empty change or a
 * commit not on the branch. Such an answer is refused as the retryable failure it is.
 */
function refuseCutOffAnswers(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.after('request', (response, request) => {
    // 204 and 205 have no body by definition (a branch deleted), whatever content type they carry.
    if (response.status === 204 || response.status === 205) return;
    const type = String(response.headers['content-type'] ?? '');
    if (/json/i.test(type) && (typeof response.data !== 'object' || response.data === null)) {
      throw new CutOffAnswerError(`${request.method} ${request.url}: the JSON body was cut off`);
    }
  });
}

/** A tree entry as modeToWrite sees it: folders count as absent (git refuses a file over a folder anyway). */
const writableEntry = (entry: TreeEntry | undefined): { mode: FileMode } | undefined => (entry && entry.mode !== '040000' ? { mode: entry.mode } : undefined);

export function createGitHubRepoHost(options: GitHubRepoHostOptions): RepoHost {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new RepoHostError(`The site repository must be given as owner/name, not "${options.repository}".`, false);
  let description: Promise<RepoDescription> | undefined;
  /** head() calls for a branch already being read share that read. */
  const headsInFlight = new Map<string, Promise<string | undefined>>();
  /** The last snapshot read (or being read): a commit's files never change. */
  let lastSnapshot: { commit: string; files: Promise<RepoSnapshot> } | undefined;

  /**
   * Turns an Octokit failure into a sentence; 5xx, 429 and network failures are retryable. What
   * GitHub or the network said (`connect ECONNREFUSED …`, `socket hang up`) stays in the detail.
   */
  const explain = (error: unknown, doing: string): RepoHostError => {
    if (error instanceof RepoHostError) return error;
    // Octokit reports a request that got no answer (refused, reset, timed out) as a 500 without a response.
    const answered = typeof error === 'object' && error !== null && 'response' in error && (error as { response?: unknown }).response !== undefined;
    const status = answered ? statusOf(error) : undefined;
    const noStatus = error instanceof CutOffAnswerError ? 'its answer broke off' : 'no response';
    const retryable = status === undefined || status >= 500 || status === 429;
    const hint =
      status === 401 || status === 403
        ? ' Check that the GitHub App is installed on the repository with Contents and Pull requests write access.'
        : status === 404
          ? ` Check that ${options.repository} exists and the GitHub App is installed on it.`
          : status === 422 && doing === 'give the GitHub App access'
            ? ` Check that the GitHub App is installed on ${options.repository}.`
          : retryable
            ? ' GitHub may be having trouble; try again.'
            : '';
    const outcome = retryable ? `GitHub could not ${doing}` : `GitHub refused to ${doing}`;
    return new RepoHostError(`${outcome} in ${options.repository} (${status ?? noStatus}).${hint}`, retryable, status, detailOf(error));
  };

  let app: Promise<{ request: Octokit['request']; client: (token: string) => Octokit }> | undefined;
  let installationId = options.installationId;
  let session: Promise<Session> | undefined;
  let current: Session | undefined;

  const appClient = () => {
    app ??= (async () => {
      // Octokit ships ESM only: loaded on first use so CommonJS entry points (tsx, local mode) can import this module.
      const [{ App }, { Octokit: OctokitCore }] = await Promise.all([import('@octokit/app'), import('@octokit/core')]);
      const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      const fetchWithDeadline: typeof fetch = (input, init) =>
        fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) });
      const WithBase = OctokitCore.plugin(refuseCutOffAnswers).defaults({ baseUrl: options.baseUrl ?? 'https://api.github.com', request: { fetch: fetchWithDeadline } });
      const github = new App({ appId: options.appId, privateKey: options.privateKey, Octokit: WithBase });
      return { request: github.octokit.request, client: (token: string) => new WithBase({ auth: token }) };
    })().catch((error: unknown) => {
      app = undefined;
      throw error;
    });
    return app;
  };

  const connect = async (): Promise<Session> => {
    const { request, client } = await appClient();
    installationId ??= (await request('GET /repos/{owner}/{repo}/installation', { owner, repo })).data.id;
    // Scoped to the one repository (least privilege); GitHub's answer then describes it, so describe() costs no call of its own.
    const { data } = await request('POST /app/installations/{installation_id}/access_tokens', { installation_id: installationId, repositories: [repo] });
    const described = data.repositories?.find((r) => r.name.toLowerCase() === repo.toLowerCase());
    return {
      github: client(data.token),
      renewAt: Date.parse(data.expires_at) - TOKEN_RENEWAL_MS,
      ...(described ? { repository: { kind: 'github' as const, name: options.repository, defaultBranch: described.default_branch, url: described.html_url } } : {}),
    };
  };

  const openSession = (): Promise<Session> => {
    if (!session || (current && Date.now() >= current.renewAt)) {
      current = undefined;
      session = connect().then(
        (opened) => (current = opened),
        (error: unknown) => {
          session = undefined;
          throw explain(error, 'give the GitHub App access');
        },
      );
    }
    return session;
  };

  const octokit = async (): Promise<Octokit> => (await openSession()).github;

  const call = async <T>(doing: string, work: (github: Octokit) => Promise<T>): Promise<T> => {
    const github = await octokit();
    try {
      return await work(github);
    } catch (error) {
      throw explain(error, doing);
    }
  };

  /** Always a fresh read: the compare-and-swap loops must not see a read that began before theirs. */
  const readHead = async (branch: string): Promise<string | undefined> => {
    try {
      const github = await octokit();
      const { data } = await github.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw explain(error, `read the branch ${branch}`);
    }
  };

  const head = (branch: string): Promise<string | undefined> => {
    let reading = headsInFlight.get(branch);
    if (!reading) {
      reading = readHead(branch).finally(() => headsInFlight.delete(branch));
      headsInFlight.set(branch, reading);
    }
    return reading;
  };

  const downloadSnapshot = async (commit: string): Promise<RepoSnapshot> => {
    const short = commit.slice(0, 7);
    const github = await octokit();
    let body: unknown;
    try {
      // GitHub answers 302 to codeload; fetch follows it, and the body is streamed rather than buffered.
      ({ data: body } = await github.request('GET /repos/{owner}/{repo}/tarball/{ref}', { owner, repo, ref: commit, request: { parseSuccessResponseBody: false } }));
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new RepoHostError(`GitHub has no commit ${short} in ${options.repository} (404). Check that the GitHub App is installed on it and the commit was not force-pushed away, then preview again.`, false, 404);
      }
      throw explain(error, `download the repository at ${short}`);
    }
    if (!(body instanceof ReadableStream)) throw new RepoHostError(`GitHub sent no archive of ${options.repository} at ${short}; try again.`, true);
    return readRepositoryTarball(Readable.fromWeb(body as WebReadableStream<Uint8Array>), commit, options.repository);
  };

  const readFile = async (path: string, ref: string): Promise<string | undefined> => {
    try {
      const github = await octokit();
      const { data } = await github.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref });
      // Octokit hands over the text of an answer cut off mid-way: that is no evidence the file is absent.
      if (typeof data !== 'object' || data === null) throw new RepoHostError(`GitHub sent an incomplete copy of ${path} in ${options.repository}; try again.`, true);
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

  const trees = new Map<string, Promise<{ entries: TreeEntry[]; truncated: boolean }>>();
  const blobs = new Map<string, Promise<string>>();
  /** A tree by its sha, or a commit's top folder by the commit's sha or branch; `what` names it in a sentence. Full shas are cached. */
  const listTree = (treeish: string, what: string): Promise<{ entries: TreeEntry[]; truncated: boolean }> => {
    const cacheable = isFullCommitSha(treeish);
    const cached = cacheable ? trees.get(treeish) : undefined;
    if (cached) return cached;
    const reading = call(`read ${what}`, async (github) => {
      const { data } = await github.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: treeish });
      const listing = treeEntries(data);
      if (!listing) throw new RepoHostError(`GitHub sent an incomplete listing of ${what} in ${options.repository}; try again.`, true);
      return listing;
    });
    if (cacheable) {
      trees.set(treeish, reading);
      reading.catch(() => trees.delete(treeish));
      if (trees.size > TREE_CACHE_SIZE) trees.delete(trees.keys().next().value as string);
    }
    return reading;
  };

  /** The tree entry at `path` in `ref` (a full commit sha or a branch), walking its folders; undefined when absent. */
  const entryAt = async (path: string, ref: string): Promise<TreeEntry | undefined> => {
    // A branch is read as its tip's sha: a name with "/" has no place in a trees URL, and a sha is cached.
    const commit = isFullCommitSha(ref) ? ref : await readHead(ref);
    if (!commit) return undefined;
    const names = path.split('/');
    let listing = await listTree(commit, `the files at ${commit.slice(0, 7)}`);
    for (const [depth, name] of names.entries()) {
      const entry = listing.entries.find((e) => e.path === name);
      if (!entry) {
        if (listing.truncated) throw new RepoHostError(`A folder of ${path} in ${options.repository} has more entries than GitHub lists; change it with git instead.`, false);
        return undefined;
      }
      if (depth === names.length - 1) return entry.type === 'tree' ? undefined : entry;
      if (entry.type !== 'tree') return undefined;
      listing = await listTree(entry.sha, `the folder ${names.slice(0, depth + 1).join('/')}`);
    }
    return undefined;
  };

  const readEntry = async (path: string, ref: string): Promise<RepoFile | undefined> => {
    const entry = await entryAt(path, ref);
    if (!entry || entry.mode === '040000') return undefined;
    // A submodule's entry is the commit it points at, which this repository does not hold.
    if (entry.type === 'commit') return { content: entry.sha, mode: entry.mode };
    let content = blobs.get(entry.sha);
    if (!content) {
      content = call(`read ${path}`, async (github) => {
        const { data } = await github.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: entry.sha });
        if (typeof data?.content !== 'string' || data.encoding !== 'base64') throw new RepoHostError(`GitHub sent an incomplete copy of ${path} in ${options.repository}; try again.`, true);
        return Buffer.from(data.content, 'base64').toString('utf8');
      });
      const reading = content;
      blobs.set(entry.sha, reading);
      reading.then(
        (text) => Buffer.byteLength(text, 'utf8') > BLOB_CACHE_MAX_BYTES && blobs.delete(entry.sha),
        () => blobs.delete(entry.sha),
      );
      if (blobs.size > BLOB_CACHE_SIZE) blobs.delete(blobs.keys().next().value as string);
    }
    return { content: await content, mode: entry.mode };
  };

  const findPullRequest = async (github: Octokit, headBranch: string): Promise<PullRequestRef | undefined> => {
    const { data } = await github.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, head: `${owner}:${headBranch}`, state: 'all', per_page: 1 });
    const found = data[0];
    return found ? { repository: options.repository, number: found.number, url: found.html_url } : undefined;
  };

  return {
    describe() {
      description ??= (async () => {
        const { repository } = await openSession();
        if (repository) return repository;
        return call('read the repository', async (github) => {
          const { data } = await github.request('GET /repos/{owner}/{repo}', { owner, repo });
          return { kind: 'github' as const, name: options.repository, defaultBranch: data.default_branch, url: data.html_url };
        });
      })().catch((error: unknown) => {
        description = undefined;
        throw error;
      });
      return description;
    },

    head,
    readFile,
    readEntry,

    snapshot(commit) {
      if (!isFullCommitSha(commit)) return Promise.reject(new RepoHostError(`A snapshot of ${options.repository} needs a full commit sha, not "${commit}".`, false));
      let reading = lastSnapshot;
      if (reading?.commit !== commit) {
        const started = { commit, files: downloadSnapshot(commit) };
        started.files.catch(() => {
          if (lastSnapshot === started) lastSnapshot = undefined;
        });
        lastSnapshot = reading = started;
      }
      return reading.files;
    },

    async ensureBranch(branch, fromCommit) {
      try {
        const github = await octokit();
        await github.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha: fromCommit });
        return { created: true, head: fromCommit };
      } catch (error) {
        // 422: the reference already exists (an earlier attempt made it); reuse it.
        if (statusOf(error) === 422) {
          const tip = await readHead(branch);
          if (tip) return { created: false, head: tip };
        }
        throw explain(error, `create the branch ${branch}`);
      }
    },

    async commitFiles(branch: string, files: readonly FileWrite[], message: CommitMessage) {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const tip = await readHead(branch);
        if (!tip) throw new RepoHostError(`The branch ${branch} does not exist in ${options.repository}.`, true);
        const current = await Promise.all(files.map((f) => entryAt(f.path, tip)));
        const modes = files.map((f, i) => (isDeletion(f) ? undefined : modeToWrite(f, writableEntry(current[i]), branch)));
        const done = files.every((f, i) => (isDeletion(f) ? current[i] === undefined : current[i]?.sha === gitBlobId(f.content) && current[i]?.mode === modes[i]));
        if (done) return { commit: tip, created: false };
        const moved = await call(`commit to ${branch}`, async (github) => {
          const { data: parent } = await github.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: tip });
          const { data: tree } = await github.request('POST /repos/{owner}/{repo}/git/trees', {
            owner,
            repo,
            base_tree: parent.tree.sha,
            // A null sha removes the path from the tree.
            tree: files.map((f, i) =>
              isDeletion(f) ? { path: f.path, mode: REGULAR_FILE, type: 'blob' as const, sha: null } : { path: f.path, mode: modes[i] ?? REGULAR_FILE, type: 'blob' as const, content: f.content },
            ),
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

    async deleteBranch(branch) {
      return call(`delete the branch ${branch}`, async (github) => {
        if (await findPullRequest(github, branch)) return 'has-pull-request' as const;
        try {
          await github.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}` });
          return 'deleted' as const;
        } catch (error) {
          // 422: "Reference does not exist" (deleted already, or never made).
          if (statusOf(error) === 422 || statusOf(error) === 404) return 'absent' as const;
          throw error;
        }
      });
    },

    async commit(sha) {
      if (!ABBREVIATED_SHA.test(sha)) return undefined;
      try {
        const github = await octokit();
        const { data } = await github.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: sha, per_page: 1 });
        return commitInfo(data);
      } catch (error) {
        // 422: "No commit found for SHA" (an abbreviation of nothing, or ambiguous).
        if (statusOf(error) === 404 || statusOf(error) === 422) return undefined;
        throw explain(error, `read the commit ${sha.slice(0, 12)}`);
      }
    },

    async contains(branch, commit) {
      // base...head: "ahead" or "identical" means the base commit is an ancestor of (or is) the branch tip.
      const { data } = await call(`compare ${commit.slice(0, 7)} with ${branch}`, (github) =>
        github.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `${commit}...${branch}`, per_page: 1 }),
      );
      return data.status === 'ahead' || data.status === 'identical';
    },

    async changedFiles(base, headCommit) {
      const { data } = await call(`compare ${base.slice(0, 7)} with ${headCommit.slice(0, 7)}`, (github) =>
        github.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `${base}...${headCommit}`, per_page: 1 }),
      );
      const files = data.files ?? [];
      if (files.length >= COMPARE_FILE_LIMIT) {
        throw new RepoHostError(`The change touches ${COMPARE_FILE_LIMIT} files or more, more than GitHub lists in one comparison; revert it with git instead.`, false);
      }
      const changed: ChangedFile[] = [];
      for (const file of files) {
        if (file.status === 'renamed' && file.previous_filename) {
          changed.push({ path: file.previous_filename, status: 'removed' }, { path: file.filename, status: 'added' });
        } else if (file.status === 'added' || file.status === 'removed') {
          changed.push({ path: file.filename, status: file.status });
        } else if (file.status !== 'unchanged') {
          changed.push({ path: file.filename, status: 'modified' });
        }
      }
      return changed;
    },

    async pullRequest(number) {
      try {
        const github = await octokit();
        const { data } = await github.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number });
        return {
          number: data.number,
          title: data.title,
          url: data.html_url,
          state: data.state === 'open' ? ('open' as const) : ('closed' as const),
          merged: data.merged,
          ...(data.merged && data.merge_commit_sha ? { mergeCommitSha: data.merge_commit_sha } : {}),
          ...(typeof data.commits === 'number' ? { commits: data.commits } : {}),
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw explain(error, `read pull request #${number}`);
      }
    },

    async pullRequestCommits(number) {
      // GitHub lists at most 250 commits of a pull request, oldest first, 100 a page at most.
      const listed: CommitInfo[] = [];
      for (let page = 1; listed.length < PULL_REQUEST_COMMITS_LIMIT; page++) {
        const { data } = await call(`list the commits of pull request #${number}`, (github) =>
          github.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { owner, repo, pull_number: number, per_page: PULL_COMMITS_PAGE, page }),
        );
        listed.push(...data.map(commitInfo));
        if (data.length < PULL_COMMITS_PAGE) break;
      }
      return listed.slice(0, PULL_REQUEST_COMMITS_LIMIT);
    },

    async withdrawPullRequest(number, branch) {
      return call(`close pull request #${number} and delete its branch ${branch}`, async (github) => {
        await github.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number, state: 'closed' });
        try {
          await github.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}` });
          return { branch: 'deleted' as const };
        } catch (error) {
          // 422/404: deleted already (GitHub's "delete branch" button, or an earlier attempt of this undo).
          if (statusOf(error) === 422 || statusOf(error) === 404) return { branch: 'absent' as const };
          throw error;
        }
      });
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

/**
 * Reads a GitHub tarball (gzip'd tar, every path under one `owner-repo-sha/` folder) into a
 * snapshot. Pax headers are consumed by tar-stream; directories, symlinks and the like are left out.
 */
export async function readRepositoryTarball(archive: Readable, commit: string, repository: string): Promise<RepoSnapshot> {
  const builder = createSnapshotBuilder(commit);
  const entries = tarExtract();
  const unpacking = pipeline(archive, createGunzip(), entries);
  const collecting = (async () => {
    for await (const entry of entries) {
      const { name, type, size } = entry.header;
      const path = name.slice(name.indexOf('/') + 1);
      if ((type !== 'file' && type !== 'contiguous-file') || !name.includes('/') || path === '' || !builder.wants(path, size)) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      builder.add(path, Buffer.concat(chunks));
    }
  })();
  try {
    await Promise.all([unpacking, collecting]);
  } catch (error) {
    throw new RepoHostError(`The archive of ${repository} at ${commit.slice(0, 7)} could not be read (the download broke off or was damaged); try again.`, true, undefined, reasonOf(error));
  }
  return builder.finish();
}
