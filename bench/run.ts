import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ackLatencySuite } from './suites/ack-latency';
import { bundlesSuite } from './suites/bundles';
import { uxPreviewSuite } from './suites/ux-preview';
import { uxRefineSuite } from './suites/ux-refine';
import { realSitePreviewSuite } from './suites/real-site-preview';
import { screenshotsSuite } from './suites/screenshots';
import { repoReadsSuite } from './repo-reads';
import { checkLine } from './lib/checks';
import type { BenchSuite, Check } from './suite';

/** `npm run bench [-- --only <suite id>]`: every suite in order, a table each, one JSON file. Loopback only. */
const SUITES: readonly BenchSuite[] = [ackLatencySuite, bundlesSuite, uxPreviewSuite, uxRefineSuite, repoReadsSuite, realSitePreviewSuite, screenshotsSuite];

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(
      [
        'Usage: npm run bench [-- --only <suite id>]',
        '',
        'Runs every benchmark suite in order against loopback servers (no network, no AWS), prints a table',
        'each with the figures to reach, and writes them all to bench/results/<time>.json.',
        '',
        `Suites: ${SUITES.map((s) => s.id).join(', ')}.`,
        '',
        'Example: npm run bench -- --only ux-refine',
        '',
      ].join('\n'),
    );
    return 0;
  }
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const suites = only ? SUITES.filter((s) => s.id === only) : SUITES;
  if (suites.length === 0) {
    process.stderr.write(`No suite "${only}". Suites: ${SUITES.map((s) => s.id).join(', ')}.\n`);
    return 1;
  }
  const resultsDirectory = resolve('bench/results');
  await mkdir(resultsDirectory, { recursive: true });
  const started = new Date();
  const report: Record<string, unknown> = {
    startedAt: started.toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: process.platform, loadAverageAtStart: loadavg() },
    suites: {},
  };
  const allChecks: Array<Check & { suite: string }> = [];
  for (const [index, suite] of suites.entries()) {
    // Let the previous suite's processes finish exiting before timing anything else.
    if (index > 0) await new Promise((resolvePause) => setTimeout(resolvePause, 2000));
    process.stdout.write(`\n== ${suite.title}\n`);
    const t0 = Date.now();
    const result = await suite.run({ resultsDirectory, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${result.lines.join('\n')}\n(${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    (report.suites as Record<string, unknown>)[suite.id] = { results: result.results, checks: result.checks };
    allChecks.push(...result.checks.map((c) => ({ ...c, suite: suite.id })));
  }
  process.stdout.write('\n== Figures to reach\n');
  for (const check of allChecks) {
    process.stdout.write(`${checkLine(check)}\n`);
  }
  report.finishedAt = new Date().toISOString();
  (report.machine as Record<string, unknown>).loadAverageAtEnd = loadavg();
  const startLoad = (report.machine as { loadAverageAtStart: number[] }).loadAverageAtStart;
  process.stdout.write(`\nLoad average (1/5/15 min) at start: ${startLoad.map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} CPUs; other work on this machine inflates every figure.\n`);
  const file = join(resultsDirectory, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(file, json);
  await writeFile(join(resultsDirectory, 'latest.json'), json);
  process.stdout.write(`\nWrote ${file} (and bench/results/latest.json).\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
