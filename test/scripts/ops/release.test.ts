import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTsx } from '../run-script';

/**
 * `npm run release -- --stage <s>` in a real git repository: `cdk deploy` is a program that records its
 * arguments (VALINE_CDK_BIN) and exits with FAKE_CDK_EXIT, the tags are real.
 */
let repo: string;
let fakeCdk: string;
let argsFile: string;

const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

function commit(file: string, text: string): string {
  writeFileSync(path.join(repo, file), text);
  git('add', file);
  git('commit', '--quiet', '-m', `change ${file}`);
  return git('rev-parse', 'HEAD');
}

const release = (args: string[], env: Record<string, string> = {}) =>
  runTsx('scripts/ops/release.ts', args, {
    cwd: repo,
    env: {
      HOME: repo,
      VALINE_CDK_BIN: fakeCdk,
      FAKE_CDK_ARGS: argsFile,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_REGION: 'eu-west-1',
      ...env,
    },
  });

const today = (): string => new Date().toISOString().slice(0, 10);

beforeEach(() => {
  const work = mkdtempSync(path.join(tmpdir(), 'release-'));
  repo = path.join(work, 'repo');
  execFileSync('git', ['init', '--quiet', '-b', 'main', repo]);
  git('config', 'user.name', 'Ops Person');
  git('config', 'user.email', 'ops@example.com');
  git('config', 'commit.gpgsign', 'false');
  fakeCdk = path.join(work, 'fake-cdk');
  argsFile = path.join(work, 'cdk-args');
  writeFileSync(fakeCdk, '#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_CDK_ARGS"\nexit "${FAKE_CDK_EXIT:-0}"\n');
  chmodSync(fakeCdk, 0o755);
  commit('README.md', 'v1\n');
});

test('deploys the stage, then tags the deployed commit release/<stage>/<date>-<sha>; the next release names it as the rollback target', async () => {
  // Tag dates one hour apart: git sorts by the second, and two runs of a test share one.
  const first = await release(['--stage', 'prod'], { GIT_COMMITTER_DATE: '2030-01-01T10:00:00Z' });
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(readFileSync(argsFile, 'utf8')).toBe('deploy\n--context\nstage=prod\n');
  const firstTag = `release/prod/${today()}-${git('rev-parse', '--short', 'HEAD')}`;
  expect(git('tag', '--list', 'release/*')).toBe(firstTag);
  expect(git('rev-list', '-n', '1', firstTag)).toBe(git('rev-parse', 'HEAD'));
  expect(git('cat-file', '-t', firstTag)).toBe('tag'); // annotated: it records when and by whom
  expect(first.stdout).toContain(`as ${firstTag}. Push it so others can roll back to it: git push origin ${firstTag}\n`);

  const second = commit('README.md', 'v2\n');
  const next = await release(['--stage', 'prod', '--', '--require-approval', 'never'], { GIT_COMMITTER_DATE: '2030-01-01T11:00:00Z' });
  expect(next.code).toBe(0);
  expect(readFileSync(argsFile, 'utf8')).toBe('deploy\n--context\nstage=prod\n--require-approval\nnever\n');
  const secondTag = `release/prod/${today()}-${git('rev-parse', '--short', second)}`;
  expect(next.stdout).toContain(`The release before it, the rollback target: ${firstTag}\n`);
  // What the runbook's rollback reads: the newest first.
  expect(git('tag', '--list', 'release/prod/*', '--sort=-creatordate').split('\n')).toEqual([secondTag, firstTag]);
});

test('a failed deploy tags nothing and passes the exit code on', async () => {
  const run = await release(['--stage', 'dev'], { FAKE_CDK_EXIT: '1' });
  expect(run.code).toBe(1);
  expect(run.stderr).toBe('cdk deploy exited with 1: nothing was tagged. If the stack is rolling back, see "Scenario 1" in docs/runbook.md.\n');
  expect(git('tag', '--list')).toBe('');
});

test('refuses uncommitted or untracked files before deploying: the tag would name code that was not deployed', async () => {
  writeFileSync(path.join(repo, 'README.md'), 'edited\n');
  writeFileSync(path.join(repo, 'notes.txt'), 'new\n');
  const run = await release(['--stage', 'prod']);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    'The working tree has 2 uncommitted or untracked file(s) (README.md, notes.txt), so a release tag would name code that was not deployed; commit or stash them, then run it again.\n',
  );
  expect(existsSync(argsFile)).toBe(false);
});

test('without AWS credentials it stops before cdk deploy with the same sentence as npm run deploy', async () => {
  const run = await release(['--stage', 'prod'], { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^npm run release: No AWS credentials are configured \(/);
  expect(existsSync(argsFile)).toBe(false);
});

test('needs --stage, and takes the stage only there', async () => {
  const [missing, unknown, inContext] = await Promise.all([
    release([]),
    release(['--stage', 'staging']),
    release(['--stage', 'prod', '--', '--context', 'stage=dev']),
  ]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe('Missing --stage; usage: npm run release -- --stage <dev|prod> [-- <cdk deploy options>].\n');
  expect(unknown.stderr).toBe('Unknown stage "staging"; use one of dev, prod.\n');
  expect(inContext.stderr).toBe('Give the stage with --stage only (release passes --context stage=<stage> to cdk deploy itself).\n');
  expect(existsSync(argsFile)).toBe(false);
});

afterEach(() => rmSync(path.dirname(repo), { recursive: true, force: true }));
