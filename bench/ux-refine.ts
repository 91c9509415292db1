import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createLocalGitRepoHost } from '../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../lambda/core/agents/ux';
import { defaultFlagValues } from '../lambda/core/contract/flags';
import type { Agent, AgentContext, ProposalOutcome } from '../lambda/core/domain/agent';
import type { Task } from '../lambda/core/domain/task';
import { benchArguments } from './lib/arguments';
import { printReport, runWhenCalled } from './lib/checks';
import { ms, percentile, table } from './lib/stats';
import { PREVIEW_TARGETS } from './lib/targets';
import type { Check } from './suite';

/**
 * Refine → amended preview in local mode (issue 17): `npm run bench:ux-refine -- [runs] [--site <folder>]`
 * (default: examples/sites/vite-react-tailwind3 and examples/sites/astro-tailwind4). A task is
 * proposed once per site (outside the timing); then each run refines it with the next of a
 * rotation of refinements. Cold: a new agent (nothing discovered yet: the base commit's snapshot
 * is read and discovered first); warm: the same agent, the next refinement. Beside one change,
 * a task of three changes (every change is planned again on each refinement).
 */
export const REFINE_SITES = ['examples/sites/vite-react-tailwind3', 'examples/sites/astro-tailwind4'];
const RUNS = 30;
const USAGE = 'npm run bench:ux-refine -- [runs] [--site <folder>]';
const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date() };
const REQUESTER = { id: '1', name: 'Bench', roles: [] };

/** What each timed refinement asks, in rotation, of the task as proposed (not of the previous answer), by the number of its changes. */
export const REFINEMENTS: Readonly<Record<1 | 3, readonly string[]>> = {
  1: ['darker', 'lighter', 'use #1e3a8a instead', 'also make the footer blue', 'no, the footer'],
  3: ['darker', 'lighter', 'call it Team', 'also make the footer blue', 'drop change 2'],
};
/** The task of three changes: the first request and the two refinements that add to it. */
const THREE_CHANGES = ['also change the footer text to "Acme Inc"', 'also rename the About link to Company'];

export interface RefineFigures {
  site: string;
  changes: 1 | 3;
  cold: number[];
  warm: number[];
  kinds: string[];
}

const taskOf = (outcome: ProposalOutcome): Task => {
  if (outcome.kind !== 'proposal') throw new Error(`expected a preview to refine, got ${outcome.kind}: ${JSON.stringify('message' in outcome ? outcome.message : outcome).slice(0, 300)}`);
  const now = new Date().toISOString();
  return {
    taskId: 'tsk_bench',
    agentId: 'ux',
    command: '/ux-update description:make the navbar blue',
    options: {},
    status: 'awaiting_confirmation',
    requesterId: REQUESTER.id,
    requesterName: REQUESTER.name,
    applicationId: 'bench',
    interactionToken: 'bench',
    proposal: outcome.proposal,
    summary: outcome.summary,
    createdAt: now,
    updatedAt: now,
    confirmBy: now,
    expiresAt: 0,
    trace: [],
    version: 1,
  };
};

async function refineOnce(agent: Agent, task: Task, text: string): Promise<string> {
  if (!agent.refine) throw new Error('the UX Agent has no refine');
  const outcome = await agent.refine(task, text, REQUESTER, context);
  if (outcome.kind === 'rejected') throw new Error(`"${text}" was refused, so it would time another path: ${JSON.stringify(outcome.message).slice(0, 300)}`);
  return outcome.kind;
}

/** Cold and warm refine() of a task of `changes` changes (1 or 3) on a local git host seeded from `site`. */
export async function measureRefine(root: string, site: string, changes: 1 | 3, runs = RUNS): Promise<RefineFigures> {
  const repoHost = createLocalGitRepoHost({ directory: join(root, `refine-${changes}-${site.replace(/\W+/g, '-')}`), seedFrom: site });
  await repoHost.describe();
  const proposer = createUxAgent({ repoHost });
  let outcome = await proposer.propose({ command: 'ux-update', options: { description: 'make the navbar blue' }, requester: REQUESTER, commandLine: '/ux-update description:make the navbar blue' }, context);
  if (changes === 3) {
    for (const text of THREE_CHANGES) {
      if (!proposer.refine) throw new Error('the UX Agent has no refine');
      outcome = await proposer.refine(taskOf(outcome), text, REQUESTER, context);
    }
  }
  const task = taskOf(outcome);
  const figures: RefineFigures = { site, changes, cold: [], warm: [], kinds: [] };
  for (let i = 0; i <= runs; i++) {
    const agent = createUxAgent({ repoHost });
    let started = performance.now();
    const rotation = REFINEMENTS[changes];
    figures.kinds.push(await refineOnce(agent, task, rotation[i % rotation.length] as string));
    const cold = performance.now() - started;
    started = performance.now();
    figures.kinds.push(await refineOnce(agent, task, rotation[(i + 1) % rotation.length] as string));
    const warm = performance.now() - started;
    // The first round also loads modules and warms the JIT.
    if (i > 0) {
      figures.cold.push(cold);
      figures.warm.push(warm);
    }
  }
  return figures;
}

const p = (samples: readonly number[], at: number) => percentile([...samples].sort((a, b) => a - b), at);

/** One table for all sites, and the check of the target (warm p50 < 300 ms). */
export function reportRefine(all: readonly RefineFigures[]): { lines: string[]; checks: Check[] } {
  const rows = all.flatMap((f) => {
    const name = `${relative(process.cwd(), resolve(f.site)) || '.'}, ${f.changes} change${f.changes === 1 ? '' : 's'}`;
    return [
      [`${name}: cold (new agent)`, String(f.cold.length), ms(p(f.cold, 50)), ms(p(f.cold, 95))],
      [`${name}: warm (same agent)`, String(f.warm.length), ms(p(f.warm, 50)), ms(p(f.warm, 95))],
    ];
  });
  const rotation = (changes: 1 | 3) => REFINEMENTS[changes].map((r) => `"${r}"`).join(', ');
  const lines = [
    `Refine → amended preview on a local git host. Refinements in rotation: one change (make the navbar blue): ${rotation(1)}; three changes (also ${THREE_CHANGES.map((t) => t.replace(/^also /, '')).join(', also ')}): ${rotation(3)}.`,
    ...table(['measure', 'runs', 'p50 ms', 'p95 ms'], rows),
  ];
  const checks: Check[] = all.map((f) => {
    const warm = p(f.warm, 50);
    return { name: `${relative(process.cwd(), resolve(f.site))}: warm refine p50, ${f.changes} change${f.changes === 1 ? '' : 's'} (local mode)`, target: `< ${PREVIEW_TARGETS.localRefineWarmP50Ms} ms`, measured: `${ms(warm)} ms`, pass: warm < PREVIEW_TARGETS.localRefineWarmP50Ms };
  });
  return { lines, checks };
}

async function main() {
  const { site, runs = RUNS } = benchArguments(process.argv.slice(2), USAGE);
  const root = await mkdtemp(join(tmpdir(), 'valine-bench-refine-'));
  try {
    const figures: RefineFigures[] = [];
    for (const folder of site ? [site] : REFINE_SITES) {
      figures.push(await measureRefine(root, folder, 1, runs));
      figures.push(await measureRefine(root, folder, 3, runs));
    }
    printReport(reportRefine(figures));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

runWhenCalled(module, main);
