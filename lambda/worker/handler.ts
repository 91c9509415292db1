import { hireStaff } from '../core/agents/hire';
import { AgentRegistry } from '../core/agents/registry';
import type { StageName } from '../core/contract/stages';
import type { Agent } from '../core/domain/agent';
import { executionTimings } from '../core/domain/task';
import type { WorkItem } from '../core/domain/work';
import { sayMissingPreviews } from '../core/github/missing-previews';
import type { ChangeScreenshots } from '../core/ports/change-screenshots';
import type { DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { Ledger } from '../core/ports/ledger';
import type { LlmBudget } from '../core/ports/llm-budget';
import type { Logger } from '../core/ports/logger';
import type { RepoHost } from '../core/ports/repo-host';
import type { SecretReader } from '../core/ports/secrets';
import type { TaskStore } from '../core/ports/task-store';
import type { SiteOutlines } from '../core/ports/site-outlines';
import { confirm } from '../core/tasks/confirm';
import { errorText, type TaskDeps } from '../core/tasks/deps';
import type { FlagLocator } from '../core/tasks/permissions';
import { propose } from '../core/tasks/propose';
import { refine } from '../core/tasks/refine';
import { withdraw } from '../core/tasks/withdraw';
import { closePreview } from '../core/tasks/close-preview';
import { publishPick } from '../core/tasks/publish-pick';
import { sweepAbandonedExecutions } from '../core/tasks/sweep';

/** The worker's ledger (kept as a name for the tests that build one). */
export type WorkerLedger = Ledger;

/** What the worker's moves run on (lambda/core/tasks/deps.ts). */
export type WorkerDeps = TaskDeps;

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
  /** Where the agents' site outlines are kept for /ux-update's autocomplete. */
  outlines?: SiteOutlines;
}

/** The worker's dependencies from its ports: the staff hired on the platform (their code loads on first use). */
export function workerDeps(ports: WorkerPorts): WorkerDeps {
  const { stage, secrets, llmBudget, repoHost, env, workerTimeoutSeconds, agents, now, ...rest } = ports;
  const platform = { stage, flags: ports.flags, secrets, logger: ports.logger, llmBudget, repoHost, env: env ?? {} };
  return {
    ...rest,
    repoHost,
    agents: new AgentRegistry(agents ?? hireStaff(platform)),
    timings: executionTimings(workerTimeoutSeconds),
    now: now ?? (() => new Date()),
  };
}

/** The worker's one builder: on AWS, in local mode and in the tests, only the ports differ. */
export function buildWorker(ports: WorkerPorts): (item: WorkItem) => Promise<void> {
  return createWorker(workerDeps(ports));
}

/** The worker: turns each work item into the move of a task's life it asks for (lambda/core/tasks/), and always leaves the user a message. */
export function createWorker(deps: WorkerDeps): (item: WorkItem) => Promise<void> {
  return async (item) => {
    switch (item.kind) {
      case 'propose':
        return propose(item, deps);
      case 'confirm':
        return confirm(item, deps);
      case 'refine':
        return refine(item, deps);
      case 'withdraw':
        return withdraw(item, deps);
      case 'pick':
        return publishPick(item, deps);
      case 'close-preview':
        return closePreview(item, deps);
      case 'sweep':
        // A failure there waits for the next sweep and never stops the resumes.
        await sayMissingPreviews(deps).catch((error: unknown) => deps.logger.warn('Could not look for pull requests without a preview', { error: errorText(error) }));
        await sweepAbandonedExecutions(deps);
        return;
    }
  };
}
