import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { createGitHubRepoHost, readRepositoryTarball } from '../../../lambda/core/adapters/github-repo-host';
import { RepoHostError } from '../../../lambda/core/ports/repo-host';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../support/loopback-github';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const files: Record<string, string> = {
  'README.md': '# acme\n',
  'src/App.tsx': 'export const App = () => null;\n',
  'src/styles/site.css': 'body { color: #111; }\n',
  'public/logo.png': 'not really a png, but named like one',
  'public/blob.dat': 'text until\u0000here',
  'package-lock.json': '{}\n',
  'node_modules/react/index.js': 'module.exports = {};\n',
  'node_modules/react/package.json': '{}\n',
  'dist/bundle.js': 'x'.repeat(600 * 1024),
};

describe('GitHub snapshot: one tarball per commit', () => {
  let github: LoopbackGitHub;
  beforeEach(async () => {
    github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files });
  });
  afterEach(() => github.close());
  const host = () => createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl });

  it('reads every text file, without the archive folder, leaving binaries, lock files, dependencies and large files out', async () => {
    const repo = host();
    const commit = (await repo.head('main')) as string;
    const snapshot = await repo.snapshot(commit);
    expect(snapshot.commit).toBe(commit);
    expect([...snapshot.files.keys()].sort()).toEqual(['README.md', 'src/App.tsx', 'src/styles/site.css']);
    expect(snapshot.files.get('src/App.tsx')).toBe(files['src/App.tsx']);
    expect(snapshot.skipped).toEqual(
      expect.arrayContaining([
        { path: 'dist/bundle.js', reason: 'larger than 512 KB (600 KB)' },
        { path: 'node_modules/', reason: 'node_modules folder' },
        { path: 'package-lock.json', reason: 'lock file' },
        { path: 'public/blob.dat', reason: 'binary (NUL byte)' },
        { path: 'public/logo.png', reason: 'binary (.png)' },
      ]),
    );
    expect(snapshot.skipped).toHaveLength(5);
  });

  it('costs one tarball request (and GitHub\'s redirect) per commit, and none for the same commit again', async () => {
    const repo = host();
    await repo.describe();
    const commit = (await repo.head('main')) as string;
    const before = github.received().length;
    await Promise.all([repo.snapshot(commit), repo.snapshot(commit)]);
    await repo.snapshot(commit);
    const reads = github.received().slice(before);
    expect(reads).toHaveLength(2);
    expect(reads[0]).toBe(`GET /repos/acme/site/tarball/${commit}`);
    expect(reads[1]).toMatch(new RegExp(`^GET /codeload/acme/site/legacy\\.tar\\.gz/${commit}\\?token=\\w+$`));
    expect(github.requests.slice(before).map((r) => r.status)).toEqual([302, 200]);
  });

  it('describes the repository from the token GitHub issues: a cold preview costs token, head and tarball', async () => {
    const repo = host();
    await expect(repo.describe()).resolves.toEqual({ kind: 'github', name: 'acme/site', defaultBranch: 'main', url: 'https://github.test/acme/site' });
    const commit = (await repo.head('main')) as string;
    await repo.snapshot(commit);
    expect(github.received().map((line) => line.replace(/\?.*/, ''))).toEqual([
      `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
      'GET /repos/acme/site/git/ref/heads%2Fmain',
      `GET /repos/acme/site/tarball/${commit}`,
      `GET /codeload/acme/site/legacy.tar.gz/${commit}`,
    ]);
    expect(github.requests[0].body).toEqual({ repositories: ['site'] });
  });

  it('reads a new commit when the branch moves', async () => {
    const repo = host();
    const first = (await repo.head('main')) as string;
    await repo.snapshot(first);
    const second = github.push('main', { 'src/New.tsx': 'export const New = 1;\n' });
    await expect(repo.head('main')).resolves.toBe(second);
    const snapshot = await repo.snapshot(second);
    expect(snapshot.files.get('src/New.tsx')).toBe('export const New = 1;\n');
    expect(github.received().filter((line) => line.includes('/tarball/'))).toHaveLength(2);
  });

  it('turns failures into sentences: 5xx retryable (and not cached), an unknown commit not', async () => {
    const repo = host();
    const commit = (await repo.head('main')) as string;
    github.failNext('GET', /\/tarball\//, 502);
    const failed = await repo.snapshot(commit).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RepoHostError);
    expect(failed).toMatchObject({ retryable: true, status: 502, message: `GitHub could not download the repository at ${commit.slice(0, 7)} in acme/site (502). GitHub may be having trouble; try again.` });
    github.failNext('GET', /^\/codeload\//, 503);
    await expect(repo.snapshot(commit)).rejects.toMatchObject({ retryable: true, status: 503 });
    await expect(repo.snapshot(commit)).resolves.toMatchObject({ commit });
    const missing = 'f'.repeat(40);
    await expect(repo.snapshot(missing)).rejects.toMatchObject({ retryable: false, status: 404, message: expect.stringMatching(/^GitHub has no commit fffffff in acme\/site \(404\)\./) });
    await expect(repo.snapshot('main')).rejects.toThrow('A snapshot of acme/site needs a full commit sha, not "main".');
  });

  it('shares one head() read among concurrent callers, and one describe()', async () => {
    const repo = host();
    await Promise.all([repo.describe(), repo.describe(), repo.head('main'), repo.head('main'), repo.head('main')]);
    expect(github.received().filter((line) => line.includes('/git/ref/'))).toHaveLength(1);
    expect(github.issuedTokens).toHaveLength(1);
  });
});

describe('GitHub installation token', () => {
  it('is asked for again once it is within five minutes of expiring', async () => {
    const github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files, tokenLifetimeMs: 4 * 60_000 });
    try {
      const repo = createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl });
      await repo.head('main');
      await repo.head('main');
      expect(github.issuedTokens).toHaveLength(2);
      expect(github.requests.at(-1)?.headers.authorization).toBe('token ghs_test2');
    } finally {
      await github.close();
    }
  });
});

describe('readRepositoryTarball', () => {
  async function tarball(entries: Array<{ name: string; type?: 'file' | 'directory' | 'symlink'; linkname?: string; content?: string | Buffer }>): Promise<Buffer> {
    const archive = tarPack();
    const chunks: Buffer[] = [];
    archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    const ended = new Promise<void>((resolve) => archive.on('end', () => resolve()));
    for (const e of entries) {
      if (e.content === undefined) archive.entry({ name: e.name, type: e.type, linkname: e.linkname });
      else archive.entry({ name: e.name }, e.content);
    }
    archive.finalize();
    await ended;
    return gzipSync(Buffer.concat(chunks));
  }
  const commit = 'a'.repeat(40);

  it('keeps regular files only, with a long path intact, and skips symlinks, folders and non-UTF-8 bytes', async () => {
    const long = `src/${'deep/'.repeat(30)}File.tsx`;
    const archive = await tarball([
      { name: 'acme-site-aaaaaaa/', type: 'directory' },
      { name: 'acme-site-aaaaaaa/src/', type: 'directory' },
      { name: 'acme-site-aaaaaaa/src/a.ts', content: 'a\n' },
      { name: `acme-site-aaaaaaa/${long}`, content: 'long\n' },
      { name: 'acme-site-aaaaaaa/src/link.ts', type: 'symlink', linkname: 'a.ts' },
      { name: 'acme-site-aaaaaaa/src/latin1.txt', content: Buffer.from([0x63, 0x61, 0x66, 0xe9]) },
    ]);
    const snapshot = await readRepositoryTarball(Readable.from([archive]), commit, 'acme/site');
    expect([...snapshot.files]).toEqual([
      ['src/a.ts', 'a\n'],
      [long, 'long\n'],
    ]);
    expect(snapshot.skipped).toEqual([{ path: 'src/latin1.txt', reason: 'not UTF-8 text' }]);
  });

  it('reports a broken archive as a retryable sentence', async () => {
    const archive = await tarball([{ name: 'acme-site-aaaaaaa/src/a.ts', content: 'a'.repeat(100_000) }]);
    const cut = archive.subarray(0, Math.floor(archive.length / 2));
    // The sentence says what failed and what to do; what zlib said stays in the detail, for the log only.
    await expect(readRepositoryTarball(Readable.from([cut]), commit, 'acme/site')).rejects.toMatchObject({
      retryable: true,
      message: 'The archive of acme/site at aaaaaaa could not be read (the download broke off or was damaged); try again.',
      detail: 'unexpected end of file',
    });
    await expect(readRepositoryTarball(Readable.from([Buffer.from('not gzip')]), commit, 'acme/site')).rejects.toMatchObject({ detail: 'incorrect header check', message: expect.not.stringContaining('header check') });
  });
});
