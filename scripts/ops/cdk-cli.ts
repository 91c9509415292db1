import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import * as path from 'node:path';
import { configuredRegion, findAwsCredentials } from './aws-credentials';
import { OperatorError } from './operator-command';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The project's own CDK CLI (aws-cdk@2: a global aws-cdk@3 cannot read this app's cloud assembly).
 * VALINE_CDK_BIN replaces it with another program; it exists for the tests of these scripts, which must not reach AWS.
 */
const cdkBinary = (): string => process.env.VALINE_CDK_BIN || path.join(PROJECT_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'cdk.cmd' : 'cdk');

/** The value of `--profile <name>` / `--profile=<name>` among CDK arguments. */
export function profileArgument(cdkArgs: readonly string[]): string | undefined {
  for (const [index, arg] of cdkArgs.entries()) {
    if (arg === '--profile') return cdkArgs[index + 1];
    if (arg.startsWith('--profile=')) return arg.slice('--profile='.length);
  }
  return undefined;
}

/**
 * Refuses, in one sentence and before the CDK synthesizes anything, a command that needs AWS when no credentials
 * are configured; the CDK itself would print a bare "Unable to resolve AWS account" twice, after synthesis.
 */
export async function requireAwsCredentials(what: string, cdkArgs: readonly string[]): Promise<void> {
  const profile = profileArgument(cdkArgs);
  const check = await findAwsCredentials(process.env, profile);
  if (!check.found) {
    throw new OperatorError(`${what}: ${check.problem}`);
  }
  if ((await configuredRegion(process.env, profile)) === undefined && check.source !== 'the EC2 instance profile') {
    process.stderr.write(`No AWS region is set (AWS_REGION, or region in the profile), so the CDK uses us-east-1; set AWS_REGION if the stack lives elsewhere.\n`);
  }
}

/** Runs the CDK CLI with these arguments in the current folder, output to this terminal; resolves to its exit code. */
export function runCdk(cdkArgs: readonly string[]): Promise<number> {
  const child = spawn(cdkBinary(), [...cdkArgs], { stdio: 'inherit' });
  // Ctrl-C reaches the CDK too (same process group): wait for it to stop and pass its exit code on.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new OperatorError(`Could not start the CDK CLI (${cdkBinary()}: ${error.message}); run npm ci, then try again.`)));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}
