import type { AgentProfile, AgentRegistry } from '../agents/registry';
import type { StageName } from '../contract/stages';
import type { ExecutionTimings } from '../domain/task';
import type { FlagReader } from '../ports/flags';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { TaskStore } from '../ports/task-store';
import type { SiteOutlines } from '../ports/site-outlines';
import type { WorkQueue } from '../ports/work-queue';
import type { FlagLocator } from '../tasks/permissions';

/** Today's LLM spend, for /status (the LlmBudget port). */
export interface LlmSpendReader {
  spentToday(now: Date): Promise<{ spentUsd: number; calls: number }>;
}

/** Everything the interactions router needs; built once per process by buildInteractions() (lambda/interactions/handler.ts). */
export interface InteractionDeps {
  stage: StageName;
  version: string;
  flags: FlagReader;
  tasks: TaskStore;
  ledger: Ledger;
  queue: WorkQueue;
  agents: AgentRegistry<AgentProfile>;
  spend?: LlmSpendReader;
  locateFlag: FlagLocator;
  /** How long a proposal may wait for Confirm (also the confirm claim's lifetime). */
  taskTtlSeconds: number;
  /** From the worker's timeout: when a task still `executing` counts as left behind (a click then resumes or hands it back). */
  timings: ExecutionTimings;
  logger: Logger;
  now: () => Date;
  /** The site outlines the worker keeps: autocomplete reads them. */
  outlines?: SiteOutlines;
}
