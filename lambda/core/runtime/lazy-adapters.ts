import { onFirstUse } from '../domain/on-first-use';
import type { DynamoDbTimeouts } from '../adapters/dynamodb-timeouts';
import type { FlagReader } from '../ports/flags';
import type { Ledger } from '../ports/ledger';
import type { LlmBudget } from '../ports/llm-budget';
import type { SecretReader } from '../ports/secrets';
import type { SiteOutlines } from '../ports/site-outlines';
import type { TaskStore } from '../ports/task-store';
import type { WorkQueue } from '../ports/work-queue';

/*
 * Stand-ins that load their SDK client only when first called: a cold interactions function
 * then answers Discord's PING without loading any AWS SDK client.
 */
export function lazyTaskStore(load: () => Promise<TaskStore>): TaskStore {
  return {
    create: async (task) => (await load()).create(task),
    get: async (taskId) => (await load()).get(taskId),
    transition: async (taskId, from, to, changes, note, guard) => (await load()).transition(taskId, from, to, changes, note, guard),
    annotate: async (taskId, changes, note) => (await load()).annotate(taskId, changes, note),
    lastByRequester: async (requesterId) => (await load()).lastByRequester(requesterId),
    listOpen: async (limit) => (await load()).listOpen(limit),
    findByPullRequest: async (repository, number) => (await load()).findByPullRequest(repository, number),
  };
}

export function lazyLedger(load: () => Promise<Ledger>): Ledger {
  return {
    claimOnce: async (key, ttlSeconds, note) => (await load()).claimOnce(key, ttlSeconds, note),
    readClaim: async (key) => (await load()).readClaim(key),
    release: async (key) => (await load()).release(key),
    hold: async (key, ttlSeconds) => (await load()).hold(key, ttlSeconds),
    audit: async (entry) => (await load()).audit(entry),
  };
}

export function lazyWorkQueue(load: () => Promise<WorkQueue>): WorkQueue {
  return { enqueue: async (item) => (await load()).enqueue(item) };
}

export function lazyLlmBudget(load: () => Promise<LlmBudget>): LlmBudget {
  return {
    reserve: async (micros, limitMicros) => (await load()).reserve(micros, limitMicros),
    settle: async (reservation, actualMicros) => (await load()).settle(reservation, actualMicros),
    readDailySpend: async (day) => (await load()).readDailySpend(day),
  };
}

export function lazyFlagReader(load: () => Promise<FlagReader>): FlagReader {
  return {
    all: async () => (await load()).all(),
    get: async (name) => (await load()).get(name),
  };
}

export function lazySecretReader(load: () => Promise<SecretReader>): SecretReader {
  return { get: async (name) => (await load()).get(name) };
}

/**
 * The tasks table, the ledger and the LLM budget on one DynamoDB client, with the SDK loaded on
 * the first call to any of them (the interactions function and the worker share this).
 */
export function lazyDynamoDbStorage(tables: { conversations: string; ledger: string }, timeouts?: DynamoDbTimeouts): { tasks: TaskStore; ledger: Ledger; llmBudget: LlmBudget; outlines: SiteOutlines } {
  const storage = onFirstUse(async () => {
    const [{ createDynamoDbClient }, { DynamoDbTaskStore }, { DynamoDbLedger }, { DynamoDbLlmBudget }, { DynamoDbSiteOutlines }] = await Promise.all([
      import('../adapters/dynamodb-client'),
      import('../adapters/dynamodb-task-store'),
      import('../adapters/dynamodb-ledger'),
      import('../adapters/dynamodb-llm-budget'),
      import('../adapters/dynamodb-site-outlines'),
    ]);
    const dynamodb = createDynamoDbClient({ timeouts });
    return {
      tasks: new DynamoDbTaskStore(dynamodb, tables.conversations),
      ledger: new DynamoDbLedger(dynamodb, tables.ledger),
      budget: new DynamoDbLlmBudget(dynamodb, tables.ledger),
      outlines: new DynamoDbSiteOutlines(dynamodb, tables.ledger),
    };
  });
  return {
    tasks: lazyTaskStore(async () => (await storage()).tasks),
    ledger: lazyLedger(async () => (await storage()).ledger),
    llmBudget: lazyLlmBudget(async () => (await storage()).budget),
    outlines: {
      read: async (agentId) => (await storage()).outlines.read(agentId),
      write: async (agentId, outline) => (await storage()).outlines.write(agentId, outline),
    },
  };
}
