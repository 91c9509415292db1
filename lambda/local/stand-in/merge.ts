import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { shownPath } from '../site-in-use';

const run = promisify(execFile);

/** Who local mode's merge is made by: it stands for a person pressing GitHub's merge button. */
const MERGER = ['-c', 'user.name=Local Developer', '-c', 'user.email=local-dev@valine.invalid', '-c', 'commit.gpgsign=false'];

interface GitOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
}

async function git(directory: string, args: readonly string[]): Promise<GitOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  try {
    const { stdout, stderr } = await run('git', ['-C', directory, ...MERGER, ...args], { env });
    return { ok: true, stdout: stdout.trim(), stderr: stderr.trim() };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message?: string };
    return { ok: false, stdout: (failed.stdout ?? '').trim(), stderr: (failed.stderr ?? failed.message ?? '').trim() };
  }
}

const lastLine = (text: string): string => text.split('\n').filter((line) => line.trim() !== '').pop() ?? text;

/** The newest branch the agents committed (ux/…, revert/…) that is not on `base` yet. */
async function lastConfirmedBranch(directory: string, base: string): Promise<string | undefined> {
  const listed = await git(directory, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads/ux/', 'refs/heads/revert/']);
  for (const branch of listed.stdout.split('\n').filter((name) => name !== '')) {
    if (!(await git(directory, ['merge-base', '--is-ancestor', branch, base])).ok) return branch;
  }
  return undefined;
}

/**
 * `npm run discord -- --merge [<branch>]`: local mode has no pull requests, so this merges a
 * confirmed branch into the default branch of the local site repository as GitHub's merge button
 * would (a merge commit), in its checkout. Returns what to print and the exit code.
 */
export async function mergeConfirmedBranch(directory: string, asked?: string): Promise<{ lines: string[]; code: number }> {
  const shown = shownPath(directory);
  const base = (await git(directory, ['symbolic-ref', '--short', 'HEAD'])).stdout;
  if (!base) return { lines: [`${shown} is not a git repository with a branch checked out; start local mode once (npm start) to create it.`], code: 1 };
  const branch = asked ?? (await lastConfirmedBranch(directory, base));
  if (!branch) return { lines: [`Every branch the agents committed in ${shown} is already on ${base}. Confirm a preview first (npm run discord -- --click confirm).`], code: 1 };
  if (!(await git(directory, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`])).ok) return { lines: [`There is no branch ${branch} in ${shown}; its branches: git -C ${shown} branch.`], code: 1 };
  if ((await git(directory, ['merge-base', '--is-ancestor', branch, base])).ok) return { lines: [`${branch} is already on ${base}.`], code: 1 };
  const merged = await git(directory, ['merge', '--no-ff', '--no-edit', '-m', `Merge branch '${branch}'`, branch]);
  if (!merged.ok) {
    await git(directory, ['merge', '--abort']);
    return { lines: [`${branch} does not merge into ${base} cleanly, so nothing was merged: ${lastLine(merged.stderr || merged.stdout)}`], code: 1 };
  }
  const sha = (await git(directory, ['rev-parse', '--short', 'HEAD'])).stdout;
  return {
    lines: [
      `Merged ${branch} into ${base} of ${shown} as ${sha} (a merge commit, as merging its pull request on GitHub would make).`,
      'Undo it with the Revert Agent:',
      `  npm run discord -- /revert target:${sha}`,
    ],
    code: 0,
  };
}
