import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { microsToUsd } from './prices';

/** Spend records are kept this long after their day, for /status history and audits. */
const SPEND_RETENTION_SECONDS = 90 * 24 * 3600;
const SPEND_SORT_KEY = 'total';

/** "2026-11-24" for the UTC day of `at`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
/** The ledger partition key of a day's LLM spend record. */
export const spendKey = (day: string): string => `llm-spend#${day}`;

/** A reservation held for one call; settle or release it exactly once. */
export interface Reservation {
  day: string;
  micros: number;
}

export interface DailySpend {
  day: string;
  /** Settled cost of the day's calls. */
  spentUsd: number;
  /** Held for calls in flight. */
  reservedUsd: number;
  /** Calls made (answered or failed). */
  calls: number;
  /** The limit in force at the day's last reservation; undefined before the first call. */
  limitUsd?: number;
}

/**
 * The daily LLM budget in the ledger table, in integer micro-dollars. One item per UTC day:
 * `committed` = settled spend + reservations in flight, and it never passes the limit because
 * every reservation is one conditional atomic update on it.
 */
export class LlmBudget {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reserves `micros` for a call; undefined when that would pass `limitMicros` today. */
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

  /** Replaces the reservation by the actual cost of the call (0 when the provider billed nothing) and counts the call. */
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

  /** The day's spend for /status; `day` is a date or "YYYY-MM-DD" (UTC). */
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
