import type { FlagValues } from '../../../contract/flags';
import { completeWithRetry, DEFAULT_RETRY_POLICY, LlmCallFailed, type RetryPolicy } from '../../../llm/complete-with-retry';
import { LlmCostReporter, stdoutEmfWriter, type EmfWriter, type LlmCallOutcome } from '../../../llm/cost-report';
import { costMicros, DEFAULT_MODELS, LLM_PROVIDERS, microsToUsd, priceOf, usdToMicros, type LlmProviderName, type ModelPrice } from '../../../llm/prices';
import type { LlmCallError, LlmProvider } from '../../../llm/provider';
import { createLlmProvider } from '../../../llm/providers';
import { worstCaseInputTokens } from '../../../llm/token-estimate';
import type { LlmBudget, Reservation } from '../../../ports/llm-budget';
import type { Logger } from '../../../ports/logger';
import type { SecretReader } from '../../../ports/secrets';
import type { IntentParseContext, IntentParser, ParseOutcome } from '../intent';
import type { SiteMap } from '../site-map';
import { readAnswer } from './answer';
import { buildIntentRequest } from './prompt';

const PROVIDER_LABELS: Record<LlmProviderName, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** Longer descriptions go to the rules parser: they cost more and are rarely one change. */
export const MAX_LLM_DESCRIPTION_CHARS = 1000;

export interface LlmIntentParserDeps {
  /** The deterministic plain-language parser that answers whenever the model does not. */
  fallback: IntentParser;
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

/**
 * The model-backed plain-language parser: with `use-llm-parsing` on, the provider and model
 * from the flags turn the words into an intent within the daily budget; in every other case
 * (off, no key, no budget, timeout, error, unusable answer) `fallback` answers. Each outcome
 * names the parser that answered; `note` says why the rules answered ("LLM parsing is off.")
 * or which model answered at what cost ("gpt-5.4-nano, $0.0003."). Flags come from
 * `context.flags`. `name` is the fallback's: the parser that can always answer.
 */
export function createLlmIntentParser(deps: LlmIntentParserDeps): IntentParser {
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

  const fallBack = async (why: string, text: string, siteMap: SiteMap, context: IntentParseContext | undefined, reason?: string): Promise<ParseOutcome> => {
    if (reason) report.fallback(reason);
    const outcome = await deps.fallback.parse(text, siteMap, context);
    return { ...outcome, note: `${why}${outcome.note ? ` ${outcome.note}` : ''}` };
  };

  return {
    name: deps.fallback.name,
    async parse(text, siteMap, context) {
      const flags: FlagValues | undefined = context?.flags;
      if (!flags || !flags['use-llm-parsing']) return fallBack('LLM parsing is off.', text, siteMap, context);
      const providerName = flags['llm-provider'];
      const model = flags['llm-model'] ?? DEFAULT_MODELS[providerName];
      const price = priceOf(providerName, model);
      if (!price) {
        const owner = LLM_PROVIDERS.find((other) => other !== providerName && priceOf(other, model));
        deps.logger.warn('LLM model has no price', { provider: providerName, model, ...(owner ? { model_provider: owner } : { fix: 'add the model to lambda/core/llm/prices.ts (docs/llm.md)' }) });
        const why = owner
          ? `The llm-model flag names ${model}, an ${PROVIDER_LABELS[owner]} model, but llm-provider is ${providerName}.`
          : `No price is known for the ${PROVIDER_LABELS[providerName]} model ${model}, so it was not called.`;
        return fallBack(why, text, siteMap, context, 'unpriced-model');
      }
      if (text.length > MAX_LLM_DESCRIPTION_CHARS) {
        return fallBack(`The description is longer than ${MAX_LLM_DESCRIPTION_CHARS} characters.`, text, siteMap, context, 'too-long');
      }
      const secretName = providerName === 'openai' ? 'openai-api-key' : 'anthropic-api-key';
      let apiKey: string | undefined;
      try {
        apiKey = await deps.secrets.get(secretName);
      } catch (error) {
        deps.logger.error('LLM key could not be read', { secret: secretName, error: error instanceof Error ? error.name : 'unknown' });
        return fallBack(`The ${secretName} secret could not be read.`, text, siteMap, context, 'key-unreadable');
      }
      if (!apiKey) return fallBack(`The ${secretName} secret is not set.`, text, siteMap, context, 'no-key');

      const request = buildIntentRequest(siteMap, text, model, price.reasoning, context?.pageTexts);
      const worstMicros = costMicros(price, worstCaseInputTokens(request, providerName), request.maxOutputTokens);
      const limitUsd = flags['max-daily-llm-cost-usd'];
      let reservation: Reservation | undefined;
      try {
        reservation = await budget.reserve(worstMicros, usdToMicros(limitUsd));
      } catch (error) {
        deps.logger.error('LLM budget could not be checked', { error: error instanceof Error ? error.name : 'unknown' });
        return fallBack('The LLM budget could not be checked.', text, siteMap, context, 'budget-unavailable');
      }
      if (!reservation) {
        return fallBack(`The daily LLM budget ($${limitUsd.toFixed(2)}) is used up.`, text, siteMap, context, 'budget-exhausted');
      }

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
        const micros = costMicros(price, response.usage.inputTokens, response.usage.outputTokens);
        await settle(micros);
        const reading = readAnswer(response.output, siteMap, providerName);
        const outcome: LlmCallOutcome = reading.ok ? reading.outcome.kind : 'invalid-answer';
        report.call({ ...record, outcome, costUsd: microsToUsd(micros), inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens, latencyMs: elapsed(started), attempts });
        if (!reading.ok) return fallBack(`${PROVIDER_LABELS[providerName]}'s answer could not be used: ${reading.reason}.`, text, siteMap, context, 'invalid-answer');
        return { ...reading.outcome, note: `${model}, ${formatCost(microsToUsd(micros))}.` };
      } catch (error) {
        if (!(error instanceof LlmCallFailed)) throw error;
        const { failure, attempts } = error;
        const usage = failure.details.usage ?? { inputTokens: 0, outputTokens: 0 };
        const micros = chargeForFailure(failure, price, usage, worstMicros);
        await settle(micros);
        report.call({ ...record, outcome: failure.kind, costUsd: microsToUsd(micros), inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, latencyMs: elapsed(started), attempts, httpStatus: failure.details.status });
        return fallBack(failureNote(providerName, failure, attempts, policy.timeoutMs), text, siteMap, context, failure.kind);
      }
    },
  };
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
