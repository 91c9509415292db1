import { generateKeyPairSync } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { createGitHubRepoHost } from '../lambda/core/adapters/github-repo-host';
import { createUxAgent } from '../lambda/core/agents/ux';
import type { Agent } from '../lambda/core/domain/agent';
import type { RepoHost } from '../lambda/core/ports/repo-host';
import { startLoopbackGitHub, type LoopbackGitHub } from '../test/support/loopback-github';
import { benchArguments } from './lib/arguments';
import { printReport, runWhenCalled } from './lib/checks';
import { kindsSeen, previewRequestAt, proposePreview, type PreviewKind } from './lib/preview-requests';
import { readSiteFiles } from './lib/site-files';
import { median, ms, table } from './lib/stats';
import { PREVIEW_TARGETS } from './lib/targets';
import type { BenchSuite, Check } from './suite';

/**
 * GitHub requests and time of a UX preview through the loopback GitHub:
 * `npm run bench:repo-reads -- [runs] [--site <folder>]`. Without --site the repository is
 * examples/site grown to 300 files; with it, that folder's text files. Cold is a new agent and
 * host, warm the same agent on the same commit with the next request; with no added latency and
 * with 80 ms added to every request. Targets from the issue: cold ≤ 4 requests, warm ≤ 1, cold
 * p50 < 1.5 s at 80 ms. Beside propose(), the reads a discovering agent makes (describe, head,
 * snapshot) are measured alone.
 */
const RUNS = 5;
/** Left out of each row: the first loads Octokit's modules, and discovery on a real site takes a few runs to be compiled. */
const WARM_UP_RUNS = 3;
const FILES = 300;
const DELAYS_MS: readonly number[] = [0, PREVIEW_TARGETS.githubDelayMs];
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const SITE = join(__dirname, '../examples/site');
const USAGE = 'npm run bench:repo-reads -- [runs] [--site <folder>]';

/** The files served by the loopback GitHub, and what to call them in a table. */
export interface BenchRepository {
  /** Short, for check names: "300-file repository", "../shared/real-sites/valine". */
  name: string;
  label: string;
  files: Record<string, string>;
  /** The snapshot must hold every file (the generated repository has nothing a snapshot leaves out). */
  snapshotHoldsAll: boolean;
}

/** examples/site plus filler modules and notes up to `count` files, as a site repository grows. */
export function generatedRepository(count = FILES): BenchRepository {
  const { files } = readSiteFiles(SITE);
  for (let i = 0; Object.keys(files).length < count; i++) {
    files[i % 2 === 0 ? `src/lib/util-${i}.ts` : `docs/notes/note-${i}.md`] =
      i % 2 === 0 ? `/** Filler module ${i}. */\nexport const value${i} = ${i};\nexport function double${i}(n: number): number {\n  return n * 2 + ${i};\n}\n` : `# Note ${i}\n\n${'Some words about the site. '.repeat(20)}\n`;
  }
  return { name: `${count}-file repository`, label: `a ${count}-file repository (examples/site and filler)`, files, snapshotHoldsAll: true };
}

/** A site folder's text files as they would be pushed to GitHub (node_modules, .git and binaries left out). */
export function siteRepository(folder: string): BenchRepository {
  const { files, binaries } = readSiteFiles(folder);
  const count = Object.keys(files).length;
  if (count === 0) throw new Error(`${folder} holds no text files to serve; give a website repository's folder.`);
  const name = relative(process.cwd(), resolve(folder)) || '.';
  return { name, label: `${name} (${count} text files${binaries > 0 ? `, ${binaries} binary left out` : ''})`, files, snapshotHoldsAll: false };
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

type SubjectId = 'propose' | 'reads';

const SUBJECT_LABELS: Record<SubjectId, string> = { propose: 'UX Agent propose()', reads: 'describe + head + snapshot' };

interface Measured {
  /** What was timed: the agent's propose(), or the host's reads alone. */
  subject: string;
  proposes: boolean;
  delayMs: number;
  coldRequests: number[];
  warmRequests: number[];
  coldMs: number[];
  warmMs: number[];
  coldKinds: string;
  warmKinds: string;
  answers: PreviewKind[];
  snapshotFiles?: number;
}

async function timed(github: LoopbackGitHub, work: () => Promise<void>): Promise<{ ms: number; requests: string[] }> {
  const before = github.received().length;
  const started = performance.now();
  await work();
  return { ms: performance.now() - started, requests: github.received().slice(before) };
}

export interface RepoReadsOptions {
  repository: BenchRepository;
  runs?: number;
  delaysMs?: readonly number[];
  subjects?: readonly SubjectId[];
  log?: (line: string) => void;
}

export async function measureRepoReads(options: RepoReadsOptions): Promise<Measured[]> {
  const { repository, runs = RUNS, delaysMs = DELAYS_MS, subjects = ['propose', 'reads'], log = () => undefined } = options;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  const fileCount = Object.keys(repository.files).length;
  const results: Measured[] = [];
  for (const delayMs of delaysMs) {
    const github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files: repository.files, delayMs });
    const newHost = () => createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl });
    try {
      for (const subject of subjects) {
        const measured: Measured = { subject: SUBJECT_LABELS[subject], proposes: subject === 'propose', delayMs, coldRequests: [], warmRequests: [], coldMs: [], warmMs: [], coldKinds: '', warmKinds: '', answers: [] };
        /** The reads a discovering agent makes for a preview: the repository, its default branch's tip, every file there. */
        const readSite = async (host: RepoHost) => {
          const { defaultBranch } = await host.describe();
          const commit = await host.head(defaultBranch);
          if (!commit) throw new Error(`no branch ${defaultBranch}`);
          const snapshot = await host.snapshot(commit);
          if (repository.snapshotHoldsAll && snapshot.files.size !== fileCount) throw new Error(`the snapshot holds ${snapshot.files.size} files, not ${fileCount}: ${JSON.stringify(snapshot.skipped)}`);
          measured.snapshotFiles = snapshot.files.size;
        };
        for (let i = 0; i < runs + WARM_UP_RUNS; i++) {
          let cold: Awaited<ReturnType<typeof timed>>;
          let warm: Awaited<ReturnType<typeof timed>>;
          if (subject === 'propose') {
            const agent: Agent = createUxAgent({ repoHost: newHost() });
            cold = await timed(github, async () => void measured.answers.push(await proposePreview(agent, previewRequestAt(i))));
            warm = await timed(github, async () => void measured.answers.push(await proposePreview(agent, previewRequestAt(i + 1))));
          } else {
            const host = newHost();
            cold = await timed(github, () => readSite(host));
            warm = await timed(github, () => readSite(host));
          }
          if (i < WARM_UP_RUNS) continue;
          measured.coldRequests.push(cold.requests.length);
          measured.warmRequests.push(warm.requests.length);
          measured.coldMs.push(cold.ms);
          measured.warmMs.push(warm.ms);
          measured.coldKinds = breakdown(cold.requests);
          measured.warmKinds = breakdown(warm.requests);
        }
        log(`${measured.subject}, ${delayMs} ms added: cold ${measured.coldKinds}; warm ${measured.warmKinds || 'none'}`);
        results.push(measured);
      }
    } finally {
      await github.close();
    }
  }
  return results;
}

export function reportRepoReads(repository: BenchRepository, results: readonly Measured[], runs: number): { lines: string[]; checks: Check[] } {
  const max = (values: readonly number[]) => Math.max(...values);
  const proposals = results.filter((r) => r.proposes).flatMap((r) => r.answers);
  const snapshotFiles = results.find((r) => r.snapshotFiles !== undefined)?.snapshotFiles;
  const lines = [
    `UX preview of ${repository.label} through the loopback GitHub, ${runs} runs per row after ${WARM_UP_RUNS} left out (p50; requests are the most seen in a run)${proposals.length > 0 ? `; answers: ${kindsSeen(proposals)}` : ''}${snapshotFiles !== undefined ? `; the snapshot kept ${snapshotFiles} files` : ''}.`,
    ...table(
      ['measure', 'added latency', 'GitHub requests cold', 'GitHub requests warm', 'cold p50 ms', 'warm p50 ms'],
      results.map((r) => [r.subject, `${r.delayMs} ms`, String(max(r.coldRequests)), String(max(r.warmRequests)), ms(median(r.coldMs)), ms(median(r.warmMs))]),
    ),
    '',
    ...results.filter((r) => r.delayMs === results[0]?.delayMs).flatMap((r) => [`${r.subject}, cold: ${r.coldKinds}`, `${r.subject}, warm: ${r.warmKinds || 'none'}`]),
  ];
  // The issue's figures are about the preview, so they are checked on propose() itself, at the slowest latency measured.
  const proposeRows = results.filter((r) => r.proposes);
  const slow = proposeRows.find((r) => r.delayMs === PREVIEW_TARGETS.githubDelayMs) ?? proposeRows.at(-1);
  if (!slow) return { lines, checks: [] };
  const checks: Check[] = [
    { name: `${repository.name}: cold preview, GitHub requests`, target: `≤ ${PREVIEW_TARGETS.githubColdRequests}`, measured: String(max(slow.coldRequests)), pass: max(slow.coldRequests) <= PREVIEW_TARGETS.githubColdRequests },
    { name: `${repository.name}: warm preview (same commit), GitHub requests`, target: `≤ ${PREVIEW_TARGETS.githubWarmRequests}`, measured: String(max(slow.warmRequests)), pass: max(slow.warmRequests) <= PREVIEW_TARGETS.githubWarmRequests },
    { name: `${repository.name}: cold preview p50 with ${slow.delayMs} ms per GitHub request`, target: `< ${PREVIEW_TARGETS.githubColdP50Ms} ms`, measured: `${ms(median(slow.coldMs))} ms`, pass: median(slow.coldMs) < PREVIEW_TARGETS.githubColdP50Ms },
  ];
  return { lines, checks };
}

export const repoReadsSuite: BenchSuite = {
  id: 'repo-reads',
  title: `GitHub requests and time of a UX preview on a ${FILES}-file repository (loopback GitHub)`,
  async run({ log }) {
    const repository = generatedRepository();
    const results = await measureRepoReads({ repository, runs: RUNS, log });
    const { lines, checks } = reportRepoReads(repository, results, RUNS);
    return { lines, results, checks };
  },
};

async function main() {
  const { site, runs = RUNS } = benchArguments(process.argv.slice(2), USAGE);
  const repository = site ? siteRepository(site) : generatedRepository();
  const results = await measureRepoReads({ repository, runs, log: (line) => process.stderr.write(`${line}\n`) });
  printReport(reportRepoReads(repository, results, runs));
}

runWhenCalled(module, main);
