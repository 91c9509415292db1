import type { FlagValues } from '../contract/flags';
import type { LlmBudget, Reservation } from '../ports/llm-budget';
import type { Logger } from '../ports/logger';
import type { SecretReader } from '../ports/secrets';
import { completeWithRetry, DEFAULT_RETRY_POLICY, LlmCallFailed, type RetryPolicy } from './complete-with-retry';
import { LlmCostReporter, stdoutEmfWriter, type EmfWriter, type LlmCallOutcome } from './cost-report';
import { costMicros, DEFAULT_MODELS, LLM_PROVIDERS, microsToUsd, priceOf, usdToMicros, type LlmProviderName, type ModelPrice } from './prices';
import type { LlmCallError, LlmProvider, LlmRequest, TokenUsage } from './provider';
import { createLlmProvider } from './providers';
import { worstCaseInputTokens } from './token-estimate';

export const PROVIDER_LABELS: Record<LlmProviderName, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

export interface MeteredLlmDeps {
  /** Reads `openai-api-key` / `anthropic-api-key`. */
  secrets: SecretReader;
  /** The hard daily spend limit every call reserves from first. */
  budget: LlmBudget;
  logger: Logger;
  /** The `Stage` dimension of the metrics. */
  stage: string;
  /** OPENAI_BASE_URL and ANTHROPIC_BASE_URL (local mode, tests); unset means the public APIs. */
  env?: Record<string, string | undefined>;
  /** The clock of the cost metrics. */
  now?: () => Date;
  /** Deadline per call (8 s), attempts (3) and first backoff (250 ms). */
  retry?: Partial<RetryPolicy>;
  /** Where EMF metric lines go (stdout by default). */
  writeEmf?: EmfWriter;
}

/** What the caller made of the model's output: a value, or why it cannot be used. */
export type Interpretation<T> = { ok: true; value: T; outcome: Extract<LlmCallOutcome, 'intent' | 'clarification'> } | { ok: false; reason: string };

/** A metered call's result: the value with a note naming model and cost, or the sentence and metric reason of why there is none. */
export type MeteredResult<T> = { ok: true; value: T; note: string } | { ok: false; why: string; reason: string };

export interface MeteredLlm {
  /**
   * One structured-output call with the provider and model the flags name, within the daily
   * budget: the key is read, the worst-case cost reserved, the call retried within its
   * deadline, the actual cost settled and reported (log line and EMF metrics).
   */
  complete<T>(flags: FlagValues, buildRequest: (model: string, reasoning: boolean) => LlmRequest, interpret: (output: unknown, provider: LlmProviderName) => Interpretation<T>): Promise<MeteredResult<T>>;
  /** Counts a fallback (the LlmFallbacks metric) the caller decided on by itself. */
  fallback(reason: string): void;
}

/** The LLM provider layer any agent can use: providers, prices, retries, the budget and cost reporting. */
export function createMeteredLlm(deps: MeteredLlmDeps): MeteredLlm {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const { budget } = deps;
  const report = new LlmCostReporter(deps.logger, deps.stage, deps.writeEmf ?? stdoutEmfWriter, now);
  const providers = new Map<string, LlmProvider>();

  const providerFor = (name: LlmProviderName, apiKey: string): LlmProvider => {
    const baseURL = name === 'openai' ? env.OPENAI_BASE_URL : env.ANTHROPIC_BASE_URL;
    const cacheKey = `${name}\n${baseURL ?? ''}\n${apiKey}`;
    let provider = providers.get(cacheKey);
    if (!provider) {
      provider = createLlmProvider(name, { apiKey, baseURL });
      providers.set(cacheKey, provider);
    }
    return provider;
  };
  const refuse = <T>(why: string, reason: string): MeteredResult<T> => {
    report.fallback(reason);
    return { ok: false, why, reason };
  };

  return {
    fallback: (reason) => report.fallback(reason),
    async complete(flags, buildRequest, interpret) {
      const providerName = flags['llm-provider'];
      const model = flags['llm-model'] ?? DEFAULT_MODELS[providerName];
      const price = priceOf(providerName, model);
      if (!price) {
        const owner = LLM_PROVIDERS.find((other) => other !== providerName && priceOf(other, model));
        deps.logger.warn('LLM model has no price', { provider: providerName, model, ...(owner ? { model_provider: owner } : { fix: 'add the model to lambda/core/llm/prices.ts (docs/llm.md)' }) });
        const why = owner
          ? `The llm-model flag names ${model}, an ${PROVIDER_LABELS[owner]} model, but llm-provider is ${providerName}.`
          : `No price is known for the ${PROVIDER_LABELS[providerName]} model ${model}, so it was not called.`;
        return refuse(why, 'unpriced-model');
      }
      const secretName = providerName === 'openai' ? 'openai-api-key' : 'anthropic-api-key';
      let apiKey: string | undefined;
      try {
        apiKey = await deps.secrets.get(secretName);
      } catch (error) {
        deps.logger.error('LLM key could not be read', { secret: secretName, error: error instanceof Error ? error.name : 'unknown' });
        return refuse(`The ${secretName} secret could not be read.`, 'key-unreadable');
      }
      if (!apiKey) return refuse(`The ${secretName} secret is not set.`, 'no-key');

      const request = buildRequest(model, price.reasoning);
      const worstMicros = costMicros(price, worstCaseInputTokens(request, providerName), request.maxOutputTokens);
      const limitUsd = flags['max-daily-llm-cost-usd'];
      let reservation: Reservation | undefined;
      try {
        reservation = await budget.reserve(worstMicros, usdToMicros(limitUsd));
      } catch (error) {
        deps.logger.error('LLM budget could not be checked', { error: error instanceof Error ? error.name : 'unknown' });
        return refuse('The LLM budget could not be checked.', 'budget-unavailable');
      }
      if (!reservation) return refuse(await budgetRefusal(budget, limitUsd, worstMicros), 'budget-exhausted');

      const started = performance.now();
      const provider = providerFor(providerName, apiKey);
      const record = { provider: providerName, model, reservedUsd: microsToUsd(worstMicros) };
      const settle = async (micros: number) => {
        try {
          await budget.settle(reservation, micros);
        } catch (error) {
          // The reservation stays counted as spent, which errs on the safe side of the limit.
          deps.logger.error('LLM spend could not be settled', { day: reservation.day, reserved_usd: record.reservedUsd, error: error instanceof Error ? error.name : 'unknown' });
        }
      };

      try {
        const { response, attempts } = await completeWithRetry(provider, request, policy);
        const usage = countedUsage(response.usage, deps.logger, providerName);
        // Usage that is not a count is charged as the whole reservation: the budget is never widened by a provider's answer.
        const micros = usage ? costMicros(price, usage.inputTokens, usage.outputTokens) : worstMicros;
        await settle(micros);
        const reading = interpret(response.output, providerName);
        const outcome: LlmCallOutcome = reading.ok ? reading.outcome : 'invalid-answer';
        report.call({ ...record, outcome, costUsd: microsToUsd(micros), inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0, latencyMs: elapsed(started), attempts });
        if (!reading.ok) return refuse(`${PROVIDER_LABELS[providerName]}'s answer could not be used: ${reading.reason}.`, 'invalid-answer');
        return { ok: true, value: reading.value, note: `${model}, ${formatCost(microsToUsd(micros))}.` };
      } catch (error) {
        if (!(error instanceof LlmCallFailed)) throw error;
        const { failure, attempts } = error;
        const reported = failure.details.usage === undefined ? undefined : countedUsage(failure.details.usage, deps.logger, providerName);
        const usage = reported ?? { inputTokens: 0, outputTokens: 0 };
        const micros = failure.details.usage !== undefined && !reported ? worstMicros : chargeForFailure(failure, price, usage, worstMicros);
        await settle(micros);
        report.call({ ...record, outcome: failure.kind, costUsd: microsToUsd(micros), inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, latencyMs: elapsed(started), attempts, httpStatus: failure.details.status });
        return refuse(failureNote(providerName, failure, attempts, policy.timeoutMs), failure.kind);
      }
    },
  };
}

/** Token counts as a provider reported them, when they are counts (non-negative integers); undefined otherwise, with a warning. */
function countedUsage(usage: TokenUsage, logger: Logger, provider: LlmProviderName): TokenUsage | undefined {
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (isCount(usage.inputTokens) && isCount(usage.outputTokens)) return usage;
  logger.warn('The LLM provider reported token usage that is not a count; the call is charged its whole reservation', { provider, input_tokens: String(usage.inputTokens), output_tokens: String(usage.outputTokens) });
  return undefined;
}

/**
 * Why a reservation was refused: the day's settled spend leaves no room ("used up"), or only
 * calls in flight hold it for now (their reservations are released as they settle).
 */
async function budgetRefusal(budget: LlmBudget, limitUsd: number, wantedMicros: number): Promise<string> {
  const limit = `The daily LLM budget ($${limitUsd.toFixed(2)})`;
  try {
    const spend = await budget.readDailySpend();
    if (spend.reservedUsd > 0 && usdToMicros(spend.spentUsd) + wantedMicros <= usdToMicros(limitUsd)) {
      return `${limit} is held by LLM calls in progress right now; try again in a minute.`;
    }
  } catch {
    // The refusal stands; only its wording needed the read.
  }
  return `${limit} is used up.`;
}

/** What a failed call costs: the usage the provider reported, or the whole reservation for a timeout (the provider may bill a request we stopped waiting for). */
function chargeForFailure(failure: LlmCallError, price: ModelPrice, usage: { inputTokens: number; outputTokens: number }, worstMicros: number): number {
  if (failure.details.usage) return costMicros(price, usage.inputTokens, usage.outputTokens);
  return failure.kind === 'timeout' ? worstMicros : 0;
}

function failureNote(providerName: LlmProviderName, failure: LlmCallError, attempts: number, timeoutMs: number): string {
  const provider = PROVIDER_LABELS[providerName];
  const status = failure.details.status !== undefined ? ` (HTTP ${failure.details.status})` : '';
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  switch (failure.kind) {
    case 'timeout':
      return `${provider} timed out after ${formatSeconds(timeoutMs)}.`;
    case 'rate-limited':
      return `${provider} is rate limiting requests${status}; gave up after ${tries}.`;
    case 'server-error':
      return `${provider} had a server error${status} after ${tries}.`;
    case 'connection-error':
      return `${provider} could not be reached after ${tries}.`;
    case 'rejected':
      return `${provider} refused the request${status}; check the ${providerName}-api-key secret and the llm-model flag.`;
    case 'malformed-output':
      return `${provider}'s answer could not be used: ${failure.message}.`;
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);

function formatSeconds(ms: number): string {
  return `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
}

function formatCost(usd: number): string {
  return usd > 0 && usd < 0.0001 ? 'under $0.0001' : `$${usd.toFixed(4)}`;
}
