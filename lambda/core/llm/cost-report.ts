import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMES, METRICS_NAMESPACE, STAGE_DIMENSION } from '../contract/metrics';
import type { Logger } from '../ports/logger';
import type { LlmProviderName } from './prices';

/** What became of one provider call, as the cost log line and the runbook name it. */
export type LlmCallOutcome = 'intent' | 'clarification' | 'timeout' | 'rate-limited' | 'server-error' | 'connection-error' | 'rejected' | 'malformed-output' | 'invalid-answer';

export interface LlmCallRecord {
  provider: LlmProviderName;
  model: string;
  outcome: LlmCallOutcome;
  costUsd: number;
  reservedUsd: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  attempts: number;
  httpStatus?: number;
}

/** Writes one CloudWatch embedded-metric-format line (stdout in Lambda). */
export type EmfWriter = (line: string) => void;
export const stdoutEmfWriter: EmfWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

export interface MetricValue {
  name: string;
  unit: 'None' | 'Count';
  value: number;
}

/** Powertools' warnings about a metric (e.g. a timestamp CloudWatch would skip) as our own structured log lines, not bare console output. */
const powertoolsLogger = (logger: Logger) => {
  const line = (write: (message: string) => void) => (...content: unknown[]) => write(content.map(String).join(' '));
  return { debug: line((m) => logger.debug(m)), info: line((m) => logger.info(m)), warn: line((m) => logger.warn(m)), error: line((m) => logger.error(m)) };
};

/**
 * An EMF document built by Powertools Metrics: namespace Valine, dimension Stage (alone: the alarms
 * in lib/monitoring match on it, so Powertools' default `service` dimension is cleared), the given
 * metrics, and extra properties as EMF metadata. Powertools' warnings go to `logger`.
 */
export function emfDocument(stage: string, timestamp: number, metrics: MetricValue[], properties: Record<string, string | number>, logger: Logger) {
  const emf = new Metrics({ namespace: METRICS_NAMESPACE, logger: powertoolsLogger(logger) });
  emf.clearDefaultDimensions();
  emf.addDimension(STAGE_DIMENSION, stage);
  emf.setTimestamp(timestamp);
  for (const { name, unit, value } of metrics) emf.addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
  for (const [key, value] of Object.entries(properties)) emf.addMetadata(key, String(value));
  return emf.serializeMetrics();
}

/** Reports LLM calls and fallbacks: one structured log line per call (key `cost_usd`) and EMF metrics per stage. */
export class LlmCostReporter {
  constructor(
    private readonly logger: Logger,
    private readonly stage: string,
    private readonly writeEmf: EmfWriter = stdoutEmfWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  call(record: LlmCallRecord): void {
    const succeeded = record.outcome === 'intent' || record.outcome === 'clarification';
    const line = {
      provider: record.provider,
      model: record.model,
      outcome: record.outcome,
      cost_usd: record.costUsd,
      reserved_usd: record.reservedUsd,
      input_tokens: record.inputTokens,
      output_tokens: record.outputTokens,
      latency_ms: record.latencyMs,
      attempts: record.attempts,
      ...(record.httpStatus !== undefined ? { http_status: record.httpStatus } : {}),
    };
    if (succeeded) this.logger.info('LLM call', line);
    else this.logger.warn('LLM call', line);
    this.writeEmf(
      JSON.stringify(
        emfDocument(
          this.stage,
          this.now().getTime(),
          [
            { name: METRIC_NAMES.llmCostUsd, unit: 'None', value: record.costUsd },
            { name: METRIC_NAMES.llmCalls, unit: 'Count', value: 1 },
          ],
          { provider: record.provider, model: record.model, outcome: record.outcome },
          this.logger,
        ),
      ),
    );
  }

  /** The rules parser answered although LLM parsing is on. */
  fallback(reason: string, detail: Record<string, string | number> = {}): void {
    this.logger.warn('LLM parsing fell back to rules', { reason, ...detail });
    this.writeEmf(JSON.stringify(emfDocument(this.stage, this.now().getTime(), [{ name: METRIC_NAMES.llmFallbacks, unit: 'Count', value: 1 }], { reason }, this.logger)));
  }
}
