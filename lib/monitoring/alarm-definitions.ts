import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionId } from '../../lambda/core/contract/environment';
import { METRIC_NAMES, METRICS_NAMESPACE, STAGE_DIMENSION } from '../../lambda/core/contract/metrics';
import { functionName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';
import type { ValineFunction } from '../constructs/valine-function';
import type { ValineTable } from '../constructs/valine-tables';

/** One alarm as data: it fires when `metric` is greater than `threshold` for `evaluationPeriods`. */
export interface AlarmDefinition {
  /** Unique suffix of the alarm name: valine-orchestrator-<stage>-<id>. */
  readonly id: string;
  /** What it means and what to do first; shown in the alarm and by alert-notifier. */
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: TreatMissingData;
}

export interface MonitoredResources {
  readonly functions: ReadonlyArray<ValineFunction<FunctionId>>;
  readonly api: RestApi;
  readonly tables: readonly ValineTable[];
  readonly deadLetterQueue: IQueue;
}

const FIVE_MINUTES = Duration.minutes(5);
// The operations the handlers use; CloudWatch alarms allow at most 10 metrics in one expression.
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/** Every alarm of a stage, with thresholds from its config. */
export function alarmDefinitions(resources: MonitoredResources, config: StageConfig): AlarmDefinition[] {
  const t = config.alarms;
  const alarms: AlarmDefinition[] = [];
  const add = (a: Omit<AlarmDefinition, 'evaluationPeriods' | 'treatMissingData'> & Partial<AlarmDefinition>) =>
    alarms.push({ evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING, ...a });

  for (const fn of resources.functions) {
    const id = fn.functionId;
    add({
      id: `${id}-errors`,
      description: `${fn.functionId} failed more than ${t.functionErrorsPer5Minutes} times in 5 minutes; read its log group /aws/lambda/${functionName(id, config.stage)}.`,
      metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: t.functionErrorsPer5Minutes,
    });
    add({
      id: `${id}-throttles`,
      description: `${fn.functionId} was throttled more than ${t.functionThrottlesPer5Minutes} times in 5 minutes; check the account's concurrency limit.`,
      metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: t.functionThrottlesPer5Minutes,
    });
    const timeoutMs = fn.timeoutSeconds * 1000;
    add({
      id: `${id}-duration-p99`,
      description: `${fn.functionId} p99 duration is above ${Math.round(t.durationP99FractionOfTimeout * 100)} % of its ${fn.timeoutSeconds} s timeout; slow dependency or timeouts ahead.`,
      metric: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
      threshold: Math.round(timeoutMs * t.durationP99FractionOfTimeout),
    });
    if (id === 'interactions') {
      add({
        id: 'interactions-discord-deadline',
        description: `interactions p99 duration is above ${t.interactionsP99Milliseconds} ms: Discord drops interactions not answered within 3 s.`,
        metric: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        threshold: t.interactionsP99Milliseconds,
      });
    }
  }
  add({
    id: 'api-5xx',
    description: `The API returned more than ${t.api5xxPer5Minutes} 5XX responses in 5 minutes; check the access logs and the functions' errors.`,
    metric: resources.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
    threshold: t.api5xxPer5Minutes,
  });
  for (const table of resources.tables) {
    add({
      id: `${table.definition.logicalName}-table-throttles`,
      description: `DynamoDB throttled more than ${t.tableThrottledRequestsPer5Minutes} requests to the ${table.definition.logicalName} table in 5 minutes.`,
      metric: table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: t.tableThrottledRequestsPer5Minutes,
    });
  }
  add({
    id: 'dead-letter-queue',
    description: 'Asynchronous events (worker hand-offs or alarm notifications) failed after all retries and wait in the dead-letter queue; see docs/runbook.md.',
    metric: resources.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
    threshold: t.deadLetterMessagesVisible,
  });
  const budgetThreshold = Math.round(config.dailyLlmBudgetUsd * t.llmSpendFractionOfBudget * 100) / 100;
  add({
    id: 'llm-daily-spend',
    description: `LLM spend in the last day is above $${budgetThreshold} (${Math.round(t.llmSpendFractionOfBudget * 100)} % of the $${config.dailyLlmBudgetUsd} budget); parsing falls back to rules at the limit.`,
    metric: new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: METRIC_NAMES.llmCostUsd,
      dimensionsMap: { [STAGE_DIMENSION]: config.stage },
      statistic: 'Sum',
      period: Duration.days(1),
    }),
    threshold: budgetThreshold,
  });
  return alarms;
}
