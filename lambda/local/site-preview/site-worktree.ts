import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
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

/** Caches a dev server writes into node_modules: each checkout gets its own, so two servers never share one. */
const PER_CHECKOUT = new Set(['.vite', '.vite-temp', '.cache', '.astro']);

/**
 * Gives a temporary checkout the site's installed dependencies: the first of `candidates` (node_modules
 * folders) that exists is reused, one symbolic link per package (caches excepted), never copied.
 * Returns the folder used, or undefined when none exists or the checkout has its own.
 */
export async function linkDependencies(directory: string, candidates: readonly string[]): Promise<string | undefined> {
  const target = join(directory, 'node_modules');
  if (await isDirectory(target)) return undefined;
  for (const source of candidates) {
    if (!(await isDirectory(source))) continue;
    await mkdir(target);
    for (const entry of await readdir(source)) {
      if (!PER_CHECKOUT.has(entry)) await symlink(join(source, entry), join(target, entry));
    }
    return source;
  }
  return undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
