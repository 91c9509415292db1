import { postAboutTask } from '../tasks/thread';
import { TaskConflictError, TaskNotFoundError, type Task, type TaskStatus } from '../domain/task';
import type { DiscordApi } from '../ports/discord-api';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { TaskStore } from '../ports/task-store';
import { HANDLED_PULL_REQUEST_ACTIONS, type PullRequestEvent } from './events';
import { pullRequestMessage, type PullRequestChange } from './pull-request-message';
import { errorMessage } from '../domain/error-message';

export interface PullRequestEventDeps {
  tasks: TaskStore;
  ledger: Ledger;
  discord: DiscordApi;
  logger: Logger;
  /** Longest wait for Discord, so the whole delivery stays inside GitHub's 10 s. */
  noticeTimeoutMs?: number;
}

export type PullRequestOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'notified'; taskId: string; change: PullRequestChange; status: TaskStatus }
  | { kind: 'already-notified'; taskId: string; change: PullRequestChange };

/** Discord did not take the message; the caller answers an error so the delivery can be redelivered. */
export class PullRequestNoticeError extends Error {}

const NOTICE_TTL_SECONDS = 7 * 24 * 3600;
const DEFAULT_NOTICE_TIMEOUT_MS = 6000;

interface Move {
  change: PullRequestChange;
  /** Status the task must be in; the target when the move changes it. */
  from: TaskStatus;
  to?: TaskStatus;
}

function moveFor(event: PullRequestEvent): Move | undefined {
  switch (event.action) {
    case 'ready_for_review':
      return { change: 'ready_for_review', from: 'pr_open' };
    case 'closed':
      return event.pull_request.merged ? { change: 'merged', from: 'pr_open', to: 'merged' } : { change: 'closed', from: 'pr_open', to: 'closed' };
    case 'reopened':
      return { change: 'reopened', from: 'closed', to: 'pr_open' };
    default:
      return undefined;
  }
}

/**
 * Applies a pull_request event to the task that opened the pull request: one conditional
 * move, then one message to the requester. A replay finds the move done and the notice
 * claimed, and changes nothing.
 */
export async function applyPullRequestEvent(event: PullRequestEvent, deps: PullRequestEventDeps): Promise<PullRequestOutcome> {
  const repository = event.repository.full_name;
  const number = event.pull_request.number;
  const ref = `${repository}#${number}`;
  const move = moveFor(event);
  if (!move) return { kind: 'ignored', reason: `action "${event.action}" of ${ref} does not change a task (handled: ${HANDLED_PULL_REQUEST_ACTIONS.join(', ')})` };

  const found = await deps.tasks.findByPullRequest(repository, number);
  if (!found) return { kind: 'ignored', reason: `${ref} was not opened by an agent (no task records it)` };

  const task = await applyMove(found, move, ref, deps);
  if ('reason' in task) return { kind: 'ignored', reason: task.reason };

  const noticeKey = `github-notice#${task.taskId}#${move.change}#${event.pull_request.updated_at}`;
  if (!(await deps.ledger.claimOnce(noticeKey, NOTICE_TTL_SECONDS))) {
    return { kind: 'already-notified', taskId: task.taskId, change: move.change };
  }
  await recordAudit(task, move, event, deps);
  if (!task.channelId) {
    deps.logger.warn('The task has no channel to post the pull-request news in; nothing sent.', { taskId: task.taskId, pullRequest: ref });
    return { kind: 'notified', taskId: task.taskId, change: move.change, status: task.status };
  }
  try {
    const timeoutMs = deps.noticeTimeoutMs ?? DEFAULT_NOTICE_TIMEOUT_MS;
    await withTimeout(postAboutTask(task, pullRequestMessage(task, move.change, event), noticeKey, deps), timeoutMs, `Discord did not answer within ${timeoutMs} ms`);
  } catch (error) {
    await deps.ledger.release(noticeKey);
    throw new PullRequestNoticeError(`Task ${task.taskId} is ${task.status} but the Discord message failed: ${errorMessage(error)}`);
  }
  return { kind: 'notified', taskId: task.taskId, change: move.change, status: task.status };
}

/** The task after the move, or why the event does not apply to it. */
async function applyMove(task: Task, move: Move, ref: string, deps: PullRequestEventDeps): Promise<Task | { reason: string }> {
  const target = move.to ?? move.from;
  if (!move.to) {
    return task.status === move.from ? task : { reason: `task ${task.taskId} of ${ref} is ${task.status}, not ${move.from}` };
  }
  try {
    return await deps.tasks.transition(task.taskId, move.from, move.to, {}, `GitHub: pull request ${move.change}`);
  } catch (error) {
    if (error instanceof TaskConflictError) {
      // Already moved (a replay, or a second webhook for the same event): the notice claim decides.
      if (error.actual === target) return { ...task, status: target };
      return { reason: `task ${task.taskId} of ${ref} is ${error.actual ?? 'gone'}, not ${move.from}` };
    }
    if (error instanceof TaskNotFoundError) return { reason: `task ${task.taskId} of ${ref} no longer exists` };
    throw error;
  }
}

async function recordAudit(task: Task, move: Move, event: PullRequestEvent, deps: PullRequestEventDeps): Promise<void> {
  try {
    await deps.ledger.audit({
      subject: `task#${task.taskId}`,
      action: `pull request ${move.change}`,
      actorId: event.sender?.login ? `github:${event.sender.login}` : undefined,
      detail: event.pull_request.html_url,
      requester: { id: task.requesterId, name: task.requesterName },
      ...(task.confirmedBy ? { approver: { id: task.confirmedBy.id, name: task.confirmedBy.name } } : {}),
    });
  } catch (error) {
    deps.logger.warn('Could not write the audit record; continuing.', { taskId: task.taskId, error: errorMessage(error) });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

