import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SharedBrowser, localChromium } from '../../lambda/core/screenshots/browser';
import { ScreenshotError } from '../../lambda/core/screenshots/errors';
import { pairBytes, screenshotPair, type ScreenshotPair } from '../../lambda/core/screenshots/pair';
import { serveStatic } from '../../lambda/local/site-preview/site-server';
import { median, ms, table } from '../lib/stats';
import type { BenchSuite } from '../suite';

const WARM_RUNS = 5;
const SITE = resolve('examples/sites/plain-css-site');

/**
 * One before/after pair (desktop 1280×800 and phone 390×844) of a small plain-CSS site, served
 * from loopback: cold (Chromium started for the pair) and warm (one browser kept open), and the
 * bytes the four attachments take. The Lambda bundle's size and load time are in the bundles suite.
 */
export const screenshotsSuite: BenchSuite = {
  id: 'screenshots',
  title: 'Screenshots: one before/after pair locally (Chromium cold and warm), image bytes per pair',
  async run() {
    const folder = await mkdtemp(join(tmpdir(), 'valine-bench-shots-'));
    const before = join(folder, 'before');
    const after = join(folder, 'after');
    await cp(SITE, before, { recursive: true });
    await cp(SITE, after, { recursive: true });
    const index = join(after, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace(/Lakeside Bakery/g, 'Spring sale at Lakeside'));
    const [sideBefore, sideAfter] = await Promise.all([serveStatic(before), serveStatic(after)]);
    const request = { before: { baseUrl: sideBefore.baseUrl, label: 'before' }, after: { baseUrl: sideAfter.baseUrl, label: 'after' }, path: '/' };
    try {
      const colds: ScreenshotPair[] = [];
      for (let i = 0; i < 2; i += 1) {
        const cold = new SharedBrowser(localChromium());
        try {
          colds.push(await screenshotPair(cold, request));
        } finally {
          await cold.close();
        }
      }
      const warmBrowser = new SharedBrowser(localChromium());
      const warm: ScreenshotPair[] = [];
      try {
        await screenshotPair(warmBrowser, request);
        for (let i = 0; i < WARM_RUNS; i += 1) warm.push(await screenshotPair(warmBrowser, request));
      } finally {
        await warmBrowser.close();
      }
      const coldMs = median(colds.map((p) => p.elapsedMs));
      const warmMs = median(warm.map((p) => p.elapsedMs));
      const bytes = pairBytes(warm[0]!);
      const shares = warm[0]!.viewports.map((v) => `${v.viewport.name} ${(v.changedShare * 100).toFixed(2)} %`).join(', ');
      return {
        lines: [
          ...table(
            ['pair (4 shots)', 'median ms', 'bytes per pair', 'changed'],
            [
              ['cold (Chromium started)', ms(coldMs), `${(bytes / 1024).toFixed(0)} KB`, shares],
              ['warm (browser kept open)', ms(warmMs), `${(bytes / 1024).toFixed(0)} KB`, shares],
            ],
          ),
          `(cold: median of ${colds.length}; warm: median of ${WARM_RUNS} after one unmeasured pair; ${SITE} served on loopback)`,
        ],
        results: { coldMsMedian: coldMs, warmMsMedian: warmMs, bytesPerPair: bytes, coldRuns: colds.map((p) => p.elapsedMs), warmRuns: warm.map((p) => p.elapsedMs) },
        checks: [{ name: 'screenshot pair within Discord limits', target: '4 files, < 8 MiB per message', measured: `${(bytes / 1024).toFixed(0)} KB`, pass: bytes < 8 * 1024 * 1024 }],
      };
    } catch (error) {
      if (!(error instanceof ScreenshotError)) throw error;
      return { lines: [`Skipped: ${error.message}`], results: { skipped: error.message }, checks: [] };
    } finally {
      await Promise.all([sideBefore.stop(), sideAfter.stop()]);
      await rm(folder, { recursive: true, force: true });
    }
  },
};
