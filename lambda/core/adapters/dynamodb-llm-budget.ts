import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { microsToUsd, utcDay, type DailySpend, type LlmBudget, type Reservation } from '../ports/llm-budget';

/** Spend records are kept this long after their day, for /status history and audits. */
const SPEND_RETENTION_SECONDS = 90 * 24 * 3600;
const SPEND_SORT_KEY = 'total';

/** The ledger partition key of a day's LLM spend record. */
export const spendKey = (day: string): string => `llm-spend#${day}`;

/**
 * The daily LLM budget in the ledger table, in integer micro-dollars. One item per UTC day:
 * `committed` = settled spend + reservations in flight, and it never passes the limit because
 * every reservation is one conditional atomic update on it.
 */
export class DynamoDbLlmBudget implements LlmBudget {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserve(micros: number, limitMicros: number): Promise<Reservation | undefined> {
    const at = this.now();
    const day = utcDay(at);
    // DynamoDB conditions cannot add, so "committed + micros <= limit" is sent as "committed <= limit - micros".
    const headroom = limitMicros - micros;
    if (headroom < 0) return undefined;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(day),
          UpdateExpression: 'ADD committedMicros :c, reservedMicros :c SET limitMicros = :limit, expiresAt = if_not_exists(expiresAt, :ttl)',
          ConditionExpression: 'attribute_not_exists(committedMicros) OR committedMicros <= :headroom',
          ExpressionAttributeValues: {
            ':c': { N: String(micros) },
            ':limit': { N: String(limitMicros) },
            ':headroom': { N: String(headroom) },
            ':ttl': { N: String(Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 24 * 3600 + SPEND_RETENTION_SECONDS) },
          },
        }),
      );
      return { day, micros };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async settle(reservation: Reservation, actualMicros: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(reservation.day),
        UpdateExpression: 'ADD committedMicros :delta, reservedMicros :release, spentMicros :actual, calls :one',
        ExpressionAttributeValues: {
          ':delta': { N: String(actualMicros - reservation.micros) },
          ':release': { N: String(-reservation.micros) },
          ':actual': { N: String(actualMicros) },
          ':one': { N: '1' },
        },
      }),
    );
  }

  async readDailySpend(day: Date | string = this.now()): Promise<DailySpend> {
    const dayKey = typeof day === 'string' ? day : utcDay(day);
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: this.key(dayKey), ConsistentRead: true }));
    const number = (name: string): number => Number(Item?.[name]?.N ?? '0');
    return {
      day: dayKey,
      spentUsd: microsToUsd(number('spentMicros')),
      reservedUsd: microsToUsd(number('reservedMicros')),
      calls: number('calls'),
      ...(Item?.limitMicros?.N ? { limitUsd: microsToUsd(number('limitMicros')) } : {}),
    };
  }

  private key(day: string) {
    return { pk: { S: spendKey(day) }, sk: { S: SPEND_SORT_KEY } };
  }
}
