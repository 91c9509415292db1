import { FLAG_CACHE_SECONDS } from '../core/adapters/cached-flags';
import { consoleLogger, logLevelFrom } from './console-logger';
import { startLocalServer, type LocalServer } from './server';
import { localSettings } from './settings';
import { errorMessage } from '../core/domain/error-message';
import { SECRET_DEFINITIONS } from '../core/contract/parameters';
import { readLocalSecrets, scrubSecretVariables, type LocalSecrets } from './local-secrets';
import type { SiteSandbox } from './site-preview/sandbox';
import { describeSiteInUse, shownPath } from './site-in-use';
import { START_USAGE, StartUsageError, applyStartArguments } from './start-arguments';

/** `npm start`: the whole bot on this machine, with no AWS, Discord or GitHub account. */
async function main(): Promise<void> {
  // Local tooling on Node 20: the SDK's upgrade notice would drown the banner.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(`${START_USAGE}\n`);
    return;
  }
  const settings = applyStartArguments(localSettings(), argv);
  const logger = consoleLogger(logLevelFrom(process.env.VALINE_LOG_LEVEL, 'info'));
  // Read once, then gone from process.env: nothing this server starts (git, Chromium, a site's dev server) inherits a secret.
  const secrets = await readLocalSecrets(process.env, settings.secretsFile);
  scrubSecretVariables(process.env);
  const server = await startLocalServer({ settings, logger, secrets });
  const here = (path: string) => shownPath(path);
  // The stand-in finds this server, its key and its follow-up port through the same variables.
  const sameVariables = [
    ...(server.port !== 3000 ? [`PORT=${server.port}`] : []),
    ...['VALINE_HOME', 'DISCORD_STAND_IN_PORT'].filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`),
  ]
    .map((assignment) => `${assignment} `)
    .join('');
  const lines = [
    '',
    'Valine Orchestrator — local mode',
    `  Interactions endpoint  POST ${server.url}/discord`,
    `  GitHub webhook         POST ${server.url}/github/webhook`,
    `  Health                 GET  ${server.url}/health`,
    `  Discord public key     ${server.publicKeyHex}${server.usingDevKey ? ` (generated dev key, ${here(settings.devKeyFile)})` : ' (from DISCORD_PUBLIC_KEY)'}`,
    `  Discord API            ${server.discordApiBase}${server.usingDevKey && !settings.discordApiBase ? ' (the Discord stand-in)' : ''}`,
    `  Site                   ${server.site ? describeSiteInUse(server.site) : `${server.siteRepository} on GitHub (flag "site-repository")`}`,
    `  Flags                  ${here(settings.flagsFile)}${server.flagsFileCreated ? ' (created with dev defaults; you are admin as the stand-in user)' : ''}, re-read every ${FLAG_CACHE_SECONDS} s`,
    `  Screenshots            ${screenshotsLine(server.sitePreview, here(settings.screenshotsDirectory))}`,
    `  Secrets                ${secretSources(server.secrets, here(settings.secretsFile))}`,
    ...(server.siteSandbox ? [`  Site's dev server      ${sandboxLine(server.siteSandbox)}`] : []),
    `  Previews and tasks     ${settings.persist ? `kept across restarts, on disk in ${here(settings.dynamoDbPath)} (VALINE_PERSIST=1)` : `in memory: lost when this server stops (VALINE_PERSIST=1 keeps them in ${here(settings.dynamoDbPath)})`}`,
    '',
    'Try it from another terminal:',
    `  ${sameVariables}npm run discord -- /agents`,
    `  ${sameVariables}npm run discord -- /ux-update command:'section:header text:"Hello"'`,
    `  ${sameVariables}npm run discord -- --click confirm`,
    '',
    'From a real Discord application (see docs/discord.md):',
    `  1. Expose this server: cloudflared tunnel --url http://localhost:${server.port}   (or: ngrok http ${server.port})`,
    `  2. Store the application's values, then restart: npm run put-secret -- --stage local --name discord-public-key   (and discord-application-id, discord-bot-token; kept in ${here(settings.secretsFile)})`,
    '  3. Set the Interactions Endpoint URL to https://<tunnel host>/discord and save (Discord sends a PING first).',
    '',
  ];
  const stop = () => {
    process.stdout.write('\nStopping…\n');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the banner: whoever waits for it (a script, a test) may stop the server as soon as it reads it.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(lines.join('\n'));
}

/** Whether Confirm's answer carries before/after screenshots, and how the site is served for them. */
function screenshotsLine(preview: LocalServer['sitePreview'], folder: string): string {
  const { setting } = preview;
  if (setting.mode === 'off') return "off (VALINE_SITE_PREVIEW=auto runs the site's dev script, or its files as they are for plain HTML; docs/screenshots.md)";
  const how = setting.mode === 'command' ? setting.command : setting.mode === 'static' ? 'static' : `auto: ${preview.now === undefined ? 'decided on first use' : preview.now === 'static' ? 'its files as they are (no dev script)' : `${preview.now}, its dev script`}`;
  return `after each Confirm (VALINE_SITE_PREVIEW=${how}), saved by the stand-in in ${folder}`;
}

/** Which secrets local mode holds and where each came from; never a value. */
function secretSources(secrets: LocalSecrets, file: string): string {
  const parts: string[] = [];
  if (secrets.fromFile.length > 0) parts.push(`${secrets.fromFile.join(', ')} from ${file}`);
  if (secrets.fromEnvironment.length > 0) {
    const variables = secrets.fromEnvironment.map((name) => SECRET_DEFINITIONS[name].envVar).join(', ');
    parts.push(`${variables} from the environment (other programs of yours can read npm's environment: prefer ${file})`);
  }
  return parts.length > 0 ? parts.join('; ') : `none (dev key only; real ones go in ${file})`;
}

function sandboxLine(sandbox: SiteSandbox): string {
  return sandbox.kind === 'pid-namespace'
    ? 'runs in a PID namespace of its own (unshare): it cannot see this server\'s or npm\'s processes'
    : `runs without a sandbox (${sandbox.reason}); it gets a clean environment, and can read any file you can`;
}

main().catch((error: unknown) => {
  if (error instanceof StartUsageError) {
    process.stderr.write(`${error.message}\n\n${START_USAGE}\n`);
    process.exit(2);
  }
  const message = errorMessage(error);
  const hint = /EADDRINUSE/.test(message) ? ' Another process uses that port; set PORT to a free one.' : '';
  process.stderr.write(`Local mode could not start: ${message}${/[.!?]$/.test(message) ? '' : '.'}${hint}\n`);
  process.exit(1);
});
