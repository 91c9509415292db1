import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import sirv from 'sirv';
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

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

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
}

/** The site's own dev server: `command` with {port} replaced, in its own process group (killed whole at stop), waited for until the port answers. */
export async function serveWithCommand(directory: string, command: string, options: ServeWithCommandOptions = {}): Promise<ServedSite> {
  const port = await freePort();
  const line = command.replaceAll('{port}', String(port));
  const [program, ...args] = [...(options.sandbox ?? []), 'sh', '-c', line];
  const child: ChildProcess = spawn(program, args, { cwd: directory, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: siteEnvironment(options.env ?? process.env, port) });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-400)));
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
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await portOpen(port))) {
    if (exited !== undefined) throw new ScreenshotError(`The site's dev server (${line}) stopped with exit code ${exited} before it served port ${port}${stderr.trim() ? `: ${stderr.trim().split('\n').pop()}` : ''}.`);
    if (Date.now() > deadline) {
      await stop();
      throw new ScreenshotError(`The site's dev server (${line}) did not answer on port ${port} within ${Math.round((options.startTimeoutMs ?? 60_000) / 1000)} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl: `http://127.0.0.1:${port}`, stop };
}
