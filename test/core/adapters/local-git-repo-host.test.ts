import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGitRepoHost } from '../../../lambda/core/adapters/local-git-repo-host';

const SEED = join(__dirname, '../../../examples/site');
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

describe('local git repository host', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'valine-local-host-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the repository from the seed on first use, as a real git repository on main', async () => {
    const directory = join(root, '.valine/site');
    const host = createLocalGitRepoHost({ directory, seedFrom: SEED });
    await expect(host.describe()).resolves.toEqual({ kind: 'local', name: directory, defaultBranch: 'main', directory });
    expect(git(directory, 'branch', '--show-current')).toBe('main');
    expect(git(directory, 'status', '--porcelain')).toBe('');
    const main = await host.head('main');
    expect(main).toMatch(/^[0-9a-f]{40}$/);
    expect(await host.readFile('src/components/Header.tsx', 'main')).toBe(readFileSync(join(SEED, 'src/components/Header.tsx'), 'utf8'));
    expect(await host.readFile('src/missing.tsx', 'main')).toBeUndefined();
    expect(await host.head('no-such-branch')).toBeUndefined();
    // A second host on the same directory reuses it.
    const again = createLocalGitRepoHost({ directory, seedFrom: SEED });
    expect(await again.head('main')).toBe(main);
  });

  it('commits on a branch without touching the checkout, and only once for the same contents', async () => {
    const directory = join(root, 'site');
    const host = createLocalGitRepoHost({ directory, seedFrom: SEED });
    const main = (await host.head('main')) as string;
    writeFileSync(join(directory, 'README.md'), 'work in progress of the person using this checkout\n');
    await expect(host.ensureBranch('ux/test', main)).resolves.toEqual({ created: true, head: main });
    await expect(host.ensureBranch('ux/test', main)).resolves.toEqual({ created: false, head: main });
    const files = [{ path: 'src/new.txt', content: 'hello\n' }];
    const first = await host.commitFiles('ux/test', files, { message: 'Add new.txt\n\nRequested by Alice.' });
    expect(first.created).toBe(true);
    await expect(host.commitFiles('ux/test', files, { message: 'Add new.txt' })).resolves.toEqual({ commit: first.commit, created: false });
    expect(await host.readFile('src/new.txt', 'ux/test')).toBe('hello\n');
    expect(git(directory, 'log', '--format=%s%n%b', '-1', 'ux/test')).toBe('Add new.txt\nRequested by Alice.');
    expect(git(directory, 'rev-parse', 'main')).toBe(main);
    expect(git(directory, 'branch', '--show-current')).toBe('main');
    expect(git(directory, 'status', '--porcelain')).toBe('M README.md');
  });

  it('makes one branch and one commit under twenty concurrent writers', async () => {
    const directory = join(root, 'site');
    const host = createLocalGitRepoHost({ directory, seedFrom: SEED });
    const main = (await host.head('main')) as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const branch = await host.ensureBranch('ux/race', main);
        const commit = await host.commitFiles('ux/race', [{ path: 'race.txt', content: 'once\n' }], { message: 'race' });
        return { branch, commit };
      }),
    );
    expect(results.filter((r) => r.branch.created)).toHaveLength(1);
    expect(results.filter((r) => r.commit.created)).toHaveLength(1);
    expect(git(directory, 'rev-list', '--count', 'main..ux/race')).toBe('1');
    expect(git(directory, 'branch', '--list', 'ux/*')).toBe('ux/race');
  });

  it('commits when git has no user.name or user.email configured (as on a fresh CI machine)', async () => {
    const saved = { ...process.env };
    const config = join(root, 'gitconfig');
    // useConfigOnly makes git refuse to guess an identity, so only the identity the host passes works.
    writeFileSync(config, '[user]\n\tuseConfigOnly = true\n');
    Object.assign(process.env, { HOME: root, XDG_CONFIG_HOME: root, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' });
    for (const name of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete process.env[name];
    try {
      const directory = join(root, 'site');
      const host = createLocalGitRepoHost({ directory, seedFrom: SEED });
      const main = (await host.head('main')) as string;
      await host.ensureBranch('ux/no-identity', main);
      await expect(host.commitFiles('ux/no-identity', [{ path: 'a.txt', content: 'a\n' }], { message: 'a' })).resolves.toMatchObject({ created: true });
      expect(git(directory, 'log', '-1', '--format=%an <%ae>', 'ux/no-identity')).toBe('Valine UX Agent <ux-agent@valine.invalid>');
    } finally {
      process.env = saved;
    }
  });

  it('reads and writes git modes: an edit keeps 100755, a mode given is written, a symbolic link is never overwritten by text unasked', async () => {
    const directory = join(root, 'site');
    mkdirSync(join(directory, 'bin'), { recursive: true });
    mkdirSync(join(directory, 'public'), { recursive: true });
    writeFileSync(join(directory, 'bin/deploy.sh'), '#!/bin/sh\necho deploy\n');
    chmodSync(join(directory, 'bin/deploy.sh'), 0o755);
    writeFileSync(join(directory, 'public/index.html'), '<h1>Home</h1>\n');
    symlinkSync('index.html', join(directory, 'public/latest.html'));
    git(directory, 'init', '-q', '-b', 'main');
    git(directory, 'add', '-A');
    git(directory, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-m', 'Site with a script and a link');
    const host = createLocalGitRepoHost({ directory });
    const main = (await host.head('main')) as string;
    const modeOf = (ref: string, path: string) => git(directory, 'ls-tree', ref, '--', path).split(/\s/)[0];

    await expect(host.readEntry('bin/deploy.sh', main)).resolves.toEqual({ content: '#!/bin/sh\necho deploy\n', mode: '100755' });
    await expect(host.readEntry('public/latest.html', main)).resolves.toEqual({ content: 'index.html', mode: '120000' });
    await expect(host.readEntry('public/index.html', 'main')).resolves.toEqual({ content: '<h1>Home</h1>\n', mode: '100644' });
    await expect(host.readEntry('public/missing.html', main)).resolves.toBeUndefined();
    await expect(host.readEntry('public/index.html', 'no-such-branch')).resolves.toBeUndefined();
    // A name git would read as a pattern is only that file.
    await expect(host.readEntry('public/*.html', main)).resolves.toBeUndefined();

    await host.ensureBranch('ux/modes', main);
    // Written without a mode (as the UX Agent writes its edits): the executable stays executable.
    await host.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n' }], { message: 'Edit the script' });
    expect(modeOf('ux/modes', 'bin/deploy.sh')).toBe('100755');
    // A mode given is written, even when the content is the same; the same again writes nothing.
    const chmod = await host.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n', mode: '100644' }], { message: 'Not executable' });
    expect(chmod.created).toBe(true);
    expect(modeOf('ux/modes', 'bin/deploy.sh')).toBe('100644');
    await expect(host.commitFiles('ux/modes', [{ path: 'bin/deploy.sh', content: '#!/bin/sh\necho deploy now\n', mode: '100644' }], { message: 'again' })).resolves.toEqual({ commit: chmod.commit, created: false });
    // A symbolic link is written as one when asked.
    await host.commitFiles('ux/modes', [{ path: 'public/home.html', content: 'index.html', mode: '120000' }], { message: 'Link' });
    expect(modeOf('ux/modes', 'public/home.html')).toBe('120000');
    expect(git(directory, 'cat-file', '-p', 'ux/modes:public/home.html')).toBe('index.html');
    // Text over a link, unasked, is refused and nothing is committed.
    const before = await host.head('ux/modes');
    await expect(host.commitFiles('ux/modes', [{ path: 'public/latest.html', content: '<h1>Not a link</h1>\n' }], { message: 'x' })).rejects.toThrow(
      'public/latest.html is a symbolic link on ux/modes, not a file, so it was not changed. Edit it with git instead.',
    );
    expect(await host.head('ux/modes')).toBe(before);
    expect(modeOf('ux/modes', 'public/latest.html')).toBe('120000');
  });

  it('refuses an invalid branch name and a directory that is not a repository', async () => {
    const host = createLocalGitRepoHost({ directory: join(root, 'site'), seedFrom: SEED });
    const main = (await host.head('main')) as string;
    await expect(host.ensureBranch('bad..name', main)).rejects.toThrow('bad..name is not a valid branch name.');
    writeFileSync(join(root, 'plain'), 'x');
    const notRepo = createLocalGitRepoHost({ directory: root, seedFrom: SEED });
    await expect(notRepo.describe()).rejects.toThrow(/exists but is not a git repository/);
  });
});
