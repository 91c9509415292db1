import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGitRepoHost } from '../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../lambda/core/agents/ux';
import { defaultFlagValues } from '../lambda/core/contract/flags';
import type { Logger } from '../lambda/core/ports/logger';
import { loadOrCreateDevKeyPair, signInteraction } from '../lambda/local/dev-keys';
import { commandInteraction } from '../lambda/local/interaction-builder';
import { startLocalServer } from '../lambda/local/server';
import { localSettings } from '../lambda/local/settings';
import { startStandInDiscordApi } from '../lambda/local/stand-in/discord-api';
import { ms, percentile } from './lib/stats';
import { errorMessage } from '../lambda/core/domain/error-message';

/**
 * Time from /ux-update to the preview in local mode (target: p50 < 300 ms):
 * `npm run bench:ux-preview [runs]`. Two figures: the agent's propose() alone against the local
 * git host, and the whole path (signed interaction → local server → worker → preview message
 * received by the Discord stand-in's API).
 */
const RUNS = Number(process.argv[2] ?? 50);
const WARM_UP = 3;
const REQUESTS: Array<Record<string, string>> = [
  { command: 'section:header text:"Test Deploy" color:#112233' },
  { description: 'change the footer text to "© 2026 Acme" and make it dark gray' },
  { command: 'section:navbar add-link:"Pricing:/pricing" brand:"Acme Labs"' },
  { description: 'set the hero headline to "Ship calmly"' },
];
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The same percentiles as `npm run bench` (bench/lib/stats.ts), so both report one figure for one set of samples. */
function summary(name: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { measure: name, runs: sorted.length, 'p50 ms': ms(percentile(sorted, 50)), 'p95 ms': ms(percentile(sorted, 95)), 'max ms': ms(sorted.at(-1) ?? Number.NaN) };
}

/** propose() alone against a local git host in `root`: milliseconds per run. */
export async function measureAgent(root: string, runs = RUNS): Promise<number[]> {
  const agent = createUxAgent({ repoHost: createLocalGitRepoHost({ directory: join(root, 'agent-site'), seedFrom: 'examples/site' }) });
  const context = { flags: defaultFlagValues('dev'), now: () => new Date() };
  const samples: number[] = [];
  for (let i = 0; i < runs + WARM_UP; i++) {
    const options = REQUESTS[i % REQUESTS.length];
    const started = performance.now();
    const outcome = await agent.propose({ command: 'ux-update', options, requester: { id: '1', name: 'Bench', roles: [] }, commandLine: '/ux-update' }, context);
    if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}`);
    if (i >= WARM_UP) samples.push(performance.now() - started);
  }
  return samples;
}

/** Signed /ux-update → preview received by the stand-in's Discord API, through the local server in `root`. */
export async function measureLocalMode(root: string, runs = RUNS): Promise<number[]> {
  const discord = await startStandInDiscordApi(0);
  const settings = localSettings({ VALINE_HOME: join(root, 'home'), PORT: '0', DISCORD_API_BASE: discord.baseUrl }, process.cwd());
  const server = await startLocalServer({ settings, env: {}, logger: quiet });
  const { privateKey } = await loadOrCreateDevKeyPair(settings.devKeyFile);
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + WARM_UP; i++) {
      const interaction = commandInteraction('ux-update', REQUESTS[i % REQUESTS.length]);
      const body = JSON.stringify(interaction);
      const started = performance.now();
      const arrives = discord.nextFor(interaction.token, 15_000);
      const response = await fetch(`${server.url}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...signInteraction(body, privateKey) }, body });
      if (response.status !== 200) throw new Error(`the local server answered ${response.status}`);
      const preview = await arrives;
      if (!preview?.message.components?.length) throw new Error(`no preview with buttons arrived: ${JSON.stringify(preview?.message)}`);
      if (i >= WARM_UP) samples.push(performance.now() - started);
    }
  } finally {
    await server.close();
    await discord.close();
  }
  return samples;
}

async function main() {
  // The SDK's Node-version notice would drown the table.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const root = await mkdtemp(join(tmpdir(), 'valine-bench-ux-'));
  try {
    const agent = await measureAgent(root);
    const local = await measureLocalMode(root);
    console.log(`UX preview latency, ${RUNS} runs each after ${WARM_UP} warm-up runs, ${REQUESTS.length} requests in rotation (target p50 < 300 ms).`);
    console.table([summary('propose() on the local git host', agent), summary('/ux-update → preview received (local mode)', local)]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`The benchmark failed: ${errorMessage(error)}`);
    process.exit(1);
  });
}
