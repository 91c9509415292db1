import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DISCORD_API_DEFAULT_BASE } from '../core/adapters/discord-rest';
import { EnvSecretReader } from '../core/adapters/env-secrets';
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
import { sitePreviewSetting } from './site-preview/preview-setting';
import { InProcessScreenshotJobs } from './site-preview/in-process-screenshot-jobs';
import { handleScreenshotJob } from '../screenshot/handler';
import { version as packageVersion } from '../../package.json';
import { errorMessage } from '../core/domain/error-message';

/** Larger than any Discord or GitHub payload the handlers accept; they apply their own limits. */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** Local mode's own preview servers listen on loopback: deployment notices for them may be shot (here only, never on AWS). */
const LOCAL_PREVIEW_HOSTS = ['127.0.0.1', 'localhost'];

export interface LocalServerOptions {
  settings: LocalSettings;
  env?: NodeJS.ProcessEnv;
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
  const realKey = env.DISCORD_PUBLIC_KEY?.trim();
  const publicKeyHex = realKey || (await loadOrCreateDevKeyPair(settings.devKeyFile)).publicKeyHex;
  // With the dev key only the stand-in can reach us, so its loopback API is where follow-ups go.
  const discordApiBase = settings.discordApiBase ?? (realKey ? DISCORD_API_DEFAULT_BASE : standInApiBase(settings.standInPort));
  const version = options.version ?? env.VALINE_VERSION ?? `${packageVersion} (local)`;
  // A bad VALINE_SITE_PREVIEW stops the start with a sentence saying how to write it.
  const preview = sitePreviewSetting(settings.sitePreview);
  // One browser for Confirm's screenshots and the deployment notices, started on first use.
  const browser = new SharedBrowser(localChromium(env));
  const runtime = await startLocalRuntime({
    version,
    flagsFile: settings.flagsFile,
    dynamoDbPath: settings.persist ? settings.dynamoDbPath : undefined,
    discordApiBase,
    secrets: new EnvSecretReader(env, { 'discord-public-key': publicKeyHex }),
    logger,
    taskTtlSeconds: settings.taskTtlSeconds,
    siteDirectory: settings.siteDirectory,
    siteSeed: settings.siteSeed,
    env,
    agents: options.agents,
    flagCacheMs: options.flagCacheMs,
    workQueue: options.workQueue,
    changeScreenshots: preview.mode !== 'off' ? localChangeScreenshots({ repository: settings.siteDirectory, setting: preview, browser, logger }) : undefined,
    screenshotJobs: ({ tasks, discord, flags }) =>
      new InProcessScreenshotJobs((job) => handleScreenshotJob(job, { tasks, discord, flags, browser, logger, setSiteUrlHint: `set "site-url" in ${settings.flagsFile}`, extraHosts: LOCAL_PREVIEW_HOSTS }), logger),
    screenshotHosts: LOCAL_PREVIEW_HOSTS,
  });
  const { handleInteraction } = runtime;

  const server = createServer((request, response) => {
    void (async () => {
      const event = await toProxyEvent(request);
      // The rest of the body is never read, so the connection cannot carry another request: close it with the answer.
      if (event === 'too-large') return send(response, 413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes.\n`);
      const route = `${event.httpMethod} ${event.path}`;
      if (route === 'GET /health') {
        return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify({ status: 'ok', mode: 'local', version }));
      }
      if (route === 'POST /discord') {
        const result = await handleInteraction(event);
        return send(response, result.statusCode, result.headers, result.body);
      }
      if (route === 'POST /github/webhook') {
        const result = await runtime.handleGithubWebhook(event);
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
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await browser.close();
    },
  };
}
