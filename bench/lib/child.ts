import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript server script in its own node process (so it does not share a CPU queue
 * with the load generator) and waits for the JSON line it prints once listening.
 */
export async function startChildServer(script: string, env: NodeJS.ProcessEnv): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`${script} printed "${line}" instead of its address.`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url: String(info.url),
    info,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
