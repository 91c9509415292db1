import { createHash, createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';

/**
 * A loopback HTTP server that speaks the GitHub REST endpoints the GitHub App repository host
 * uses: installation tokens (JWT verified with the app's public key), repository, git refs,
 * contents, tarballs (302 to a codeload path, as GitHub does), trees (read folder by folder, and
 * written with modes), blobs, commits (by full or abbreviated sha), compare, and pulls (list,
 * one, open, a pull request's commits; merged by the test with merge()), over an in-memory
 * repository with real fast-forward rules. Every path keeps git's mode: 100644, 100755 or a
 * symbolic link (120000, its content the target), with blob ids computed as git does.
 */
export interface LoopbackGitHubOptions {
  appId: number;
  publicKeyPem: string;
  installationId: number;
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Path → content (a 100644 file), or content and mode. */
  files: Record<string, string | FileSpec>;
  /** Added before every answer (a stand-in for the distance to GitHub). */
  delayMs?: number;
  /** How long installation tokens live (GitHub: an hour). */
  tokenLifetimeMs?: number;
}

/** A path's content and git mode ('100644', '100755' or '120000' for a symbolic link, whose content is its target). */
export interface FileSpec {
  content: string;
  mode: '100644' | '100755' | '120000';
}

export interface GitHubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

/** Git's author of a commit (kept by a rebase merge; the committer is not modelled). */
export interface CommitAuthor {
  name: string;
  email: string;
  date: string;
}

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: CommitAuthor;
}

const DEFAULT_AUTHOR: CommitAuthor = { name: 'Someone', email: 'someone@example.test', date: '2026-02-01T09:00:00Z' };

export interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  merge_commit_sha: string | null;
  html_url: string;
}

export interface LoopbackGitHub {
  baseUrl: string;
  requests: GitHubRequest[];
  /** "METHOD /path?query" of every request received, redirects followed included, in order. */
  received(): string[];
  pulls: PullRequest[];
  /** The next request matching `method` and `path` answers `status` (once). */
  failNext(method: string, path: RegExp, status: number): void;
  /** The next request matching `method` and `path` gets its real answer's headers and half its body, then the connection is closed (once). */
  hangUpNext(method: string, path: RegExp): void;
  /** The `n`th request from now (1 = the next) answers `status`, or, with 'hang', is never answered (the fault suite). */
  failNth(n: number, fault: number | 'hang'): void;
  branches(): string[];
  head(branch: string): string | undefined;
  file(ref: string, path: string): string | undefined;
  /** The git mode of a path at a ref ('100644', '100755', '120000'), undefined when absent. */
  mode(ref: string, path: string): string | undefined;
  /** Commits on `branch` that are not on the default branch. */
  commitsAhead(branch: string): number;
  /** Commits directly to a branch (someone else's push); a null content deletes the file. */
  push(branch: string, files: Record<string, string | FileSpec | null>, message?: string, author?: CommitAuthor): string;
  /** Creates `branch` at the tip of `from` (default: the default branch). */
  createBranch(branch: string, from?: string): string;
  /** A pull request opened by a person, from `head` into the default branch. */
  openPullRequest(head: string, title: string): PullRequest;
  /**
   * Merges a pull request as GitHub's merge button does: a merge commit (two parents), a squash
   * (one commit, one parent), or a rebase (each of its commits written again on the base, with
   * new shas and the same messages and authors; merge_commit_sha is the last of them).
   */
  merge(number: number, how: 'merge' | 'squash' | 'rebase'): string;
  issuedTokens: string[];
  close(): Promise<void>;
}

const sha1 = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');
/** Git's blob id: SHA-1 of "blob <bytes>\0" and the bytes. */
const blobId = (content: string) => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
const spec = (file: string | FileSpec): FileSpec => (typeof file === 'string' ? { content: file, mode: '100644' } : file);
const WRITABLE_MODES = new Set(['100644', '100755', '120000']);

/** A symbolic link's target as a repository path (relative to the link's folder), or undefined when it leaves the repository. */
function linkTarget(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = linkPath.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function verifyJwt(token: string, key: KeyObject, appId: number): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  if (!ok) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
  return String(claims.iss) === String(appId) && typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

/** A tar header block's checksum: the sum of its bytes with the checksum field counted as spaces. */
function rewriteChecksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block.subarray(0, 512)) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
}

/**
 * The archive GitHub's codeload serves: a gzip'd tar whose first entry is a pax global header
 * carrying the commit (as `git archive` writes it), then every folder and file under `prefix`.
 */
async function repositoryTarball(prefix: string, commit: string, files: ReadonlyMap<string, FileSpec>): Promise<Buffer> {
  const archive = tarPack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  const comment = `comment=${commit}\n`;
  const record = `${comment.length + 3} ${comment}`;
  archive.entry({ name: 'pax_global_header', size: record.length }, record);
  archive.entry({ name: prefix, type: 'directory', mode: 0o755 });
  const folders = new Set<string>();
  for (const path of [...files.keys()].sort()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = `${parts.slice(0, i).join('/')}/`;
      if (!folders.has(folder)) archive.entry({ name: `${prefix}${folder}`, type: 'directory', mode: 0o755 });
      folders.add(folder);
    }
    const file = files.get(path) as FileSpec;
    if (file.mode === '120000') archive.entry({ name: `${prefix}${path}`, type: 'symlink', linkname: file.content, mode: 0o777 });
    else archive.entry({ name: `${prefix}${path}`, mode: file.mode === '100755' ? 0o755 : 0o644 }, file.content);
  }
  archive.finalize();
  await ended;
  const tar = Buffer.concat(chunks);
  // tar-stream writes no global headers: the first block becomes one (typeflag "g"), as in GitHub's archives.
  tar[156] = 0x67;
  rewriteChecksum(tar);
  return gzipSync(tar);
}

export async function startLoopbackGitHub(options: LoopbackGitHubOptions): Promise<LoopbackGitHub> {
  const key = createPublicKey(options.publicKeyPem);
  const defaultBranch = options.defaultBranch ?? 'main';
  const trees = new Map<string, Map<string, FileSpec>>();
  /** Folder trees listed so far: their id (from their entries, as git's ids come from content) → the root tree and the folder. */
  const folders = new Map<string, { root: string; prefix: string }>();
  const blobs = new Map<string, string>();
  const commits = new Map<string, Commit>();
  const refs = new Map<string, string>();
  const pulls: PullRequest[] = [];
  const requests: GitHubRequest[] = [];
  const failures: Array<{ method: string; path: RegExp; status: number }> = [];
  const hangUps: Array<{ method: string; path: RegExp }> = [];
  let nthFault: { at: number; fault: number | 'hang' } | undefined;
  const hanging = new Set<import('node:http').ServerResponse>();
  const issuedTokens: string[] = [];
  /** Codeload's short-lived tokens (in the redirect's query) → the commit they unlock. */
  const archiveTokens = new Map<string, string>();
  let baseUrl = '';

  const putTree = (files: Map<string, FileSpec>) => {
    const sha = sha1([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    trees.set(sha, files);
    for (const file of files.values()) blobs.set(blobId(file.content), file.content);
    return sha;
  };
  /** The entries directly in `prefix` ('' or 'src/') of a root tree, as GitHub's non-recursive tree listing gives them. */
  const listFolder = (root: string, prefix: string) => {
    const files = trees.get(root)!;
    const children = new Map<string, Array<[string, FileSpec]>>();
    const entries: Array<{ path: string; mode: string; type: string; sha: string; size?: number }> = [];
    for (const [path, file] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        entries.push({ path: rest, mode: file.mode, type: 'blob', sha: blobId(file.content), size: Buffer.byteLength(file.content) });
      } else {
        const name = rest.slice(0, slash);
        children.set(name, [...(children.get(name) ?? []), [rest.slice(slash + 1), file]]);
      }
    }
    for (const [name, inside] of children) {
      const id = sha1({ folder: inside });
      folders.set(id, { root, prefix: `${prefix}${name}/` });
      entries.push({ path: name, mode: '040000', type: 'tree', sha: id });
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  };
  const putCommit = (tree: string, parents: string[], message: string, author: CommitAuthor = DEFAULT_AUTHOR) => {
    const sha = sha1({ tree, parents, message, author, n: commits.size });
    commits.set(sha, { sha, tree, parents, message, author });
    return sha;
  };
  /** A pull request's commits as GitHub keeps them once merged (its branch's, oldest first). */
  const mergedCommits = new Map<number, string[]>();
  /** The commits of a pull request: on its head branch and not on its base, first parents, oldest first. */
  const pullCommits = (p: PullRequest): string[] => {
    const kept = mergedCommits.get(p.number);
    if (kept) return kept;
    const base = refs.get(`heads/${p.base}`)!;
    const found: string[] = [];
    for (let sha = refs.get(`heads/${p.head}`); sha && !isAncestor(sha, base); sha = commits.get(sha)?.parents[0]) found.unshift(sha);
    return found;
  };
  const commitJson = (commit: Commit) => ({
    sha: commit.sha,
    html_url: `https://github.test/${options.owner}/${options.repo}/commit/${commit.sha}`,
    commit: { message: commit.message, tree: { sha: commit.tree }, author: commit.author, committer: { name: 'GitHub', email: 'noreply@github.com', date: commit.author.date } },
    parents: commit.parents.map((p) => ({ sha: p })),
  });
  const resolveRef = (ref: string) => (commits.has(ref) ? ref : refs.get(`heads/${ref}`));
  /** A full sha, a unique abbreviation of one (7+ hex digits), or a branch. */
  const resolveCommitish = (ref: string): string | undefined => {
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const matches = [...commits.keys()].filter((sha) => sha.startsWith(ref));
      return matches.length === 1 ? matches[0] : undefined;
    }
    return resolveRef(ref);
  };
  const pullJson = (p: PullRequest) => ({ ...p, head: { ref: p.head }, base: { ref: p.base }, commits: pullCommits(p).length });
  const filesAt = (ref: string) => {
    const commit = resolveRef(ref);
    return commit ? trees.get(commits.get(commit)!.tree) : undefined;
  };
  const isAncestor = (ancestor: string, of: string): boolean => {
    const stack = [of];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (sha === ancestor) return true;
      stack.push(...(commits.get(sha)?.parents ?? []));
    }
    return false;
  };
  refs.set(`heads/${defaultBranch}`, putCommit(putTree(new Map(Object.entries(options.files).map(([path, file]) => [path, spec(file)]))), [], 'Initial commit'));

  type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer };
  const notFound: Reply = { status: 404, body: { message: 'Not Found' } };
  const repoJson = () => ({ full_name: `${options.owner}/${options.repo}`, default_branch: defaultBranch, html_url: `https://github.test/${options.owner}/${options.repo}` });

  function route(method: string, url: URL, headers: IncomingHttpHeaders, body: Record<string, unknown>): Reply | Promise<Reply> {
    const path = url.pathname;
    const auth = headers.authorization ?? '';
    const tokenMatch = /^(?:token|bearer) (ghs_\w+)$/i.exec(auth);
    const jwt = /^bearer (ey[\w-]+\.[\w-]+\.[\w-]+)$/i.exec(auth)?.[1];
    const appAuthorized = jwt !== undefined && verifyJwt(jwt, key, options.appId);

    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (m && method === 'POST') {
      if (!appAuthorized) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
      if (Number(m[1]) !== options.installationId) return notFound;
      const scoped = Array.isArray(body.repositories) ? body.repositories.map(String) : undefined;
      if (scoped?.some((name) => name !== options.repo)) {
        return { status: 422, body: { message: 'There is at least one repository that does not exist or is not accessible to the parent installation.' } };
      }
      const token = `ghs_test${issuedTokens.length + 1}`;
      issuedTokens.push(token);
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(Date.now() + (options.tokenLifetimeMs ?? 3600_000)).toISOString(),
          permissions: { contents: 'write', pull_requests: 'write' },
          repository_selection: 'selected',
          ...(scoped ? { repositories: [{ name: options.repo, ...repoJson() }] } : {}),
        },
      };
    }
    if ((m = /^\/codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path)) && method === 'GET') {
      const commit = archiveTokens.get(url.searchParams.get('token') ?? '');
      if (m[1] !== options.owner || m[2] !== options.repo || commit !== m[3]) return notFound;
      const prefix = `${options.owner}-${options.repo}-${commit.slice(0, 7)}/`;
      return repositoryTarball(prefix, commit, trees.get(commits.get(commit)!.tree)!).then((raw) => ({
        status: 200,
        raw,
        headers: { 'content-type': 'application/x-gzip', 'content-disposition': `attachment; filename=${prefix.slice(0, -1)}.tar.gz` },
      }));
    }
    const repoPrefix = `/repos/${options.owner}/${options.repo}`;
    if (path === `${repoPrefix}/installation` && method === 'GET') {
      return appAuthorized ? { status: 200, body: { id: options.installationId } } : { status: 401, body: { message: 'Bad credentials' } };
    }
    if (!path.startsWith(repoPrefix)) return notFound;
    if (!tokenMatch || !issuedTokens.includes(tokenMatch[1])) return { status: 401, body: { message: 'Bad credentials' } };
    const rest = path.slice(repoPrefix.length);

    if (rest === '' && method === 'GET') return { status: 200, body: repoJson() };
    if ((m = /^\/git\/ref\/(.+)$/.exec(rest)) && method === 'GET') {
      const ref = decodeURIComponent(m[1]);
      const sha = refs.get(ref);
      return sha ? { status: 200, body: { ref: `refs/${ref}`, object: { sha, type: 'commit' } } } : notFound;
    }
    if (rest === '/git/refs' && method === 'POST') {
      const ref = String(body.ref).replace(/^refs\//, '');
      if (refs.has(ref)) return { status: 422, body: { message: 'Reference already exists' } };
      if (!commits.has(String(body.sha))) return { status: 422, body: { message: 'Object does not exist' } };
      refs.set(ref, String(body.sha));
      return { status: 201, body: { ref: `refs/${ref}`, object: { sha: body.sha } } };
    }
    if ((m = /^\/git\/refs\/(.+)$/.exec(rest)) && method === 'PATCH') {
      const ref = decodeURIComponent(m[1]);
      const current = refs.get(ref);
      const next = String(body.sha);
      if (!current) return { status: 422, body: { message: 'Reference does not exist' } };
      if (!commits.has(next)) return { status: 422, body: { message: 'Object does not exist' } };
      if (!body.force && !isAncestor(current, next)) return { status: 422, body: { message: 'Update is not a fast forward' } };
      refs.set(ref, next);
      return { status: 200, body: { ref: `refs/${ref}`, object: { sha: next } } };
    }
    if ((m = /^\/git\/refs\/(.+)$/.exec(rest)) && method === 'DELETE') {
      const ref = decodeURIComponent(m[1]);
      if (!refs.delete(ref)) return { status: 422, body: { message: 'Reference does not exist' } };
      return { status: 204 };
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      const path = decodeURIComponent(m[1]);
      const files = filesAt(url.searchParams.get('ref') ?? defaultBranch);
      let file = files?.get(path);
      if (file === undefined) return notFound;
      if (file.mode === '120000') {
        // GitHub: a link to a file of the repository answers with that file's content; any other link with its target.
        const target = linkTarget(path, file.content);
        const linked = target === undefined ? undefined : files?.get(target);
        if (!linked || linked.mode === '120000') return { status: 200, body: { type: 'symlink', path, target: file.content, size: Buffer.byteLength(file.content), sha: blobId(file.content) } };
        file = linked;
      }
      const content = file.content;
      return { status: 200, body: { type: 'file', path, size: Buffer.byteLength(content), sha: blobId(content), encoding: 'base64', content: Buffer.from(content).toString('base64').replace(/(.{60})/g, '$1\n') } };
    }
    if ((m = /^\/git\/trees\/([^/]+)$/.exec(rest)) && method === 'GET') {
      // A commit, a branch, a root tree or a folder's tree (non-recursive, as the host reads it).
      const id = decodeURIComponent(m[1]);
      const commit = resolveRef(id);
      const root = commit ? commits.get(commit)!.tree : trees.has(id) ? id : undefined;
      const folder = root ? { root, prefix: '' } : folders.get(id);
      if (!folder) return notFound;
      return { status: 200, body: { sha: folder.prefix === '' ? folder.root : id, tree: listFolder(folder.root, folder.prefix), truncated: false } };
    }
    if ((m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest)) && method === 'GET') {
      const content = blobs.get(m[1]);
      if (content === undefined) return notFound;
      return { status: 200, body: { sha: m[1], size: Buffer.byteLength(content), encoding: 'base64', content: Buffer.from(content).toString('base64').replace(/(.{60})/g, '$1\n') } };
    }
    if ((m = /^\/tarball(?:\/(.+))?$/.exec(rest)) && method === 'GET') {
      const commit = resolveRef(decodeURIComponent(m[1] ?? defaultBranch));
      if (!commit) return notFound;
      const token = randomBytes(12).toString('hex');
      archiveTokens.set(token, commit);
      return { status: 302, headers: { location: `${baseUrl}/codeload/${options.owner}/${options.repo}/legacy.tar.gz/${commit}?token=${token}` } };
    }
    if ((m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest)) && method === 'GET') {
      const commit = commits.get(m[1]);
      return commit ? { status: 200, body: { sha: commit.sha, tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })), message: commit.message } } : notFound;
    }
    if (rest === '/git/trees' && method === 'POST') {
      const base = trees.get(String(body.base_tree));
      if (!base) return { status: 422, body: { message: 'base_tree is not a tree' } };
      const files = new Map(base);
      for (const entry of body.tree as Array<{ path: string; content?: string; sha?: string | null; mode: string; type: string }>) {
        if (!WRITABLE_MODES.has(entry.mode) || entry.type !== 'blob') return { status: 422, body: { message: 'unsupported tree entry' } };
        // GitHub: `sha: null` deletes the path.
        if (entry.sha === null) files.delete(entry.path);
        else if (typeof entry.content === 'string') files.set(entry.path, { content: entry.content, mode: entry.mode as FileSpec['mode'] });
        else return { status: 422, body: { message: 'tree entry needs content or sha' } };
      }
      return { status: 201, body: { sha: putTree(files) } };
    }
    if (rest === '/git/commits' && method === 'POST') {
      if (!trees.has(String(body.tree))) return { status: 422, body: { message: 'tree does not exist' } };
      const author = body.author as Partial<CommitAuthor> | undefined;
      const written = author?.name && author.email ? { name: author.name, email: author.email, date: author.date ?? new Date().toISOString() } : undefined;
      return { status: 201, body: { sha: putCommit(String(body.tree), body.parents as string[], String(body.message), written) } };
    }
    if ((m = /^\/commits\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const ref = decodeURIComponent(m[1]);
      const sha = resolveCommitish(ref);
      const commit = sha ? commits.get(sha) : undefined;
      if (!commit) return { status: 422, body: { message: `No commit found for SHA: ${ref}` } };
      return { status: 200, body: { ...commitJson(commit), files: [] } };
    }
    if ((m = /^\/compare\/(.+)$/.exec(rest)) && method === 'GET') {
      const [baseRef, headRef] = decodeURIComponent(m[1]).split('...');
      const baseSha = resolveCommitish(baseRef ?? '');
      const headSha = resolveCommitish(headRef ?? '');
      if (!baseSha || !headSha) return notFound;
      const before = trees.get(commits.get(baseSha)!.tree)!;
      const after = trees.get(commits.get(headSha)!.tree)!;
      const files: Array<{ filename: string; status: string; sha: string }> = [];
      for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const a = before.get(path);
        const b = after.get(path);
        if (a?.content === b?.content && a?.mode === b?.mode) continue;
        // GitHub calls a change of mode alone "changed".
        const status = a === undefined ? 'added' : b === undefined ? 'removed' : a.content === b.content ? 'changed' : 'modified';
        files.push({ filename: path, status, sha: blobId(b?.content ?? '') });
      }
      const status = baseSha === headSha ? 'identical' : isAncestor(baseSha, headSha) ? 'ahead' : isAncestor(headSha, baseSha) ? 'behind' : 'diverged';
      return { status: 200, body: { status, commits: [], files } };
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pull = pulls.find((p) => p.number === Number(m![1]));
      return pull ? { status: 200, body: pullJson(pull) } : notFound;
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      const pull = pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return notFound;
      if (body.state === 'closed' && !pull.merged) pull.state = 'closed';
      return { status: 200, body: pullJson(pull) };
    }
    if ((m = /^\/pulls\/(\d+)\/commits$/.exec(rest)) && method === 'GET') {
      // GitHub: oldest first, per_page up to 100 (30 by default), and no more than 250 commits in all.
      const pull = pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return notFound;
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const listed = pullCommits(pull).slice(0, 250);
      const items = listed.slice((page - 1) * perPage, page * perPage).map((sha) => commitJson(commits.get(sha)!));
      const last = Math.max(1, Math.ceil(listed.length / perPage));
      const link = page < last ? { link: `<${baseUrl}${path}?per_page=${perPage}&page=${page + 1}>; rel="next", <${baseUrl}${path}?per_page=${perPage}&page=${last}>; rel="last"` } : undefined;
      return { status: 200, body: items, ...(link ? { headers: link } : {}) };
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head')?.replace(`${options.owner}:`, '');
      const state = url.searchParams.get('state') ?? 'open';
      const found = pulls.filter((p) => (!head || p.head === head) && (state === 'all' || p.state === state));
      return { status: 200, body: found.map(pullJson) };
    }
    if (rest === '/pulls' && method === 'POST') {
      const head = String(body.head);
      if (!refs.has(`heads/${head}`)) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] } };
      if (pulls.some((p) => p.head === head && p.state === 'open')) return { status: 422, body: { message: `A pull request already exists for ${options.owner}:${head}.` } };
      const number = pulls.length + 1;
      const pull: PullRequest = { number, head, base: String(body.base), title: String(body.title), body: String(body.body), draft: body.draft === true, state: 'open', merged: false, merge_commit_sha: null, html_url: `https://github.test/${options.owner}/${options.repo}/pull/${number}` };
      pulls.push(pull);
      return { status: 201, body: pullJson(pull) };
    }
    return notFound;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const url = new URL(req.url ?? '/', baseUrl);
      const method = req.method ?? 'GET';
      const failure = failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
      const entry: GitHubRequest = { method, path: `${url.pathname}${url.search}`, headers: req.headers, body, status: 0 };
      // Recorded on arrival, so the order is the order requests came in.
      requests.push(entry);
      if (nthFault && requests.length === nthFault.at) {
        const { fault } = nthFault;
        nthFault = undefined;
        if (fault === 'hang') {
          hanging.add(res);
          return;
        }
        entry.status = fault;
        res.writeHead(fault, { 'content-type': 'application/json; charset=utf-8', ...(fault === 429 ? { 'retry-after': '1' } : {}) });
        res.end(JSON.stringify({ message: fault === 403 ? 'Resource not accessible by integration' : fault === 422 ? 'Validation Failed' : 'Server Error' }));
        return;
      }
      const [reply] = await Promise.all([
        failure >= 0 ? { status: failures.splice(failure, 1)[0].status, body: { message: 'Server Error' } } : route(method, url, req.headers, body),
        options.delayMs ? sleep(options.delayMs) : undefined,
      ]);
      entry.status = reply.status;
      const hangUp = hangUps.findIndex((h) => h.method === method && h.path.test(url.pathname));
      if (hangUp >= 0) {
        hangUps.splice(hangUp, 1);
        const bytes = reply.raw ?? Buffer.from(reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status, { 'content-type': reply.raw ? 'application/x-gzip' : 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...reply.headers });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
        return;
      }
      if (reply.raw) {
        res.writeHead(reply.status, { 'content-length': String(reply.raw.length), ...reply.headers });
        res.end(reply.raw);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    requests,
    received: () => requests.map((r) => `${r.method} ${r.path}`),
    pulls,
    issuedTokens,
    failNext: (method, path, status) => failures.push({ method, path, status }),
    hangUpNext: (method, path) => hangUps.push({ method, path }),
    failNth: (n, fault) => {
      nthFault = { at: requests.length + n, fault };
    },
    branches: () => [...refs.keys()].map((r) => r.replace(/^heads\//, '')).sort(),
    head: (branch) => refs.get(`heads/${branch}`),
    file: (ref, path) => filesAt(ref)?.get(path)?.content,
    mode: (ref, path) => filesAt(ref)?.get(path)?.mode,
    commitsAhead: (branch) => {
      let count = 0;
      let sha = refs.get(`heads/${branch}`);
      const base = refs.get(`heads/${defaultBranch}`)!;
      while (sha && !isAncestor(sha, base)) {
        count++;
        sha = commits.get(sha)?.parents[0];
      }
      return count;
    },
    push: (branch, files, message = 'push', author = DEFAULT_AUTHOR) => {
      const tip = refs.get(`heads/${branch}`)!;
      const tree = new Map(trees.get(commits.get(tip)!.tree));
      for (const [p, c] of Object.entries(files)) {
        if (c === null) tree.delete(p);
        else tree.set(p, spec(c));
      }
      const sha = putCommit(putTree(tree), [tip], message, author);
      refs.set(`heads/${branch}`, sha);
      return sha;
    },
    createBranch: (branch, from = defaultBranch) => {
      const tip = refs.get(`heads/${from}`)!;
      refs.set(`heads/${branch}`, tip);
      return tip;
    },
    openPullRequest: (head, title) => {
      const number = pulls.length + 1;
      const pull: PullRequest = { number, head, base: defaultBranch, title, body: '', draft: false, state: 'open', merged: false, merge_commit_sha: null, html_url: `https://github.test/${options.owner}/${options.repo}/pull/${number}` };
      pulls.push(pull);
      return pull;
    },
    merge: (number, how) => {
      const pull = pulls.find((p) => p.number === number)!;
      const baseTip = refs.get(`heads/${pull.base}`)!;
      const headTip = refs.get(`heads/${pull.head}`)!;
      const own = pullCommits(pull);
      mergedCommits.set(number, own);
      // The head branch is up to date with its base here, so the merged tree is the head's (and a rebase replays the same trees).
      const tree = commits.get(headTip)!.tree;
      let sha: string;
      if (how === 'rebase') {
        sha = baseTip;
        for (const original of own.map((c) => commits.get(c)!)) sha = putCommit(original.tree, [sha], original.message, original.author);
      } else {
        sha = how === 'merge' ? putCommit(tree, [baseTip, headTip], `Merge pull request #${number} from ${options.owner}/${pull.head}\n\n${pull.title}`) : putCommit(tree, [baseTip], `${pull.title} (#${number})`);
      }
      refs.set(`heads/${pull.base}`, sha);
      Object.assign(pull, { state: 'closed', merged: true, merge_commit_sha: sha });
      return sha;
    },
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
