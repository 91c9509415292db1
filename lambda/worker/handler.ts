import { hireStaff } from '../core/agents/hire';
import { AgentRegistry } from '../core/agents/registry';
import type { StageName } from '../core/contract/stages';
import type { Agent, ExecutionOutcome, ProposalCandidate, Requester } from '../core/domain/agent';
import { DISCORD_LIMITS, type DiscordMessage } from '../core/domain/discord-message';
import { TaskConflictError, TaskNotFoundError, TaskTooLargeError, isAbandonedExecution, isFinished, executionTimings, type ExecutionTimings, type NewTask, type Task } from '../core/domain/task';
import type { WorkItem } from '../core/domain/work';
import { ANSWERED_INTERACTION_HOLD_SECONDS, confirmClaimKey, interactionClaimKey } from '../core/discord/ledger-keys';
import { mayConfirm, unregisteredAgentAccess, type FlagLocator } from '../core/discord/permissions';
import { confirmCancelRow } from '../core/discord/task-buttons';
import { redactSecrets } from '../core/domain/redact';
import { cancelledMessage, choiceMessage, expiredMessage, failureMessage, outcomeMessage, plainMessage, proposalMessage, retryMessage } from '../core/discord/task-messages';
import type { ChangeScreenshots } from '../core/ports/change-screenshots';
import { isRefusedForGood, type DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { AuditEntry, Ledger } from '../core/ports/ledger';
import type { LlmBudget } from '../core/ports/llm-budget';
import type { Logger } from '../core/ports/logger';
import type { RepoHost } from '../core/ports/repo-host';
import type { SecretReader } from '../core/ports/secrets';
import type { TaskStore } from '../core/ports/task-store';
import { sayMissingPreviews } from '../core/github/missing-previews';
import { withoutImages } from '../core/screenshots/message-lines';
import { taskIdFor } from './task-id';
import { parseWorkItem } from './work-item-schema';
import { errorDetail, explainedReason } from '../core/domain/error-message';
import { plainText, shorten } from '../core/domain/discord-text';

/** The worker's ledger (kept as a name for the tests that build one). */
export type WorkerLedger = Ledger;

export interface WorkerDeps {
  flags: FlagReader;
  tasks: TaskStore;
  ledger: WorkerLedger;
  discord: DiscordApi;
  agents: AgentRegistry<Agent>;
  taskTtlSeconds: number;
  /** The proposal lease and the abandoned-execution age, from the worker's timeout (WORKER_TIMEOUT_SECONDS). */
  timings: ExecutionTimings;
  /** Where an operator changes a flag, for the sentence refusing a confirmer who may no longer make changes. */
  locateFlag: FlagLocator;
  logger: Logger;
  now: () => Date;
  /** Waits (tests replace it); defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Local mode with VALINE_SITE_PREVIEW: before/after screenshots attached to Confirm's answer. */
  changeScreenshots?: ChangeScreenshots;
}

/** What the worker runs on; AWS (aws.ts), local mode and the tests each choose the adapters. */
export interface WorkerPorts {
  stage: StageName;
  flags: FlagReader;
  secrets: SecretReader;
  tasks: TaskStore;
  ledger: Ledger;
  llmBudget: LlmBudget;
  discord: DiscordApi;
  /** The website repository the agents edit (the `site-repository` flag). */
  repoHost: RepoHost;
  taskTtlSeconds: number;
  /** WORKER_TIMEOUT_SECONDS: the proposal lease and the abandoned-execution age derive from it. */
  workerTimeoutSeconds: number;
  locateFlag: FlagLocator;
  logger: Logger;
  /** OPENAI_BASE_URL / ANTHROPIC_BASE_URL overrides (local mode, tests). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Tests and benchmarks: these agents instead of the staff (agents/staff.ts). */
  agents?: Agent[];
  /** Local mode with VALINE_SITE_PREVIEW: before/after screenshots attached to Confirm's answer. */
  changeScreenshots?: ChangeScreenshots;
}

/** The worker's dependencies from its ports: the staff hired on the platform (their code loads on first use). */
export function workerDeps(ports: WorkerPorts): WorkerDeps {
  const { stage, secrets, llmBudget, repoHost, env, workerTimeoutSeconds, agents, now, ...rest } = ports;
  const platform = { stage, flags: ports.flags, secrets, logger: ports.logger, llmBudget, repoHost, env: env ?? {} };
  return {
    ...rest,
    agents: new AgentRegistry(agents ?? hireStaff(platform)),
    timings: executionTimings(workerTimeoutSeconds),
    now: now ?? (() => new Date()),
  };
}

/** The worker's one builder: on AWS, in local mode and in the tests, only the ports differ. */
export function buildWorker(ports: WorkerPorts): (item: WorkItem) => Promise<void> {
  return createWorker(workerDeps(ports));
}

type ProposeItem = Extract<WorkItem, { kind: 'propose' }>;
type ConfirmItem = Extract<WorkItem, { kind: 'confirm' }>;

/** A fresh proposal, or one offered again after a retryable failure, may be confirmed for the task TTL from now. */
const confirmDeadline = (deps: WorkerDeps): string => new Date(deps.now().getTime() + deps.taskTtlSeconds * 1000).toISOString();

const PROPOSE_AGAIN = 'Nothing was changed. Try the command again in a minute; if it keeps failing, ask an operator to check the worker logs.';

// Error texts go to logs: everything the error says (its detail too), tokens out.
const errorText = (error: unknown): string => redactSecrets(errorDetail(error));

/** The worker: does what the interactions function deferred, and always leaves the user a message. */
export function createWorker(deps: WorkerDeps): (item: WorkItem) => Promise<void> {
  return async (item) => {
    switch (item.kind) {
      case 'propose':
        return propose(item, deps);
      case 'confirm':
        return confirm(item, deps);
      case 'sweep':
        // A failure there waits for the next sweep and never stops the resumes.
        await sayMissingPreviews(deps).catch((error: unknown) => deps.logger.warn('Could not look for pull requests without a preview', { error: errorText(error) }));
        await sweepAbandonedExecutions(deps);
        return;
    }
  };
}

async function propose(item: ProposeItem, deps: WorkerDeps): Promise<void> {
  const { applicationId, token } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  const agent = deps.agents.byId(item.agentId);
  if (!agent) {
    await show(plainMessage({ content: `The agent "${item.agentId}" is not available in this deployment, so nothing was proposed.` }));
    return;
  }
  // Lambda may deliver an event twice and a signed request may be replayed: propose once per interaction.
  const claimKey = interactionClaimKey(item.interaction.interactionId);
  let claimed: boolean;
  try {
    claimed = await deps.ledger.claimOnce(claimKey, deps.timings.proposeLeaseSeconds);
  } catch (error) {
    deps.logger.error('Could not record the request before proposing', { interactionId: item.interaction.interactionId, error: errorText(error) });
    await show(failureMessage(`${agent.name} could not take the request`, error, PROPOSE_AGAIN));
    return;
  }
  if (!claimed) {
    deps.logger.info('Proposal skipped: this interaction was already handled', { interactionId: item.interaction.interactionId });
    return;
  }
  // Answered, the id is held past Discord's signature window, so a replayed request is skipped.
  const holdAnswered = () =>
    deps.ledger.hold(claimKey, ANSWERED_INTERACTION_HOLD_SECONDS).catch((error: unknown) => {
      deps.logger.warn('Could not keep the record of an answered request', { interactionId: item.interaction.interactionId, error: errorText(error) });
    });
  try {
    const earlier = await deps.tasks.get(taskIdFor(item.interaction.interactionId));
    if (earlier && isFinished(earlier.status)) {
      // A request whose task was cancelled, expired or done is never proposed again.
      deps.logger.info('Proposal skipped: this request already has a finished task', { interactionId: item.interaction.interactionId, taskId: earlier.taskId, status: earlier.status });
      await holdAnswered();
      return;
    }
  } catch (error) {
    deps.logger.warn('Could not look for an earlier task of this request', { interactionId: item.interaction.interactionId, error: errorText(error) });
  }
  try {
    const flags = await deps.flags.all();
    const outcome = await agent.propose(
      {
        command: item.command,
        options: item.options,
        requester: item.interaction.requester,
        guildId: item.interaction.guildId,
        channelId: item.interaction.channelId,
        commandLine: item.commandLine,
      },
      { flags, now: deps.now },
    );
    switch (outcome.kind) {
      case 'clarification':
      case 'rejected':
      case 'answer':
        await show(plainMessage(outcome.message));
        break;
      case 'proposal': {
        const task = await createTaskOnce(item, agent, { status: 'awaiting_confirmation', summary: outcome.summary, proposal: outcome.proposal }, deps);
        // A task that moved on (cancelled while this attempt ran) keeps the message it has.
        if (task.status === 'awaiting_confirmation') await show(proposalMessage(task, outcome.preview));
        break;
      }
      case 'choice':
        await offerChoice(item, agent, outcome.question, outcome.candidates, deps);
        break;
    }
    await holdAnswered();
  } catch (error) {
    if (error instanceof TaskTooLargeError) {
      deps.logger.warn('The proposal is too large to store on the task', { agentId: agent.id, taskId: error.taskId, bytes: error.bytes });
      // The same request would make the same proposal: keep the claim, as for a refusal; trying again cannot help.
      await holdAnswered();
      await show(
        plainMessage({
          content:
            `${agent.name}'s proposal is too large to keep while it waits for Confirm (${Math.ceil(error.bytes / 1024)} KB; one task holds at most ${Math.floor(error.limitBytes / 1024)} KB), ` +
            'so nothing was proposed. Ask for a smaller change.',
        }),
      );
      return;
    }
    deps.logger.error('Proposing failed', { agentId: agent.id, interactionId: item.interaction.interactionId, error: errorText(error) });
    await deps.ledger.release(claimKey).catch(() => undefined);
    await show(failureMessage(`${agent.name} could not prepare a preview`, error, PROPOSE_AGAIN));
  }
}

/**
 * A question whose candidates become a select menu: the task waits in `awaiting_choice`
 * holding them, and the interactions function turns a pick into the candidate's preview.
 */
async function offerChoice(item: ProposeItem, agent: Agent, question: DiscordMessage, offered: readonly ProposalCandidate[], deps: WorkerDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(item.interaction.applicationId, item.interaction.token, message);
  if (offered.length === 0) {
    await show(plainMessage(question));
    return;
  }
  // A select menu holds 25 options; the option's value indexes the stored list, so store exactly what is shown.
  const candidates = offered.slice(0, DISCORD_LIMITS.selectOptions).map(
    ({ label, description, summary, proposal, preview }): ProposalCandidate => ({ label, ...(description === undefined ? {} : { description }), summary, proposal, preview }),
  );
  let task: Task;
  try {
    task = await createTaskOnce(item, agent, { status: 'awaiting_choice', candidates }, deps);
  } catch (error) {
    if (!(error instanceof TaskTooLargeError)) throw error;
    deps.logger.warn('The candidates are too large to store on the task', { agentId: agent.id, taskId: error.taskId, bytes: error.bytes });
    // The same request would give the same candidates: keep the claim, as for a refusal.
    await show(
      plainMessage({
        content:
          `${agent.name} found ${offered.length} places that match, but together they are too large to keep while you choose ` +
          `(${Math.ceil(error.bytes / 1024)} KB; one task holds at most ${Math.floor(error.limitBytes / 1024)} KB), so nothing was proposed. ` +
          'Run the command again naming the section or the exact text, so fewer places match.',
      }),
    );
    return;
  }
  if (task.status !== 'awaiting_choice') return;
  await show(choiceMessage(task, question, candidates, offered.length - candidates.length));
}

type TaskStart = Pick<NewTask, 'summary' | 'proposal' | 'candidates'> & { status: 'awaiting_confirmation' | 'awaiting_choice' };

async function createTaskOnce(item: ProposeItem, agent: Agent, start: TaskStart, deps: WorkerDeps): Promise<Task> {
  const taskId = taskIdFor(item.interaction.interactionId);
  try {
    return await deps.tasks.create({
      taskId,
      agentId: agent.id,
      command: item.commandLine,
      options: item.options,
      ...start,
      requesterId: item.interaction.requester.id,
      requesterName: item.interaction.requester.name,
      guildId: item.interaction.guildId,
      channelId: item.interaction.channelId,
      applicationId: item.interaction.applicationId,
      interactionToken: item.interaction.token,
      confirmBy: confirmDeadline(deps),
    });
  } catch (error) {
    if (error instanceof TaskTooLargeError) throw error;
    // A retried event: the task from the first attempt is the one to show.
    const existing = await deps.tasks.get(taskId);
    if (existing) return existing;
    throw error;
  }
}

async function confirm(item: ConfirmItem, deps: WorkerDeps): Promise<void> {
  const task = await deps.tasks.get(item.taskId);
  if (!task) {
    deps.logger.info('Confirmation skipped: the task no longer exists', { taskId: item.taskId });
    return;
  }
  switch (task.status) {
    case 'awaiting_confirmation':
      return startExecution(task, item, deps);
    case 'executing':
      return continueExecution(task, item, deps);
    case 'cancelled':
    case 'expired':
      return showLostConfirmation(task, item, deps);
    default:
      // Another click or a retried event already moved it: nothing to do twice.
      deps.logger.info('Confirmation skipped: the task already moved', { taskId: item.taskId, status: task.status });
  }
}

async function startExecution(task: Task, item: ConfirmItem, deps: WorkerDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  let executing: Task;
  try {
    // Flags may have changed since the click: the confirmer must still be allowed to make changes.
    const permission = mayConfirm(accessOf(task, deps), requester, task, await deps.flags.all(), deps.locateFlag);
    if (!permission.allowed) return await refuseConfirmation(task, item, permission.message, deps);
    executing = await deps.tasks.transition(task.taskId, 'awaiting_confirmation', 'executing', { interactionToken: token, confirmedBy: requester }, `confirmed by ${requester.name}`);
  } catch (error) {
    if (error instanceof TaskConflictError || error instanceof TaskNotFoundError) {
      const now = await deps.tasks.get(task.taskId);
      // Lost to a Cancel, a duplicate delivery or the deadline: handle it as the state it is in.
      if (now && now.status !== 'awaiting_confirmation') return confirm(item, deps);
      deps.logger.info('Confirmation skipped: the task already moved', { taskId: task.taskId, error: errorText(error) });
      return;
    }
    deps.logger.error('Could not start the work', { taskId: task.taskId, error: errorText(error) });
    await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
    await show({
      ...failureMessage('Could not start the work', error, 'Nothing was changed. Click Confirm again in a minute.'),
      components: [confirmCancelRow(task.taskId)],
    });
    return;
  }
  await recordAudit(executing, { action: 'confirm' }, deps);
  await runExecution(executing, deps);
}

/** The agent's declared roles, or (agent no longer registered) a declaration that lets only an admin act. */
const accessOf = (task: Task, deps: WorkerDeps) => deps.agents.byId(task.agentId) ?? unregisteredAgentAccess(task.agentId);

/** An audit record of a confirmed task: it names the requester and the approver (who clicked Confirm). */
async function recordAudit(task: Task, entry: Pick<AuditEntry, 'action' | 'detail'>, deps: WorkerDeps): Promise<void> {
  const approver = task.confirmedBy;
  await deps.ledger
    .audit({
      subject: `task#${task.taskId}`,
      ...entry,
      actorId: approver?.id,
      requester: { id: task.requesterId, name: task.requesterName },
      ...(approver ? { approver: { id: approver.id, name: approver.name } } : {}),
    })
    .catch((error: unknown) => {
      deps.logger.warn('Audit record failed', { taskId: task.taskId, action: entry.action, error: errorText(error) });
    });
}

/**
 * Confirm reached a task no longer waiting for it, typically because a Cancel won the race. The
 * click already answered "Working…"; replace it with the real state once that answer can no
 * longer land after this edit.
 */
async function showLostConfirmation(task: Task, item: ConfirmItem, deps: WorkerDeps): Promise<void> {
  deps.logger.info('Confirmation lost: the task is no longer waiting for it', { taskId: task.taskId, status: task.status });
  await waitForClickAnswer(item.interaction.interactionId, deps);
  const message = task.status === 'cancelled' ? cancelledMessage(task, cancelledBy(task)) : expiredMessage(task);
  await deps.discord.editOriginal(item.interaction.applicationId, item.interaction.token, message);
}

/** Discord applies a click's own answer only within 3 s of the click (the id is a snowflake: it carries the time). */
const CLICK_ANSWER_MS = 3000;
const DISCORD_EPOCH_MS = 1_420_070_400_000;
export const snowflakeTime = (id: string): number => Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;

async function waitForClickAnswer(interactionId: string, deps: WorkerDeps): Promise<void> {
  let clickedAt: number;
  try {
    clickedAt = snowflakeTime(interactionId);
  } catch {
    return;
  }
  const wait = Math.min(CLICK_ANSWER_MS, clickedAt + CLICK_ANSWER_MS - deps.now().getTime());
  if (wait > 0) await (deps.sleep ?? defaultSleep)(wait);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const cancelledBy = (task: Task): string => {
  const entry = [...task.trace].reverse().find((e) => e.event === 'cancelled');
  return entry?.detail?.replace(/^cancelled by /, '') || 'someone';
};

/** The confirmer may no longer make changes: Confirm stays open (for someone who may), and they are told why. */
async function refuseConfirmation(task: Task, item: ConfirmItem, reason: string, deps: WorkerDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  deps.logger.warn('Confirmation refused: the confirmer may no longer make changes', { taskId: task.taskId, userId: requester.id });
  await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
  // Only the buttons change: the preview above them stays as it was.
  await deps.discord.editOriginal(applicationId, token, { components: [confirmCancelRow(task.taskId)] });
  await deps.discord.followUp(applicationId, token, { content: shorten(`Not confirmed, nothing was changed: ${reason}`, DISCORD_LIMITS.content), flags: EPHEMERAL_FLAG });
  await deps.ledger
    .audit({ subject: `task#${task.taskId}`, action: 'confirm:refused', actorId: requester.id, detail: reason, requester: { id: task.requesterId, name: task.requesterName } })
    .catch(() => undefined);
}

const EPHEMERAL_FLAG = 64;

/** Thrown to have Lambda deliver the work item again later: the attempt it may be a retry of could still be running. */
export class ExecutionInProgressError extends Error {}

/**
 * Confirm's work item found the task already `executing`. Within timings.abandonedExecutionSeconds of
 * its start a worker may still be on it; past that, the worker that started it has stopped and
 * this one resumes the work (same branch, same pull request).
 */
async function continueExecution(task: Task, item: ConfirmItem, deps: WorkerDeps): Promise<void> {
  if (isAbandonedExecution(task, deps.now(), deps.timings)) {
    await resumeExecution(task, { token: item.interaction.token, requester: item.interaction.requester, clicked: true }, deps);
    return;
  }
  if (task.interactionToken === item.interaction.token) {
    // The same work item again: a duplicate delivery, or Lambda's retry of an attempt that crashed early.
    throw new ExecutionInProgressError(
      `Task ${task.taskId} has been executing since ${task.updatedAt}; it counts as stopped after ${deps.timings.abandonedExecutionSeconds} s, so this delivery is left for Lambda's next retry.`,
    );
  }
  deps.logger.info('Confirmation skipped: the task is being worked on', { taskId: task.taskId });
}

/** Who asks for a resumed run and which interaction token shows its result. */
interface ResumeBy {
  token: string;
  requester: Requester;
  /** A Confirm click asked for it: the clicker approves this run. (The sweep resumes on the original approval.) */
  clicked?: boolean;
}

/** A resumed run may itself stop; after this many resumes the task is handed back to a person instead. */
const MAX_RESUMES = 1;

/** Runs of the current confirmation: `executing` entries since the task last waited for Confirm. */
function runsSinceConfirm(task: Task): number {
  let runs = 0;
  for (const entry of [...task.trace].reverse()) {
    if (entry.event !== 'executing') break;
    runs += 1;
  }
  return runs;
}

/** What became of an abandoned execution: run again, handed back for Confirm, or taken by another resumer. */
export type ResumeOutcome = 'resumed' | 'handed back' | 'taken by another worker';

/**
 * Resumes an abandoned execution (one conditional write `executing → executing` decides who),
 * or, when it already stopped after a resume or the confirmer may no longer make changes, hands
 * it back: `awaiting_confirmation` with the reason and Confirm / Cancel, so a person can try again.
 */
export async function resumeExecution(task: Task, by: ResumeBy, deps: WorkerDeps): Promise<ResumeOutcome> {
  const stoppedAt = task.updatedAt;
  const permission = mayConfirm(accessOf(task, deps), by.requester, task, await deps.flags.all(), deps.locateFlag);
  if (!permission.allowed) return handBack(task, by, `${by.requester.name} may no longer confirm changes (${permission.message})`, deps);
  if (runsSinceConfirm(task) > MAX_RESUMES) {
    return handBack(task, by, `the work stopped ${runsSinceConfirm(task)} times before it finished (the last run started at ${stoppedAt})`, deps);
  }
  let resumed: Task;
  try {
    resumed = await deps.tasks.transition(
      task.taskId,
      'executing',
      'executing',
      { interactionToken: by.token, ...(by.clicked ? { confirmedBy: by.requester } : {}) },
      `resumed by the worker: the run started at ${stoppedAt} stopped before it finished`,
      // On the version read: of two resumers reading the same stale task, one writes, the other loses.
      { version: task.version },
    );
  } catch (error) {
    if (error instanceof TaskConflictError) return 'taken by another worker';
    throw error;
  }
  deps.logger.warn('Resuming a task whose worker stopped', { taskId: task.taskId, agentId: task.agentId, stoppedAt });
  await runExecution(resumed, deps);
  return 'resumed';
}

async function handBack(task: Task, by: ResumeBy, reason: string, deps: WorkerDeps): Promise<ResumeOutcome> {
  let again: Task;
  try {
    again = await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: reason, interactionToken: by.token, confirmBy: confirmDeadline(deps) }, `handed back: ${reason}`, { version: task.version });
  } catch (error) {
    if (error instanceof TaskConflictError) return 'taken by another worker';
    throw error;
  }
  deps.logger.error('An abandoned task is handed back for Confirm', { taskId: task.taskId, agentId: task.agentId, reason });
  await deps.ledger.release(confirmClaimKey(task.taskId)).catch(() => undefined);
  const name = deps.agents.byId(task.agentId)?.name ?? task.agentId;
  await deps.discord.editOriginal(task.applicationId, by.token, retryMessage(again, { content: `${name} did not finish.` }, reason));
  return 'handed back';
}

/** A sweep resumes at most this many tasks; the rest wait for the next sweep. */
export const SWEEP_MAX_TASKS = 10;
/** Open tasks a sweep reads, newest first, to find the executing ones (as /status reads them). */
const SWEEP_OPEN_TASKS = 100;

export interface SweepOptions {
  /** An `executing` task whose last move is older than this was left by a worker that stopped. */
  olderThanSeconds?: number;
  maxTasks?: number;
}

export interface SweepReport {
  /** Abandoned executions found (at most SWEEP_OPEN_TASKS open tasks are read). */
  found: number;
  outcomes: Record<string, ResumeOutcome | 'failed'>;
  /** Found but left for the next sweep (over maxTasks, or past the time budget). */
  left: number;
}

/**
 * The scheduled sweep (EventBridge on AWS, a timer and the start in local mode): resumes, or hands
 * back, every task left `executing` past `olderThanSeconds` through the path a Lambda retry takes,
 * so permissions are checked again and the agent's idempotent `execute` runs at most once more.
 */
export async function sweepAbandonedExecutions(deps: WorkerDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const { olderThanSeconds = deps.timings.abandonedExecutionSeconds, maxTasks = SWEEP_MAX_TASKS } = options;
  const startedAt = deps.now().getTime();
  const cutoff = startedAt - olderThanSeconds * 1000;
  const open = await deps.tasks.listOpen(SWEEP_OPEN_TASKS);
  const abandoned = open
    .filter((task) => task.status === 'executing' && Date.parse(task.updatedAt) <= cutoff)
    // Longest stopped first: it is the nearest to its interaction token's 15 minutes.
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  const stalled = await stalledConfirmations(open, cutoff, deps);
  const report: SweepReport = { found: abandoned.length + stalled.length, outcomes: {}, left: 0 };
  if (report.found === 0) {
    deps.logger.debug('Sweep: no task is left executing');
    return report;
  }
  for (const [index, { task, item }] of stalled.entries()) {
    if (index >= maxTasks) {
      report.left += stalled.length - index;
      break;
    }
    try {
      report.outcomes[task.taskId] = await runStalledConfirmation(task, item, deps);
    } catch (error) {
      report.outcomes[task.taskId] = 'failed';
      deps.logger.error('Could not run a Confirm that no worker started', { taskId: task.taskId, error: errorText(error) });
    }
  }
  for (const [index, task] of abandoned.entries()) {
    if (index + stalled.length >= maxTasks || deps.now().getTime() - startedAt >= deps.timings.sweepStartBudgetSeconds * 1000) {
      report.left += abandoned.length - index;
      break;
    }
    const requester = task.confirmedBy ?? { id: task.requesterId, name: task.requesterName, roles: [] };
    try {
      report.outcomes[task.taskId] = await resumeExecution(task, { token: task.interactionToken, requester }, deps);
    } catch (error) {
      report.outcomes[task.taskId] = 'failed';
      deps.logger.error('Could not resume a task left executing', { taskId: task.taskId, error: errorText(error) });
    }
  }
  const failed = Object.values(report.outcomes).filter((outcome) => outcome === 'failed').length;
  deps.logger.warn('Sweep: tasks left executing by a worker that stopped', { found: report.found, outcomes: report.outcomes, left: report.left });
  // Lambda's retry (or the next sweep) tries these again; the error also counts in the worker's Errors alarm.
  if (failed > 0) throw new Error(`The sweep could not resume ${failed} of ${report.found} tasks left executing; see the log lines above.`);
  return report;
}

/** A Confirm the interactions function claimed (and answered "Working…") whose task no worker ever moved to `executing`. */
interface StalledConfirmation {
  task: Task;
  /** The click's work item, recorded with the claim; undefined for a claim without one. */
  item?: ConfirmItem;
}

/** Tasks still waiting for Confirm whose Confirm claim was taken before `cutoff`: the process that took the click stopped before its worker started. */
async function stalledConfirmations(open: readonly Task[], cutoff: number, deps: WorkerDeps): Promise<StalledConfirmation[]> {
  const waiting = open.filter((task) => task.status === 'awaiting_confirmation');
  const claims = await Promise.all(waiting.map((task) => deps.ledger.readClaim(confirmClaimKey(task.taskId))));
  const stalled: StalledConfirmation[] = [];
  waiting.forEach((task, index) => {
    const claim = claims[index];
    if (!claim || Date.parse(claim.claimedAt) > cutoff) return;
    let item: WorkItem | undefined;
    try {
      item = claim.note === undefined ? undefined : parseWorkItem(JSON.parse(claim.note));
    } catch {
      item = undefined;
    }
    stalled.push({ task, ...(item?.kind === 'confirm' && item.taskId === task.taskId ? { item } : {}) });
  });
  return stalled;
}

/**
 * Runs the click's Confirm as its worker would have (permissions checked again, one conditional
 * write decides who runs it), or, with no work item recorded, gives the preview back with
 * Confirm / Cancel and says why.
 */
async function runStalledConfirmation(task: Task, item: ConfirmItem | undefined, deps: WorkerDeps): Promise<ResumeOutcome> {
  deps.logger.warn('Running a Confirm that no worker started', { taskId: task.taskId, agentId: task.agentId, recorded: item !== undefined });
  if (item) {
    await startExecution(task, item, deps);
    return 'resumed';
  }
  await deps.ledger.release(confirmClaimKey(task.taskId));
  await deps.discord.editOriginal(task.applicationId, task.interactionToken, {
    content: `The Confirm of task \`${task.taskId}\` was not picked up: the bot stopped before it started the work, so nothing was changed. Click Confirm again, or Cancel.`,
    components: [confirmCancelRow(task.taskId)],
  });
  return 'handed back';
}

/** Runs the agent's work on an `executing` task and records and shows the outcome. */
async function runExecution(task: Task, deps: WorkerDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(task.applicationId, task.interactionToken, message);
  const agent = deps.agents.byId(task.agentId);
  let outcome: ExecutionOutcome;
  if (!agent) {
    outcome = { kind: 'failed', error: `agent ${task.agentId} is not registered`, message: { content: `The agent "${task.agentId}" is not available in this deployment, so the request cannot be done.` } };
  } else {
    try {
      outcome = await agent.execute(task, { flags: await deps.flags.all(), now: deps.now });
    } catch (error) {
      deps.logger.error('Executing failed', { taskId: task.taskId, agentId: task.agentId, error: errorText(error) });
      outcome = {
        kind: 'failed',
        // Kept on the task for /debug-last (the debugging command, flag-gated and ephemeral), redacted; the message says less.
        error: errorText(error),
        message: failureMessage(`${agent.name} could not finish the work`, error, 'Run the command again to start over; if it keeps failing, ask an operator to check the worker logs.'),
      };
    }
  }

  const pullRequest = outcome.kind === 'done' ? outcome.pullRequest?.url : undefined;
  let answer: DiscordMessage | 'lost';
  try {
    answer = await settle(task, outcome, deps);
  } catch (error) {
    deps.logger.error('Recording the outcome failed', { taskId: task.taskId, error: errorText(error) });
    await show(unrecordedMessage(task, outcome, error));
    return;
  }
  if (answer === 'lost') {
    // Another run (a resume) holds the task now: its answer is the one the person sees, never a failure over its pull request.
    deps.logger.warn('This run lost its task to another run; its outcome is left to that run', { taskId: task.taskId, outcome: outcome.kind, ...(pullRequest ? { pullRequest } : {}) });
    return;
  }
  await showOutcome(task, answer, deps);
  await recordAudit(task, { action: `execute:${outcome.kind}`, ...(pullRequest ? { detail: pullRequest } : {}) }, deps);
}

/** Shows a recorded outcome; when Discord refuses it for its images (size, permission), shows it again without them, saying why. */
async function showOutcome(task: Task, answer: DiscordMessage, deps: WorkerDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(task.applicationId, task.interactionToken, message);
  try {
    await show(answer);
  } catch (error) {
    // Discord refused the upload (no Attach Files, too large): the same answer without the images, saying why.
    if (!answer.files?.length || !isRefusedForGood(error)) throw error;
    deps.logger.warn("Discord refused Confirm's answer with its images; showing it without them.", { taskId: task.taskId, status: error.status, reason: error.message });
    await show(withoutImages(answer, error));
  }
}

/**
 * The outcome could not be recorded (the task store failed). A pull request that was opened is
 * still shown as opened: the task stays `executing`, so the sweep resumes it, finds the same pull
 * request and records it; nothing is done twice.
 */
function unrecordedMessage(task: Task, outcome: ExecutionOutcome, error: unknown): DiscordMessage {
  if (outcome.kind !== 'done') return failureMessage('The work ran but its result could not be recorded', error, 'Check /debug-last, and ask an operator before trying again.');
  // What the task store said stays in the log (runExecution logs it); a sentence made for people may be shown.
  const reason = explainedReason(error);
  const why = reason ? shorten(plainText(redactSecrets(reason)), 200) : "the details are in the worker's log";
  const note = `The bot could not record this yet (${why}); it records it within a few minutes, and nothing will be done twice.`;
  return outcomeMessage(task, { ...outcome.message, content: outcome.message.content ? `${outcome.message.content}\n${note}` : note });
}

/**
 * Moves the task to match the outcome, on the version this run holds: 'lost' when another run
 * took the task meanwhile (a resume, or a Cancel of a stopped run). Returns what to show
 * (Confirm / Cancel again only when retryable).
 */
async function settle(task: Task, outcome: ExecutionOutcome, deps: WorkerDeps): Promise<DiscordMessage | 'lost'> {
  const held = { version: task.version };
  try {
    switch (outcome.kind) {
      case 'done': {
        const opened = await deps.tasks.transition(task.taskId, 'executing', 'pr_open', { branch: outcome.branch, pullRequest: outcome.pullRequest }, undefined, held);
        // attach() never throws: without images the answer says why.
        return outcomeMessage(opened, deps.changeScreenshots ? await deps.changeScreenshots.attach(opened, outcome.message) : outcome.message);
      }
      case 'retryable': {
        const again = await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: redactSecrets(outcome.error), branch: outcome.branch, confirmBy: confirmDeadline(deps) }, 'retryable failure', held);
        await deps.ledger.release(confirmClaimKey(task.taskId));
        return retryMessage(again, outcome.message, outcome.error);
      }
      case 'failed': {
        await deps.tasks.transition(task.taskId, 'executing', 'failed', { lastError: redactSecrets(outcome.error) }, undefined, held);
        return outcomeMessage(task, outcome.message);
      }
    }
  } catch (error) {
    if (error instanceof TaskConflictError) return 'lost';
    throw error;
  }
}
