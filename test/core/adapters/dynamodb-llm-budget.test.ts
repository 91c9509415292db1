import { DynamoDbLlmBudget } from '../../../lambda/core/adapters/dynamodb-llm-budget';
import { costMicros, MODEL_PRICES } from '../../../lambda/core/llm/prices';
import { startDynalite, type EmbeddedDynamoDb } from '../../support/dynalite';

let db: EmbeddedDynamoDb;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.close());

let dayCounter = 0;
function budgetOnAFreshDay() {
  dayCounter += 1;
  let now = new Date(Date.UTC(2026, 2, dayCounter, 23, 59));
  const budget = new DynamoDbLlmBudget(db.client, db.tables.ledger, () => now);
  return { budget, setNow: (at: Date) => (now = at), day: now.toISOString().slice(0, 10) };
}

describe('the daily LLM budget', () => {
  it('grants exactly ten of fifty concurrent reservations when the limit holds ten', async () => {
    const { budget } = budgetOnAFreshDay();
    const granted = await Promise.all(Array.from({ length: 50 }, () => budget.reserve(1234, 12_340)));
    expect(granted.filter(Boolean)).toHaveLength(10);
    expect(await budget.readDailySpend()).toMatchObject({ reservedUsd: 0.01234, spentUsd: 0, calls: 0, limitUsd: 0.01234 });
  });

  it('frees what a call did not use when it settles, so the next reservation fits', async () => {
    const { budget } = budgetOnAFreshDay();
    const first = await budget.reserve(600, 1000);
    expect(first).toBeDefined();
    expect(await budget.reserve(600, 1000)).toBeUndefined();
    await budget.settle(first!, 150);
    expect(await budget.reserve(600, 1000)).toBeDefined();
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.00015, reservedUsd: 0.0006, calls: 1 });
  });

  it('refuses a reservation larger than the whole limit', async () => {
    const { budget } = budgetOnAFreshDay();
    expect(await budget.reserve(2000, 1000)).toBeUndefined();
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0, reservedUsd: 0, calls: 0 });
  });

  it('adds two hundred small costs without drift (integer micro-dollars)', async () => {
    const { budget } = budgetOnAFreshDay();
    const cost = costMicros(MODEL_PRICES['gpt-5.4-nano'], 900, 60); // $0.000255
    // Twenty calls at a time, ten times over: concurrent adds to one record, without two hundred sockets
    // opening at once to the embedded DynamoDB (on a loaded machine some waited past the 2 s connect timeout).
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const reservation = await budget.reserve(1000, 10_000_000);
          await budget.settle(reservation!, cost);
        }),
      );
    }
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0.051, reservedUsd: 0, calls: 200 });
  });

  it('keeps each UTC day on its own record, and settles a call on the day it was reserved', async () => {
    const { budget, setNow, day } = budgetOnAFreshDay();
    const lateCall = await budget.reserve(900, 1000);
    setNow(new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000 + 60_000));
    const nextDay = await budget.reserve(900, 1000);
    expect(nextDay).toBeDefined();
    await budget.settle(lateCall!, 100);
    expect(await budget.readDailySpend(day)).toMatchObject({ day, spentUsd: 0.0001, reservedUsd: 0, calls: 1 });
    expect(await budget.readDailySpend()).toMatchObject({ spentUsd: 0, reservedUsd: 0.0009, calls: 0 });
  });

  it('reads a day without calls as zero spend and no limit', async () => {
    const { budget } = budgetOnAFreshDay();
    expect(await budget.readDailySpend('2020-01-01')).toEqual({ day: '2020-01-01', spentUsd: 0, reservedUsd: 0, calls: 0 });
  });
});
