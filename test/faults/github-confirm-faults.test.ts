import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubRepoHost } from '../../lambda/core/adapters/github-repo-host';
import { createRevertAgent } from '../../lambda/core/agents/revert';
import { createUxAgent } from '../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../lambda/core/contract/flags';
import type { Agent, AgentContext, ExecutionOutcome } from '../../lambda/core/domain/agent';
import type { Task } from '../../lambda/core/domain/task';
import { executingTaskFor } from '../support/executing-task';
import { startLoopbackGitHub, type LoopbackGitHub } from '../support/loopback-github';

/**
 * The fault-injection suite of Confirm (issue 18, "How to know it works"): every GitHub request
 * the UX Agent's and the Revert Agent's execute make is failed in turn (5xx, 429, 403, 404, 422,
 * no answer), and each case must end with one branch and one pull request (at once, or after
 * Confirm again when the answer said it may be pressed), or a clear sentence and nothing left.
 */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP_ID = 4242;
const INSTALLATION_ID = 777;
const context: AgentContext = { flags: defaultFlagValues('prod'), now: () => new Date('2026-03-01T10:20:00Z') };
const FAULTS = [500, 429, 403, 404, 422, 'hang'] as const;
/**
 * The request deadline of the hosts that meet a request never answered: short, so such a case
 * takes a second, not the host's 20 s; never on the other hosts, as a loaded machine (the whole
 * suite on two cores) can hold an answer back longer than a short deadline.
 */
const HANG_DEADLINE_MS = 1500;
type Fault = (typeof FAULTS)[number];
/** Cases run at once: few enough that a loaded machine answers every request not failed well inside HANG_DEADLINE_MS. */
const CASES_AT_ONCE = 3;
/**
 * 'hang' cases run beside those, this many at once: such a case spends its time waiting out the deadline, not
 * computing, so they are run in two rounds instead of waiting their deadlines three at a time.
 */
const HANG_CASES_AT_ONCE = 7;

const SITE = join(__dirname, '../../examples/site');
const SITE_FILES = Object.fromEntries(
  ['.valine/ux-map.json', 'src/components/Header.tsx', 'src/components/Header.css', 'src/components/Footer.tsx', 'src/components/Footer.css', 'src/components/NavBar.tsx', 'src/components/NavBar.css', 'src/pages/Home.tsx'].map((p) => [p, readFileSync(join(SITE, p), 'utf8')]),
);

interface Scenario {
  name: string;
  /** The repository before the request; `extraBranches` are there before it (a person's merged branch). */
  files: Record<string, string>;
  prepare(github: LoopbackGitHub): void;
  agent(host: ReturnType<typeof createGitHubRepoHost>): Agent;
  request: { command: string; options: Record<string, string> };
  agentId: string;
  extraBranches: string[];
  pullsBefore: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'UX Agent',
    files: SITE_FILES,
    prepare: () => undefined,
    agent: (repoHost) => createUxAgent({ repoHost }),
    request: { command: 'ux-update', options: { command: 'section:header text:"Test Deploy"' } },
    agentId: 'ux',
    extraBranches: [],
    pullsBefore: 0,
  },
  {
    name: 'Revert Agent',
    files: { 'src/Header.tsx': 'export const Header = () => <h1>Welcome</h1>;\n' },
    prepare: (github) => {
      github.createBranch('spring-sale');
      github.push('spring-sale', { 'src/Header.tsx': 'export const Header = () => <h1>Spring sale</h1>;\n' }, 'Spring sale');
      github.merge(github.openPullRequest('spring-sale', 'Spring sale').number, 'squash');
    },
    agent: (repoHost) => createRevertAgent({ repoHost }),
    request: { command: 'revert', options: { target: '#1' } },
    agentId: 'revert',
    extraBranches: ['spring-sale'],
    pullsBefore: 1,
  },
];

type Ending = 'one branch, one PR' | 'one branch, one PR after Confirm again' | 'a sentence, nothing left';

async function confirmWithFault(scenario: Scenario, fault: { n: number; kind: Fault } | undefined): Promise<{ ending: Ending; calls: number; first: ExecutionOutcome }> {
  const github = await startLoopbackGitHub({ appId: APP_ID, publicKeyPem: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'site', files: scenario.files });
  try {
    return await confirmOn(github, scenario, fault);
  } finally {
    // Also when an expectation failed: a request left hanging would keep jest from exiting.
    await github.close();
  }
}

async function confirmOn(github: LoopbackGitHub, scenario: Scenario, fault: { n: number; kind: Fault } | undefined): Promise<{ ending: Ending; calls: number; first: ExecutionOutcome }> {
  scenario.prepare(github);
  const host = (deadline: 'default' | 'fault' = 'fault') =>
    createGitHubRepoHost({ repository: 'acme/site', appId: APP_ID, privateKey: keys.privateKey, installationId: INSTALLATION_ID, baseUrl: github.baseUrl, ...(fault?.kind === 'hang' && deadline === 'fault' ? { requestTimeoutMs: HANG_DEADLINE_MS } : {}) });
  // The propose that sets a case up meets no fault (it is injected after it): on the host's own deadline.
  const proposed = await scenario.agent(host('default')).propose({ ...scenario.request, requester: { id: '111111111111', name: 'Alice', roles: [] }, commandLine: `/${scenario.request.command}` }, context);
  const task: Task = executingTaskFor(proposed, { taskId: 'tsk_fault01', agentId: scenario.agentId });
  // A fresh host, as a worker that takes the Confirm has: its first calls are the installation token's.
  const start = github.requests.length;
  if (fault) github.failNth(fault.n, fault.kind);
  const first = await scenario.agent(host()).execute(task, context);
  const calls = github.requests.length - start;
  const ours = () => github.branches().filter((b) => !['main', ...scenario.extraBranches].includes(b));
  const opened = () => github.pulls.length - scenario.pullsBefore;
  const oneOfEach = (outcome: ExecutionOutcome) => {
    expect(outcome).toMatchObject({ kind: 'done', pullRequest: { number: scenario.pullsBefore + 1 } });
    expect(ours()).toHaveLength(1);
    expect(opened()).toBe(1);
  };
  let ending: Ending;
  if (first.kind === 'done') {
    oneOfEach(first);
    ending = 'one branch, one PR';
  } else if (first.kind === 'retryable') {
    // The answer says Confirm may be pressed again: it must then finish, with what the first attempt made.
    expect(JSON.stringify(first.message)).toMatch(/Press Confirm again|press Confirm to finish/);
    const second = await scenario.agent(host()).execute({ ...task, ...(first.branch ? { branch: first.branch } : {}) }, context);
    oneOfEach(second);
    ending = 'one branch, one PR after Confirm again';
  } else {
    const text = first.message.embeds?.[0]?.description ?? first.message.content ?? '';
    // GitHub's refusal (or, for a 404 on the base branch, its absence) in a sentence, then what is left: nothing.
    expect(text).toMatch(/^(GitHub refused to .+|The branch main no longer exists)\. (.+ )?(Nothing was left in the repository|The branch `[^`]+` this request made was deleted, so nothing is left in the repository)\.$/);
    expect(text).not.toMatch(/ECONNREFUSED|socket hang up|undefined|\[object/);
    expect(ours()).toEqual([]);
    expect(opened()).toBe(0);
    ending = 'a sentence, nothing left';
  }
  return { ending, calls, first };
}

describe('GitHub faults on every call of Confirm (fault-injection suite)', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: each GitHub request failed in turn ends in one branch and one PR, or a sentence and nothing left', async (_name, scenario) => {
    const clean = await confirmWithFault(scenario, undefined);
    expect(clean.ending).toBe('one branch, one PR');
    const tally: Record<string, number> = {};
    const byFault: Record<string, Record<string, number>> = {};
    const faults = Array.from({ length: clean.calls }, (_, i) => FAULTS.map((kind) => ({ n: i + 1, kind }))).flat();
    const hangs = faults.filter((fault) => fault.kind === 'hang');
    const others = faults.filter((fault) => fault.kind !== 'hang');
    // Each case has its own loopback GitHub; a few at once, as most of a case's time is a hung request's deadline.
    const inTurn = async (queue: typeof faults) => {
      for (let fault = queue.shift(); fault; fault = queue.shift()) {
        const result = await confirmWithFault(scenario, fault);
        tally[result.ending] = (tally[result.ending] ?? 0) + 1;
        (byFault[String(fault.kind)] ??= {})[result.ending] = ((byFault[String(fault.kind)] ??= {})[result.ending] ?? 0) + 1;
      }
    };
    await Promise.all([...Array.from({ length: CASES_AT_ONCE }, () => inTurn(others)), ...Array.from({ length: HANG_CASES_AT_ONCE }, () => inTurn(hangs))]);
    const cases = clean.calls * FAULTS.length;
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(cases);
    process.stdout.write(
      `${scenario.name}: ${clean.calls} GitHub requests on Confirm × ${FAULTS.length} faults = ${cases} cases: ${Object.entries(tally).map(([ending, count]) => `${count} ${ending}`).join(', ')}\n` +
        Object.entries(byFault).map(([fault, endings]) => `  ${fault}: ${Object.entries(endings).map(([ending, count]) => `${count} ${ending}`).join(', ')}`).join('\n') +
        '\n',
    );
  }, 120_000);
});
