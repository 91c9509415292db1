import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAgent, measureLocalMode, reportAgent } from '../ux-preview';
import type { BenchSuite } from '../suite';

const RUNS = 30;

/** The UX engineer's figure (bench/ux-preview.ts) on the sample site: cold and warm propose(), and the whole path through local mode. */
export const uxPreviewSuite: BenchSuite = {
  id: 'ux-preview',
  title: '/ux-update to preview in local mode (UX Agent on the local git host, examples/site)',
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'valine-bench-ux-'));
    try {
      const agent = await measureAgent(root, 'examples/site', RUNS);
      const localMode = await measureLocalMode(root, 'examples/site', RUNS);
      const { lines, checks } = reportAgent(agent, localMode);
      return { lines, results: { agent, localMode }, checks };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
