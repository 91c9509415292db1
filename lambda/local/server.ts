import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DISCORD_API_DEFAULT_BASE } from '../core/adapters/discord-rest';
import { EnvSecretReader } from '../core/adapters/env-secrets';
import { STAND_IN_BOT_TOKEN } from './interaction-builder';
import { SECRET_DEFINITIONS } from '../core/contract/parameters';
import type { Agent } from '../core/domain/agent';
import type { Logger } from '../core/ports/logger';
import type { WorkQueue } from '../core/ports/work-queue';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { loadOrCreateDevKeyPair } from './dev-keys';
import { ensureFlagsFile } from './flags-file';
import { STAND_IN_USER } from './interaction-builder';
import { standInApiBase, type LocalSettings } from './settings';
import { SharedBrowser, localChromium } from '../core/screenshots/browser';
import { localChangeScreenshots } from './site-preview/local-change-screenshots';
import { servingFor, sitePreviewSetting, type SitePreviewSetting } from './site-preview/preview-setting';
import { InProcessScreenshotJobs } from './site-preview/in-process-screenshot-jobs';
import { handleScreenshotJob } from '../screenshot/handler';
import { version as packageVersion } from '../../package.json';
import { errorMessage } from '../core/domain/error-message';
import { readLocalSecrets, type LocalSecrets } from './local-secrets';
import { siteSandbox, type SiteSandbox } from './site-preview/sandbox';
import { prepareSiteInUse, shownPath, type SiteInUse } from './site-in-use';
import type { TaskStore } from '../core/ports/task-store';
import { summariseInteraction } from './activity-log';

/** Larger than any Discord or GitHub payload the handlers accept; they apply their own limits. */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** Local mode's own preview servers listen on loopback: deployment notices for them may be shot (here only, never on AWS). */
const LOCAL_PREVIEW_HOSTS = ['127.0.0.1', 'localhost'];

export interface LocalServerOptions {
  settings: LocalSettings;
  env?: NodeJS.ProcessEnv;
  /** The secrets start.ts read once (and removed from process.env); read from `env` and the secrets file when absent. */
  secrets?: LocalSecrets;
  logger: Logger;
  version?: string;
  /** Tests and the benchmark: agents to run instead of the shipped ones. */
  agents?: Agent[];
  flagCacheMs?: number;
  /** The benchmark: where work goes instead of the in-process worker. */
  workQueue?: WorkQueue;
}

export interface LocalServer {
  url: string;
  port: number;
  publicKeyHex: string;
  /** True when the key is the generated dev key (only the Discord stand-in can sign for it). */
  usingDevKey: boolean;
  discordApiBase: string;
  flagsFileCreated: boolean;
  /** Where each secret came from, for the banner. */
  secrets: LocalSecrets;
  /** How the site's dev-server command runs (VALINE_SITE_PREVIEW with {port}); undefined without one. */
  siteSandbox?: SiteSandbox;
  /** The local site repository and the folder it is a copy of; undefined when the `site-repository` flag names a GitHub repository. */
  site?: SiteInUse;
  /** The `site-repository` flag at start: "local" or "owner/name". */
  siteRepository: string;
  /** VALINE_SITE_PREVIEW as read; for `auto`, what it runs for the site as it is now. */
  sitePreview: { setting: SitePreviewSetting; now?: 'static' | string };
  runtime: LocalRuntime;
  close(): Promise<void>;
}

interface ProxyEvent {
  httpMethod: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** node:http request → the API Gateway proxy event the Lambda handlers take. */
async function toProxyEvent(request: IncomingMessage): Promise<ProxyEvent | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    httpMethod: request.method ?? 'GET',
    path: new URL(request.url ?? '/', 'http://local').pathname,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
    isBase64Encoded: false,
  };
}

function send(response: ServerResponse, statusCode: number, headers: Record<string, string>, body: string): void {
  response.writeHead(statusCode, headers);
  response.end(body);
}
const sendText = (response: ServerResponse, statusCode: number, body: string) =>
  send(response, statusCode, { 'content-type': 'text/plain; charset=utf-8' }, `${body}\n`);

/** `npm start`: one HTTP server for POST /discord, POST /github/webhook and GET /health. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { settings, logger } = options;
  const env = options.env ?? process.env;
  const { created: flagsFileCreated } = await ensureFlagsFile(settings.flagsFile, STAND_IN_USER.id);
  const secrets = options.secrets ?? (await readLocalSecrets(env, settings.secretsFile));
  const realKey = secrets.values['discord-public-key']?.trim();
  const publicKeyHex = realKey || (await loadOrCreateDevKeyPair(settings.devKeyFile)).publicKeyHex;
  // With the dev key only the stand-in can reach us, so its loopback API is where follow-ups go.
  const discordApiBase = settings.discordApiBase ?? (realKey ? DISCORD_API_DEFAULT_BASE : standInApiBase(settings.standInPort));
  const version = options.version ?? env.VALINE_VERSION ?? `${packageVersion} (local)`;
  // A bad VALINE_SITE_PREVIEW stops the start with a sentence saying how to write it.
  const preview = sitePreviewSetting(settings.sitePreview);
  const sandbox = preview.mode === 'command' || preview.mode === 'auto' ? await sandboxForSiteCommand(settings, secrets) : undefined;
  // Known once the site is prepared below; read at each Confirm.
  let site: SiteInUse | undefined;
  const dependencyFolders = () => [settings.siteDirectory, ...(site?.seededFrom ? [site.seededFrom] : [])].map((folder) => join(folder, 'node_modules'));
  // One browser for Confirm's screenshots and the deployment notices, started on first use.
  const browser = new SharedBrowser(localChromium(env));
  const runtime = await startLocalRuntime({
    version,
    flagsFile: settings.flagsFile,
    dynamoDbPath: settings.persist ? settings.dynamoDbPath : undefined,
    discordApiBase,
    // The values read once at start, never process.env: the variables are gone from it by now.
    // With the dev key only the stand-in (or a loopback API) hears the bot: a stand-in bot token lets the bot post in channels and start threads there (only the stand-in hears it).
    secrets: new EnvSecretReader({}, { ...(realKey ? {} : { 'discord-bot-token': STAND_IN_BOT_TOKEN }), ...secrets.values, 'discord-public-key': publicKeyHex }),
    logger,
    taskTtlSeconds: settings.taskTtlSeconds,
    siteDirectory: settings.siteDirectory,
    siteSeed: settings.siteSeed,
    env,
    agents: options.agents,
    flagCacheMs: options.flagCacheMs,
    workQueue: options.workQueue,
    changeScreenshots: preview.mode !== 'off' ? localChangeScreenshots({ repository: settings.siteDirectory, setting: preview, dependencyFolders, browser, logger, ...(sandbox?.kind === 'pid-namespace' ? { sandbox: sandbox.prefix } : {}) }) : undefined,
    screenshotJobs: ({ tasks, discord, flags }) =>
      new InProcessScreenshotJobs((job) => handleScreenshotJob(job, { tasks, discord, flags, browser, logger, setSiteUrlHint: `set "site-url" in ${settings.flagsFile}`, extraHosts: LOCAL_PREVIEW_HOSTS }), logger),
    screenshotHosts: LOCAL_PREVIEW_HOSTS,
  });
  const { handleInteraction } = runtime;
  const siteRepository = await runtime.interactions.flags.get('site-repository');
  try {
    site =
      siteRepository === 'local'
        ? await prepareSiteInUse({ directory: settings.siteDirectory, seed: settings.siteSeed, seedAskedFor: settings.siteSeedAskedFor, openPreviews: () => openPreviews(runtime.interactions.tasks) })
        : undefined;
  } catch (error) {
    await runtime.close();
    await browser.close();
    throw error;
  }
  const siteHealth = site ? { directory: shownPath(site.directory), ...(site.seededFrom ? { seededFrom: shownPath(site.seededFrom) } : {}) } : { repository: siteRepository };

  const server = createServer((request, response) => {
    void (async () => {
      const event = await toProxyEvent(request);
      // The rest of the body is never read, so the connection cannot carry another request: close it with the answer.
      if (event === 'too-large') return send(response, 413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes.\n`);
      const route = `${event.httpMethod} ${event.path}`;
      if (route === 'GET /health') {
        return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify({ status: 'ok', mode: 'local', version, site: siteHealth, persisted: settings.persist }));
      }
      if (route === 'POST /discord') {
        const started = Date.now();
        const result = await handleInteraction(event);
        logger.info('Interaction', { ...summariseInteraction(event.body, result.statusCode, result.body), ms: Date.now() - started });
        return send(response, result.statusCode, result.headers, result.body);
      }
      if (route === 'POST /github/webhook') {
        const started = Date.now();
        const result = await runtime.handleGithubWebhook(event);
        logger.info('GitHub webhook', { event: /^[a-z_]{1,40}$/.test(event.headers['x-github-event'] ?? '') ? event.headers['x-github-event'] : '?', status: result.statusCode, ms: Date.now() - started });
        return send(response, result.statusCode, result.headers, result.body);
      }
      if (['/health', '/discord', '/github/webhook'].includes(event.path)) {
        return sendText(response, 405, `${event.httpMethod} is not allowed on ${event.path}.`);
      }
      return sendText(response, 404, `Nothing here. This server answers POST /discord, POST /github/webhook and GET /health.`);
    })().catch((error: unknown) => {
      logger.error('Local server failed on a request', { error: errorMessage(error) });
      if (!response.headersSent) sendText(response, 500, 'The local server failed on this request; see its log.');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host}:${port}`,
    port,
    publicKeyHex,
    usingDevKey: !realKey,
    discordApiBase,
    flagsFileCreated,
    secrets,
    ...(sandbox ? { siteSandbox: sandbox } : {}),
    ...(site ? { site } : {}),
    siteRepository,
    sitePreview: { setting: preview, ...(preview.mode === 'auto' && site && !site.pending ? { now: await servingFor(preview, site.directory).then((s) => (s.mode === 'static' ? 'static' : s.command)) } : {}) },
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await browser.close();
    },
  };
}

/** Previews a Confirm or a pick would still act on (not expired), and work in progress: they belong to the site copy they were made on. */
async function openPreviews(tasks: TaskStore): Promise<number> {
  const now = Date.now();
  const open = await tasks.listOpen(100);
  return open.filter((task) => task.status === 'executing' || (['proposed', 'awaiting_choice', 'awaiting_confirmation'].includes(task.status) && Date.parse(task.confirmBy) > now)).length;
}

/**
 * A site's dev server runs the site's own code. In a PID namespace of its own it cannot see this
 * server, npm or tsx at all; without one, secrets given as environment variables stay readable in
 * those processes' /proc/<pid>/environ (the environment they were started with), so local mode refuses to start.
 */
async function sandboxForSiteCommand(settings: LocalSettings, secrets: LocalSecrets): Promise<SiteSandbox> {
  const sandbox: SiteSandbox = settings.siteSandbox === 'off' ? { kind: 'none', reason: 'VALINE_SITE_SANDBOX=off' } : await siteSandbox();
  if (sandbox.kind === 'none' && secrets.fromEnvironment.length > 0) {
    const variables = secrets.fromEnvironment.map((name) => SECRET_DEFINITIONS[name].envVar).join(', ');
    throw new Error(
      `${variables} ${secrets.fromEnvironment.length === 1 ? 'is' : 'are'} in the environment of npm start, where the site's dev server (VALINE_SITE_PREVIEW) could read ` +
        `${secrets.fromEnvironment.length === 1 ? 'it' : 'them'} from /proc, and it cannot run sandboxed here (${sandbox.reason}). ` +
        `Put each in ${settings.secretsFile} instead (npm run put-secret -- --stage local --name <secret>) and start again without the variables`,
    );
  }
  return sandbox;
}
