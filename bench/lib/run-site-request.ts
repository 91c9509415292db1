import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalGitRepoHost } from '../../lambda/core/adapters/local-git-repo-host';
import { createUxAgent } from '../../lambda/core/agents/ux';
import { defaultFlagValues } from '../../lambda/core/contract/flags';
import type { AgentContext, AgentRequest } from '../../lambda/core/domain/agent';
import { errorMessage } from '../../lambda/core/domain/error-message';
import type { JsonValue, Task } from '../../lambda/core/domain/task';
import { newParseProblem } from './parse-check';
import { firstSentence, judgeEdit, judgeQuestion, type BrokenFile, type RequestResult, type SiteRequest } from './real-sites-judge';

const execFileAsync = promisify(execFile);

/** A request that takes longer than this is reported as an error, so one hang cannot stall the run. */
const REQUEST_TIMEOUT_MS = 60_000;

const REQUESTER = { id: '111111111111', name: 'Bench', roles: [] as string[] };

const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date() };

function agentRequest(options: Record<string, string>): AgentRequest {
  return {
    command: 'ux-update',
    options,
    requester: REQUESTER,
    commandLine: `/ux-update ${Object.entries(options).map(([name, value]) => `${name}:${value}`).join(' ')}`,
  };
}

/** The task in `executing` the worker hands to `execute()` after Confirm (lambda/worker/worker.ts). */
function executingTask(request: AgentRequest, summary: string, proposal: JsonValue): Task {
  const now = context.now();
  return {
    taskId: `tsk_bench${now.getTime().toString(36)}`,
    agentId: 'ux',
    command: request.commandLine,
    options: request.options,
    status: 'executing',
    requesterId: REQUESTER.id,
    requesterName: REQUESTER.name,
    applicationId: 'bench',
    interactionToken: 'bench',
    proposal,
    summary,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    confirmBy: new Date(now.getTime() + 3_600_000).toISOString(),
    expiresAt: 0,
    trace: [],
    version: 1,
  };
}

/** The words of a Discord message (its first embed's description, else its title or content), whatever its exact shape. */
function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (!message || typeof message !== 'object') return '';
  const { embeds, content } = message as { embeds?: Array<{ title?: unknown; description?: unknown }>; content?: unknown };
  const embed = Array.isArray(embeds) ? embeds[0] : undefined;
  for (const text of [embed?.description, embed?.title, content]) if (typeof text === 'string' && text.trim()) return text;
  return '';
}

async function git(directory: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', ['-C', directory, '-c', 'core.quotePath=false', ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function fileAt(directory: string, ref: string, path: string): Promise<string | undefined> {
  try {
    return await git(directory, ['show', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}

/** The branch against the default branch: its diff, and the changed files that no longer parse. */
async function committedChange(directory: string, base: string, branch: string): Promise<{ diff: string; broken: BrokenFile[] }> {
  const diff = await git(directory, ['diff', '--no-color', '--no-renames', `${base}..${branch}`]);
  const paths = (await git(directory, ['diff', '--name-only', '--no-renames', '-z', `${base}..${branch}`])).split('\0').filter(Boolean);
  const broken: BrokenFile[] = [];
  for (const path of paths) {
    const after = await fileAt(directory, branch, path);
    if (after === undefined) continue; // deleted: nothing left to parse
    const error = newParseProblem(path, await fileAt(directory, base, path), after);
    if (error) broken.push({ path, error });
  }
  return { diff, broken };
}

async function judgeOutcome(request: SiteRequest, siteDirectory: string, root: string): Promise<Omit<RequestResult, 'id'>> {
  const directory = join(root, 'site');
  const repoHost = createLocalGitRepoHost({ directory, seedFrom: siteDirectory });
  const agent = createUxAgent({ repoHost });
  const asked = agentRequest(request.options);
  // Read loosely: the agent's outcome kinds are changing, and an unknown one must be reported, not crash the run.
  const outcome = (await agent.propose(asked, context)) as { kind?: unknown; [field: string]: unknown };
  switch (outcome.kind) {
    case 'proposal': {
      const executed = await agent.execute(executingTask(asked, String(outcome.summary ?? ''), (outcome.proposal ?? null) as JsonValue), context);
      if (executed.kind !== 'done') return { outcome: 'error', correct: false, reason: `execute() answered ${executed.kind}: ${firstSentence(messageText(executed.message) || String((executed as { error?: unknown }).error ?? ''))}` };
      if (!executed.branch) return { outcome: 'error', correct: false, reason: 'execute() answered done without naming a branch' };
      const base = (await repoHost.describe()).defaultBranch;
      const { diff, broken } = await committedChange(directory, base, executed.branch);
      const verdict = judgeEdit(request, diff, broken);
      return { outcome: 'edit', ...verdict };
    }
    case 'clarification':
      return { outcome: 'asked', ...judgeQuestion(request, firstSentence(messageText(outcome.message))) };
    case 'choice': {
      const candidates = Array.isArray(outcome.candidates) ? outcome.candidates.length : 0;
      return { outcome: 'asked', ...judgeQuestion(request, `${firstSentence(messageText(outcome.question))} (${candidates} candidate${candidates === 1 ? '' : 's'})`) };
    }
    case 'rejected':
      return { outcome: 'refused', correct: false, reason: firstSentence(messageText(outcome.message)) };
    default:
      return { outcome: 'error', correct: false, reason: `propose() answered an unknown kind ${JSON.stringify(outcome.kind)}` };
  }
}

/** One request against a fresh local git repository seeded from the site, judged; the repository is removed after. */
export async function runSiteRequest(siteDirectory: string, request: SiteRequest): Promise<RequestResult> {
  const root = await mkdtemp(join(tmpdir(), 'valine-real-sites-'));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
    });
    return { id: request.id, ...(await Promise.race([judgeOutcome(request, siteDirectory, root), timeout])) };
  } catch (error) {
    return { id: request.id, outcome: 'error', correct: false, reason: firstSentence(errorMessage(error), 200) };
  } finally {
    clearTimeout(timer);
    await rm(root, { recursive: true, force: true });
  }
}
