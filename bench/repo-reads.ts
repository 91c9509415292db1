import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createGitHubRepoHost } from '../lambda/core/adapters/github-repo-host';
import { createUxAgent } from '../lambda/core/agents/ux';
import { defaultFlagValues } from '../lambda/core/contract/flags';
import type { Agent, AgentRequest } from '../lambda/core/domain/agent';
import type { RepoHost } from '../lambda/core/ports/repo-host';
import { errorMessage } from '../lambda/core/domain/error-message';
import { startLoopbackGitHub, type LoopbackGitHub } from '../test/support/loopback-github';
import { median, ms, table } from './lib/stats';
import type { BenchSuite, Check } from './suite';

/**
 * GitHub requests and time of a UX preview on a 300-file repository, through the loopback
 * GitHub (`npm run bench:repo-reads [runs]`): cold (new agent and host) and warm (same agent,
 * same commit), with no added latency and with 80 ms added to every request. Targets from the
 * issue: cold ≤ 4 requests, warm ≤ 1, cold p50 < 1.5 s at 80 ms. Beside propose(), the reads a
 * discovering agent makes (describe, head, snapshot) are measured alone.
 */
const RUNS = 5;
const FILES = 300;
const DELAYS_MS = [0, 80] as const;
const COLD_REQUEST_LIMIT = 4;
const WARM_REQUEST_LIMIT = 1;
const COLD_P50_LIMIT_MS = 1500;
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const SITE = join(__dirname, '../examples/site');

const request: AgentRequest = {
  command: 'ux-update',
  options: { command: 'section:header text:"Test Deploy"' },
  requester: { id: '1', name: 'Bench', roles: [] },
  commandLine: '/ux-update command:section:header text:"Test Deploy"',
};
const context = { flags: defaultFlagValues('prod'), now: () => new Date() };

function siteFiles(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(directory, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(directory);
  return files;
}

/** examples/site plus filler modules and notes up to `count` files, as a site repository grows. */
export function benchRepository(count = FILES): Record<string, string> {
  const files = siteFiles(SITE);
  for (let i = 0; Object.keys(files).length < count; i++) {
    files[i % 2 === 0 ? `src/lib/util-${i}.ts` : `docs/notes/note-${i}.md`] =
      i % 2 === 0 ? `/** Filler module ${i}. */\nexport const value${i} = ${i};\nexport function double${i}(n: number): number {\n  return n * 2 + ${i};\n}\n` : `# Note ${i}\n\n${'Some words about the site. '.repeat(20)}\n`;
  }
  return files;
}

/** "GET /repos/o/r/contents/…" → "GET contents", so the table says which kinds of call were made. */
const kindOf = (line: string) => {
  const [method, path] = line.split(' ');
  const rest = (path ?? '').replace(/\?.*$/, '').replace(/^\/repos\/[^/]+\/[^/]+/, '');
  const kind = /^\/app\/installations\/\d+\/access_tokens$/.test(rest) ? 'token' : rest.startsWith('/codeload/') ? 'codeload' : rest.split('/').slice(1, rest.startsWith('/git/') ? 3 : 2).join('/') || 'repository';
  return `${method} ${kind}`;
};

const breakdown = (lines: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(kindOf(line), (counts.get(kindOf(line)) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n}× ${kind}`).join(', ');
};

interface Measured {
  /** What was timed: the agent's propose(), or the host's reads alone. */
  subject: string;
  delayMs: number;
  coldRequests: number[];
  warmRequests: number[];
  coldMs: number[];
  warmMs: number[];
  coldKinds: string;
  warmKinds: string;
}

async function timed(github: LoopbackGitHub, work: () => Promise<void>): Promise<{ ms: number; requests: string[] }> {
  const before = github.received().length;
  const started = performance.now();
  await work();
  return { ms: performance.now() - started, requests: github.received().slice(before) };
}

async function propose(agent: Agent): Promise<void> {
  const outcome = await agent.propose(request, context);
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${JSON.stringify(outcome)}`);
}

/** The reads a discovering agent makes for a preview: the repository, its default branch's tip, every file there. */
async function readSite(host: RepoHost): Promise<void> {
  const { defaultBranch } = await host.describe();
  const commit = await host.head(defaultBranch);
  if (!commit) throw new Error(`no branch ${defaultBranch}`);
  const snapshot = await host.snapshot(commit);
  if (snapshot.files.size !== FILES) throw new Error(`the snapshot holds ${snapshot.files.size} files, not ${FILES}: ${JSON.stringify(snapshot.skipped)}`);
}

export async function measureRepoReads(runs = RUNS, log: (line: string) => void = () => undefined): Promise<Measured[]> {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  const files = benchRepository();
  const results: Measured[] = [];
  for (const delayMs of DELAYS_MS) {
    const github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files, delayMs });
    const newHost = () => createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl });
    const subjects: Array<{ subject: string; start: () => () => Promise<void> }> = [
      {
        subject: 'UX Agent propose()',
        start: () => {
          const agent = createUxAgent({ repoHost: newHost() });
          return () => propose(agent);
        },
      },
      {
        subject: 'describe + head + snapshot',
        start: () => {
          const host = newHost();
          return () => readSite(host);
        },
      },
    ];
    try {
      for (const { subject, start } of subjects) {
        const measured: Measured = { subject, delayMs, coldRequests: [], warmRequests: [], coldMs: [], warmMs: [], coldKinds: '', warmKinds: '' };
        // The first run loads Octokit's modules: not a figure of the repository reads, so it is left out.
        for (let i = 0; i < runs + 1; i++) {
          const run = start();
          const cold = await timed(github, run);
          const warm = await timed(github, run);
          if (i === 0) continue;
          measured.coldRequests.push(cold.requests.length);
          measured.warmRequests.push(warm.requests.length);
          measured.coldMs.push(cold.ms);
          measured.warmMs.push(warm.ms);
          measured.coldKinds = breakdown(cold.requests);
          measured.warmKinds = breakdown(warm.requests);
        }
        log(`${subject}, ${delayMs} ms added: cold ${measured.coldKinds}; warm ${measured.warmKinds}`);
        results.push(measured);
      }
    } finally {
      await github.close();
    }
  }
  return results;
}

function report(results: readonly Measured[], runs: number): { lines: string[]; checks: Check[] } {
  const max = (values: readonly number[]) => Math.max(...values);
  const lines = [
    `UX preview on a ${FILES}-file repository through the loopback GitHub, ${runs} runs per row (p50; requests are the most seen in a run).`,
    ...table(
      ['measure', 'added latency', 'GitHub requests cold', 'GitHub requests warm', 'cold p50 ms', 'warm p50 ms'],
      results.map((r) => [r.subject, `${r.delayMs} ms`, String(max(r.coldRequests)), String(max(r.warmRequests)), ms(median(r.coldMs)), ms(median(r.warmMs))]),
    ),
    '',
    ...results.filter((r) => r.delayMs === 0).flatMap((r) => [`${r.subject}, cold: ${r.coldKinds}`, `${r.subject}, warm: ${r.warmKinds || 'none'}`]),
  ];
  // The figures are about the preview, so they are checked on propose() itself.
  const slow = results.find((r) => r.delayMs === 80 && r.subject === 'UX Agent propose()') ?? results[0];
  const checks: Check[] = [
    { name: `cold preview, ${FILES}-file repository: GitHub requests`, target: `≤ ${COLD_REQUEST_LIMIT}`, measured: String(max(slow.coldRequests)), pass: max(slow.coldRequests) <= COLD_REQUEST_LIMIT },
    { name: 'warm preview (same commit): GitHub requests', target: `≤ ${WARM_REQUEST_LIMIT}`, measured: String(max(slow.warmRequests)), pass: max(slow.warmRequests) <= WARM_REQUEST_LIMIT },
    { name: `cold preview p50 with ${slow.delayMs} ms per GitHub request`, target: `< ${COLD_P50_LIMIT_MS} ms`, measured: `${ms(median(slow.coldMs))} ms`, pass: median(slow.coldMs) < COLD_P50_LIMIT_MS },
  ];
  return { lines, checks };
}

export const repoReadsSuite: BenchSuite = {
  id: 'repo-reads',
  title: `GitHub requests and time of a UX preview on a ${FILES}-file repository (loopback GitHub)`,
  async run({ log }) {
    const results = await measureRepoReads(RUNS, log);
    const { lines, checks } = report(results, RUNS);
    return { lines, results, checks };
  },
};

async function main() {
  const runs = Number(process.argv[2] ?? RUNS);
  const results = await measureRepoReads(runs, (line) => process.stderr.write(`${line}\n`));
  const { lines, checks } = report(results, runs);
  console.log(lines.join('\n'));
  console.log('');
  for (const check of checks) console.log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.measured} (target ${check.target})`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`The benchmark failed: ${errorMessage(error)}`);
    process.exit(1);
  });
}
