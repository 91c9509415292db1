import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How local mode runs a site's dev-server command so that its code cannot read the bot's
 * secrets from another process: in a PID namespace of its own with its own /proc (util-linux
 * `unshare`), where the server, npm, tsx and every other process are not there to read. The
 * network is shared, so the dev server still answers on 127.0.0.1.
 */
export type SiteSandbox = { kind: 'pid-namespace'; prefix: string[] } | { kind: 'none'; reason: string };

// Newest util-linux first (keeps the user's own uid inside), then the older spelling (uid 0 inside, still only the user's rights).
const CANDIDATES: readonly string[][] = [
  ['unshare', '--user', '--map-current-user', '--pid', '--fork', '--mount-proc', '--kill-child'],
  ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--mount-proc', '--kill-child'],
];

let probed: Promise<SiteSandbox> | undefined;

/** The first sandbox that works on this machine, probed once per process (Linux with user namespaces; never on macOS). */
export function siteSandbox(): Promise<SiteSandbox> {
  probed ??= (async (): Promise<SiteSandbox> => {
    if (process.platform !== 'linux') return { kind: 'none', reason: `${process.platform} has no PID namespaces` };
    let reason = 'unshare is not installed (util-linux)';
    for (const prefix of CANDIDATES) {
      try {
        // Inside, the command must be PID 1 of a fresh /proc: that is what hides every other process.
        const { stdout } = await run(prefix[0], [...prefix.slice(1), 'sh', '-c', 'echo $$'], { timeout: 5000 });
        if (stdout.trim() === '1') return { kind: 'pid-namespace', prefix };
        reason = 'unshare ran, but not in a PID namespace of its own';
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        reason = `unshare cannot make a user and PID namespace here (${String((error as { stderr?: string }).stderr ?? '').trim().split('\n')[0] || code || 'refused'})`;
      }
    }
    return { kind: 'none', reason };
  })();
  return probed;
}
