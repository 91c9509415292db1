import { LlmCallError, type LlmProvider, type LlmRequest, type LlmResponse } from './provider';

export interface RetryPolicy {
  /** The whole call, retries and waits included, ends by this deadline (8 s by default). */
  timeoutMs: number;
  /** Attempts in all (the first one included). */
  maxAttempts: number;
  /** Wait before the first retry when the provider gives no retry-after; doubles per retry. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { timeoutMs: 8000, maxAttempts: 3, baseDelayMs: 250 };

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface CompletedCall {
  response: LlmResponse;
  attempts: number;
}

/** Thrown when the call failed for good; `attempts` says how many requests were sent. */
export class LlmCallFailed extends Error {
  constructor(
    readonly failure: LlmCallError,
    readonly attempts: number,
  ) {
    super(failure.message);
  }
}

const RETRYABLE = new Set(['rate-limited', 'server-error', 'connection-error']);

/**
 * Calls the provider, retrying 429 (after its retry-after), 5xx and dropped connections, but
 * never past one deadline: a retry-after that would end after it stops the call at once.
 */
export async function completeWithRetry(
  provider: LlmProvider,
  request: LlmRequest,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  clock: RetryClock = realClock,
): Promise<CompletedCall> {
  const deadline = clock.now() + policy.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new LlmCallFailed(new LlmCallError('timeout', `${provider.name} did not answer in time`), attempt - 1);
    try {
      return { response: await provider.complete(request, { timeoutMs: remaining }), attempts: attempt };
    } catch (error) {
      let failure = error instanceof LlmCallError ? error : new LlmCallError('connection-error', `${provider.name} call failed`);
      // An aborted fetch is not always recognisable as a timeout (e.g. across realms); past the deadline it is one.
      if (failure.kind === 'connection-error' && clock.now() >= deadline) failure = new LlmCallError('timeout', `${provider.name} did not answer in time`);
      if (!RETRYABLE.has(failure.kind) || attempt >= policy.maxAttempts) throw new LlmCallFailed(failure, attempt);
      const wait = failure.details.retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1);
      if (clock.now() + wait >= deadline) throw new LlmCallFailed(failure, attempt);
      await clock.sleep(wait);
    }
  }
}
