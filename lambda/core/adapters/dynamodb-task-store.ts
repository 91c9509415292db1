import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CONVERSATIONS_TABLE } from '../contract/tables';
import {
  TaskConflictError,
  TaskNotFoundError,
  TaskTooLargeError,
  TASK_STATUSES,
  canTransition,
  isFinished,
  type NewTask,
  type Task,
  type TaskAnnotation,
  type TaskChanges,
  type TaskStatus,
} from '../domain/task';
import type { TaskStore, TransitionGuard } from '../ports/task-store';

/** Items stay this long after their last move (DynamoDB TTL); Confirm is limited by `confirmBy`. */
const RETENTION_SECONDS = 90 * 24 * 3600;
const OPEN_BUCKET = 'open';
const MAX_ATTEMPTS = 5;
/** DynamoDB refuses an item over 400 KB (names and values, UTF-8). */
export const MAX_ITEM_BYTES = 400 * 1024;
const [BY_REQUESTER, BY_OPEN, BY_PULL_REQUEST] = CONVERSATIONS_TABLE.indexes;

const taskKey = (taskId: string): Record<string, AttributeValue> => ({ pk: { S: `TASK#${taskId}` } });
export const pullRequestKey = (repository: string, number: number): string => `${repository.toLowerCase()}#${number}`;

/**
 * The conversations table. The task is stored whole as JSON in `body`; the attributes the
 * indexes and conditions need (status, version, requesterId, createdAt, openBucket, prKey,
 * expiresAt) sit beside it.
 */
export class DynamoDbTaskStore implements TaskStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: NewTask): Promise<Task> {
    const at = this.now().toISOString();
    const status = input.status ?? 'awaiting_confirmation';
    const task: Task = {
      ...input,
      status,
      createdAt: at,
      updatedAt: at,
      expiresAt: this.expiry(),
      trace: [{ at, event: status }],
      version: 1,
    };
    const item = sizedItem(task);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new Error(`Task ${task.taskId} already exists.`);
      throw error;
    }
    return task;
  }

  async get(taskId: string): Promise<Task | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: taskKey(taskId), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  async transition(
    taskId: string,
    from: TaskStatus | readonly TaskStatus[],
    to: TaskStatus,
    changes: TaskChanges = {},
    note?: string,
    guard?: TransitionGuard,
  ): Promise<Task> {
    const expected = typeof from === 'string' ? [from] : from;
    for (const status of expected) {
      if (!canTransition(status, to)) throw new Error(`A task cannot move from ${status} to ${to}.`);
    }
    return this.write(taskId, expected, to, changes, note, guard);
  }

  async annotate(taskId: string, changes: TaskAnnotation, note: string): Promise<Task> {
    return this.write(taskId, TASK_STATUSES, undefined, changes, note);
  }

  /** One conditional write on the version read (retried when another move wins): to `to`, or (undefined) in the status it is in. */
  private async write(taskId: string, expected: readonly TaskStatus[], to: TaskStatus | undefined, changes: TaskChanges, note?: string, guard?: TransitionGuard): Promise<Task> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.get(taskId);
      if (!current) throw new TaskNotFoundError(taskId);
      if (!expected.includes(current.status)) throw new TaskConflictError(taskId, expected, current.status);
      if (guard && current.version !== guard.version) throw new TaskConflictError(taskId, expected, current.status, current.version);
      const at = this.now().toISOString();
      const next: Task = {
        ...current,
        ...changes,
        status: to ?? current.status,
        updatedAt: at,
        expiresAt: this.expiry(),
        trace: [...current.trace, { at, event: to ?? 'noted', ...(note ? { detail: note } : {}) }],
        version: current.version + 1,
      };
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: sizedItem(next),
            // The version guards against any concurrent move; the status re-check documents intent.
            ConditionExpression: '#version = :version AND #status = :status',
            ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
            ExpressionAttributeValues: { ':version': { N: String(current.version) }, ':status': { S: current.status } },
          }),
        );
        return next;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    const latest = await this.get(taskId);
    throw new TaskConflictError(taskId, expected, latest?.status);
  }

  async lastByRequester(requesterId: string): Promise<Task | undefined> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_REQUESTER.indexName,
        KeyConditionExpression: '#r = :r',
        ExpressionAttributeNames: { '#r': BY_REQUESTER.partitionKey.name },
        ExpressionAttributeValues: { ':r': { S: requesterId } },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    return item ? fromItem(item) : undefined;
  }

  async listOpen(limit = 25): Promise<Task[]> {
    const tasks: Task[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    // A page stops at 1 MB: a few large tasks (a question's candidates) must not hide the older ones.
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: BY_OPEN.indexName,
          KeyConditionExpression: '#o = :o',
          ExpressionAttributeNames: { '#o': BY_OPEN.partitionKey.name },
          ExpressionAttributeValues: { ':o': { S: OPEN_BUCKET } },
          ScanIndexForward: false,
          Limit: limit - tasks.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      tasks.push(...(result.Items ?? []).map(fromItem));
      startKey = result.LastEvaluatedKey;
    } while (startKey && tasks.length < limit);
    return tasks;
  }

  async findByPullRequest(repository: string, number: number): Promise<Task | undefined> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_PULL_REQUEST.indexName,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': BY_PULL_REQUEST.partitionKey.name },
        ExpressionAttributeValues: { ':p': { S: pullRequestKey(repository, number) } },
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    // The index is eventually consistent: read the item itself for the current status.
    return item ? this.get(fromItem(item).taskId) : undefined;
  }

  private expiry(): number {
    return Math.floor(this.now().getTime() / 1000) + RETENTION_SECONDS;
  }
}

function toItem(task: Task): Record<string, AttributeValue> {
  return {
    ...taskKey(task.taskId),
    status: { S: task.status },
    version: { N: String(task.version) },
    requesterId: { S: task.requesterId },
    createdAt: { S: task.createdAt },
    expiresAt: { N: String(task.expiresAt) },
    ...(isFinished(task.status) ? {} : { openBucket: { S: OPEN_BUCKET } }),
    ...(task.pullRequest ? { prKey: { S: pullRequestKey(task.pullRequest.repository, task.pullRequest.number) } } : {}),
    body: { S: JSON.stringify(task) },
  };
}

/** Bytes DynamoDB counts for an item: attribute names plus values (numbers counted as their digits, an upper bound). */
export function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.S ?? value.N ?? '', 'utf8');
  }
  return bytes;
}

// Checked before the call, so a too-large task is a typed error instead of the SDK's ValidationException.
function sizedItem(task: Task): Record<string, AttributeValue> {
  const item = toItem(task);
  const bytes = itemBytes(item);
  if (bytes > MAX_ITEM_BYTES) throw new TaskTooLargeError(task.taskId, bytes, MAX_ITEM_BYTES);
  return item;
}

function fromItem(item: Record<string, AttributeValue>): Task {
  const body = item.body?.S;
  if (!body) throw new Error('A conversations item has no body; it was not written by this version.');
  return JSON.parse(body) as Task;
}
