import * as z from 'zod';
import { PARSER_NAMES, STYLE_STEPS } from './intent';

/** A task holds at most this many changes (one preview, one branch, one commit, one draft pull request). */
export const MAX_BUNDLE_CHANGES = 10;

const changeLineSchema = z.object({
  property: z.string(),
  kind: z.enum(['text', 'color', 'links', 'style']),
  from: z.string(),
  to: z.string(),
  named: z.string().optional(),
  hex: z.string().optional(),
  at: z.string().optional(),
});

const fileSchema = z.object({
  path: z.string(),
  /** sha256 of the file as previewed, to notice a base branch that moved under it. */
  beforeSha256: z.string(),
  content: z.string(),
});

/** What both versions store: where, what the preview showed, and the files `execute` commits. */
const proposalFields = {
  repository: z.string(),
  repositoryKind: z.enum(['github', 'local']).optional(),
  baseBranch: z.string(),
  /** The commit the preview was computed on. */
  baseCommit: z.string(),
  section: z.string(),
  parser: z.enum(PARSER_NAMES),
  note: z.string().optional(),
  changes: z.array(changeLineSchema),
  /** Sentences shown with the preview (what was kept, where the text really lives). */
  notes: z.array(z.string()).optional(),
  files: z.array(fileSchema),
  diff: z.string(),
  title: z.string(),
};

/** Version 1: one change, stored by the code before refinements existed; a task in flight during a deploy still executes. */
const uxProposalV1Schema = z.object({ version: z.literal(1), ...proposalFields });

/** The validated intent (validate.ts's ValidatedIntent) as stored, so a refinement plans the change again. */
const storedIntentSchema = z.object({
  section: z.string(),
  page: z.string().optional(),
  price: z.object({ plan: z.string().optional(), amount: z.string() }).optional(),
  answer: z.object({ question: z.string(), text: z.string() }).optional(),
  email: z.object({ address: z.string(), from: z.string().optional() }).optional(),
  changes: z.array(z.object({ property: z.string(), kind: z.enum(['text', 'color']), value: z.string(), requested: z.string() })),
  addLinks: z.array(z.object({ label: z.string(), href: z.string() })),
  removeLinks: z.array(z.string()),
  renameLinks: z.array(z.object({ from: z.string(), to: z.string() })),
  linksProperty: z.string().optional(),
  replaceText: z.object({ from: z.string(), to: z.string() }).optional(),
  styles: z.array(z.object({ property: z.string(), step: z.enum(STYLE_STEPS) })),
});

/** One change of a task: what is needed to plan it again against the same base, and what its plan showed. */
export const bundleItemSchema = z.object({
  /** The person's words that asked for it (the command or description), as typed. */
  words: z.string(),
  /** The refinements applied to it since ("darker", "call it Plans"), oldest first. */
  refinements: z.array(z.string()).optional(),
  parser: z.enum(PARSER_NAMES),
  note: z.string().optional(),
  intent: storedIntentSchema,
  /** The section its plan reported (`home` for a text found in the hero). */
  section: z.string(),
  /** The place picked when its plan offered several: planned again, the option with this label is taken. */
  pick: z.object({ label: z.string(), description: z.string() }).optional(),
  /** Style steps taken (bigger twice: 2); one when absent. */
  steps: z.number().int().min(1).optional(),
  lines: z.array(changeLineSchema),
  notes: z.array(z.string()).optional(),
});

/** Version 2: a bundle of up to MAX_BUNDLE_CHANGES changes against one base commit; files, diff and title cover them all. */
const uxProposalV2Schema = z.object({ version: z.literal(2), ...proposalFields, items: z.array(bundleItemSchema).min(1).max(MAX_BUNDLE_CHANGES) });

/** What `propose` stores on the task and `execute` needs to do the work deterministically. */
export const uxProposalSchema = z.discriminatedUnion('version', [uxProposalV1Schema, uxProposalV2Schema]);

export type UxProposal = z.output<typeof uxProposalSchema>;
export type UxProposalV2 = z.output<typeof uxProposalV2Schema>;
export type BundleItem = z.output<typeof bundleItemSchema>;
export type StoredIntent = z.output<typeof storedIntentSchema>;
