import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { RepoHostError, isDeletion, isFileMode, type ChangedFile, type CommitMessage, type CommitInfo, type FileMode, type FileToCommit, type FileWrite, type RepoDescription, type RepoFile, type RepoHost, type RepoSnapshot } from '../ports/repo-host';
import { modeToWrite } from './file-modes';
import { createSnapshotBuilder, isFullCommitSha } from './snapshot-filter';

/**
 * A local git repository as the website repository (the default of `npm start`). Commits are
 * made with git plumbing (a private index, commit-tree, compare-and-swap update-ref), so the
 * checkout of whoever looks at the directory is never touched and concurrent Confirms are safe.
 */
export interface LocalGitRepoHostOptions {
  /** The repository directory, e.g. `.valine/site`. */
  directory: string;
  /** When the directory does not exist yet: the folder to seed it from (e.g. `examples/site`). */
  seedFrom?: string;
  defaultBranch?: string;
}

const ZERO_SHA = '0000000000000000000000000000000000000000';

/** The git config key of a seeded repository that holds the folder it was copied from. */
export const SEEDED_FROM_KEY = 'valine.seededFrom';

interface TreeEntry {
  mode: FileMode;
  type: string;
  id: string;
}

const BOT = { name: 'Valine UX Agent', email: 'ux-agent@valine.invalid' };
const CAS_ATTEMPTS = 8;

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The caller's environment without variables that would point git at another repository (e.g. inside a git hook). */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR', 'GIT_NAMESPACE']) delete env[name];
  return env;
}

function git(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd,
      // Literal pathspecs: a file named `*.tsx` or `:(glob)x` is that file, not a pattern.
      env: { ...inheritedEnv(), GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C', ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error) => reject(new RepoHostError('git could not be started; install git to use the local repository host.', false, undefined, error.message)));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    if (child.stdin) {
      // git may exit before reading all of its input (e.g. on an error); that is reported by its exit code.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

async function gitOk(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const result = await git(cwd, args, options);
  if (result.code !== 0) throw new RepoHostError(`git ${args[0]} failed in the local site repository ${cwd}; see the log for what git said.`, false, undefined, result.stderr.trim() || `exit code ${result.code}`);
  return result.stdout;
}

/**
 * Streams the blobs `ids` from ONE `git cat-file --batch` process, in order, to `take` (which
 * answers false to stop early; the process is then ended). Resolves with how many were taken.
 */
function catBlobs(cwd: string, ids: readonly string[], take: (index: number, bytes: Buffer) => boolean): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: { ...inheritedEnv(), LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    let stopped = false;
    let stderr = '';
    const finish = () => {
      stopped = true;
      child.stdout.removeAllListeners('data');
      child.kill();
      resolvePromise(index);
    };
    child.on('error', (error) => reject(new RepoHostError('git could not be started; install git to use the local repository host.', false, undefined, error.message)));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Each answer: "<id> blob <size>\n" + size bytes + "\n" (or "<id> missing\n").
      while (!stopped && index < ids.length) {
        const eol = pending.indexOf(10);
        if (eol < 0) return;
        const header = pending.subarray(0, eol).toString('utf8').split(' ');
        if (header[1] !== 'blob') {
          reject(new RepoHostError(`git could not read the object ${ids[index]} in the local site repository ${cwd}.`, false, undefined, header.slice(1).join(' ')));
          return finish();
        }
        const size = Number(header[2]);
        if (pending.length < eol + 1 + size + 1) return;
        const bytes = Buffer.from(pending.subarray(eol + 1, eol + 1 + size));
        pending = pending.subarray(eol + 1 + size + 1);
        const more = take(index++, bytes);
        if (!more || index === ids.length) return finish();
      }
    });
    child.on('close', (code) => {
      if (stopped) return;
      if (index === ids.length) return resolvePromise(index);
      reject(new RepoHostError(`git stopped after reading ${index} of ${ids.length} files in the local site repository ${cwd}.`, false, undefined, stderr.trim() || `exit code ${code}`));
    });
    // git may exit before reading all of its input (we stop it early); that is reported above.
    child.stdin.on('error', () => undefined);
    child.stdin.end(ids.map((id) => `${id}\n`).join(''));
  });
}

const authorEnv = (author: { name: string; email: string }): NodeJS.ProcessEnv => ({
  GIT_AUTHOR_NAME: author.name,
  GIT_AUTHOR_EMAIL: author.email,
  GIT_COMMITTER_NAME: BOT.name,
  GIT_COMMITTER_EMAIL: BOT.email,
});

/** Whether a file or folder is there. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Creates the repository from the seed folder, atomically: built beside it, then renamed into place. */
async function seedRepository(directory: string, seedFrom: string, branch: string): Promise<void> {
  await mkdir(dirname(directory), { recursive: true });
  const staging = join(dirname(directory), `.${basename(directory)}.seed-${randomUUID()}`);
  try {
    await cp(seedFrom, staging, { recursive: true, filter: (source) => !/[\\/](node_modules|\.git)([\\/]|$)/.test(source.slice(seedFrom.length)) });
    await gitOk(staging, ['init', '-q', '-b', branch]);
    await gitOk(staging, ['add', '-A']);
    await gitOk(staging, ['commit', '-q', '--no-verify', '-m', `Initial copy of the site from ${basename(dirname(seedFrom))}/${basename(seedFrom)}`], { env: authorEnv(BOT) });
    // Local mode names the site in use by where it came from, and re-seeds when another folder is asked for.
    await gitOk(staging, ['config', SEEDED_FROM_KEY, seedFrom]);
    try {
      await rename(staging, directory);
    } catch (error) {
      // Another process seeded it first: keep theirs.
      if (!(await pathExists(join(directory, '.git')))) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export function createLocalGitRepoHost(options: LocalGitRepoHostOptions): RepoHost {
  const directory = resolve(options.directory);
  const defaultBranch = options.defaultBranch ?? 'main';
  let ready: Promise<void> | undefined;

  const ensureRepository = (): Promise<void> => {
    ready ??= (async () => {
      if (await pathExists(join(directory, '.git'))) return;
      if (!options.seedFrom) throw new RepoHostError(`${directory} is not a git repository. Create it, or configure the folder to seed it from.`, false);
      if ((await pathExists(directory)) && !(await pathExists(join(directory, '.git')))) {
        throw new RepoHostError(`${directory} exists but is not a git repository; move it away so it can be created from ${options.seedFrom}.`, false);
      }
      await seedRepository(directory, resolve(options.seedFrom), defaultBranch);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  const run = async (args: readonly string[], extra: { input?: string; env?: NodeJS.ProcessEnv } = {}) => {
    await ensureRepository();
    return git(directory, args, extra);
  };
  const runOk = async (args: readonly string[], extra: { input?: string; env?: NodeJS.ProcessEnv } = {}) => {
    await ensureRepository();
    return gitOk(directory, args, extra);
  };

  const head = async (branch: string): Promise<string | undefined> => {
    const result = await run(['rev-parse', '--verify', '-q', `refs/heads/${branch}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  };

  const checkBranchName = async (branch: string) => {
    const result = await run(['check-ref-format', '--branch', branch]);
    if (result.code !== 0) throw new RepoHostError(`${branch} is not a valid branch name.`, false);
  };

  /** What `paths` are at `ref` (a commit or branch): mode, type and object id; absent paths are left out. */
  const entriesAt = async (ref: string, paths: readonly string[]): Promise<Map<string, TreeEntry>> => {
    const entries = new Map<string, TreeEntry>();
    const listed = await run(['ls-tree', '-z', ref, '--', ...paths]);
    if (listed.code !== 0) {
      // No such branch or commit: nothing is there.
      if (/not a valid object name|not a tree object/i.test(listed.stderr)) return entries;
      throw new RepoHostError(`Could not list ${paths.length === 1 ? paths[0] : `${paths.length} files`} at ${ref} in ${directory}.`, false, undefined, listed.stderr.trim());
    }
    for (const record of listed.stdout.split('\0')) {
      // "<mode> <type> <id>\t<path>"
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, id] = record.slice(0, tab).split(' ');
      if (isFileMode(mode) && id) entries.set(record.slice(tab + 1), { mode, type, id });
    }
    return entries;
  };

  return {
    async describe(): Promise<RepoDescription> {
      await ensureRepository();
      return { kind: 'local', name: directory, defaultBranch, directory };
    },

    head,

    async readEntry(path, ref): Promise<RepoFile | undefined> {
      const entry = (await entriesAt(ref, [path])).get(path);
      if (!entry) return undefined;
      // A submodule's entry is the commit it points at, which this repository does not hold.
      if (entry.type !== 'blob') return { content: entry.id, mode: entry.mode };
      return { content: await runOk(['cat-file', 'blob', entry.id]), mode: entry.mode };
    },

    async readFile(path, ref) {
      const result = await run(['cat-file', 'blob', `${ref}:${path}`]);
      if (result.code === 0) return result.stdout;
      if (/does not exist|not a valid object name|exists on disk, but not in|invalid object name/i.test(result.stderr)) return undefined;
      throw new RepoHostError(`Could not read ${path} at ${ref} in ${directory}.`, false, undefined, result.stderr.trim());
    },

    async snapshot(commit): Promise<RepoSnapshot> {
      if (!isFullCommitSha(commit)) throw new RepoHostError(`A snapshot of ${directory} needs a full commit sha, not "${commit}".`, false);
      const listing = await run(['ls-tree', '-r', '-l', '-z', commit]);
      if (listing.code !== 0) throw new RepoHostError(`The commit ${commit.slice(0, 7)} is not in ${directory}.`, false, undefined, listing.stderr.trim());
      const builder = createSnapshotBuilder(commit);
      const wanted: Array<{ path: string; id: string; size: number }> = [];
      for (const record of listing.stdout.split('\0')) {
        // "<mode> <type> <id> <padded size>\t<path>"; symlinks (120000) and submodules (commit) are left out.
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode, type, id, size] = record.slice(0, tab).split(/ +/);
        const path = record.slice(tab + 1);
        if (type !== 'blob' || mode === '120000' || !id) continue;
        if (builder.wants(path, Number(size))) wanted.push({ path, id, size: Number(size) });
      }
      if (wanted.length === 0) return builder.finish();
      const taken = await catBlobs(directory, wanted.map((w) => w.id), (i, bytes) => {
        builder.add(wanted[i].path, bytes);
        return !builder.full;
      });
      // Once the budget is spent, wants() records each remaining file as left out.
      for (const rest of wanted.slice(taken)) builder.wants(rest.path, rest.size);
      return builder.finish();
    },

    async ensureBranch(branch, fromCommit) {
      await checkBranchName(branch);
      let lastError = '';
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const created = await run(['update-ref', '-m', 'valine: create branch', `refs/heads/${branch}`, fromCommit, ZERO_SHA]);
        if (created.code === 0) return { created: true, head: fromCommit };
        const current = await head(branch);
        if (current) return { created: false, head: current };
        // Another writer holds the ref lock and has not finished yet: look again shortly.
        lastError = created.stderr.trim();
        await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
      }
      throw new RepoHostError(`Could not create the branch ${branch} in ${directory}; try again.`, true, undefined, lastError);
    },

    async commitFiles(branch: string, files: readonly FileWrite[], message: CommitMessage) {
      // A deleted file has no blob, and is done once its path is absent.
      const writes: Array<{ path: string; blob?: string; file?: FileToCommit }> = [];
      for (const file of files) {
        writes.push(isDeletion(file) ? { path: file.path } : { path: file.path, file, blob: (await runOk(['hash-object', '-w', '--stdin'], { input: file.content })).trim() });
      }
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const tip = await head(branch);
        if (!tip) throw new RepoHostError(`The branch ${branch} does not exist in ${directory}.`, false);
        const current = await entriesAt(tip, writes.map((w) => w.path));
        const entries = writes.map((w) => ({ ...w, mode: w.file ? modeToWrite(w.file, current.get(w.path), branch) : undefined }));
        const done = entries.every((e) => (e.blob === undefined ? !current.has(e.path) : current.get(e.path)?.id === e.blob && current.get(e.path)?.mode === e.mode));
        if (done) return { commit: tip, created: false };
        const index = join(tmpdir(), `valine-index-${randomUUID()}`);
        try {
          const env = { GIT_INDEX_FILE: index };
          await runOk(['read-tree', tip], { env });
          for (const e of entries) {
            await runOk(e.blob === undefined ? ['update-index', '--force-remove', '--', e.path] : ['update-index', '--add', '--cacheinfo', `${e.mode},${e.blob},${e.path}`], { env });
          }
          const tree = (await runOk(['write-tree'], { env })).trim();
          const commit = (await runOk(['commit-tree', tree, '-p', tip, '-F', '-'], { input: message.message, env: authorEnv(message.author ?? BOT) })).trim();
          const moved = await run(['update-ref', '-m', 'valine: commit', `refs/heads/${branch}`, commit, tip]);
          if (moved.code === 0) return { commit, created: true };
        } finally {
          await rm(index, { force: true });
        }
      }
      throw new RepoHostError(`The branch ${branch} in ${directory} kept moving while committing; try again.`, true);
    },

    async deleteBranch(branch) {
      const tip = await head(branch);
      if (!tip) return 'absent';
      // Compare-and-swap on the tip just read: a branch someone moved meanwhile is not deleted.
      const deleted = await run(['update-ref', '-m', 'valine: delete branch', '-d', `refs/heads/${branch}`, tip]);
      if (deleted.code !== 0) throw new RepoHostError(`Could not delete the branch ${branch} in ${directory}: ${deleted.stderr.trim()}`, false);
      return 'deleted';
    },

    async commit(sha): Promise<CommitInfo | undefined> {
      if (!/^[0-9a-f]{7,40}$/i.test(sha)) return undefined;
      const found = await run(['rev-parse', '--verify', '-q', `${sha}^{commit}`]);
      if (found.code !== 0) return undefined;
      const full = found.stdout.trim();
      // "<parents>\0<message>": parents space-separated, first parent first.
      const shown = await runOk(['show', '-s', '--format=%P%x00%B', full]);
      const nul = shown.indexOf('\0');
      return { sha: full, parents: shown.slice(0, nul).trim().split(' ').filter((p) => p.length > 0), message: shown.slice(nul + 1).trimEnd() };
    },

    async contains(branch, commit) {
      const result = await run(['merge-base', '--is-ancestor', commit, `refs/heads/${branch}`]);
      if (result.code === 0 || result.code === 1) return result.code === 0;
      throw new RepoHostError(`Could not tell whether ${commit.slice(0, 7)} is on ${branch} in ${directory}.`, false, undefined, result.stderr.trim());
    },

    async changedFiles(base, headCommit): Promise<ChangedFile[]> {
      const listing = await runOk(['diff-tree', '-r', '-z', '--no-renames', '--name-status', base, headCommit]);
      const parts = listing.split('\0').filter((p) => p.length > 0);
      const changed: ChangedFile[] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const letter = parts[i];
        changed.push({ path: parts[i + 1], status: letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified' });
      }
      return changed;
    },
  };
}
