import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, Claim, Ledger } from '../ports/ledger';

const AUDIT_RETENTION_SECONDS = 400 * 24 * 3600;
const CLAIM_SORT_KEY = 'claim';

/** The ledger table: claims (de-duplication) and audit records. Spend counters live in lambda/core/llm. */
export class DynamoDbLedger implements Ledger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claimOnce(key: string, ttlSeconds: number, note?: string): Promise<boolean> {
    const at = this.now();
    const nowSeconds = Math.floor(at.getTime() / 1000);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: { S: key },
            sk: { S: CLAIM_SORT_KEY },
            claimedAt: { S: at.toISOString() },
            expiresAt: { N: String(nowSeconds + ttlSeconds) },
            ...(note === undefined ? {} : { note: { S: note } }),
          },
          // DynamoDB deletes expired items lazily, so an expired claim counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async readClaim(key: string): Promise<Claim | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: key }, sk: { S: CLAIM_SORT_KEY } }, ConsistentRead: true }));
    // Expired claims count as absent, as in claimOnce (DynamoDB deletes them lazily).
    if (!Item?.claimedAt?.S || Number(Item.expiresAt?.N ?? 0) < Math.floor(this.now().getTime() / 1000)) return undefined;
    return { claimedAt: Item.claimedAt.S, ...(Item.note?.S === undefined ? {} : { note: Item.note.S }) };
  }

  /** Keeps a claim (taken or not) for `ttlSeconds` from now: a lease becomes a longer-lived record once its work is done. */
  async hold(key: string, ttlSeconds: number): Promise<void> {
    const at = this.now();
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: key }, sk: { S: CLAIM_SORT_KEY } },
        UpdateExpression: 'SET expiresAt = :expiresAt, heldAt = :heldAt',
        ExpressionAttributeValues: { ':expiresAt': { N: String(Math.floor(at.getTime() / 1000) + ttlSeconds) }, ':heldAt': { S: at.toISOString() } },
      }),
    );
  }

  async release(key: string): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: { pk: { S: key }, sk: { S: CLAIM_SORT_KEY } } }));
  }

  async audit(entry: AuditEntry): Promise<void> {
    const at = this.now();
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          pk: { S: `audit#${entry.subject}` },
          sk: { S: `${at.toISOString()}#${randomUUID().slice(0, 8)}` },
          action: { S: entry.action },
          ...(entry.actorId ? { actorId: { S: entry.actorId } } : {}),
          ...(entry.detail ? { detail: { S: entry.detail } } : {}),
          ...(entry.requester ? { requesterId: { S: entry.requester.id }, requesterName: { S: entry.requester.name } } : {}),
          ...(entry.approver ? { approverId: { S: entry.approver.id }, approverName: { S: entry.approver.name } } : {}),
          expiresAt: { N: String(Math.floor(at.getTime() / 1000) + AUDIT_RETENTION_SECONDS) },
        },
      }),
    );
  }
}
