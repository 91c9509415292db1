import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScreenshotError } from '../../lambda/core/screenshots/errors';
import { lastLines, serveWithCommand } from '../../lambda/local/site-preview/site-server';

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

  it("says which command stopped before serving, quoting its own last lines, not npm's pointer to its log file", async () => {
    const npmLike = [
      'echo "> valine-example-site@1.0.0 dev"',
      'echo "> vite --port {port}"',
      'echo "sh: 1: vite: not found" >&2',
      'echo "npm error code 127" >&2',
      'echo "npm error A complete log of this run can be found in: /home/dana/.npm/_logs/2026-03-01T10_20_30_000Z-debug-0.log" >&2',
      'exit 127',
    ].join('; ');
    const error = await serveWithCommand(directory, npmLike, { failureHint: 'No node_modules was found in /site/node_modules.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScreenshotError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The site's dev server \(`echo .*`\) stopped with exit code 127 before it served port \d+\. Its last lines:\n```\n> valine-example-site@1\.0\.0 dev\n> vite --port \d+\nsh: 1: vite: not found\n```\nNo node_modules was found in \/site\/node_modules\.$/);
    expect(message.slice(message.indexOf('Its last lines'))).not.toMatch(/complete log|npm error|_logs/);
  });

  it('says when the command never answers, with what it printed', async () => {
    const error = await serveWithCommand(directory, 'echo "waiting for the database…"; sleep 30 # {port}', { startTimeoutMs: 1500 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/did not answer on port \d+ within 2 s\. Its last lines:\n```\nwaiting for the database…\n```$/);
  });

  it('finds a dev server that listens on ::1 only ("localhost" resolving to IPv6 first)', async () => {
    const site = await serveWithCommand(directory, `node -e "require('http').createServer((q, s) => s.end('<h1>v6</h1>')).listen({port}, '::1')"`);
    try {
      expect(site.baseUrl).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(await (await fetch(site.baseUrl)).text()).toBe('<h1>v6</h1>');
    } finally {
      await site.stop();
    }
  });
});

describe('the last lines of a failed command', () => {
  it("drops npm's bookkeeping lines and terminal colours, and keeps the last eight", () => {
    const output = ['\u001b[31merror\u001b[39m one', ...Array.from({ length: 9 }, (_, i) => `line ${i + 1}`), 'npm ERR! ', 'npm ERR! A complete log of this run can be found in:', 'npm ERR!     /root/.npm/_logs/x.log'].join('\n');
    expect(lastLines(output)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    expect(lastLines('\u001b[31merror\u001b[39m one\n')).toEqual(['error one']);
  });
});
