import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStandInArgs, UsageError } from '../../lambda/local/stand-in/command-line';
import { mergeConfirmedBranch } from '../../lambda/local/stand-in/merge';

describe('npm run discord -- --merge', () => {
  let site: string;
  const git = (...args: string[]) => execFileSync('git', ['-C', site, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  /** A branch off main's first commit that sets index.html to `text`. */
  const branchWith = async (branch: string, text: string) => {
    git('checkout', '-q', '-b', branch, 'main~0');
    await writeFile(join(site, 'index.html'), text);
    git('commit', '-qam', branch);
    git('checkout', '-q', 'main');
  };
  beforeEach(async () => {
    site = await mkdtemp(join(tmpdir(), 'valine-merge-'));
    git('init', '-q', '-b', 'main');
    await writeFile(join(site, 'index.html'), '<h1>Welcome</h1>\n');
    git('add', '-A');
    git('commit', '-qm', 'site');
  });
  afterEach(() => rm(site, { recursive: true, force: true }));

  it('merges the newest confirmed branch not yet on main with a merge commit, and prints the /revert command for it', async () => {
    await branchWith('ux/header-older', '<h1>Older</h1>\n');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await branchWith('ux/header-newer', '<h1>Spring sale</h1>\n');
    const { lines, code } = await mergeConfirmedBranch(site);
    expect(code).toBe(0);
    const sha = git('rev-parse', '--short', 'main');
    expect(lines).toEqual([`Merged ux/header-newer into main of ${site} as ${sha} (a merge commit, as merging its pull request on GitHub would make).`, 'Undo it with the Revert Agent:', `  npm run discord -- /revert target:${sha}`]);
    expect(git('log', '-1', '--format=%P', 'main').split(' ')).toHaveLength(2);
    expect(git('show', 'main:index.html')).toBe('<h1>Spring sale</h1>');
  });

  it('says so when there is nothing to merge, or the branch named does not exist', async () => {
    expect(await mergeConfirmedBranch(site)).toEqual({ code: 1, lines: [`Every branch the agents committed in ${site} is already on main. Confirm a preview first (npm run discord -- --click confirm).`] });
    expect((await mergeConfirmedBranch(site, 'ux/nope')).lines[0]).toBe(`There is no branch ux/nope in ${site}; its branches: git -C ${site} branch.`);
  });

  it('merges nothing when the branch conflicts with main, and leaves no merge half done', async () => {
    await branchWith('ux/header-a', '<h1>A</h1>\n');
    await branchWith('ux/header-b', '<h1>B</h1>\n');
    expect((await mergeConfirmedBranch(site, 'ux/header-a')).code).toBe(0);
    const main = git('rev-parse', 'main');
    const refused = await mergeConfirmedBranch(site, 'ux/header-b');
    expect(refused.code).toBe(1);
    expect(refused.lines[0]).toMatch(/^ux\/header-b does not merge into main cleanly, so nothing was merged: /);
    expect(git('rev-parse', 'main')).toBe(main);
    expect(existsSync(join(site, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(git('status', '--porcelain')).toBe('');
  });

  it('takes a branch name, never an option for git, and is not done as a Discord user', () => {
    expect(parseStandInArgs(['--merge'])).toEqual({ kind: 'merge' });
    expect(parseStandInArgs(['--merge', 'ux/header-20260301-1020-7aa79c3d9453'])).toEqual({ kind: 'merge', branch: 'ux/header-20260301-1020-7aa79c3d9453' });
    expect(() => parseStandInArgs(['--merge', '--upload-pack=touch /tmp/x'])).toThrow(UsageError);
    expect(() => parseStandInArgs(['--as', '200000000000000002', '--merge'])).toThrow(new UsageError('--merge is not done as a Discord user; leave out --as and --roles.'));
  });
});
