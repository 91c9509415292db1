import { PULL_REQUEST_COMMITS_LIMIT, type CommitInfo, type PullRequestInfo, type RepoHost } from '../../ports/repo-host';

/**
 * How a pull request of several commits whose `merge_commit_sha` has a single parent was
 * merged. GitHub gives the same `merge_commit_sha` field for both: a squash merge's one commit,
 * or only the LAST of the commits a rebase merge wrote. Reverting that commit alone would undo
 * part of a rebase-merged pull request, so the two are told apart from the pull request's own
 * commits and the first-parent chain ending at `merge_commit_sha`.
 */
export type MergedAs =
  /** A squash merge: the one commit, against its parent. */
  | { kind: 'squash' }
  /** A rebase merge: `commits` (oldest first, the last is `merge_commit_sha`), against `parent`. */
  | { kind: 'rebase'; commits: CommitInfo[]; parent: string }
  /** Neither can be told; `reason` says why (a clause, no full stop). */
  | { kind: 'undecidable'; reason: string };

const short = (sha: string) => sha.slice(0, 7);

/**
 * The same change, rewritten by a rebase: same sha, or same message and (when both sides say)
 * the same author. GitHub's rebase merge keeps messages and authors; the committer and sha change.
 */
function rebasedFrom(onBase: CommitInfo, original: CommitInfo): boolean {
  if (onBase.sha === original.sha) return true;
  if (onBase.message.trimEnd() !== original.message.trimEnd()) return false;
  if (!onBase.author || !original.author) return true;
  return onBase.author.name === original.author.name && onBase.author.email.toLowerCase() === original.author.email.toLowerCase();
}

/**
 * `merged` is the pull request's `merge_commit_sha` commit, with one parent; `pull.commits` > 1.
 * Rebase when the first-parent chain of `pull.commits` commits ending at `merged` matches the
 * pull request's commits in order; squash when `merged` is not its last commit rewritten;
 * undecidable otherwise (too many commits to list, a partial match, a merge commit in the chain).
 */
export async function mergedAs(host: RepoHost, pull: PullRequestInfo & { commits: number }, merged: CommitInfo): Promise<MergedAs> {
  const count = pull.commits;
  if (count > PULL_REQUEST_COMMITS_LIMIT) return { kind: 'undecidable', reason: `it has ${count} commits, more than the ${PULL_REQUEST_COMMITS_LIMIT} GitHub lists` };
  if (!host.pullRequestCommits) return { kind: 'undecidable', reason: 'its commits cannot be listed here' };
  const own = await host.pullRequestCommits(pull.number);
  if (own.length !== count) return { kind: 'undecidable', reason: `GitHub listed ${own.length} of its ${count} commits` };
  const chain: CommitInfo[] = [];
  let current: CommitInfo = merged;
  for (let back = 0; back < count; back++) {
    if (back > 0) {
      const previous: CommitInfo = chain[0];
      const next = previous.parents[0] ? await host.commit(previous.parents[0]) : undefined;
      if (!next) return { kind: 'undecidable', reason: `the history before ${short(previous.sha)} ends after ${back} of its ${count} commits` };
      current = next;
      // A rebase writes single-parent commits only.
      if (current.parents.length !== 1) {
        const what = current.parents.length === 0 ? 'is the first commit of the repository' : `has ${current.parents.length} parents`;
        return { kind: 'undecidable', reason: `commit ${short(current.sha)}, ${back} back from ${short(merged.sha)}, ${what}` };
      }
    }
    if (!rebasedFrom(current, own[count - 1 - back])) {
      // merge_commit_sha is not the pull request's last commit rewritten: it is a squash of the pull request.
      if (back === 0) return { kind: 'squash' };
      return { kind: 'undecidable', reason: `only the last ${back} of its ${count} commits match the commits ending at ${short(merged.sha)}` };
    }
    chain.unshift(current);
  }
  return { kind: 'rebase', commits: chain, parent: chain[0].parents[0] };
}
