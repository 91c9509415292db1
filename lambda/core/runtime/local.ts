import { DiscordRestClient } from '../adapters/discord-rest';
import { DynamoDbLedger } from '../adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../adapters/dynamodb-task-store';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../adapters/embedded-dynamodb';
import { createFileFlagReader } from '../adapters/file-flags';
import { InProcessWorkQueue } from '../adapters/in-process-work-queue';
import { AgentRegistry } from '../agents/registry';
import { LlmBudget } from '../llm/budget';
import type { Agent } from '../domain/agent';
import type { ChangeScreenshots } from '../ports/change-screenshots';
import type { FlagReader } from '../ports/flags';
import type { TaskStore } from '../ports/task-store';
import type { DiscordApi } from '../ports/discord-api';
import type { ScreenshotJobs } from '../ports/screenshot-jobs';
import { DynamoDbMergeCommits } from '../adapters/dynamodb-merge-commits';
import type { Logger } from '../ports/logger';
import type { WorkQueue } from '../ports/work-queue';
import type { SecretReader } from '../ports/secrets';
import type { InteractionsRuntime } from '../../interactions/handler';
import { createGithubWebhookHandler, type WebhookHttpRequest, type WebhookHttpResponse } from '../../github-webhook/handler';
import { createWorker, sweepAbandonedExecutions, type WorkerDeps } from '../../worker/worker';
import type { FlagName } from '../contract/flags';
import { errorMessage } from '../domain/error-message';
import { AGENT_PROFILES } from './agent-profiles';
import { buildAgents } from './agents';
import { discordPublicKeyLoader } from './public-key';
import { LOCAL_SWEEP_INTERVAL_MS, startSweepTimer } from './sweep-timer';

export interface LocalRuntimeOptions {
  version: string;
  flagsFile: string;
  /** Keep the tables on disk here; in memory when absent. */
  dynamoDbPath?: string;
  discordApiBase: string;
  secrets: SecretReader;
  logger: Logger;
  taskTtlSeconds: number;
  /** The git repository local agents edit (`.valine/site`) and the folder it is created from (examples/site). */
  siteDirectory: string;
  siteSeed?: string;
  /** LLM and GitHub base URL overrides (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GITHUB_API_BASE). */
  env?: Record<string, string | undefined>;
  /** Tests and benchmarks: run these agents instead of the shipped ones. */
  agents?: Agent[];
  flagCacheMs?: number;
  /** The benchmark: hand work to this queue instead of running the worker in this process. */
  workQueue?: WorkQueue;
  /** How often the worker sweeps tasks left executing (LOCAL_SWEEP_INTERVAL_MS unless a test says). */
  sweepIntervalMs?: number;
  /** VALINE_SITE_PREVIEW: screenshots of each confirmed change (lambda/local/site-preview). */
  changeScreenshots?: ChangeScreenshots;
  /** Deployment events → screenshots (lambda/local/server.ts runs the screenshot handler in this process). */
  screenshotJobs?: (deps: { tasks: TaskStore; discord: DiscordApi; flags: FlagReader }) => ScreenshotJobs & { idle(): Promise<void> };
}

export interface LocalRuntime {
  interactions: InteractionsRuntime;
  handleGithubWebhook: (request: WebhookHttpRequest) => Promise<WebhookHttpResponse>;
  /** Resolves when the in-process worker has handled everything handed to it. */
  idle(): Promise<void>;
  db: EmbeddedDynamoDb;
  close(): Promise<void>;
}

/** Local mode: the same handlers on dynalite, a flags file, environment secrets and an in-process queue. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { logger, secrets } = options;
  const stage = 'dev';
  const db = await startEmbeddedDynamoDb({ stage: 'local', path: options.dynamoDbPath });
  const now = () => new Date();
  const flags = createFileFlagReader(options.flagsFile, stage, logger, options.flagCacheMs);
  const tasks = new DynamoDbTaskStore(db.client, db.tables.conversations);
  const ledger = new DynamoDbLedger(db.client, db.tables.ledger);
  const budget = new LlmBudget(db.client, db.tables.ledger);
  const discord = new DiscordRestClient({ baseUrl: options.discordApiBase, secrets, logger });
  const agents = () =>
    options.agents ??
    buildAgents({
      stage,
      flags,
      secrets,
      logger,
      ledgerTable: { client: db.client, tableName: db.tables.ledger },
      localSite: { directory: options.siteDirectory, seedFrom: options.siteSeed },
      env: options.env,
    });
  const locateFlag = (flag: FlagName) => `"${flag}" in ${options.flagsFile}`;
  const workerDeps: WorkerDeps | undefined = options.workQueue
    ? undefined
    : { flags, tasks, ledger, discord, agents: new AgentRegistry(agents()), taskTtlSeconds: options.taskTtlSeconds, locateFlag, logger, now, changeScreenshots: options.changeScreenshots };
  const handleWork = workerDeps ? createWorker(workerDeps) : undefined;
  const inProcess = handleWork ? new InProcessWorkQueue(handleWork, logger) : undefined;
  const queue: WorkQueue = options.workQueue ?? (inProcess as InProcessWorkQueue);
  // No worker of this process runs yet: a task left executing (VALINE_PERSIST=1) belongs to a process that stopped.
  const screenshotJobs = options.screenshotJobs?.({ tasks, discord, flags });
  const startSweep = workerDeps ? sweepLeftExecuting(workerDeps) : Promise.resolve();
  // Then the sweep the EventBridge rule runs on AWS, for a task whose in-process run died without a restart.
  const timer = handleWork ? startSweepTimer(() => handleWork({ kind: 'sweep' }), options.sweepIntervalMs ?? LOCAL_SWEEP_INTERVAL_MS, logger) : undefined;
  const idle = async () => {
    await startSweep;
    await timer?.idle();
    await inProcess?.idle();
    await screenshotJobs?.idle();
  };
  return {
    interactions: {
      publicKey: discordPublicKeyLoader(secrets, 'Set DISCORD_PUBLIC_KEY, or unset it to use the generated dev key.'),
      deps: {
        stage,
        version: options.version,
        flags,
        tasks,
        ledger,
        queue,
        spend: { spentToday: (at) => budget.readDailySpend(at) },
        agents: new AgentRegistry(options.agents ?? AGENT_PROFILES),
        locateFlag,
        taskTtlSeconds: options.taskTtlSeconds,
        logger,
        now,
      },
    },
    handleGithubWebhook: createGithubWebhookHandler({
      stage,
      tasks,
      ledger,
      discord,
      secrets,
      logger,
      ...(screenshotJobs ? { screenshots: screenshotJobs, mergeCommits: new DynamoDbMergeCommits(db.client, db.tables.ledger) } : {}),
    }),
    idle,
    db,
    close: async () => {
      timer?.stop();
      await idle();
      await db.close();
    },
  };
}

async function sweepLeftExecuting(deps: WorkerDeps): Promise<void> {
  try {
    const { found } = await sweepAbandonedExecutions(deps, { olderThanSeconds: 0 });
    if (found > 0) deps.logger.warn('Resumed tasks left executing by a previous run of local mode', { tasks: found });
  } catch (error) {
    deps.logger.error('Could not look for tasks left executing', { error: errorMessage(error) });
  }
}
