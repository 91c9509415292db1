import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTsx } from '../run-script';

/**
 * `npm run diff` / `npm run deploy` check for AWS credentials offline, then run the CDK CLI with the arguments given.
 * The CLI is replaced (VALINE_CDK_BIN) by a program that records its arguments, so nothing reaches AWS.
 */
let work: string;
let fakeCdk: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'aws-cdk-preflight-'));
  fakeCdk = path.join(work, 'fake-cdk');
  writeFileSync(fakeCdk, '#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_CDK_ARGS"\nexit "${FAKE_CDK_EXIT:-0}"\n');
  chmodSync(fakeCdk, 0o755);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let caseNumber = 0;
/** A fresh, empty home folder and the file the fake CDK writes its arguments to. */
function freshCase(): { home: string; argsFile: string } {
  caseNumber += 1;
  const home = path.join(work, `home-${caseNumber}`);
  mkdirSync(home);
  return { home, argsFile: path.join(work, `cdk-args-${caseNumber}`) };
}

function writeAwsFile(home: string, name: 'config' | 'credentials', text: string): void {
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  writeFileSync(path.join(home, '.aws', name), text);
}

function npmRunDiff(args: string[], home: string, argsFile: string, env: Record<string, string> = {}) {
  return runTsx('scripts/ops/aws-cdk.ts', ['diff', ...args], { env: { HOME: home, VALINE_CDK_BIN: fakeCdk, FAKE_CDK_ARGS: argsFile, ...env } });
}

describe('npm run diff without AWS credentials', () => {
  test('with an empty HOME and no AWS_* variables: one sentence saying what is missing and how to set it, exit 1, the CDK never started', async () => {
    const { home, argsFile } = freshCase();
    const run = await npmRunDiff(['--context', 'stage=prod'], home, argsFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'cdk diff: No AWS credentials are configured (no AWS_PROFILE, no AWS_ACCESS_KEY_ID, no default profile in ~/.aws/config or ~/.aws/credentials); set AWS_PROFILE to a profile that reaches the account (after aws configure sso, run aws sso login), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run it again.\n',
    );
    expect(existsSync(argsFile)).toBe(false);
  });

  test('an AWS_PROFILE that is not in the config files is named, with the profiles that are', async () => {
    const { home, argsFile } = freshCase();
    writeAwsFile(home, 'config', '[profile valine-dev]\nregion = eu-west-1\nsso_session = acme\n\n[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\n');
    const run = await npmRunDiff([], home, argsFile, { AWS_PROFILE: 'valine-prod' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'cdk diff: The AWS profile "valine-prod" is not in ~/.aws/config or ~/.aws/credentials (profiles there: valine-dev); run aws configure sso --profile valine-prod (or aws configure --profile valine-prod), or set AWS_PROFILE to one that exists, then run it again.\n',
    );
    expect(existsSync(argsFile)).toBe(false);
  });

  test('an SSO profile without a cached login says to run aws sso login; after the login it runs', async () => {
    const { home, argsFile } = freshCase();
    writeAwsFile(home, 'config', '[profile valine-dev]\nregion = eu-west-1\nsso_session = acme\nsso_account_id = 123456789012\nsso_role_name = Deployer\n\n[sso-session acme]\nsso_region = eu-west-1\nsso_start_url = https://acme.awsapps.com/start\n');
    const before = await npmRunDiff(['--profile', 'valine-dev'], home, argsFile);
    expect(before.code).toBe(1);
    expect(before.stderr).toBe('cdk diff: The AWS profile "valine-dev" uses SSO but has no login cached; run aws sso login --profile valine-dev, then run it again.\n');

    // What `aws sso login` leaves behind: the token cached under the sha1 of the session name.
    const cache = path.join(home, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(path.join(cache, `${createHash('sha1').update('acme').digest('hex')}.json`), JSON.stringify({ accessToken: 'cached', expiresAt: '2099-01-01T00:00:00Z' }));
    const after = await npmRunDiff(['--profile', 'valine-dev'], home, argsFile);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(readFileSync(argsFile, 'utf8')).toBe('diff\n--profile\nvaline-dev\n');
  });

  test('only one of the two key variables set: names the missing one', async () => {
    const { home, argsFile } = freshCase();
    const run = await npmRunDiff([], home, argsFile, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('cdk diff: AWS_SECRET_ACCESS_KEY is not set while its partner is; export both (or unset both and set AWS_PROFILE), then run it again.\n');
  });
});

describe('npm run diff with AWS credentials', () => {
  test('a default profile with keys: runs cdk diff with the arguments as given and passes its exit code on', async () => {
    const { home, argsFile } = freshCase();
    writeAwsFile(home, 'credentials', '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = example\n');
    writeAwsFile(home, 'config', '[default]\nregion = eu-west-1\n');
    const run = await npmRunDiff(['--context', 'stage=prod', '--method', 'template'], home, argsFile, { FAKE_CDK_EXIT: '1' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(readFileSync(argsFile, 'utf8')).toBe('diff\n--context\nstage=prod\n--method\ntemplate\n');
  });

  test('keys in the environment (as the pull-request workflow has them): runs, and says when no region is set', async () => {
    const { home, argsFile } = freshCase();
    const run = await npmRunDiff(['--context', 'stage=dev'], home, argsFile, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', AWS_SESSION_TOKEN: 'token' });
    expect(run.code).toBe(0);
    expect(readFileSync(argsFile, 'utf8')).toBe('diff\n--context\nstage=dev\n');
    expect(run.stderr).toBe('No AWS region is set (AWS_REGION, or region in the profile), so the CDK uses us-east-1; set AWS_REGION if the stack lives elsewhere.\n');
  });

  test('npm run deploy runs cdk deploy the same way', async () => {
    const { home, argsFile } = freshCase();
    const run = await runTsx('scripts/ops/aws-cdk.ts', ['deploy', '--context', 'stage=dev'], {
      env: { HOME: home, VALINE_CDK_BIN: fakeCdk, FAKE_CDK_ARGS: argsFile, AWS_PROFILE: 'ci', AWS_CONFIG_FILE: path.join(work, 'ci-config') },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cdk deploy: The AWS profile "ci" is not in .*ci-config or ~\/\.aws\/credentials \(no profiles there\);/);
    // A profile with a role and a credential source (a CI runner's): nothing to log in to.
    writeFileSync(path.join(work, 'ci-config'), '[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/deploy\ncredential_source = Environment\nregion = eu-west-1\n');
    const again = await runTsx('scripts/ops/aws-cdk.ts', ['deploy', '--context', 'stage=dev'], {
      env: { HOME: home, VALINE_CDK_BIN: fakeCdk, FAKE_CDK_ARGS: argsFile, AWS_PROFILE: 'ci', AWS_CONFIG_FILE: path.join(work, 'ci-config') },
    });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readFileSync(argsFile, 'utf8')).toBe('deploy\n--context\nstage=dev\n');
  });
});
