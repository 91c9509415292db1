import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MergeCommits } from '../ports/merge-commits';

/** Kept long enough for a slow production pipeline (or a deploy on the next working day). */
const MERGE_COMMIT_RETENTION_SECONDS = 14 * 24 * 3600;

/** Merge commit → task, as items of the ledger table: pk = "MERGE#<owner/name>#<sha>", sk = "task". */
export class DynamoDbMergeCommits implements MergeCommits {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async remember(repository: string, sha: string, taskId: string): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...key(repository, sha), taskId: { S: taskId }, expiresAt: { N: String(Math.floor(this.now().getTime() / 1000) + MERGE_COMMIT_RETENTION_SECONDS) } },
      }),
    );
  }

  async taskFor(repository: string, sha: string): Promise<string | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key(repository, sha), ConsistentRead: true }));
    return result.Item?.taskId?.S;
  }
}

const key = (repository: string, sha: string) => ({ pk: { S: `MERGE#${repository.toLowerCase()}#${sha.toLowerCase()}` }, sk: { S: 'task' } });
