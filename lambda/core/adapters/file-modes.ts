import { createHash } from 'node:crypto';
import { EXECUTABLE_FILE, REGULAR_FILE, RepoHostError, SYMBOLIC_LINK, type FileMode, type FileToCommit, type WritableMode } from '../ports/repo-host';

/**
 * The mode a written file gets, the one rule of both repository hosts: its own when given, else
 * the executable bit the branch has (so an edit keeps it). Text is never written over a symbolic
 * link or a submodule unasked: that would turn a link into a file nobody previewed.
 */
export function modeToWrite(file: FileToCommit, current: { mode: FileMode } | undefined, branch: string): WritableMode {
  if (file.mode) return file.mode;
  if (current?.mode === EXECUTABLE_FILE) return EXECUTABLE_FILE;
  if (current && current.mode !== REGULAR_FILE) {
    const what = current.mode === SYMBOLIC_LINK ? 'a symbolic link' : 'a submodule';
    throw new RepoHostError(`${file.path} is ${what} on ${branch}, not a file, so it was not changed. Edit it with git instead.`, false);
  }
  return REGULAR_FILE;
}

/** The id git gives a blob of `content` (SHA-1 of "blob <bytes>\0" and the bytes), to compare with a tree entry without reading it. */
export function gitBlobId(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
