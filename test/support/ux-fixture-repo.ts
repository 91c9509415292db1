import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLocalGitRepoHost } from '../../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../lambda/core/contract/flags';
import type { Agent, AgentContext, AgentRequest, ProposalCandidate, ProposalOutcome } from '../../lambda/core/domain/agent';
import type { RepoHost } from '../../lambda/core/ports/repo-host';
import { executingTaskFor } from './executing-task';

export const uxContext: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date('2026-03-01T10:20:00Z') };

/** A `/ux-update` (or `/ux-map`) request as Discord hands it over. */
export function uxRequest(options: Record<string, string>, command = 'ux-update'): AgentRequest {
  return {
    command,
    options,
    requester: { id: '111111111111', name: 'Alice', roles: [] },
    commandLine: `/${command} ${Object.entries(options).map(([k, v]) => `${k}:${v}`).join(' ')}`,
  };
}

/** The text a person reads: the preview, the question or the reply. */
export function shown(outcome: ProposalOutcome): string {
  const message = outcome.kind === 'proposal' ? outcome.preview : outcome.kind === 'choice' ? outcome.question : outcome.message;
  return message.embeds?.[0]?.description ?? '';
}

/** A picked candidate of a question, as the worker turns it into the task's proposal. */
export const picked = (candidate: ProposalCandidate): ProposalOutcome => ({ kind: 'proposal', summary: candidate.summary, proposal: candidate.proposal, preview: candidate.preview });

/**
 * A local git repository seeded from a fixture site, with a UX Agent on it: propose a request,
 * confirm its proposal, and read what the commit holds.
 */
export interface FixtureRepo {
  directory: string;
  host: RepoHost;
  agent: Agent;
  git(...args: string[]): string;
  /** The file as the default branch holds it. */
  original(path: string): string;
  propose(options: Record<string, string>): Promise<ProposalOutcome>;
  /** Executes a proposal (each under its own task id) and returns the committed branch. */
  confirm(outcome: ProposalOutcome): Promise<string>;
  /** Proposes, expects a proposal, confirms it and returns the committed content of `path`. */
  commitOf(options: Record<string, string>, path: string): Promise<string>;
  remove(): void;
}

let tasks = 0;

/** The repository is created (seeded) before this resolves, so `git` works at once. */
export async function seedFixtureRepo(seedFrom: string): Promise<FixtureRepo> {
  const root = mkdtempSync(join(tmpdir(), 'valine-ux-fixture-'));
  const directory = join(root, 'site');
  const host = createLocalGitRepoHost({ directory, seedFrom });
  const agent = createUxAgent({ repoHost: host });
  const git = (...args: string[]) => execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8' });
  const repo: FixtureRepo = {
    directory,
    host,
    agent,
    git,
    original: (path) => git('show', `main:${path}`),
    propose: (options) => agent.propose(uxRequest(options), uxContext),
    async confirm(outcome) {
      const done = await agent.execute(executingTaskFor(outcome, { taskId: `tsk_fixture${++tasks}` }), uxContext);
      if (done.kind !== 'done') throw new Error(`expected the change to be committed, got ${JSON.stringify(done)}`);
      return done.branch as string;
    },
    async commitOf(options, path) {
      const outcome = await repo.propose(options);
      if (outcome.kind !== 'proposal') throw new Error(`expected a proposal for ${JSON.stringify(options)}, got ${outcome.kind}: ${shown(outcome)}`);
      const branch = await repo.confirm(outcome);
      return git('show', `${branch}:${path}`);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  await host.describe();
  return repo;
}

/** The lines of `after` that differ from `before`, as removed/added lists (a line diff of one hunk). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

/** The files every small Vite + React test site starts with: package.json, index.html and src/main.jsx rendering src/App.jsx. */
export function viteReactSite(dependencies: Record<string, string>, files: Record<string, string>): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ dependencies: { react: '18', ...dependencies }, devDependencies: { vite: '5' } })}\n`,
    'index.html': '<div id="root"></div><script type="module" src="/src/main.jsx"></script>\n',
    'src/main.jsx': "import { createRoot } from 'react-dom/client';\nimport App from './App';\ncreateRoot(document.getElementById('root')).render(<App />);\n",
    ...files,
  };
}

/** A repository seeded from files written here (a site of a few files), and a way to remove both. */
export async function seedSiteFromFiles(files: Record<string, string>): Promise<{ repo: FixtureRepo; cleanup: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'valine-site-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const repo = await seedFixtureRepo(root);
  return {
    repo,
    cleanup: () => {
      repo.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
