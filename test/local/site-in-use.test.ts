import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSiteInUse, prepareSiteInUse, SiteInUseError } from '../../lambda/local/site-in-use';
import { applyStartArguments, StartUsageError } from '../../lambda/local/start-arguments';
import { localSettings } from '../../lambda/local/settings';
import { startLocalServer } from '../../lambda/local/server';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { parseStandInArgs } from '../../lambda/local/stand-in/command-line';
import { fixtureDir, SAMPLE_SITE } from '../support/fixture-sites';
import { recordingLogger } from '../support/recording-logger';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' }).trim();
const AT = new Date('2026-03-01T10:20:30.000Z');

describe('the site local mode edits (.valine/site)', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'valine-site-in-use-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));
  const prepare = (seed: string, seedAskedFor: boolean, openPreviews = 0) =>
    prepareSiteInUse({ directory: join(home, 'site'), seed, seedAskedFor, openPreviews: async () => openPreviews, now: () => AT });

  it('is made from the seed folder at start, and remembers which folder that was', async () => {
    const site = await prepare(SAMPLE_SITE, false);
    expect(site).toMatchObject({ created: true, seededFrom: SAMPLE_SITE });
    expect(git(join(home, 'site'), 'config', '--get', 'valine.seededFrom')).toBe(SAMPLE_SITE);
    expect(describeSiteInUse(site, home)).toBe(`site, a copy of ${SAMPLE_SITE} (made now)`);
    expect((await prepare(SAMPLE_SITE, false)).created).toBe(false);
  });

  it('keeps the copy it holds when no seed is named, and says what it is a copy of', async () => {
    await prepare(fixtureDir('plain-html'), true);
    const site = await prepare(SAMPLE_SITE, false);
    expect(site).toMatchObject({ created: false, seededFrom: fixtureDir('plain-html') });
    expect(describeSiteInUse(site, home)).toBe(`site, a copy of ${fixtureDir('plain-html')}`);
  });

  it('applies a seed named for another folder: the old copy is moved aside with its branches, and the new one is made', async () => {
    await prepare(SAMPLE_SITE, false);
    git(join(home, 'site'), 'branch', 'ux/header-kept');
    const site = await prepare(fixtureDir('plain-html'), true);
    const previous = join(home, 'site.previous-2026-03-01T10-20-30-000Z');
    expect(site).toMatchObject({ created: true, seededFrom: fixtureDir('plain-html'), previousCopy: previous });
    expect(describeSiteInUse(site, home)).toBe(`site, a copy of ${fixtureDir('plain-html')} (made now; the previous copy was moved to site.previous-2026-03-01T10-20-30-000Z)`);
    expect(await readdir(join(home, 'site'))).toContain('index.html');
    expect(git(previous, 'branch', '--list', 'ux/*')).toContain('ux/header-kept');
    expect(git(previous, 'config', '--get', 'valine.seededFrom')).toBe(SAMPLE_SITE);
  });

  it('refuses to replace a copy that open previews were made on, saying what to do, and leaves it as it is', async () => {
    await prepare(SAMPLE_SITE, false);
    const refused = prepare(fixtureDir('plain-html'), true, 2);
    await expect(refused).rejects.toThrow(SiteInUseError);
    await expect(refused).rejects.toThrow(/holds a copy of .*examples\/site with 2 open previews \(kept by VALINE_PERSIST=1\); confirm or cancel them first .* or start without VALINE_SITE_SEED and --site to keep using that copy\./);
    expect(git(join(home, 'site'), 'config', '--get', 'valine.seededFrom')).toBe(SAMPLE_SITE);
    expect((await readdir(home)).filter((name) => name.startsWith('site.previous'))).toEqual([]);
  });

  it('says so when the folder named does not exist', async () => {
    await expect(prepare(join(home, 'nowhere'), true)).rejects.toThrow(/The site folder .*nowhere does not exist; give the folder of a website \(npm start -- --site <folder>, or VALINE_SITE_SEED\)\./);
  });

  it('recognises a copy made before the folder was recorded by its first commit', async () => {
    const old = join(home, 'site');
    await mkdir(old);
    await writeFile(join(old, 'index.html'), '<h1>Hi</h1>\n');
    git(old, 'init', '-q', '-b', 'main');
    git(old, 'add', '-A');
    git(old, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'Initial copy of the site from examples/site');
    expect(await prepare(SAMPLE_SITE, true)).toMatchObject({ created: false, seededFrom: SAMPLE_SITE });
    expect(git(old, 'config', '--get', 'valine.seededFrom')).toBe(SAMPLE_SITE);
  });
});

describe('npm start -- --site <folder>', () => {
  it('names the seed like VALINE_SITE_SEED, and explains a bad command line', () => {
    const settings = localSettings({}, '/work');
    expect(settings).toMatchObject({ siteSeed: '/work/examples/site', siteSeedAskedFor: false });
    expect(applyStartArguments(settings, ['--site', '../mysite'], '/work')).toMatchObject({ siteSeed: '/mysite', siteSeedAskedFor: true });
    expect(applyStartArguments(settings, ['--site=examples/sites/plain-html'], '/work')).toMatchObject({ siteSeed: '/work/examples/sites/plain-html' });
    expect(() => applyStartArguments(settings, ['--site'], '/work')).toThrow(new StartUsageError('--site needs the folder of a website, e.g. npm start -- --site ../my-website.'));
    expect(() => applyStartArguments(settings, ['--port', '4000'], '/work')).toThrow(new StartUsageError('npm start does not take "--port".'));
  });
});

describe('the stand-in and a running server', () => {
  it('says which site the server holds, and that a VALINE_SITE_SEED of its own does not change it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-site-stand-in-'));
    const serverSettings = localSettings({ VALINE_HOME: home, PORT: '0', DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: fixtureDir('plain-html') }, home);
    const server = await startLocalServer({ settings: serverSettings, env: {}, logger: recordingLogger() });
    try {
      // Paths under the working directory (jest's: the repository root) are shown relative to it.
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: 'ok', site: { directory: join(home, 'site'), seededFrom: 'examples/sites/plain-html' }, persisted: false });
      const asked = localSettings({ VALINE_HOME: home, PORT: String(server.port), DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: SAMPLE_SITE }, home);
      const output: string[] = [];
      const code = await runStandIn(parseStandInArgs(['/agents']), asked, { write: (line) => output.push(line), logger: recordingLogger(), followUpTimeoutMs: 5000 });
      expect(code).toBe(0);
      const text = output.join('\n');
      expect(text).toContain(`(server on port ${server.port}: site ${join(home, 'site')}, a copy of examples/sites/plain-html)`);
      expect(text).toContain(`VALINE_SITE_SEED names examples/site, but the server running on port ${server.port} holds a copy of examples/sites/plain-html: the variable applies where a server starts.`);
      expect(JSON.parse(await readFile(join(home, 'flags.json'), 'utf8'))['site-repository']).toBe('local');
    } finally {
      await server.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('another seed with VALINE_PERSIST=1 and an open preview', () => {
  it('is refused while the preview is open, and applied once it is cancelled', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-site-persist-'));
    // The stand-in runs its own server when none answers, keeping its tables on disk as VALINE_PERSIST=1 does.
    const run = async (seed: string, argv: string[]) => {
      const settings = localSettings({ VALINE_HOME: home, PORT: '1', DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: seed }, home);
      const output: string[] = [];
      const code = await runStandIn(parseStandInArgs(argv), settings, { write: (line) => output.push(line), logger: recordingLogger(), followUpTimeoutMs: 20_000 });
      return { code, text: output.join('\n') };
    };
    try {
      const preview = await run(fixtureDir('plain-html'), ['/ux-update', 'command:section:header text:"Spring sale"']);
      expect(preview.text).toMatch(/\[ Confirm \] \[ Cancel \]/);
      await expect(run(SAMPLE_SITE, ['/agents'])).rejects.toThrow(/holds a copy of examples\/sites\/plain-html with 1 open preview \(kept by VALINE_PERSIST=1\); confirm or cancel it first/);
      expect(git(join(home, 'site'), 'config', '--get', 'valine.seededFrom')).toBe(fixtureDir('plain-html'));

      expect((await run(fixtureDir('plain-html'), ['--click', 'cancel'])).code).toBe(0);
      const moved = await run(SAMPLE_SITE, ['/agents']);
      expect(moved.text).toMatch(/site .*site, a copy of examples\/site \(made now; the previous copy was moved to .*site\.previous-/);
      expect(git(join(home, 'site'), 'config', '--get', 'valine.seededFrom')).toBe(SAMPLE_SITE);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
