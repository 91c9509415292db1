/** The budget counts integer micro-dollars, so sums never drift; people read dollars. */
export const microsToUsd = (micros: number): number => micros / 1_000_000;
export const usdToMicros = (usd: number): number => Math.round(usd * 1_000_000);

/** "2026-11-24" for the UTC day of `at`: the budget's day. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** A reservation held for one call; settle it exactly once. */
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
 * The hard daily LLM budget, in integer micro-dollars per UTC day. A reservation never lets the
 * day's committed spend (settled + in flight) pass the limit, even under concurrent calls.
 */
export interface LlmBudget {
  /** Reserves `micros` for a call; undefined when that would pass `limitMicros` today. */
  reserve(micros: number, limitMicros: number): Promise<Reservation | undefined>;
  /** Replaces the reservation by the actual cost of the call (0 when the provider billed nothing) and counts the call. */
  settle(reservation: Reservation, actualMicros: number): Promise<void>;
  /** The day's spend for /status; `day` is a date or "YYYY-MM-DD" (UTC), today when absent. */
  readDailySpend(day?: Date | string): Promise<DailySpend>;
}
