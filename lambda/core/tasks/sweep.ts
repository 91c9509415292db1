import type { Task } from '../domain/task';
import type { WorkItem } from '../domain/work';
import { parseWorkItem } from '../domain/work-item-schema';
import { confirmCancelRow } from './buttons';
import { startExecution } from './confirm';
import { errorText, type ConfirmItem, type TaskDeps } from './deps';
import type { ResumeOutcome } from './hand-back';
import { confirmClaimKey } from './ledger-keys';
import { resumeExecution } from './resume';

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
export async function sweepAbandonedExecutions(deps: TaskDeps, options: SweepOptions = {}): Promise<SweepReport> {
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
async function stalledConfirmations(open: readonly Task[], cutoff: number, deps: TaskDeps): Promise<StalledConfirmation[]> {
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
async function runStalledConfirmation(task: Task, item: ConfirmItem | undefined, deps: TaskDeps): Promise<ResumeOutcome> {
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
