import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { localSettings } from '../../lambda/local/settings';
import { sitePreviewSetting, SitePreviewSettingError } from '../../lambda/local/site-preview/preview-setting';
import { parseStandInArgs } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { fixtureDir } from '../support/fixture-sites';
import { recordingLogger } from '../support/recording-logger';

describe('VALINE_SITE_PREVIEW', () => {
  it('is off, static, or a command with {port}; anything else is a sentence saying how to write it', () => {
    expect(sitePreviewSetting(undefined)).toEqual({ mode: 'off' });
    expect(sitePreviewSetting('static')).toEqual({ mode: 'static' });
    expect(sitePreviewSetting('npx vite --port {port}')).toEqual({ mode: 'command', command: 'npx vite --port {port}' });
    expect(() => sitePreviewSetting('npm run dev')).toThrow(SitePreviewSettingError);
    expect(() => sitePreviewSetting('npm run dev')).toThrow(/neither "static" nor a command with \{port\}.*VALINE_SITE_PREVIEW=static/);
  });
});

describe('npm run discord with VALINE_SITE_PREVIEW=static', () => {
  const homes: string[] = [];
  afterAll(async () => {
    if (!process.env.KEEP_SHOTS) await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  });

  const confirmOnce = async (extraEnv: Record<string, string>) => {
    const home = await mkdtemp(join(tmpdir(), 'valine-site-preview-'));
    homes.push(home);
    const settings = localSettings({ VALINE_HOME: home, PORT: '1', DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: fixtureDir('plain-css-site'), VALINE_SITE_PREVIEW: 'static' }, home);
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
});
