import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createLocalGitRepoHost } from '../../../lambda/core/adapters/local-git-repo-host';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe('local git repository host: snapshot', () => {
  let root: string;
  let directory: string;
  let commit: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'valine-local-snapshot-'));
    directory = join(root, 'site');
    const write = (path: string, content: string | Buffer) => {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), content);
    };
    write('README.md', '# site\n');
    write('src/App.tsx', 'export const App = () => null;\n');
    write('src/pages/Home.tsx', '\uFEFFexport const Home = () => "café";\n');
    write('public/icon.bin', PNG);
    write('public/photo.jpg', 'named like a photo');
    write('node_modules/left-pad/index.js', 'module.exports = 1;\n');
    write('yarn.lock', '# lock\n');
    write('dist/huge.js', 'y'.repeat(513 * 1024));
    symlinkSync('App.tsx', join(directory, 'src/Link.tsx'));
    git(directory, 'init', '-q', '-b', 'main');
    git(directory, 'add', '-A', '-f');
    execFileSync('git', ['-C', directory, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'seed']);
    commit = git(directory, 'rev-parse', 'HEAD');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads every text file at a commit, byte for byte, and says what it left out', async () => {
    const host = createLocalGitRepoHost({ directory });
    const snapshot = await host.snapshot(commit);
    expect(snapshot.commit).toBe(commit);
    expect([...snapshot.files.keys()]).toEqual(['README.md', 'src/App.tsx', 'src/pages/Home.tsx']);
    expect(snapshot.files.get('src/pages/Home.tsx')).toBe(readFileSync(join(directory, 'src/pages/Home.tsx'), 'utf8'));
    expect(snapshot.skipped).toEqual([
      { path: 'dist/huge.js', reason: 'larger than 512 KB (513 KB)' },
      { path: 'node_modules/', reason: 'node_modules folder' },
      { path: 'public/icon.bin', reason: 'binary (NUL byte)' },
      { path: 'public/photo.jpg', reason: 'binary (.jpg)' },
      { path: 'yarn.lock', reason: 'lock file' },
    ]);
  });

  it('reads the commit asked for, not the checkout or the branch tip', async () => {
    const host = createLocalGitRepoHost({ directory });
    writeFileSync(join(directory, 'README.md'), 'uncommitted\n');
    await host.ensureBranch('ux/x', commit);
    await host.commitFiles('ux/x', [{ path: 'README.md', content: 'on the branch\n' }], { message: 'x' });
    expect((await host.snapshot(commit)).files.get('README.md')).toBe('# site\n');
    expect((await host.snapshot((await host.head('ux/x')) as string)).files.get('README.md')).toBe('on the branch\n');
  });

  it('starts two git processes for the whole snapshot: ls-tree and one cat-file --batch', async () => {
    const bin = join(root, 'bin');
    const log = join(root, 'git.log');
    mkdirSync(bin);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    for (let i = 0; i < 40; i++) writeFileSync(join(directory, `extra-${i}.txt`), `${i}\n`);
    git(directory, 'add', '-A');
    execFileSync('git', ['-C', directory, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'more']);
    const tip = git(directory, 'rev-parse', 'HEAD');
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
    try {
      const host = createLocalGitRepoHost({ directory });
      const snapshot = await host.snapshot(tip);
      expect(snapshot.files.size).toBe(43);
    } finally {
      process.env.PATH = savedPath;
    }
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/ls-tree -r -l -z [0-9a-f]{40}$/);
    expect(calls[1]).toBe('cat-file --batch');
  });

  it('refuses a branch name and an unknown commit with a sentence', async () => {
    const host = createLocalGitRepoHost({ directory });
    await expect(host.snapshot('main')).rejects.toThrow(`A snapshot of ${directory} needs a full commit sha, not "main".`);
    // git's own words are the detail, for the log; the sentence stands alone.
    await expect(host.snapshot('0'.repeat(40))).rejects.toMatchObject({ message: `The commit 0000000 is not in ${directory}.`, detail: expect.stringMatching(/^fatal: /) });
  });
});
