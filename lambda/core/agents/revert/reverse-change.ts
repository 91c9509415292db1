import { applyPatch, structuredPatch } from 'diff';
import { inlineCode } from '../../domain/discord-text';
import { SUBMODULE, SYMBOLIC_LINK, type RepoFile, type RepoHost, type WritableMode } from '../../ports/repo-host';

/** What a revert writes at a path: content and mode (a symbolic link's content is its target). */
export interface RevertedEntry {
  content: string;
  mode: WritableMode;
}

/** One file of a revert: what it holds on the branch now, and what the revert leaves (undefined: deleted). */
export interface RevertedFile {
  path: string;
  now: RepoFile | undefined;
  after: RevertedEntry | undefined;
}

export interface Conflict {
  path: string;
  reason: string;
}

export type ReverseChange =
  /** `files` change; `alreadyUndone` are files of the change that already look as before it. */
  | { kind: 'clean'; files: RevertedFile[]; alreadyUndone: string[] }
  | { kind: 'conflict'; conflicts: Conflict[] }
  | { kind: 'nothing'; files: string[] }
  | { kind: 'unsupported'; reason: string };

/** The change is stored on the task (one DynamoDB item): at most this many files (its size is measured in propose). */
export const MAX_REVERTED_FILES = 100;

const isBinary = (file: RepoFile | undefined): boolean => file !== undefined && file.content.includes('\u0000');
const isLink = (file: RepoFile | undefined): boolean => file?.mode === SYMBOLIC_LINK;
const same = (a: RepoFile | undefined, b: RepoFile | undefined): boolean => a?.content === b?.content && a?.mode === b?.mode;
const list = (paths: readonly string[]) => paths.map((p) => inlineCode(p, 100)).join(', ');

/** True when a link at `linkPath` to `target` stays inside the repository (relative, never up past its root). */
export function linkInsideRepository(linkPath: string, target: string): boolean {
  if (target.startsWith('/') || target.includes('\\') || target.includes('\u0000') || target === '') return false;
  let depth = linkPath.split('/').length - 1;
  for (const part of target.split('/')) {
    if (part === '..') depth -= 1;
    else if (part !== '.' && part !== '') depth += 1;
    if (depth < 0) return false;
  }
  return true;
}

/** A mode the revert may write: a file's, never a submodule's (those are refused before). */
const writable = (file: RepoFile): RevertedEntry => ({ content: file.content, mode: file.mode === '160000' ? '100644' : file.mode });

/**
 * Undoes the change `parent → commit` on top of `tip`, file by file, content and mode: a file
 * unchanged since the change gets its old content and mode back (added files are deleted,
 * deleted ones restored, symbolic links as links); a file changed since gets the change's hunks
 * reverse-applied with no fuzz (and the change's own mode change undone), and is a conflict when
 * one of them no longer applies. A link changed since, a submodule, a binary file or a link
 * pointing outside the repository is never guessed at.
 */
export async function reverseChange(host: RepoHost, change: { parent: string; commit: string }, tip: string): Promise<ReverseChange> {
  const changed = await host.changedFiles(change.parent, change.commit);
  if (changed.length === 0) return { kind: 'nothing', files: [] };
  if (changed.length > MAX_REVERTED_FILES) {
    return { kind: 'unsupported', reason: `The change touches ${changed.length} files; the Revert Agent reverts at most ${MAX_REVERTED_FILES}. Revert it with git instead.` };
  }
  const read = (path: string, ref: string) => host.readEntry(path, ref);
  const contents = await Promise.all(
    changed.map(async (file) => {
      const [before, made, now] = await Promise.all([read(file.path, change.parent), read(file.path, change.commit), read(file.path, tip)]);
      return { path: file.path, before, made, now };
    }),
  );
  const submodules = contents.filter((c) => [c.before, c.made, c.now].some((f) => f?.mode === SUBMODULE)).map((c) => c.path);
  if (submodules.length > 0) return { kind: 'unsupported', reason: `The change touches submodules (${list(submodules)}), which the Revert Agent does not revert. Revert it with git instead.` };
  const binary = contents.filter((c) => isBinary(c.before) || isBinary(c.made) || isBinary(c.now)).map((c) => c.path);
  if (binary.length > 0) return { kind: 'unsupported', reason: `The change touches binary files (${list(binary)}), which the Revert Agent does not revert. Revert it with git instead.` };

  const files: RevertedFile[] = [];
  const alreadyUndone: string[] = [];
  const conflicts: Conflict[] = [];
  for (const { path, before, made, now } of contents) {
    if (same(now, before)) {
      alreadyUndone.push(path);
    } else if (same(now, made)) {
      files.push({ path, now, after: before && writable(before) });
    } else if (now === undefined) {
      conflicts.push({ path, reason: 'deleted since' });
    } else if (made === undefined) {
      conflicts.push({ path, reason: 'deleted by the change and created again since' });
    } else if (before === undefined) {
      conflicts.push({ path, reason: 'added by the change and edited since' });
    } else if (isLink(before) || isLink(made) || isLink(now)) {
      // A link's target is one line: there is nothing to merge, only to guess.
      conflicts.push({ path, reason: 'a symbolic link, changed since' });
    } else {
      // The change's own mode change is undone; a mode changed since the change is kept.
      const mode = made.mode !== before.mode ? before.mode : now.mode;
      let content: string | false;
      if (now.content === made.content || now.content === before.content) {
        content = before.content;
      } else {
        const undo = structuredPatch(path, path, made.content, before.content, undefined, undefined, { context: 3 });
        content = applyPatch(now.content, undo, { fuzzFactor: 0 });
      }
      if (content === false) conflicts.push({ path, reason: 'changed since in the same lines' });
      else if (content === now.content && mode === now.mode) alreadyUndone.push(path);
      else files.push({ path, now, after: writable({ content, mode }) });
    }
  }
  if (conflicts.length > 0) return { kind: 'conflict', conflicts };
  const outside = files.filter((f) => f.after?.mode === SYMBOLIC_LINK && !linkInsideRepository(f.path, f.after.content));
  if (outside.length > 0) {
    const links = outside.map((f) => `${inlineCode(f.path, 100)} → ${inlineCode(f.after?.content ?? '', 80)}`).join(', ');
    return { kind: 'unsupported', reason: `The revert would restore symbolic links that point outside the repository (${links}); the Revert Agent does not write such links. Revert it with git instead.` };
  }
  if (files.length === 0) return { kind: 'nothing', files: alreadyUndone };
  return { kind: 'clean', files, alreadyUndone };
}
