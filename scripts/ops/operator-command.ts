import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isStageName, STAGES, type StageName } from '../../lambda/core/contract/stages';

/** A mistake the operator can fix: printed as one sentence, exit code 1, no stack trace. */
export class OperatorError extends Error {}

/** `--help` / `-h` was given: the text goes to stdout and the command exits 0 without doing anything. */
export class HelpRequested extends Error {
  constructor(readonly text: string) {
    super('help requested');
  }
}

/** What `--help` prints for one operator command. */
export interface CommandHelp {
  /** How the operator starts it, e.g. `npm run set-flag`. */
  readonly command: string;
  /** What follows `--`, e.g. `--stage <dev|prod> <flag-name> <value>`. */
  readonly synopsis: string;
  /** One sentence: what the command does. */
  readonly summary: string;
  /** [option, what it is for]; `-h, --help` is added. */
  readonly options: ReadonlyArray<readonly [string, string]>;
  readonly examples: readonly string[];
  /** Further lines (where values come from, which names exist). */
  readonly notes?: readonly string[];
}

export const usageLine = (help: CommandHelp): string => `${help.command} -- ${help.synopsis}`;

export function helpText(help: CommandHelp): string {
  const options: Array<readonly [string, string]> = [...help.options, ['-h, --help', 'Print this help and exit.']];
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `Usage: ${usageLine(help)}`,
    '',
    help.summary,
    '',
    'Options:',
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(help.notes && help.notes.length > 0 ? ['', ...help.notes] : []),
    '',
    help.examples.length === 1 ? 'Example:' : 'Examples:',
    ...help.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

/**
 * Runs an operator command; `--help` prints to stdout with exit 0, its own errors and AWS errors become one
 * sentence on stderr and exit 1. A command may return its exit code.
 */
export function runOperatorCommand(command: () => Promise<number | void>): void {
  // The SDK's multi-line "Node 22 soon" notice would bury the one line the operator needs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  command().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof HelpRequested) {
        process.stdout.write(error.text);
        process.exitCode = 0;
        return;
      }
      const message = sentenceFor(error);
      if (message === undefined) throw error; // a bug in the script: keep the stack trace
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    },
  );
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

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * parseArgs in strict mode plus `-h` / `--help` (thrown as HelpRequested before any other check), with
 * node's parse errors turned into one sentence that names the option and points at `--help`.
 */
export function parseOperatorArgs<T extends OptionsConfig>(argv: string[], options: T, help: CommandHelp) {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) throw new HelpRequested(helpText(help));
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new OperatorError(parseErrorSentence(error, help));
  }
}

function parseErrorSentence(error: unknown, help: CommandHelp): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const named = /'(-[^' ]+)/.exec(message)?.[1];
  const seeHelp = `run ${help.command} -- --help for the options`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named) return `Unknown option "${named}"; ${seeHelp}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named) return `The option "${named}" needs a value; usage: ${usageLine(help)}.`;
  return `${message.replace(/\.$/, '')}; ${seeHelp}.`;
}

export function requireStage(value: unknown, help: CommandHelp): StageName {
  if (typeof value !== 'string' || value === '') throw new OperatorError(`Missing --stage; usage: ${usageLine(help)}.`);
  if (!isStageName(value)) throw new OperatorError(`Unknown stage "${value}"; use one of ${STAGES.join(', ')}.`);
  return value;
}
