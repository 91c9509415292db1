import type { AgentRegistry } from '../agents/registry';
import type { Agent } from '../domain/agent';
import { errorDetail } from '../domain/error-message';
import { redactSecrets } from '../domain/redact';
import type { ExecutionTimings } from '../domain/task';
import type { WorkItem } from '../domain/work';
import type { ChangeScreenshots } from '../ports/change-screenshots';
import type { DiscordApi } from '../ports/discord-api';
import type { FlagReader } from '../ports/flags';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { RepoHost } from '../ports/repo-host';
import type { TaskStore } from '../ports/task-store';
import type { SiteOutlines } from '../ports/site-outlines';
import type { FlagLocator } from './permissions';

/**
 * The ports a task's moves run on: the task store, the ledger, Discord and the agents, with the
 * flags, the timings and a clock. The worker (AWS), local mode and the tests each choose the adapters.
 */
export interface TaskDeps {
  flags: FlagReader;
  tasks: TaskStore;
  ledger: Ledger;
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
  /** Where the agents' site outlines are kept for autocomplete (written after a discovery). */
  outlines?: SiteOutlines;
  /** The website repository: "undo that" before merge closes a task's pull request and deletes its branch there. */
  repoHost?: RepoHost;
}

export type ProposeItem = Extract<WorkItem, { kind: 'propose' }>;
export type ConfirmItem = Extract<WorkItem, { kind: 'confirm' }>;
export type RefineItem = Extract<WorkItem, { kind: 'refine' }>;
export type PickItem = Extract<WorkItem, { kind: 'pick' }>;
export type WithdrawItem = Extract<WorkItem, { kind: 'withdraw' }>;
export type ClosePreviewItem = Extract<WorkItem, { kind: 'close-preview' }>;

/** A fresh proposal, or one offered again after a retryable failure, may be confirmed for the task TTL from now. */
export const confirmDeadline = (deps: TaskDeps): string => new Date(deps.now().getTime() + deps.taskTtlSeconds * 1000).toISOString();

// Error texts go to logs: everything the error says (its detail too), tokens out.
export const errorText = (error: unknown): string => redactSecrets(errorDetail(error));
