import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScreenshotError } from '../../lambda/core/screenshots/errors';
import { serveWithCommand } from '../../lambda/local/site-preview/site-server';

// The dev server a site would run, as a one-line node program; {port} is replaced by a free port.
const SERVER = `node -e "require('http').createServer((q, s) => s.end('<h1>dev</h1>')).listen({port}, '127.0.0.1')"`;

describe("VALINE_SITE_PREVIEW='<command with {port}>'", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'valine-dev-server-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('runs the command on a free port, waits until it answers, and stops its whole process group', async () => {
    // A shell wrapping the server: killing only the shell would leave the server running.
    const site = await serveWithCommand(directory, `${SERVER} & wait`);
    expect(await (await fetch(site.baseUrl)).text()).toBe('<h1>dev</h1>');
    await site.stop();
    await expect(fetch(site.baseUrl)).rejects.toThrow();
  });

  it('gives the site\'s command a minimal environment: no bot token, LLM key or GitHub key, only PATH, HOME, LANG, TERM, PORT, BROWSER, NODE_ENV and VALINE_SITE_ENV\'s names', async () => {
    const env = { PATH: process.env.PATH, HOME: '/home/dana', LANG: 'C.UTF-8', DISCORD_BOT_TOKEN: 'secret-bot', OPENAI_API_KEY: 'sk-secret', GITHUB_APP_PRIVATE_KEY: '-----BEGIN', VALINE_SITE_ENV: 'SITE_API_BASE, NOT A NAME', SITE_API_BASE: 'https://api.acme.test' };
    const site = await serveWithCommand(directory, `node -e "require('http').createServer((q, s) => s.end(JSON.stringify(process.env))).listen({port}, '127.0.0.1')"`, { env });
    try {
      const seen = (await (await fetch(site.baseUrl)).json()) as Record<string, string>;
      const { PWD: _pwd, SHLVL: _shlvl, _: _underscore, ...rest } = seen;
      expect(rest).toEqual({ PATH: process.env.PATH, HOME: '/home/dana', LANG: 'C.UTF-8', PORT: new URL(site.baseUrl).port, BROWSER: 'none', NODE_ENV: 'development', SITE_API_BASE: 'https://api.acme.test' });
    } finally {
      await site.stop();
    }
  });

  it('says which command stopped before serving, with its last error line', async () => {
    const error = await serveWithCommand(directory, 'echo "vite: not found" >&2; exit 127 # {port}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScreenshotError);
    expect((error as Error).message).toMatch(/^The site's dev server \(echo "vite: not found" >&2; exit 127 # \d+\) stopped with exit code 127 before it served port \d+: vite: not found\.$/);
  });
});
