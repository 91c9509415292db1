import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAgent, measureLocalMode } from '../ux-preview';
import { ms, percentile, table } from '../lib/stats';
import type { BenchSuite } from '../suite';

const RUNS = 40;
const PREVIEW_P50_LIMIT_MS = 300;

/** The UX engineer's figure (bench/ux-preview.ts): /ux-update to preview, agent alone and through local mode. */
export const uxPreviewSuite: BenchSuite = {
  id: 'ux-preview',
  title: '/ux-update to preview in local mode (UX Agent on the local git host)',
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'valine-bench-ux-'));
    try {
      const measured = { agent: await measureAgent(root, RUNS), localMode: await measureLocalMode(root, RUNS) };
      const row = (label: string, samples: number[]) => {
        const sorted = [...samples].sort((a, b) => a - b);
        return { label, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
      };
      const rows = [row('propose() on the local git host', measured.agent), row('/ux-update → preview received (local mode)', measured.localMode)];
      const whole = rows[1];
      return {
        lines: table(['measure', 'runs', 'p50 ms', 'p95 ms', 'max ms'], rows.map((r) => [r.label, String(RUNS), ms(r.p50), ms(r.p95), ms(r.max)])),
        results: rows,
        checks: whole ? [{ name: '/ux-update → preview p50 (local mode)', target: `< ${PREVIEW_P50_LIMIT_MS} ms`, measured: `${ms(whole.p50)} ms`, pass: whole.p50 < PREVIEW_P50_LIMIT_MS }] : [],
      };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
