import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambda/core/adapters/embedded-dynamodb';

/** A fresh in-memory dynalite with both tables; call close() in afterAll. */
export function startDynalite(stage = 'test'): Promise<EmbeddedDynamoDb> {
  return startEmbeddedDynamoDb({ stage });
}
export type { EmbeddedDynamoDb };
