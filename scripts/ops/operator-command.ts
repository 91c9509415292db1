import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isStageName, STAGES, type StageName } from '../../lambda/core/contract/stages';

/** A mistake the operator can fix: printed as one sentence, exit code 1, no stack trace. */
export class OperatorError extends Error {}

/** Runs an operator command; its own errors and AWS errors become one sentence on stderr and exit 1. */
export function runOperatorCommand(command: () => Promise<void>): void {
  // The SDK's multi-line "Node 22 soon" notice would bury the one line the operator needs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  command().catch((error: unknown) => {
    const message = sentenceFor(error);
    if (message === undefined) throw error; // a bug in the script: keep the stack trace
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  });
}

function sentenceFor(error: unknown): string | undefined {
  if (error instanceof OperatorError) return error.message;
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'CredentialsProviderError') {
    return `No AWS credentials found (${error.message.replace(/\.$/, '')}); set AWS_PROFILE (or run aws sso login) and try again.`;
  }
  if (/region/i.test(error.message) && !('$metadata' in error)) {
    return `No AWS region configured (${error.message.replace(/\.$/, '')}); set AWS_REGION and try again.`;
  }
  if ('$metadata' in error) {
    return `AWS refused the request (${error.name}: ${error.message.replace(/\.$/, '')}); check AWS_PROFILE / AWS_REGION and your permissions.`;
  }
  return undefined;
}

export function parseOperatorArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new OperatorError(`${(error as Error).message.replace(/\.$/, '')}; usage: ${usage}.`);
  }
}

export function requireStage(value: unknown, usage: string): StageName {
  if (typeof value !== 'string' || value === '') throw new OperatorError(`Missing --stage; usage: ${usage}.`);
  if (!isStageName(value)) throw new OperatorError(`Unknown stage "${value}"; use one of ${STAGES.join(', ')}.`);
  return value;
}
