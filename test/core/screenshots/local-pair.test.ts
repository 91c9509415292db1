import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { SharedBrowser, localChromium } from '../../../lambda/core/screenshots/browser';
import { localPair } from '../../../lambda/local/site-preview/local-change-screenshots';
import { recordingLogger } from '../../support/recording-logger';

// The one real Chromium test: a tiny plain-HTML site on two branches, served from temporary worktrees.
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
const page = (heading: string, colour: string) => `<!doctype html><html><body style="margin:0;font-family:sans-serif"><header style="background:${colour};color:white;padding:40px"><h1>${heading}</h1></header><main><p>Welcome to the shop.</p></main></body></html>`;

describe('before/after screenshots of a local site (real Chromium)', () => {
  const repository = mkdtempSync(join(tmpdir(), 'valine-shots-'));
  const browser = new SharedBrowser(localChromium());
  beforeAll(() => {
    git(repository, 'init', '-q', '-b', 'main');
    writeFileSync(join(repository, 'index.html'), page('Acme', 'navy'));
    git(repository, 'add', '.');
    git(repository, 'commit', '-qm', 'site');
    git(repository, 'branch', 'same');
    git(repository, 'checkout', '-qb', 'ux/header');
    writeFileSync(join(repository, 'index.html'), page('Spring sale', 'darkgreen'));
    git(repository, 'commit', '-qam', 'header');
    git(repository, 'checkout', '-q', 'main');
  });
  afterAll(async () => {
    await browser.close();
    rmSync(repository, { recursive: true, force: true });
  });

  it('shows the changed header as changed pixels at both viewports, and identical pages as 0', async () => {
    const options = { repository, setting: { mode: 'static' as const }, browser, logger: recordingLogger() };
    const changed = await localPair(options, 'main', 'ux/header', '/');
    expect(changed.viewports.map((v) => [v.viewport.name, v.before.type])).toEqual([
      ['desktop', 'png'],
      ['phone', 'png'],
    ]);
    for (const { viewport, before, after, changedShare } of changed.viewports) {
      expect(changedShare).toBeGreaterThan(0.01);
      expect(changedShare).toBeLessThan(0.5);
      const shot = PNG.sync.read(after.bytes);
      expect([shot.width, shot.height]).toEqual([viewport.width, viewport.height]);
      expect(before.bytes.equals(after.bytes)).toBe(false);
    }
    const same = await localPair(options, 'main', 'same', '/');
    expect(same.viewports.map((v) => v.changedShare)).toEqual([0, 0]);
    // The worktrees are gone again: only the repository's own checkout is listed.
    expect(execFileSync('git', ['worktree', 'list'], { cwd: repository }).toString().trim().split('\n')).toHaveLength(1);
  });
});
