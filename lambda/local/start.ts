import { relative } from 'node:path';
import { FLAG_CACHE_SECONDS } from '../core/adapters/cached-flags';
import { consoleLogger, logLevelFrom } from './console-logger';
import { startLocalServer } from './server';
import { localSettings } from './settings';
import { errorMessage } from '../core/domain/error-message';

/** `npm start`: the whole bot on this machine, with no AWS, Discord or GitHub account. */
async function main(): Promise<void> {
  // Local tooling on Node 20: the SDK's upgrade notice would drown the banner.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const settings = localSettings();
  const logger = consoleLogger(logLevelFrom(process.env.VALINE_LOG_LEVEL, 'info'));
  const server = await startLocalServer({ settings, logger });
  const here = (path: string) => relative(process.cwd(), path) || path;
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
    `  Flags                  ${here(settings.flagsFile)}${server.flagsFileCreated ? ' (created with dev defaults; you are admin as the stand-in user)' : ''}, re-read every ${FLAG_CACHE_SECONDS} s`,
    `  Screenshots            ${settings.sitePreview ? `after each Confirm (VALINE_SITE_PREVIEW=${settings.sitePreview}), saved by the stand-in in ${here(settings.screenshotsDirectory)}` : 'off (VALINE_SITE_PREVIEW=static, or a dev-server command with {port})'}`,
    `  DynamoDB               ${settings.persist ? `on disk in ${here(settings.dynamoDbPath)}` : 'in memory (VALINE_PERSIST=1 keeps it in .valine/dynamodb)'}`,
    '',
    'Try it from another terminal:',
    `  ${sameVariables}npm run discord -- /agents`,
    `  ${sameVariables}npm run discord -- /ux-update command:'section:header text:"Hello"'`,
    `  ${sameVariables}npm run discord -- --click confirm`,
    '',
    'From a real Discord application (see docs/discord.md):',
    `  1. Expose this server: cloudflared tunnel --url http://localhost:${server.port}   (or: ngrok http ${server.port})`,
    '  2. Restart with the application\'s values: DISCORD_PUBLIC_KEY=<public key> DISCORD_APPLICATION_ID=<id> DISCORD_BOT_TOKEN=<token> npm start',
    '  3. Set the Interactions Endpoint URL to https://<tunnel host>/discord and save (Discord sends a PING first).',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const stop = () => {
    process.stdout.write('\nStopping…\n');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = errorMessage(error);
  const hint = /EADDRINUSE/.test(message) ? ' Another process uses that port; set PORT to a free one.' : '';
  process.stderr.write(`Local mode could not start: ${message}.${hint}\n`);
  process.exit(1);
});
