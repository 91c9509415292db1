import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT, runProgram } from './run-script';

/**
 * scripts/ensure-installed.js (prestart / pretest) copied into a temporary project whose "npm ci" is a stand-in
 * (VALINE_INSTALL_COMMAND): it logs each run, fails like two real `npm ci` in one folder do when another is
 * writing node_modules at the same time, takes a second, and then leaves the three programs the check looks for.
 */
const FAKE_INSTALL = `
const fs = require('node:fs');
fs.appendFileSync('installs.log', process.pid + '\\n');
if (fs.existsSync('node_modules/.installing')) {
  console.error('ENOENT: another install is rewriting node_modules');
  process.exit(7);
}
fs.mkdirSync('node_modules/.bin', { recursive: true });
fs.writeFileSync('node_modules/.installing', '');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
fs.rmSync('node_modules/.installing');
if (process.env.FAKE_INSTALL_FAILS) process.exit(1);
for (const bin of ['tsx', 'jest', 'tsc']) fs.writeFileSync('node_modules/.bin/' + bin, '');
`;

let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'fresh-clone-'));
  mkdirSync(path.join(project, 'scripts'));
  copyFileSync(path.join(PROJECT_ROOT, 'scripts', 'ensure-installed.js'), path.join(project, 'scripts', 'ensure-installed.js'));
  writeFileSync(path.join(project, 'fake-install.js'), FAKE_INSTALL);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const ensureInstalled = (env: Record<string, string> = {}) =>
  runProgram(process.execPath, ['scripts/ensure-installed.js'], { cwd: project, env: { VALINE_INSTALL_COMMAND: 'node fake-install.js', ...env } });
const installRuns = (): number => (existsSync(path.join(project, 'installs.log')) ? readFileSync(path.join(project, 'installs.log'), 'utf8').split('\n').filter(Boolean).length : 0);
const lockDirectory = (): string => path.join(project, '.valine', 'install.lock');

test('npm start and npm test started at once on a fresh clone: one install, the other waits and says so, both succeed', async () => {
  const [start, tests] = await Promise.all([ensureInstalled(), ensureInstalled()]);
  expect([start.code, tests.code]).toEqual([0, 0]);
  expect(installRuns()).toBe(1);
  const waiting = /^Another command \(pid \d+\) is installing the dependencies in this folder: waiting for it to finish…$/m;
  const waiters = [start, tests].filter((run) => waiting.test(run.stdout));
  expect(waiters).toHaveLength(1);
  expect(waiters[0]!.stdout.match(new RegExp(waiting.source, 'gm'))).toHaveLength(1);
  expect([start, tests].filter((run) => run.stdout.includes('running `npm ci` once'))).toHaveLength(1);
  expect(existsSync(lockDirectory())).toBe(false);
});

test('a failed install says so, exits non-zero and releases the lock, so the next command installs', async () => {
  const failed = await ensureInstalled({ FAKE_INSTALL_FAILS: '1' });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('`npm ci` failed (see above); fix that, then run the command again.');
  expect(existsSync(lockDirectory())).toBe(false);

  const next = await ensureInstalled();
  expect(next.code).toBe(0);
  expect(installRuns()).toBe(2);
});

test('the lock of an install that was killed (its pid is gone) is taken over', async () => {
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  mkdirSync(lockDirectory(), { recursive: true });
  writeFileSync(path.join(lockDirectory(), 'pid'), `${gone}\n`);
  const run = await ensureInstalled();
  expect(run.code).toBe(0);
  expect(installRuns()).toBe(1);
  expect(existsSync(lockDirectory())).toBe(false);
});

test('installed dependencies and no lock: nothing runs', async () => {
  mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
  for (const bin of ['tsx', 'jest', 'tsc']) writeFileSync(path.join(project, 'node_modules', '.bin', bin), '');
  const run = await ensureInstalled();
  expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(installRuns()).toBe(0);
});
