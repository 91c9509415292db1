import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Runs `npm start` (tsx lambda/local/start.ts) until its banner is printed, then stops it with SIGTERM. */
async function startBanner(home: string, args: string[] = []): Promise<{ banner: string; exitCode: number | null }> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['lambda/local/start.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: home, PORT: '0', VALINE_HOME: home, VALINE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  await new Promise<void>((resolveBanner, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Set the Interactions Endpoint URL')) resolveBanner();
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before its banner: ${err}`)));
  });
  child.kill('SIGTERM');
  return { banner: out, exitCode: await exited };
}

describe('npm start', () => {
  it('prints the endpoint URL, the public key, the flags file it created and how to reach it through a tunnel', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-start-'));
    try {
      const { banner, exitCode } = await startBanner(home);
      const url = /POST (http:\/\/127\.0\.0\.1:(\d+))\/discord/.exec(banner);
      expect(url).not.toBeNull();
      const port = url?.[2] ?? '';
      const keys = JSON.parse(await readFile(join(home, 'dev-keys.json'), 'utf8')) as { publicKeyHex: string };
      expect(banner).toContain(`Discord public key     ${keys.publicKeyHex} (generated dev key`);
      expect(banner).toMatch(/Flags .*flags\.json \(created with dev defaults; you are admin as the stand-in user\), re-read every 30 s/);
      expect(JSON.parse(await readFile(join(home, 'flags.json'), 'utf8'))['disable-ux-updates']).toBe('false');
      expect(banner).toContain(`cloudflared tunnel --url http://localhost:${port}`);
      expect(banner).toContain('npm run put-secret -- --stage local --name discord-public-key');
      expect(banner).toContain('Secrets                none (dev key only');
      expect(banner).toContain(`PORT=${port} VALINE_HOME=${home} npm run discord -- /agents`);
      expect(banner).toContain(`Site                   ${home}/site, a copy of examples/site (made now)`);
      expect(banner).toContain(`Previews and tasks     in memory: lost when this server stops (VALINE_PERSIST=1 keeps them in ${home}/dynamodb)`);
      expect(exitCode).toBe(0);

      // The next start names another folder: the copy of the sample is moved aside, and the banner says so.
      const again = await startBanner(home, ['--site', 'examples/sites/plain-html']);
      expect(again.banner).toMatch(new RegExp(`Site {19}${home}/site, a copy of examples/sites/plain-html \\(made now; the previous copy was moved to ${home}/site\\.previous-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\)`));
      expect(again.exitCode).toBe(0);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
