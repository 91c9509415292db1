import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRefine, REFINE_SITES, reportRefine, type RefineFigures } from '../ux-refine';
import type { BenchSuite } from '../suite';

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
      return { lines, results: figures, checks };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
