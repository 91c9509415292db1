import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ScreenshotError } from '../../core/screenshots/errors';

const run = promisify(execFile);

/** A temporary git worktree of `ref` (detached), so the repository's own checkout is never touched. */
export async function withWorktree<T>(repository: string, ref: string, work: (directory: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'valine-side-'));
  try {
    await run('git', ['worktree', 'add', '--detach', '--force', directory, ref], { cwd: repository });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? String(error);
    throw new ScreenshotError(`Could not check out ${ref} of ${repository} for its screenshot: ${stderr}`);
  }
  try {
    return await work(directory);
  } finally {
    await run('git', ['worktree', 'remove', '--force', directory], { cwd: repository }).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  }
}
