import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createLocalGitRepoHost } from '../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../lambda/core/agents/ux';
import { buildSiteModel } from '../lambda/core/agents/ux/discovery/site-model';
import type { Logger } from '../lambda/core/ports/logger';
import { loadOrCreateDevKeyPair, signInteraction } from '../lambda/local/dev-keys';
import { commandInteraction } from '../lambda/local/interaction-builder';
import { startLocalServer } from '../lambda/local/server';
import { localSettings } from '../lambda/local/settings';
import { startStandInDiscordApi } from '../lambda/local/stand-in/discord-api';
import { benchArguments } from './lib/arguments';
import { printReport, runWhenCalled } from './lib/checks';
import { kindsSeen, PREVIEW_REQUESTS, previewRequestAt, proposePreview, type PreviewKind } from './lib/preview-requests';
import { ms, percentile, table } from './lib/stats';
import { PREVIEW_TARGETS } from './lib/targets';
import type { Check } from './suite';

/**
 * Time from /ux-update to the preview in local mode: `npm run bench:ux-preview -- [runs] [--site <folder>]`
 * (default examples/site). The local git host is seeded once from the folder, outside the timing.
 * Cold: a new agent (empty discovery cache) on that host, its first propose() of the commit;
 * warm: the same agent, same commit, the next request. Beside them, the cold run's two big parts
 * alone (the host's reads, discovery), and the whole path through the local server.
 */
const DEFAULT_SITE = 'examples/site';
const RUNS = 30;
const LOCAL_MODE_WARM_UP = 3;
const USAGE = 'npm run bench:ux-preview -- [runs] [--site <folder>]';
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Whether any propose() ran in this process yet: only the very first carries module loading and JIT warm-up. */
let proposedInProcess = false;

export interface AgentFigures {
  site: string;
  /** The first propose() of the measurement; `firstInProcess` when nothing was proposed in this process before. */
  first: { ms: number; firstInProcess: boolean };
  cold: number[];
  warm: number[];
  /** describe + head + snapshot on the local git host: what a cold run reads. */
  reads: number[];
  /** buildSiteModel over that snapshot: what a cold run discovers. */
  discovery: number[];
  files: number;
  kinds: PreviewKind[];
}

/** Cold and warm propose() against a local git host seeded from `site` under `root`, `runs` of each after a first run. */
export async function measureAgent(root: string, site: string, runs = RUNS): Promise<AgentFigures> {
  const repoHost = createLocalGitRepoHost({ directory: join(root, 'agent-site'), seedFrom: site });
  await repoHost.describe();
  const figures: AgentFigures = { site, first: { ms: Number.NaN, firstInProcess: !proposedInProcess }, cold: [], warm: [], reads: [], discovery: [], files: 0, kinds: [] };
  for (let i = 0; i <= runs; i++) {
    const agent = createUxAgent({ repoHost });
    let started = performance.now();
    figures.kinds.push(await proposePreview(agent, previewRequestAt(i)));
    const cold = performance.now() - started;
    proposedInProcess = true;
    started = performance.now();
    figures.kinds.push(await proposePreview(agent, previewRequestAt(i + 1)));
    const warm = performance.now() - started;
    if (i === 0) figures.first.ms = cold;
    else {
      figures.cold.push(cold);
      figures.warm.push(warm);
    }
  }
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const { defaultBranch } = await repoHost.describe();
    const commit = await repoHost.head(defaultBranch);
    if (!commit) throw new Error(`${site} has no branch ${defaultBranch}`);
    const snapshot = await repoHost.snapshot(commit);
    figures.reads.push(performance.now() - started);
    figures.files = snapshot.files.size;
    started = performance.now();
    buildSiteModel(snapshot.files);
    figures.discovery.push(performance.now() - started);
  }
  return figures;
}

/** Signed /ux-update → preview received by the stand-in's Discord API, through a local server seeded from `site` under `root`. */
export async function measureLocalMode(root: string, site: string, runs = RUNS): Promise<number[]> {
  const discord = await startStandInDiscordApi(0);
  const settings = localSettings({ VALINE_HOME: join(root, 'home'), PORT: '0', DISCORD_API_BASE: discord.baseUrl, VALINE_SITE_SEED: resolve(site) }, process.cwd());
  const server = await startLocalServer({ settings, env: {}, logger: quiet });
  const { privateKey } = await loadOrCreateDevKeyPair(settings.devKeyFile);
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + LOCAL_MODE_WARM_UP; i++) {
      const interaction = commandInteraction('ux-update', previewRequestAt(i));
      const body = JSON.stringify(interaction);
      const started = performance.now();
      const arrives = discord.previewFor(interaction.token, 15_000);
      const response = await fetch(`${server.url}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...signInteraction(body, privateKey) }, body });
      if (response.status !== 200) throw new Error(`the local server answered ${response.status}`);
      const preview = await arrives;
      if (!preview?.message.components?.length) throw new Error(`no preview with buttons arrived: ${JSON.stringify(preview?.message)}`);
      if (i >= LOCAL_MODE_WARM_UP) samples.push(performance.now() - started);
    }
  } finally {
    await server.close();
    await discord.close();
  }
  return samples;
}

const p = (samples: readonly number[], at: number) => percentile([...samples].sort((a, b) => a - b), at);

function row(label: string, samples: readonly number[]): string[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [label, String(sorted.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(sorted.at(-1) ?? Number.NaN)];
}

/** The table of one site's figures, and the checks against the local-mode targets. */
export function reportAgent(figures: AgentFigures, localMode?: readonly number[]): { lines: string[]; checks: Check[] } {
  const name = relative(process.cwd(), resolve(figures.site)) || '.';
  const first = figures.first.firstInProcess ? 'first propose() in this process (module loads, JIT warm-up)' : 'first propose() of this measurement (process already warm)';
  const rows = [
    [first, '1', ms(figures.first.ms), '', ''],
    row('cold: new agent, first propose() of the commit', figures.cold),
    row('  of which: describe + head + snapshot (local git)', figures.reads),
    row('  of which: discovery (buildSiteModel)', figures.discovery),
    row('warm: same agent, same commit, next request', figures.warm),
    ...(localMode ? [row('/ux-update → preview received (local server, warm)', localMode)] : []),
  ];
  const lines = [
    `UX preview of ${figures.site} (${figures.files} files in the snapshot) on a local git host; ${PREVIEW_REQUESTS.length} plain-language requests in rotation; answers: ${kindsSeen(figures.kinds)}.`,
    ...table(['measure', 'runs', 'p50 ms', 'p95 ms', 'max ms'], rows),
  ];
  const cold = p(figures.cold, 50);
  const warm = p(figures.warm, 50);
  const checks: Check[] = [
    { name: `${name}: cold preview p50 (local mode)`, target: `< ${PREVIEW_TARGETS.localColdP50Ms} ms`, measured: `${ms(cold)} ms`, pass: cold < PREVIEW_TARGETS.localColdP50Ms },
    { name: `${name}: warm preview p50 (local mode)`, target: `< ${PREVIEW_TARGETS.localWarmP50Ms} ms`, measured: `${ms(warm)} ms`, pass: warm < PREVIEW_TARGETS.localWarmP50Ms },
  ];
  if (localMode) {
    const whole = p(localMode, 50);
    checks.push({ name: `${name}: /ux-update → preview p50 (local server)`, target: `< ${PREVIEW_TARGETS.localColdP50Ms} ms`, measured: `${ms(whole)} ms`, pass: whole < PREVIEW_TARGETS.localColdP50Ms });
  }
  return { lines, checks };
}

async function main() {
  // The SDK's Node-version notice would drown the table.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { site = DEFAULT_SITE, runs = RUNS } = benchArguments(process.argv.slice(2), USAGE);
  const root = await mkdtemp(join(tmpdir(), 'valine-bench-ux-'));
  try {
    const figures = await measureAgent(root, site, runs);
    const localMode = await measureLocalMode(root, site, runs);
    printReport(reportAgent(figures, localMode));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

runWhenCalled(module, main);
