import { DynamoDbLedger } from '../../../lambda/core/adapters/dynamodb-ledger';
import { startDynalite, type EmbeddedDynamoDb } from '../../support/dynalite';

let db: EmbeddedDynamoDb;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.close());

test('a key is claimed once, across instances, until released', async () => {
  const a = new DynamoDbLedger(db.client, db.tables.ledger);
  const b = new DynamoDbLedger(db.client, db.tables.ledger);
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimOnce('interaction#1', 60)));
  expect(results.filter(Boolean)).toHaveLength(1);
  await a.release('interaction#1');
  expect(await b.claimOnce('interaction#1', 60)).toBe(true);
});

test('an expired claim can be taken again even before DynamoDB deletes it', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const ledger = new DynamoDbLedger(db.client, db.tables.ledger, () => now);
  expect(await ledger.claimOnce('delivery#x', 60)).toBe(true);
  expect(await ledger.claimOnce('delivery#x', 60)).toBe(false);
  now = new Date('2026-01-01T00:02:00Z');
  expect(await ledger.claimOnce('delivery#x', 60)).toBe(true);
});

test('audit records do not collide with claims', async () => {
  const ledger = new DynamoDbLedger(db.client, db.tables.ledger);
  await ledger.audit({ subject: 'task#1', action: 'confirmed', actorId: '1' });
  await ledger.audit({ subject: 'task#1', action: 'confirmed', actorId: '1' });
  expect(await ledger.claimOnce('task#1', 60)).toBe(true);
});

test('a held claim outlives its lease, and can be taken again once the hold has passed', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const ledger = new DynamoDbLedger(db.client, db.tables.ledger, () => now);
  expect(await ledger.claimOnce('interaction#held', 150)).toBe(true);
  await ledger.hold('interaction#held', 900);
  now = new Date('2026-01-01T00:02:36Z'); // +156 s: past the lease, inside the hold
  expect(await ledger.claimOnce('interaction#held', 150)).toBe(false);
  now = new Date('2026-01-01T00:15:01Z');
  expect(await ledger.claimOnce('interaction#held', 150)).toBe(true);
});
