import { consoleLogger, logLevelFrom } from './console-logger';
import { localSettings } from './settings';
import { USAGE, UsageError, parseStandInArgs } from './stand-in/command-line';
import { runStandIn } from './stand-in/run';
import { errorMessage } from '../core/domain/error-message';

/** `npm run discord -- <command line>`: be a Discord user talking to the local bot. */
async function main(): Promise<number> {
  // Local tooling on Node 20: the SDK's upgrade notice would drown what the user should read.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  let request;
  try {
    request = parseStandInArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stdout.write(`${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  const timeoutSeconds = Number(process.env.VALINE_STAND_IN_TIMEOUT_SECONDS || 60);
  return runStandIn(request, localSettings(), {
    write: (text) => process.stdout.write(`${text}\n`),
    logger: consoleLogger(logLevelFrom(process.env.VALINE_LOG_LEVEL, 'warn')),
    followUpTimeoutMs: timeoutSeconds * 1000,
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The Discord stand-in failed: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
