import { createHash } from 'node:crypto';
import { unifiedDiff, type FileChange } from '../../domain/diff';
import { inlineCode, noMentions, shorten } from '../../domain/discord-text';
import type { RepoDescription } from '../../ports/repo-host';
import type { SiteModel } from './discovery/site-model';
import { EditError } from './edits/edit-error';
import { applySplices, type Splice } from './edits/splice';
import { cssStepFactor, furtherOnScale, scaleLengths } from './edits/style-step';
import { brokenBy } from './edits/verify';
import { planEdits, type ChangeLine, type PlannedChange, type ReadBaseFile } from './plan';
import { changeSummary } from './preview';
import { MAX_BUNDLE_CHANGES, type BundleItem, type UxProposalV2 } from './proposal';
import { bundleTitle, changeWords, pullRequestTitle } from './pull-request';
import type { SiteMap } from './site-map';

/**
 * A task of several changes (issue 17): each change is planned on its own against the task's
 * base commit, then their splices are laid over one another file by file. Splices of two changes
 * that touch the same characters are refused with a sentence naming both; every file two changes
 * share is parsed again (edits/verify*.ts) before a preview. One change is the same path with
 * one item, so a single request's preview, commit and pull request read as before.
 */

/** The edited files are stored on the task, and a DynamoDB item holds at most 400 KB. */
export const MAX_PROPOSAL_BYTES = 256 * 1024;

/** What every change of a task is planned against: one commit, its site model and names. */
export interface BundleBase {
  repository: RepoDescription;
  baseCommit: string;
  vocabulary: SiteMap;
  model: SiteModel | undefined;
  readFile: ReadBaseFile;
  /** `main` of `acme/site`, for sentences. */
  where: string;
}

/** One change planned: the item with its section, lines and notes as planned, and its splices against the base. */
export interface PlannedItem {
  item: BundleItem;
  splices: Splice[];
  /** Its splices were changed after planning (more style steps): its files are verified again. */
  reworked?: boolean;
}

export interface PlannedOption {
  label: string;
  description: string;
  planned: PlannedItem;
}

export type ItemPlan =
  | { ok: true; planned: PlannedItem }
  | { ok: false; message: string }
  | { ok: 'question'; question: string }
  | { ok: 'choice'; question: string; options: PlannedOption[]; found?: number };

/** Plans one change against the base; a change whose place was picked before takes that place again. */
export async function planItem(item: BundleItem, base: BundleBase): Promise<ItemPlan> {
  const plan = await planEdits(item.intent, base.vocabulary, base.model, base.readFile, base.where);
  if (plan.ok === false) return { ok: false, message: plan.message };
  if (plan.ok === 'question') return { ok: 'question', question: plan.question };
  if (plan.ok === true) return planned(item, plan, base, undefined);
  const again = item.pick ? pickedAgain(plan.options, item.pick) : undefined;
  if (again) return planned(item, again.plan, base, { label: again.label, description: again.description });
  const options: PlannedOption[] = [];
  let message = '';
  for (const option of plan.options) {
    const made = await planned(item, option.plan, base, { label: option.label, description: option.description });
    if (made.ok) options.push({ label: option.label, description: option.description, planned: made.planned });
    else message ||= made.message;
  }
  if (options.length === 0) return { ok: false, message: message || `Nothing would change on ${base.where}.` };
  return { ok: 'choice', question: plan.question, options, ...(plan.found ? { found: plan.found } : {}) };
}

/** The option picked before: the same label and description, else the same label, else the same description. */
function pickedAgain<T extends { label: string; description: string }>(options: readonly T[], pick: { label: string; description: string }): T | undefined {
  return (
    options.find((o) => o.label === pick.label && o.description === pick.description) ??
    options.find((o) => o.label === pick.label) ??
    options.find((o) => o.description === pick.description)
  );
}

async function planned(item: BundleItem, plan: PlannedChange, base: BundleBase, pick: { label: string; description: string } | undefined): Promise<{ ok: true; planned: PlannedItem } | { ok: false; message: string }> {
  const { pick: _previous, notes: _notes, ...rest } = item;
  const made: BundleItem = { ...rest, section: plan.section, lines: plan.lines, ...(plan.notes.length > 0 ? { notes: plan.notes } : {}), ...(pick ? { pick } : {}) };
  const splices = plan.splices ?? [];
  if ((item.steps ?? 1) <= 1) return { ok: true, planned: { item: made, splices } };
  return furtherSteps(made, splices, base);
}

/** `text-sm`, `md:text-5xl` inside a splice's text (also inside the quotes of a new class attribute). */
const SIZE_CLASS = /(^|[\s"'`])((?:[\w-]+:)*)(text-\w+)(?=$|[\s"'`])/g;
const HAS_SIZE_CLASS = new RegExp(SIZE_CLASS.source);

/**
 * "Bigger" once more: the one-step plan's classes moved further along Tailwind's scale, or the
 * base's CSS length scaled once more, so two steps are still one splice per place against the base.
 */
async function furtherSteps(item: BundleItem, splices: readonly Splice[], base: BundleBase): Promise<{ ok: true; planned: PlannedItem } | { ok: false; message: string }> {
  const style = item.intent.styles[0];
  const steps = item.steps ?? 1;
  if (!style || (style.step !== 'bigger' && style.step !== 'smaller')) return { ok: true, planned: { item, splices: [...splices] } };
  const move = (text: string) => text.replace(SIZE_CLASS, (_m, lead: string, variants: string, token: string) => `${lead}${variants}${furtherOnScale(token, style.step, steps - 1) ?? token}`);
  const out: Splice[] = [];
  let moved = false;
  let scaledTo: string | undefined;
  for (const splice of splices) {
    const further = move(splice.text);
    if (further !== splice.text) {
      moved = true;
      out.push({ ...splice, text: further });
      continue;
    }
    const original = (await base.readFile(splice.file))?.slice(splice.start, splice.end) ?? '';
    const scaled = original && !HAS_SIZE_CLASS.test(splice.text) ? scaleLengths(original, cssStepFactor(style.step) ** steps) : splice.text;
    if (scaled !== splice.text && scaled !== original) {
      scaledTo = scaled;
      out.push({ ...splice, text: scaled });
    } else out.push(splice);
  }
  if (!moved && scaledTo === undefined) {
    const line = item.lines[0];
    return { ok: false, message: `The ${item.section} ${style.property} cannot be made ${style.step} again: ${line ? `${inlineCode(line.to)} is` : 'it is'} as far as the UX Agent's steps go.` };
  }
  const lines: ChangeLine[] = item.lines.map((line) => (line.kind !== 'style' ? line : { ...line, to: moved ? move(line.to) : (scaledTo ?? line.to).trim() }));
  return { ok: true, planned: { item: { ...item, lines }, splices: out, reworked: true } };
}

export type Composition = { ok: true; files: FileChange[] } | { ok: false; message: string };

/** What a change is about, for sentences: "the navbar colour", `the text "Get Started"`. */
export function itemName(item: Pick<BundleItem, 'section' | 'lines' | 'intent'>): string {
  const line = item.lines[0];
  if (item.intent.replaceText) return `the text ${inlineCode(shorten(item.intent.replaceText.from, 40))}`;
  if (item.intent.price) return `the ${item.intent.price.plan ? `${item.intent.price.plan} ` : ''}price`;
  if (item.intent.answer) return `the answer to ${inlineCode(shorten(item.intent.answer.question, 40))}`;
  if (item.intent.email) return 'the e-mail address';
  const step = item.intent.styles[0]?.step;
  if (line?.kind === 'style' && step) return `the ${item.section} ${line.property.replace(/-/g, ' ')} ${step === 'bigger' || step === 'smaller' ? 'size' : step === 'bolder' ? 'weight' : 'corners'}`;
  return `the ${changeWords(item)}`;
}

const listAnd = (parts: readonly string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);
const lineOf = (content: string, offset: number) => content.slice(0, offset).split('\n').length;

/**
 * The files of every change together: per file, each change's splices against the base, laid
 * over one another. New text two changes insert at one point is kept in the changes' order;
 * splices of two changes that overlap are refused. A file two changes share is parsed again.
 */
export async function compose(items: readonly PlannedItem[], base: BundleBase, added?: number): Promise<Composition> {
  const name = (index: number) => (index === added ? `the new change (${itemName(items[index].item)})` : `change ${index + 1} (${itemName(items[index].item)})`);
  const paths: string[] = [];
  for (const { splices } of items) for (const s of splices) if (!paths.includes(s.file)) paths.push(s.file);
  const files: FileChange[] = [];
  for (const path of paths) {
    const before = await base.readFile(path);
    if (before === undefined) return { ok: false, message: `${path} does not exist on ${base.where}.` };
    const touching = items
      .map((p, index) => ({ index, reworked: p.reworked === true, splices: p.splices.filter((s) => s.file === path && before.slice(s.start, s.end) !== s.text) }))
      .filter((t) => t.splices.length > 0);
    const entries = touching.flatMap((t) => t.splices.map((splice) => ({ index: t.index, splice })));
    for (const a of entries) {
      for (const b of entries) {
        if (a.index >= b.index) continue;
        const insideA = b.splice.start === b.splice.end && a.splice.start < b.splice.start && b.splice.start < a.splice.end;
        const insideB = a.splice.start === a.splice.end && b.splice.start < a.splice.start && a.splice.start < b.splice.end;
        const overlap = a.splice.start < b.splice.end && b.splice.start < a.splice.end;
        if (overlap || insideA || insideB) {
          const [first, second] = added === a.index ? [b.index, a.index] : [a.index, b.index];
          const both = `${name(second)[0].toUpperCase()}${name(second).slice(1)} and ${name(first)} would edit the same place in ${inlineCode(path)} (line ${lineOf(before, Math.min(a.splice.start, b.splice.start))})`;
          const kinds = new Set(items[first].item.lines.map((l) => l.kind));
          const example = kinds.has('color') ? 'use #1e3a8a instead' : kinds.has('style') ? 'bigger' : 'call it "…"';
          return { ok: false, message: `${both}, and one task cannot hold both edits, so nothing was changed. To change that place differently, refine change ${first + 1} itself, e.g. ${inlineCode(example)}.` };
        }
      }
    }
    const splices = mergeInsertions(entries);
    let after: string;
    try {
      after = applySplices(before, splices, path);
    } catch (error) {
      if (error instanceof EditError) return { ok: false, message: error.message };
      throw error;
    }
    // A file one change alone edits was parsed again when that change was planned.
    if (touching.length > 1 || touching.some((t) => t.reworked)) {
      const broken = brokenBy(path, before, after);
      if (broken) return { ok: false, message: touching.length > 1 ? `Together, ${listAnd(touching.map((t) => name(t.index)))} would break a file: ${broken}` : broken };
    }
    if (after !== before) files.push({ path, before, after });
  }
  return { ok: true, files };
}

/** New text several changes insert at one point becomes one insertion, the earlier change's text first. */
function mergeInsertions(entries: ReadonlyArray<{ index: number; splice: Splice }>): Splice[] {
  const out: Splice[] = [];
  const points = new Map<number, Array<{ index: number; splice: Splice }>>();
  for (const entry of entries) {
    if (entry.splice.start !== entry.splice.end) out.push(entry.splice);
    else points.set(entry.splice.start, [...(points.get(entry.splice.start) ?? []), entry]);
  }
  for (const [at, group] of points) {
    const indexes = [...new Set(group.map((g) => g.index))].sort((x, y) => x - y);
    if (indexes.length === 1) {
      out.push(...group.map((g) => g.splice));
      continue;
    }
    // Within one change, as applySplices orders them; the changes in their order.
    const text = indexes.map((index) => applySplices('', group.filter((g) => g.index === index).map((g) => ({ ...g.splice, start: 0, end: 0 })))).join('');
    out.push({ file: group[0].splice.file, start: at, end: at, text });
  }
  return out;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The distinct sections of a bundle's changes, in order. */
export const bundleSections = (items: readonly Pick<BundleItem, 'section'>[]): string[] => [...new Set(items.map((i) => i.section))];

/**
 * The stored proposal of a bundle: its changes, their composed files, one diff and one title.
 * Undefined files mean nothing changes; an error sentence when the files are too large.
 */
export function bundleProposal(items: readonly BundleItem[], files: readonly FileChange[], base: BundleBase): { proposal: UxProposalV2; summary: string } | { error: string } {
  if (files.length === 0) {
    return { error: items.length === 1 ? `Nothing would change: the ${items[0].section} already looks like that on ${base.where}.` : `Nothing would change: together, these changes leave ${base.where} as it is.` };
  }
  const size = files.reduce((total, f) => total + Buffer.byteLength(f.after, 'utf8'), 0);
  if (size > MAX_PROPOSAL_BYTES) {
    return { error: `The files to change add up to ${Math.round(size / 1024)} KB; the UX Agent edits files up to ${MAX_PROPOSAL_BYTES / 1024} KB in total.` };
  }
  if (items.length > MAX_BUNDLE_CHANGES) return { error: `A task holds at most ${MAX_BUNDLE_CHANGES} changes.` };
  const first = items[0];
  const single = items.length === 1;
  const notes = [...new Set(items.flatMap((i) => i.notes ?? []))];
  const section = single ? first.section : bundleSections(items).join(', ');
  const proposal: UxProposalV2 = {
    version: 2,
    repository: base.repository.name,
    repositoryKind: base.repository.kind,
    baseBranch: base.repository.defaultBranch,
    baseCommit: base.baseCommit,
    section,
    parser: first.parser,
    ...(first.note ? { note: first.note } : {}),
    changes: items.flatMap((i) => i.lines),
    ...(notes.length > 0 ? { notes } : {}),
    files: files.map((f) => ({ path: f.path, beforeSha256: sha256(f.before), content: f.after })),
    diff: unifiedDiff(files),
    title: single ? pullRequestTitle(first.section, first.lines) : bundleTitle(items),
    items: [...items],
  };
  const summary = single ? changeSummary(first.section, first.lines) : noMentions(shorten(items.map((i, n) => `${n + 1}. ${changeSummary(i.section, i.lines)}`).join(' · '), 500));
  return { proposal, summary };
}
