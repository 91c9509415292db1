import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRepoReads, reportRepoReads, siteRepository } from '../repo-reads';
import { PREVIEW_TARGETS, VALINE_SITE } from '../lib/targets';
import { measureAgent, reportAgent } from '../ux-preview';
import type { BenchSuite } from '../suite';

const LOCAL_RUNS = 20;
const GITHUB_RUNS = 5;

/** The figures on the real site: cold and warm preview in local mode, and a cold preview through a GitHub 80 ms away. */
export const realSitePreviewSuite: BenchSuite = {
  id: 'valine',
  title: `UX preview of ${VALINE_SITE}: local mode cold/warm, loopback GitHub with ${PREVIEW_TARGETS.githubDelayMs} ms per request`,
  async run({ log }) {
    if (!existsSync(VALINE_SITE)) return { lines: [`Skipped: ${VALINE_SITE} does not exist (the shared real sites are not beside this checkout).`], results: { skipped: true }, checks: [] };
    const root = await mkdtemp(join(tmpdir(), 'valine-bench-real-'));
    try {
      const agent = await measureAgent(root, VALINE_SITE, LOCAL_RUNS);
      const local = reportAgent(agent);
      const repository = siteRepository(VALINE_SITE);
      const github = await measureRepoReads({ repository, runs: GITHUB_RUNS, delaysMs: [PREVIEW_TARGETS.githubDelayMs], subjects: ['propose'], log });
      const remote = reportRepoReads(repository, github, GITHUB_RUNS);
      return { lines: [...local.lines, '', ...remote.lines], results: { agent, github }, checks: [...local.checks, ...remote.checks] };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
