import * as z from 'zod';

/** What `propose` stores on the task and `execute` needs to make the revert deterministically. */
export const revertProposalSchema = z.object({
  version: z.literal(1),
  repository: z.string(),
  repositoryKind: z.enum(['github', 'local']),
  baseBranch: z.string(),
  /** The tip of the base branch the reverse diff was computed on. */
  baseCommit: z.string(),
  target: z.object({
    /** The commit being undone (a PR's merge commit, the last of its rebased commits, or the commit named). */
    commit: z.string(),
    /** What it is undone against: its only parent, a merge commit's first parent, or the parent of the first rebased commit. */
    parent: z.string(),
    merge: z.boolean(),
    pullRequest: z.object({ number: z.number().int(), url: z.string() }).optional(),
    /**
     * A rebase-merged pull request: every commit the rebase wrote on the base branch, oldest
     * first (the last is `commit`); the range `parent`..`commit` is undone as one.
     */
    rebasedCommits: z.array(z.string()).min(2).optional(),
  }),
  /** The original pull request's title, or the commit's first line. */
  originalTitle: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      /** sha256 of the file as previewed (null: absent), to notice a base branch that moved under it. */
      beforeSha256: z.string().nullable(),
      /** Its git mode as previewed (null: absent). Absent in proposals made before modes were kept. */
      beforeMode: z.enum(['100644', '100755', '120000', '160000']).nullable().optional(),
      /** What the revert leaves; null deletes the file. */
      content: z.string().nullable(),
      /**
       * The mode the revert leaves (a symbolic link's content is its target). Absent in proposals
       * made before modes were kept: the file then keeps the branch's executable bit, and no
       * mode change is made that the preview did not show.
       */
      mode: z.enum(['100644', '100755', '120000']).optional(),
    }),
  ),
  /** Files of the change that already looked as before it (left alone). */
  alreadyUndone: z.array(z.string()),
  diff: z.string(),
  title: z.string(),
});

export type RevertProposal = z.output<typeof revertProposalSchema>;
