import * as z from 'zod';
import { PARSER_NAMES } from './intent';

/** What `propose` stores on the task and `execute` needs to do the work deterministically. */
export const uxProposalSchema = z.object({
  version: z.literal(1),
  repository: z.string(),
  repositoryKind: z.enum(['github', 'local']).optional(),
  baseBranch: z.string(),
  /** The commit the preview was computed on. */
  baseCommit: z.string(),
  section: z.string(),
  parser: z.enum(PARSER_NAMES),
  note: z.string().optional(),
  changes: z.array(
    z.object({ property: z.string(), kind: z.enum(['text', 'color', 'links', 'style']), from: z.string(), to: z.string(), named: z.string().optional(), hex: z.string().optional(), at: z.string().optional() }),
  ),
  /** Sentences shown with the preview (what was kept, where the text really lives). */
  notes: z.array(z.string()).optional(),
  files: z.array(
    z.object({
      path: z.string(),
      /** sha256 of the file as previewed, to notice a base branch that moved under it. */
      beforeSha256: z.string(),
      content: z.string(),
    }),
  ),
  diff: z.string(),
  title: z.string(),
});

export type UxProposal = z.output<typeof uxProposalSchema>;
