/** Custom CloudWatch metrics emitted by the handlers (embedded metric format) and alarmed on by the CDK app. */
export const METRICS_NAMESPACE = 'Valine';
export const STAGE_DIMENSION = 'Stage';
export const METRIC_NAMES = {
  llmCostUsd: 'LlmCostUsd',
  llmCalls: 'LlmCalls',
  llmFallbacks: 'LlmFallbacks',
} as const;
