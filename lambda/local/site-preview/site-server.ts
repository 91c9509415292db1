import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import sirv from 'sirv';
import { codeBlock, inlineCode } from '../../core/domain/discord-text';
import { ScreenshotError } from '../../core/screenshots/errors';

/** One side of the change, served on 127.0.0.1 until `stop()`. */
export interface ServedSite {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The folder's files as they are (plain HTML sites), with sirv; no caching, so each side is read fresh. */
export async function serveStatic(directory: string): Promise<ServedSite> {
  const files = sirv(directory, { dev: true, dotfiles: false, extensions: ['html'] });
  const server: Server = createServer((request, response) => files(request, response, () => {
    response.writeHead(404).end('Not found');
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const portOpenOn = (port: number, host: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The loopback address the port answers on: 127.0.0.1, or ::1 (a dev server bound to "localhost" where that is IPv6 first). */
async function answeringHost(port: number): Promise<string | undefined> {
  if (await portOpenOn(port, '127.0.0.1')) return '127.0.0.1';
  if (await portOpenOn(port, '::1')) return '[::1]';
  return undefined;
}

/** What npm adds to a failed script's output that says nothing about the failure. */
const NOISE = [/A complete log of this run can be found in/i, /[\\/]_logs[\\/][^\s]*\.log$/, /^npm (ERR!|error)\s*$/, /^npm (ERR!|error) (code|path|errno|syscall|command|cwd|workspace|location|signal) /, /^npm (ERR!|error) Lifecycle script /, /^npm (ERR!|error) (This is probably not a problem with npm|A complete log)/];

/** The last `count` lines of a command's output, without npm's log-file notice and other bookkeeping lines. */
export function lastLines(output: string, count = 8): string[] {
  return output
    .split(/\r?\n/)
    .map((line) => line.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trimEnd())
    .filter((line) => line.trim() !== '' && !NOISE.some((noise) => noise.test(line.trim())))
    .slice(-count);
}

/** Passed through from local mode's environment to the site's dev server; anything else only when named in VALINE_SITE_ENV. */
const SITE_ENV_PASSED = ['PATH', 'HOME', 'LANG', 'TERM'] as const;

/**
 * The environment of the site's dev server: not local mode's own (which holds the bot token, the LLM
 * keys and the GitHub App's private key), only PATH, HOME, LANG, TERM, PORT, BROWSER=none,
 * NODE_ENV=development, and the names listed in VALINE_SITE_ENV (comma-separated).
 */
export function siteEnvironment(env: NodeJS.ProcessEnv, port: number): NodeJS.ProcessEnv {
  const extra = (env.VALINE_SITE_ENV ?? '').split(',').map((name) => name.trim()).filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  const site: NodeJS.ProcessEnv = {};
  for (const name of [...SITE_ENV_PASSED, ...extra]) if (env[name] !== undefined) site[name] = env[name];
  return { ...site, PORT: String(port), BROWSER: 'none', NODE_ENV: 'development' };
}

export interface ServeWithCommandOptions {
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** A command the site's command runs under (the `unshare` of sandbox.ts), so it sees no other process. */
  sandbox?: readonly string[];
  /** Said after the command's output when it fails, e.g. where its node_modules came from or that there were none. */
  failureHint?: string;
}

/** Output kept from the site's command, to quote when it fails. */
const OUTPUT_KEPT = 8000;

/** The site's own dev server: `command` with {port} replaced, in its own process group (killed whole at stop), waited for until the port answers. */
export async function serveWithCommand(directory: string, command: string, options: ServeWithCommandOptions = {}): Promise<ServedSite> {
  const port = await freePort();
  const line = command.replaceAll('{port}', String(port));
  const [program, ...args] = [...(options.sandbox ?? []), 'sh', '-c', line];
  const child: ChildProcess = spawn(program, args, { cwd: directory, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: siteEnvironment(options.env ?? process.env, port) });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const stop = async () => {
    if (child.pid !== undefined && exited === undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const failure = (what: string): ScreenshotError => {
    const quoted = lastLines(output);
    const said = quoted.length > 0 ? ` Its last lines:\n${codeBlock(quoted.join('\n').slice(-1200))}` : ' It printed nothing.';
    return new ScreenshotError(`The site's dev server (${inlineCode(line, 120)}) ${what}.${said}${options.failureHint ? `\n${options.failureHint}` : ''}`);
  };
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let host: string | undefined;
  while (!(host = await answeringHost(port))) {
    if (exited !== undefined) throw failure(`stopped with exit code ${exited} before it served port ${port}`);
    if (Date.now() > deadline) {
      await stop();
      throw failure(`did not answer on port ${port} within ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl: `http://${host}:${port}`, stop };
}
