import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { localSettings } from '../../lambda/local/settings';
import { servingFor, sitePreviewSetting, SitePreviewSettingError } from '../../lambda/local/site-preview/preview-setting';
import { parseStandInArgs } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { fixtureDir, SAMPLE_SITE } from '../support/fixture-sites';
import { recordingLogger } from '../support/recording-logger';

describe('VALINE_SITE_PREVIEW', () => {
  it('is off, static, or a command with {port}; anything else is a sentence saying how to write it', () => {
    expect(sitePreviewSetting(undefined)).toEqual({ mode: 'off' });
    expect(sitePreviewSetting('static')).toEqual({ mode: 'static' });
    expect(sitePreviewSetting('auto')).toEqual({ mode: 'auto' });
    expect(sitePreviewSetting('npx vite --port {port}')).toEqual({ mode: 'command', command: 'npx vite --port {port}' });
    expect(() => sitePreviewSetting('npm run dev')).toThrow(SitePreviewSettingError);
    expect(() => sitePreviewSetting('npm run dev')).toThrow(/neither "static", "auto" nor a command with \{port\}.*VALINE_SITE_PREVIEW=static/);
  });

  it('auto runs the dev script of a site that has one (the port given as --port and PORT), and serves the files of one that has none', async () => {
    expect(await servingFor({ mode: 'auto' }, SAMPLE_SITE)).toEqual({ mode: 'command', command: 'npm run dev -- --port {port}' });
    expect(await servingFor({ mode: 'auto' }, fixtureDir('plain-css-site'))).toEqual({ mode: 'static' });
    expect(await servingFor({ mode: 'static' }, SAMPLE_SITE)).toEqual({ mode: 'static' });
  });
});

describe('npm run discord with VALINE_SITE_PREVIEW=static', () => {
  const homes: string[] = [];
  afterAll(async () => {
    if (!process.env.KEEP_SHOTS) await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  });

  const confirmOnce = async (extraEnv: Record<string, string>, seed = fixtureDir('plain-css-site'), preview = 'static') => {
    const home = await mkdtemp(join(tmpdir(), 'valine-site-preview-'));
    homes.push(home);
    const settings = localSettings({ VALINE_HOME: home, PORT: '1', DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: seed, VALINE_SITE_PREVIEW: preview }, home);
    const run = async (argv: string[]) => {
      const output: string[] = [];
      const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 60_000 });
      return { code, text: output.join('\n') };
    };
    const saved = process.env.CHROMIUM_PATH;
    Object.assign(process.env, extraEnv);
    try {
      expect((await run(['/ux-update', 'command:section:header text:"Spring sale"'])).code).toBe(0);
      const confirmed = await run(['--click', 'confirm']);
      expect(confirmed.code).toBe(0);
      return { home, text: confirmed.text };
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  };

  it("attaches before/after screenshots to Confirm's answer, and the stand-in saves them and prints their paths", async () => {
    const { home, text } = await confirmOnce({});
    expect(text).toMatch(/Screenshots of `\/`: before \(`main`\) and after \(`ux\/header-[^`]+`\), desktop and phone\./);
    expect(text).toMatch(/Pixels changed: desktop 1280×800 (\d+\.\d|< 0\.1) % · phone 390×844 (\d+\.\d|< 0\.1) %/);
    const saved = [...text.matchAll(/image saved: (\S+)/g)].map((m) => m[1] ?? '');
    expect(saved.map((path) => path.split('/').pop())).toEqual(['desktop-before.png', 'desktop-after.png', 'phone-before.png', 'phone-after.png']);
    const folder = join(home, 'screenshots');
    const [messageFolder] = await readdir(folder);
    const phone = PNG.sync.read(await readFile(join(folder, messageFolder ?? '', 'phone-after.png')));
    expect(phone.width).toBe(390);
  });

  it('says how to install Chromium when there is none, and still reports the branch', async () => {
    const { text } = await confirmOnce({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(text).toMatch(/No screenshots: CHROMIUM_PATH is \/nonexistent\/chromium, but no program is there\. .*sudo apt-get install chromium/);
    expect(text).not.toMatch(/image saved/);
  });

  it('says a page that renders blank on both sides needs a build or a dev server, instead of "0 % changed" (the React sample served as files)', async () => {
    const { home, text } = await confirmOnce({}, SAMPLE_SITE);
    expect(text).toMatch(/No screenshots: The page `\/` rendered blank \(all one colour\) before and after, so there is nothing to compare: this site needs a build or a dev server\. Set VALINE_SITE_PREVIEW to its command, e\.g\. VALINE_SITE_PREVIEW='npx vite --port \{port\} --strictPort', or to auto to run its dev script/);
    expect(text).not.toMatch(/Pixels changed|0 %|image saved/);
    expect(text).toMatch(/Branch ux\/header-\S+ committed/);
    await expect(readdir(join(home, 'screenshots'))).rejects.toThrow(/ENOENT/);
  });

  describe('auto on a site with a dev script', () => {
    /** plain-css-site with a package.json whose dev script is a server from its node_modules: it serves the files under a magenta banner. */
    const siteWithDevScript = async (installed: boolean): Promise<string> => {
      const seed = await mkdtemp(join(tmpdir(), 'valine-dev-script-site-'));
      homes.push(seed);
      await cp(fixtureDir('plain-css-site'), seed, { recursive: true });
      await writeFile(join(seed, 'package.json'), JSON.stringify({ name: 'bakery', private: true, scripts: { dev: 'bakery-dev-server' } }));
      if (installed) {
        const server = [
          '#!/usr/bin/env node',
          "const { readFileSync } = require('node:fs');",
          "const port = Number(process.argv[process.argv.indexOf('--port') + 1]);",
          "require('node:http').createServer((request, response) => {",
          "  const path = request.url === '/' ? 'index.html' : request.url.slice(1);",
          // Like a dev server's app: the banner is painted by a script, from an answer that takes a second, after the load event.
          "  if (path === 'late') { setTimeout(() => response.writeHead(200).end('#ff00ff'), 1000); return; }",
          '  let body;',
          "  try { body = readFileSync(path); } catch { response.writeHead(404).end(); return; }",
          "  if (path.endsWith('.html')) body = String(body).replace('<body>', '<body><div id=\"late\" style=\"height:120px\"></div><script>addEventListener(\"load\", () => fetch(\"/late\").then((r) => r.text()).then((c) => { document.getElementById(\"late\").style.background = c; }))</script>');",
          "  response.writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'text/html' }).end(body);",
          "}).listen(port, '127.0.0.1');",
        ].join('\n');
        await mkdir(join(seed, 'node_modules', 'bakery-dev-server'), { recursive: true });
        await writeFile(join(seed, 'node_modules', 'bakery-dev-server', 'server.js'), server, { mode: 0o755 });
        await mkdir(join(seed, 'node_modules', '.bin'));
        await symlink('../bakery-dev-server/server.js', join(seed, 'node_modules', '.bin', 'bakery-dev-server'));
      }
      return seed;
    };

    it("runs it with the dependencies installed in the site's folder, linked into each checkout", async () => {
      const { home, text } = await confirmOnce({}, await siteWithDevScript(true), 'auto');
      expect(text).toMatch(/Screenshots of `\/`: before \(`main`\) and after \(`ux\/header-[^`]+`\), desktop and phone\./);
      const [messageFolder] = await readdir(join(home, 'screenshots'));
      const before = PNG.sync.read(await readFile(join(home, 'screenshots', messageFolder ?? '', 'desktop-before.png')));
      // The dev server's banner, which the files alone do not have, painted a second after the load event: the top left pixel is magenta.
      expect([...before.data.subarray(0, 3)]).toEqual([255, 0, 255]);
    });

    it("says what the dev script printed when it fails, and that the site's dependencies are not installed", async () => {
      const seed = await siteWithDevScript(false);
      const { text } = await confirmOnce({}, seed, 'auto');
      expect(text).toMatch(/No screenshots: The site's dev server \(`npm run dev -- --port \d+`\) stopped with exit code 127 before it served port \d+\. Its last lines:\n {4}│ ```\n {4}│ > (bakery@\S+ )?dev\n {4}│ > bakery-dev-server --port \d+\n {4}│ sh: 1: bakery-dev-server: not found\n {4}│ ```/);
      expect(text).toMatch(new RegExp(`No node_modules was found in \\S+/site/node_modules or ${seed}/node_modules: install the site's dependencies in the folder it is a copy of \\(npm install there\\)`));
      expect(text).not.toMatch(/complete log/);
    });
  });
});
