import { applyPatch, structuredPatch } from 'diff';
import type { RepoHost } from '../../ports/repo-host';

/** One file of a revert: what it holds on the branch now, and what the revert leaves (undefined: deleted). */
export interface RevertedFile {
  path: string;
  now: string | undefined;
  after: string | undefined;
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

/** The change is stored on the task (one DynamoDB item): at most this many files and bytes. */
export const MAX_REVERTED_FILES = 100;
export const MAX_REVERTED_BYTES = 256 * 1024;

const isBinary = (text: string | undefined): boolean => text !== undefined && text.includes('\u0000');

/**
 * Undoes the change `parent → commit` on top of `tip`, file by file: a file unchanged since the
 * change gets its old content back (added files are deleted, deleted ones restored); a file
 * changed since gets the change's hunks reverse-applied with no fuzz, and is a conflict when
 * one of them no longer applies.
 */
export async function reverseChange(host: RepoHost, change: { parent: string; commit: string }, tip: string): Promise<ReverseChange> {
  const changed = await host.changedFiles(change.parent, change.commit);
  if (changed.length === 0) return { kind: 'nothing', files: [] };
  if (changed.length > MAX_REVERTED_FILES) {
    return { kind: 'unsupported', reason: `The change touches ${changed.length} files; the Revert Agent reverts at most ${MAX_REVERTED_FILES}. Revert it with git instead.` };
  }
  const read = (path: string, ref: string) => host.readFile(path, ref);
  const contents = await Promise.all(changed.map(async (file) => {
    const [before, made, now] = await Promise.all([read(file.path, change.parent), read(file.path, change.commit), read(file.path, tip)]);
    return { path: file.path, before, made, now };
  }));
  const binary = contents.filter((c) => isBinary(c.before) || isBinary(c.made) || isBinary(c.now)).map((c) => c.path);
  if (binary.length > 0) return { kind: 'unsupported', reason: `The change touches binary files (${binary.join(', ')}), which the Revert Agent does not revert. Revert it with git instead.` };

  const files: RevertedFile[] = [];
  const alreadyUndone: string[] = [];
  const conflicts: Conflict[] = [];
  for (const { path, before, made, now } of contents) {
    if (now === before) {
      alreadyUndone.push(path);
    } else if (now === made) {
      files.push({ path, now, after: before });
    } else if (now === undefined) {
      conflicts.push({ path, reason: 'deleted since' });
    } else if (made === undefined) {
      conflicts.push({ path, reason: 'deleted by the change and created again since' });
    } else if (before === undefined) {
      conflicts.push({ path, reason: 'added by the change and edited since' });
    } else {
      const undo = structuredPatch(path, path, made, before, undefined, undefined, { context: 3 });
      const after = applyPatch(now, undo, { fuzzFactor: 0 });
      if (after === false) conflicts.push({ path, reason: 'changed since in the same lines' });
      else files.push({ path, now, after });
    }
  }
  if (conflicts.length > 0) return { kind: 'conflict', conflicts };
  if (files.length === 0) return { kind: 'nothing', files: alreadyUndone };
  const bytes = files.reduce((total, f) => total + Buffer.byteLength(f.after ?? '', 'utf8'), 0);
  if (bytes > MAX_REVERTED_BYTES) {
    return { kind: 'unsupported', reason: `The reverted files add up to ${Math.round(bytes / 1024)} KB; the Revert Agent reverts up to ${MAX_REVERTED_BYTES / 1024} KB. Revert it with git instead.` };
  }
  return { kind: 'clean', files, alreadyUndone };
}
