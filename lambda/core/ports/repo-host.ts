import { ExplainedError } from '../domain/error-message';
import type { PullRequestRef } from '../domain/task';

/**
 * The website repository the UX Agent edits: a GitHub repository through a GitHub App, or a
 * local git repository. Every write is idempotent, so a retried Confirm reuses what exists.
 */
export interface RepoHost {
  describe(): Promise<RepoDescription>;
  /** The commit sha at the tip of `branch`, or undefined when the branch does not exist. */
  head(branch: string): Promise<string | undefined>;
  /** A file's text at a commit sha or branch name; undefined when it does not exist there. */
  readFile(path: string, ref: string): Promise<string | undefined>;
  /**
   * A file as git stores it at a full commit sha or a branch name: its bytes as UTF-8 text and
   * its mode (a symbolic link's text is its target, a submodule's the commit it points at);
   * undefined when no file is at that path (or the branch does not exist).
   */
  readEntry(path: string, ref: string): Promise<RepoFile | undefined>;
  /** Every text file of the repository at `commit` (a full sha), read in a bounded number of calls (GitHub: one tarball). */
  snapshot(commit: string): Promise<RepoSnapshot>;
  /** Creates `branch` at `fromCommit` unless it exists; reports which. Safe under concurrent calls. */
  ensureBranch(branch: string, fromCommit: string): Promise<{ created: boolean; head: string }>;
  /**
   * Commits `files` (written, or deleted) on top of the tip of `branch`, unless the tip already
   * holds exactly these contents and modes (then nothing is written). The branch moves with a
   * compare-and-swap. A file written without a mode keeps the tip's executable bit (100755), or
   * is 100644; it is refused (RepoHostError) where the tip has a symbolic link or a submodule.
   */
  commitFiles(branch: string, files: readonly FileWrite[], message: CommitMessage): Promise<{ commit: string; created: boolean }>;
  /**
   * Deletes `branch` (one a task made, after a final failure), unless a pull request was opened
   * from it: deleting that would close the pull request. Throws RepoHostError when the host refuses.
   */
  deleteBranch(branch: string): Promise<BranchDeletion>;
  /** A commit by full or abbreviated sha (7–40 hex digits); undefined when the repository has none such. */
  commit(sha: string): Promise<CommitInfo | undefined>;
  /** True when `commit` (a full sha) is in the history of `branch`: it was merged there. */
  contains(branch: string, commit: string): Promise<boolean>;
  /** The files that differ between two commits (renames reported as a removal and an addition). */
  changedFiles(base: string, head: string): Promise<ChangedFile[]>;
  /** A pull request by number; undefined when there is none. Absent on hosts without pull requests. */
  pullRequest?(number: number): Promise<PullRequestInfo | undefined>;
  /**
   * A pull request's own commits, oldest first, as its branch had them (not as merged): at most
   * PULL_REQUEST_COMMITS_LIMIT, as GitHub lists no more. Absent on hosts without pull requests.
   */
  pullRequestCommits?(number: number): Promise<CommitInfo[]>;
  /**
   * Opens a draft pull request from `head` into `base`, or returns the one already open for
   * `head` (so a retry never opens a second). Absent on hosts without pull requests.
   */
  openDraftPullRequest?(request: DraftPullRequest): Promise<PullRequestRef & { created: boolean }>;
  /**
   * Undo before merge: closes the pull request (already closed: nothing to do) and deletes `branch`,
   * the task's own. Absent on hosts without pull requests (there deleteBranch is the undo).
   */
  withdrawPullRequest?(number: number, branch: string): Promise<{ branch: 'deleted' | 'absent' }>;
}

/** What deleteBranch did: deleted it, found none to delete, or kept it because a pull request was opened from it. */
export type BranchDeletion = 'deleted' | 'absent' | 'has-pull-request';

export interface RepoDescription {
  kind: 'github' | 'local';
  /** "owner/name" on GitHub; the directory on a local host. */
  name: string;
  defaultBranch: string;
  /** A web page of the repository, when there is one. */
  url?: string;
  /** Local hosts: the directory of the repository (for the `git -C <dir> diff` hint). */
  directory?: string;
}

export interface RepoSnapshot {
  commit: string;
  /** Repository-relative path → UTF-8 text, for text files only. */
  files: ReadonlyMap<string, string>;
  /** Files left out and why (binary, too large, over the total budget), for the agent to mention. */
  skipped: ReadonlyArray<{ path: string; reason: string }>;
}

/**
 * Git's modes of what a path holds: a file, an executable file, a symbolic link (its content is
 * its target), a submodule (its content is the commit it points at).
 */
export type FileMode = '100644' | '100755' | '120000' | '160000';

/** The modes a commit may write: submodules are never written. */
export type WritableMode = Exclude<FileMode, '160000'>;

export const REGULAR_FILE: WritableMode = '100644';
export const EXECUTABLE_FILE: WritableMode = '100755';
export const SYMBOLIC_LINK: WritableMode = '120000';
export const SUBMODULE: FileMode = '160000';

const FILE_MODES: ReadonlySet<string> = new Set<FileMode>(['100644', '100755', '120000', '160000']);
export const isFileMode = (mode: unknown): mode is FileMode => typeof mode === 'string' && FILE_MODES.has(mode);

/** A path's content and mode at a commit. */
export interface RepoFile {
  content: string;
  mode: FileMode;
}

export interface FileToCommit {
  path: string;
  content: string;
  /** Absent: the tip's executable bit is kept (100755), otherwise 100644. */
  mode?: WritableMode;
}

/** A file removed by a commit. */
export interface FileDeletion {
  path: string;
  deleted: true;
}

export type FileWrite = FileToCommit | FileDeletion;

export const isDeletion = (file: FileWrite): file is FileDeletion => 'deleted' in file;

export interface CommitInfo {
  /** The full sha. */
  sha: string;
  /** Parent shas, first parent first (a merge commit has two or more). */
  parents: string[];
  message: string;
  /** Who wrote it (git's author, not the committer), when the host says. */
  author?: { name: string; email: string };
  /** A web page of the commit, when there is one. */
  url?: string;
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed';
}

export interface PullRequestInfo {
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  /**
   * The commit the merge made on the base branch, once merged: the merge commit, the squash
   * commit, or (rebase merge) only the last of the rebased commits.
   */
  mergeCommitSha?: string;
  /** How many commits the pull request has (GitHub's `commits`), when the host says. */
  commits?: number;
}

/** GitHub lists at most this many commits of a pull request. */
export const PULL_REQUEST_COMMITS_LIMIT = 250;

export interface CommitMessage {
  message: string;
  author?: { name: string; email: string };
}

export interface DraftPullRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

/**
 * A repository call failed. The message is a sentence for the people using the bot (no internals);
 * `detail` holds what the host or git said, for the log only. `retryable` when trying again may
 * succeed (5xx, 429, network).
 */
export class RepoHostError extends ExplainedError {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    detail?: string,
  ) {
    super(message, detail);
  }
}
