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

/** The site's own dev server: `command` with {port} replaced, in its own process group (killed whole at stop), waited for until the port answers. */
export async function serveWithCommand(directory: string, command: string, options: { startTimeoutMs?: number } = {}): Promise<ServedSite> {
  const port = await freePort();
  const line = command.replaceAll('{port}', String(port));
  const child: ChildProcess = spawn('sh', ['-c', line], { cwd: directory, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PORT: String(port), BROWSER: 'none' } });
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
