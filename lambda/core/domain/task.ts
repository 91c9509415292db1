import type { DiscordMessage } from './discord-message';
import type { Requester } from './roles';

/**
 * The task state machine of the agents-as-employees core. Every move is a conditional write
 * in the conversations table (see TaskStore.transition), so a double-clicked Confirm, a
 * retried Lambda event or a replayed webhook changes nothing twice.
 */
export const TASK_STATUSES = [
  'proposed',
  'awaiting_choice',
  'awaiting_confirmation',
  'executing',
  'pr_open',
  'merged',
  'closed',
  'cancelled',
  'expired',
  'failed',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Allowed moves. `awaiting_choice → awaiting_confirmation` is a candidate being picked;
 * `executing → awaiting_confirmation` is a retryable failure (Confirm again).
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  proposed: ['awaiting_confirmation', 'failed', 'cancelled', 'expired'],
  awaiting_choice: ['awaiting_confirmation', 'cancelled', 'expired'],
  // awaiting_confirmation → awaiting_confirmation: the open preview refined (a new proposal, same task); → awaiting_choice: the refinement asks which place.
  awaiting_confirmation: ['executing', 'awaiting_confirmation', 'awaiting_choice', 'cancelled', 'expired'],
  // executing → executing: a worker resumes the work of one that stopped (see executionTimings).
  executing: ['executing', 'pr_open', 'awaiting_confirmation', 'failed'],
  pr_open: ['merged', 'closed'],
  closed: ['pr_open'],
  merged: [],
  cancelled: [],
  expired: [],
  failed: [],
};

/** Statuses waiting for a person (a pick or a Confirm) until `confirmBy`. */
export const AWAITING_STATUSES: readonly TaskStatus[] = ['awaiting_choice', 'awaiting_confirmation'];
export const FINISHED_STATUSES: readonly TaskStatus[] = ['merged', 'closed', 'cancelled', 'expired', 'failed'];
export const isFinished = (status: TaskStatus): boolean => FINISHED_STATUSES.includes(status);
export const canTransition = (from: TaskStatus, to: TaskStatus): boolean => TASK_TRANSITIONS[from].includes(to);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TraceEntry {
  at: string;
  event: string;
  detail?: string;
}

export interface PullRequestRef {
  repository: string;
  number: number;
  url: string;
}

export interface Task {
  taskId: string;
  agentId: string;
  /** The slash command and its options as the user typed them, e.g. `/ux-update command:...`. */
  command: string;
  options: Record<string, string>;
  status: TaskStatus;
  requesterId: string;
  requesterName: string;
  guildId?: string;
  channelId?: string;
  applicationId: string;
  /** Interaction token of the message to edit (valid 15 minutes). Redacted in every display. */
  interactionToken: string;
  /** Agent-specific proposal (e.g. the UX intent and the edited files), JSON. */
  proposal?: JsonValue;
  /** While `awaiting_choice`: what the select menu offers (option value = index). Dropped once one is picked. */
  candidates?: ProposalCandidate[];
  /** The question was shown to the requester alone (ephemeral): a pick posts the preview for everyone, with its thread. */
  askedPrivately?: boolean;
  summary?: string;
  /** Who clicked the Confirm that started the work (roles as Discord sent them): checked again before a resumed run. */
  confirmedBy?: Requester;
  branch?: string;
  pullRequest?: PullRequestRef;
  /** The thread the task's messages go to (its preview or question is the thread's first message); absent where none could be made. */
  threadId?: string;
  /** The task's open message in its thread (the preview, or the question): Confirm, a refinement or an undo takes its buttons away. */
  previewMessageId?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  /** After this instant a pick or Confirm is refused and the task moves to `expired` (checked at read time). */
  confirmBy: string;
  /** DynamoDB TTL (epoch seconds): when the item may be deleted, long after `confirmBy`. */
  expiresAt: number;
  trace: TraceEntry[];
  version: number;
}

export type NewTask = Omit<Task, 'status' | 'createdAt' | 'updatedAt' | 'expiresAt' | 'trace' | 'version'> & {
  status?: TaskStatus;
};

/** Fields a transition may change besides the status. */
export type TaskChanges = Partial<
  Pick<Task, 'proposal' | 'summary' | 'candidates' | 'confirmedBy' | 'branch' | 'pullRequest' | 'threadId' | 'previewMessageId' | 'lastError' | 'interactionToken' | 'confirmBy'>
>;

/** What `annotate` may record without a move. */
export type TaskAnnotation = Pick<TaskChanges, 'threadId' | 'previewMessageId'>;

export class TaskNotFoundError extends Error {
  constructor(readonly taskId: string) {
    super(`Task ${taskId} does not exist.`);
  }
}

/** The conditional write lost: the task was not in an expected status (someone else moved it). */
export class TaskConflictError extends Error {
  constructor(
    readonly taskId: string,
    readonly expected: readonly TaskStatus[],
    readonly actual: TaskStatus | undefined,
    /** Set when the status was as expected but the task moved on past the version the caller held. */
    readonly actualVersion?: number,
  ) {
    super(actualVersion === undefined ? `Task ${taskId} is ${actual ?? 'missing'}, not ${expected.join(' or ')}.` : `Task ${taskId} moved on to version ${actualVersion} since it was taken.`);
  }
}

/** The task would not fit in one DynamoDB item (400 KB), so it was not written. */
export class TaskTooLargeError extends Error {
  constructor(
    readonly taskId: string,
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`Task ${taskId} is ${Math.ceil(bytes / 1024)} KB, more than the ${Math.floor(limitBytes / 1024)} KB one DynamoDB item can hold.`);
  }
}

export const isExpired = (task: Pick<Task, 'confirmBy'>, now: Date): boolean => now.getTime() > Date.parse(task.confirmBy);

/** How long after the worker's timeout a lease or an `executing` task is taken to be left behind: Lambda retries a timed-out async attempt a minute or more later. */
export const LEASE_MARGIN_SECONDS = 30;

/**
 * What follows from the worker's timeout (WORKER_TIMEOUT_SECONDS, set from the stage config):
 * a proposal's claim is a lease that outlasts the longest attempt, and a task still `executing`
 * that long after its last move was left behind by a worker that stopped (timed out, crashed,
 * or a local server that was killed). 120 s gives 150 s for both.
 */
export interface ExecutionTimings {
  workerTimeoutSeconds: number;
  proposeLeaseSeconds: number;
  abandonedExecutionSeconds: number;
  /** A sweep starts no resume later than this into its own run, so the run it starts keeps three quarters of the timeout. */
  sweepStartBudgetSeconds: number;
}

/** Below this a worker run cannot both sweep and finish a resumed pull request (the stage config refuses it). */
export const MIN_WORKER_TIMEOUT_SECONDS = 60;

export function executionTimings(workerTimeoutSeconds: number): ExecutionTimings {
  return {
    workerTimeoutSeconds,
    proposeLeaseSeconds: workerTimeoutSeconds + LEASE_MARGIN_SECONDS,
    abandonedExecutionSeconds: workerTimeoutSeconds + LEASE_MARGIN_SECONDS,
    sweepStartBudgetSeconds: Math.floor(workerTimeoutSeconds / 4),
  };
}

/** A Discord interaction token (the one that edits the message) lives this long. */
export const INTERACTION_TOKEN_SECONDS = 15 * 60;

/** The deployed worker's timeout (lib/config/stages.ts); local mode and tests use it too. */
export const DEFAULT_WORKER_TIMEOUT_SECONDS = 120;

export const isAbandonedExecution = (task: Pick<Task, 'status' | 'updatedAt'>, now: Date, timings: Pick<ExecutionTimings, 'abandonedExecutionSeconds'>): boolean =>
  task.status === 'executing' && now.getTime() - Date.parse(task.updatedAt) >= timings.abandonedExecutionSeconds * 1000;

/** One of the places a `choice` offers; picking it makes it the task's proposal. */
export interface ProposalCandidate {
  /** Shown as the select option's label (Discord: at most 100 characters; shorten safely). */
  label: string;
  /** The option's description line (at most 100 characters), e.g. "src/components/Hero.jsx:12". */
  description?: string;
  summary: string;
  proposal: JsonValue;
  /** The preview shown above Confirm / Cancel once this candidate is picked. */
  preview: DiscordMessage;
}
