import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

interface Outcome {
  readonly code: number;
  readonly stderr: string;
  readonly outdir: string;
}

/** Runs bin/ the way the CDK CLI does: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR; no bundling, no asset staging. */
async function synth(context: Record<string, string>): Promise<Outcome> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'valine-bin-'));
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    // No bundling, and no copy of the assets into the outdir (the layers are 131 MB): the stack is what is checked.
    CDK_CONTEXT_JSON: JSON.stringify({ ...context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true }),
    CDK_DEFAULT_ACCOUNT: '',
    CDK_DEFAULT_REGION: '',
  };
  try {
    // cdk.json's app command (npx tsx bin/…) without npx, whose own start costs about a second a run.
    const { stderr } = await run(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['bin/valine-orchestrator.ts'], { cwd: PROJECT_ROOT, env });
    return { code: 0, stderr, outdir };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr, outdir };
  }
}

/** stderr without npm's own configuration warnings. */
const ownLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));

// All child processes start together; each test awaits its own.
const outcomes = {
  unknownStage: synth({ stage: 'staging' }),
  emptyStage: synth({ stage: '' }),
  invalidEmail: synth({ stage: 'prod', alertEmail: 'not-an-address' }),
  shortAccount: synth({ stage: 'prod', account: '12345' }),
  misspeltStage: synth({ stag: 'prod' }),
  prod: synth({ stage: 'prod' }),
};

describe('bin/valine-orchestrator.ts', () => {
  test('an unknown stage fails with one sentence naming the known stages, exit 1, no stack trace', async () => {
    const { code, stderr } = await outcomes.unknownStage;
    expect(code).toBe(1);
    expect(ownLines(stderr)).toEqual([
      'Unknown stage "staging": the known stages are dev and prod; pass --context stage=dev or --context stage=prod.',
    ]);
  });

  test('an empty stage context fails with one sentence and the fix', async () => {
    const { code, stderr } = await outcomes.emptyStage;
    expect(code).toBe(1);
    expect(ownLines(stderr)).toEqual(['The stage context is empty; pass --context stage=dev or --context stage=prod.']);
  });

  test('a malformed --context alertEmail fails with one sentence naming it and the fix', async () => {
    const { code, stderr } = await outcomes.invalidEmail;
    expect(code).toBe(1);
    expect(ownLines(stderr)).toEqual([
      'The alertEmail context "not-an-address" is not an e-mail address; pass --context alertEmail=oncall@example.com (for example) or leave it out.',
    ]);
  });

  test('an account that is not 12 digits fails with one sentence, exit 1', async () => {
    const { code, stderr } = await outcomes.shortAccount;
    expect(code).toBe(1);
    expect(ownLines(stderr)).toEqual([
      'The account "12345" (from --context account) is not a 12-digit AWS account id; pass --context account=123456789012 (for example) or leave it out.',
    ]);
  });

  test('a misspelt stage key fails instead of synthesizing dev', async () => {
    const { code, stderr, outdir } = await outcomes.misspeltStage;
    expect(code).toBe(1);
    expect(ownLines(stderr)).toEqual([
      'Unknown context key "stag" (did you mean stage?); this app reads stage, account, region, alertEmail, discordPublicKey, so pass --context stage=<value>.',
    ]);
    expect(() => readFileSync(path.join(outdir, 'manifest.json'))).toThrow();
  });

  test('--context stage=prod synthesizes the valine-orchestrator-prod stack', async () => {
    const { code, stderr, outdir } = await outcomes.prod;
    expect(ownLines(stderr).filter((l) => /error|at /i.test(l))).toEqual([]);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    expect(manifest.artifacts['valine-orchestrator-prod']?.type).toBe('aws:cloudformation:stack');
  });
});
