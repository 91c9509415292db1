import { DiscordRestClient } from '../core/adapters/discord-rest';
import { DynamoDbLedger } from '../core/adapters/dynamodb-ledger';
import { DynamoDbSiteOutlines } from '../core/adapters/dynamodb-site-outlines';
import { DynamoDbLlmBudget } from '../core/adapters/dynamodb-llm-budget';
import { DynamoDbTaskStore } from '../core/adapters/dynamodb-task-store';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../core/adapters/embedded-dynamodb';
import { createFileFlagReader } from '../core/adapters/file-flags';
import { InProcessWorkQueue } from '../core/adapters/in-process-work-queue';
import { createFlagSelectedRepoHost } from '../core/adapters/repo-host-factory';
import type { FlagName } from '../core/contract/flags';
import type { Agent } from '../core/domain/agent';
import { errorMessage } from '../core/domain/error-message';
import { DEFAULT_WORKER_TIMEOUT_SECONDS } from '../core/domain/task';
import type { Logger } from '../core/ports/logger';
import type { SecretReader } from '../core/ports/secrets';
import type { WorkQueue } from '../core/ports/work-queue';
import { discordPublicKeyLoader } from '../core/runtime/public-key';
import { createGithubWebhookHandler, type WebhookHttpRequest, type WebhookHttpResponse } from '../github-webhook/handler';
import { buildInteractions, type InteractionHttpRequest, type InteractionHttpResponse, type InteractionsPorts } from '../interactions/handler';
import { sweepAbandonedExecutions } from '../core/tasks/sweep';
import { createWorker, workerDeps as toWorkerDeps, type WorkerDeps } from '../worker/handler';
import type { ChangeScreenshots } from '../core/ports/change-screenshots';
import type { DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { ScreenshotJobs } from '../core/ports/screenshot-jobs';
import type { TaskStore } from '../core/ports/task-store';
import { DynamoDbMergeCommits } from '../core/adapters/dynamodb-merge-commits';
import { LOCAL_SWEEP_INTERVAL_MS, startSweepTimer } from './sweep-timer';
import { loggedTaskStore } from './activity-log';
import type { WorkItem } from '../core/domain/work';

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
  /** As WORKER_TIMEOUT_SECONDS on AWS (the deployed worker's 120 s unless a test says). */
  workerTimeoutSeconds?: number;
  /** VALINE_SITE_PREVIEW: screenshots of each confirmed change (lambda/local/site-preview). */
  changeScreenshots?: ChangeScreenshots;
  /** Deployment events → screenshots (lambda/local/server.ts runs the screenshot handler in this process). */
  screenshotJobs?: (deps: { tasks: TaskStore; discord: DiscordApi; flags: FlagReader }) => ScreenshotJobs & { idle(): Promise<void> };
  /** The screenshot handler's extraHosts, so the webhook refuses the same deployment URLs before claiming a notice. */
  screenshotHosts?: readonly string[];
}

export interface LocalRuntime {
  /** The interactions function's ports, as local mode chose them. */
  interactions: InteractionsPorts;
  handleInteraction: (request: InteractionHttpRequest) => Promise<InteractionHttpResponse>;
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
  const tasks = loggedTaskStore(new DynamoDbTaskStore(db.client, db.tables.conversations), logger);
  const ledger = new DynamoDbLedger(db.client, db.tables.ledger);
  const llmBudget = new DynamoDbLlmBudget(db.client, db.tables.ledger);
  const outlines = new DynamoDbSiteOutlines(db.client, db.tables.ledger);
  const discord = new DiscordRestClient({ baseUrl: options.discordApiBase, secrets, logger });
  const locateFlag = (flag: FlagName) => `"${flag}" in ${options.flagsFile}`;
  const workerTimeoutSeconds = options.workerTimeoutSeconds ?? DEFAULT_WORKER_TIMEOUT_SECONDS;
  const env = options.env ?? {};
  const workerDeps: WorkerDeps | undefined = options.workQueue
    ? undefined
    : toWorkerDeps({
        stage,
        flags,
        secrets,
        tasks,
        ledger,
        llmBudget,
        outlines,
        discord,
        repoHost: createFlagSelectedRepoHost({ flags, secrets, local: { directory: options.siteDirectory, seedFrom: options.siteSeed }, githubBaseUrl: env.GITHUB_API_BASE }),
        taskTtlSeconds: options.taskTtlSeconds,
        workerTimeoutSeconds,
        locateFlag,
        logger,
        env,
        now,
        agents: options.agents,
        changeScreenshots: options.changeScreenshots,
      });
  const handleWork = workerDeps ? loggedWork(createWorker(workerDeps), logger) : undefined;
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
  const interactions: InteractionsPorts = {
    stage,
    version: options.version,
    flags,
    tasks,
    ledger,
    queue,
    llmBudget,
    outlines,
    locateFlag,
    taskTtlSeconds: options.taskTtlSeconds,
    workerTimeoutSeconds,
    logger,
    now,
    agents: options.agents,
  };
  return {
    interactions,
    handleInteraction: buildInteractions({
      publicKey: discordPublicKeyLoader(secrets, 'Set DISCORD_PUBLIC_KEY, or unset it to use the generated dev key.'),
      ports: async () => interactions,
    }),
    handleGithubWebhook: createGithubWebhookHandler({
      stage,
      tasks,
      ledger,
      discord,
      secrets,
      logger,
      ...(screenshotJobs ? { screenshots: screenshotJobs, mergeCommits: new DynamoDbMergeCommits(db.client, db.tables.ledger), flags, screenshotHosts: options.screenshotHosts } : {}),
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

/** The worker, logging each piece of work it finishes (the minute's sweep only at debug level). */
function loggedWork(handle: (item: WorkItem) => Promise<void>, logger: Logger): (item: WorkItem) => Promise<void> {
  return async (item) => {
    const started = Date.now();
    const fields = { work: item.kind, ...(item.kind === 'confirm' ? { taskId: item.taskId } : item.kind === 'propose' ? { command: `/${item.command}` } : {}) };
    try {
      await handle(item);
      if (item.kind === 'sweep') logger.debug('Work done', { ...fields, ms: Date.now() - started });
      else logger.info('Work done', { ...fields, ms: Date.now() - started });
    } catch (error) {
      logger.info('Work failed', { ...fields, ms: Date.now() - started });
      throw error;
    }
  };
}
