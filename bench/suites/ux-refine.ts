import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRefine, REFINE_SITES, reportRefine, type RefineFigures } from '../ux-refine';
import type { BenchSuite } from '../suite';
import { measureLocalRefine, reportLocalRefine } from '../lib/local-refine';
import { table } from '../lib/stats';

const RUNS = 20;

/** Refine → amended preview (bench/ux-refine.ts) on two stacks' fixture sites, one change and three. */
export const uxRefineSuite: BenchSuite = {
  id: 'ux-refine',
  title: 'Refine to amended preview in local mode (UX Agent on the local git host, two fixture sites)',
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'valine-bench-refine-'));
    try {
      const figures: RefineFigures[] = [];
      for (const site of REFINE_SITES) {
        figures.push(await measureRefine(root, site, 1, RUNS));
        figures.push(await measureRefine(root, site, 3, RUNS));
      }
      const { lines, checks } = reportRefine(figures);
      // The platform's whole path (issue 17): the signed box through the local server and the worker to the amended preview.
      const site = REFINE_SITES[0] ?? 'examples/site';
      const local = reportLocalRefine(site, await measureLocalRefine(root, site, RUNS));
      return { lines: [...lines, ...table(['measure', 'runs', 'p50 ms', 'p95 ms'], [local.row])], results: figures, checks: [...checks, local.check] };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
