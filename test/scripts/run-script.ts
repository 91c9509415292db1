import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program the way `npm run` would, but with exactly `env` (nothing inherited but PATH), so a developer's
 * own AWS settings cannot leak into a test.
 */
export function runProgram(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<ScriptRun> {
  const child = spawn(command, [...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...options.env } as NodeJS.ProcessEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** `tsx <script> ...args`, what the package.json script runs. */
export const runTsx = (script: string, args: readonly string[], options?: Parameters<typeof runProgram>[2]): Promise<ScriptRun> =>
  runProgram(TSX, [path.join(PROJECT_ROOT, script), ...args], options);
