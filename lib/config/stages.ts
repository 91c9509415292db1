import { defaultFlagStrings, type FlagName } from '../../lambda/core/contract/flags';
import type { FunctionId } from '../../lambda/core/contract/environment';
import type { StageName } from '../../lambda/core/contract/stages';

/** Size and time limit of one Lambda function. */
export interface FunctionSettings {
  readonly memorySizeMb: number;
  readonly timeoutSeconds: number;
}

/** Alarm thresholds; every alarm fires when its metric is strictly greater than the threshold. */
export interface AlarmThresholds {
  /** Lambda Errors (sum) per function in 5 minutes; the reference runbook's "> 5 in 5 minutes". */
  readonly functionErrorsPer5Minutes: number;
  /** Lambda Throttles (sum) per function in 5 minutes. */
  readonly functionThrottlesPer5Minutes: number;
  /** p99 Duration per function, as a fraction of that function's timeout. */
  readonly durationP99FractionOfTimeout: number;
  /** p99 Duration of `interactions` in milliseconds: Discord drops an interaction not answered within 3 s. */
  readonly interactionsP99Milliseconds: number;
  /** API Gateway 5XXError (sum) in 5 minutes. */
  readonly api5xxPer5Minutes: number;
  /** DynamoDB ThrottledRequests (sum) per table in 5 minutes. */
  readonly tableThrottledRequestsPer5Minutes: number;
  /** Messages visible in the dead-letter queue (maximum over 5 minutes). */
  readonly deadLetterMessagesVisible: number;
  /** LLM spend (LlmCostUsd, sum over one day) as a fraction of the daily budget. */
  readonly llmSpendFractionOfBudget: number;
}

/** API Gateway throttling of one route: steady requests per second and the bucket size for bursts. */
export interface RouteThrottle {
  readonly rateLimitPerSecond: number;
  readonly burstLimit: number;
}

/** Everything that differs between stages, in one typed place. */
export interface StageConfig {
  readonly stage: StageName;
  /** Days of retention for every log group (must be a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** What CloudFormation does with tables and log groups when they leave the stack. */
  readonly removalPolicy: 'destroy' | 'retain';
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  /** CloudFormation refuses to delete the stack while this is on. */
  readonly terminationProtection: boolean;
  readonly functions: Readonly<Record<FunctionId, FunctionSettings>>;
  /** Asynchronous invocations (worker hand-off, SNS → alert-notifier): retries before the dead-letter queue. */
  readonly asyncRetryAttempts: number;
  /** Oldest asynchronous event still worth processing; Discord interaction tokens live 15 minutes. */
  readonly asyncMaxEventAgeSeconds: number;
  /** Each route has its own throttle (method-level), so a flood on one cannot use up the other's. */
  readonly api: { readonly discord: RouteThrottle; readonly githubWebhook: RouteThrottle };
  /** How long a task (conversation) lives in DynamoDB before TTL removes it: TASK_TTL_SECONDS. */
  readonly taskTtlSeconds: number;
  /** Daily LLM budget in US dollars; equals the `max-daily-llm-cost-usd` flag default. */
  readonly dailyLlmBudgetUsd: number;
  /**
   * The Discord application's public key (64 hex characters; not a secret, Discord shows it on the
   * application's page), or --context discordPublicKey=... It reaches the interactions function as
   * DISCORD_PUBLIC_KEY, so a cold PING needs no SSM call; unset, the function reads the SSM SecureString.
   */
  readonly discordPublicKey?: string;
  /** Optional e-mail address subscribed to the alarm topic (override with --context alertEmail=...). */
  readonly alertEmail?: string;
  readonly alarms: AlarmThresholds;
  /** Values written to /valine/<stage>/flags/* on creation (from the shared flag contract). */
  readonly flagDefaults: Readonly<Record<FlagName, string>>;
}

const sharedAlarms: AlarmThresholds = {
  functionErrorsPer5Minutes: 5,
  functionThrottlesPer5Minutes: 0,
  durationP99FractionOfTimeout: 0.8,
  interactionsP99Milliseconds: 2500,
  api5xxPer5Minutes: 5,
  tableThrottledRequestsPer5Minutes: 0,
  deadLetterMessagesVisible: 0,
  llmSpendFractionOfBudget: 0.8,
};

export const STAGE_CONFIGS: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    logRetentionDays: 14,
    removalPolicy: 'destroy',
    pointInTimeRecovery: false,
    deletionProtection: false,
    terminationProtection: false,
    functions: {
      interactions: { memorySizeMb: 512, timeoutSeconds: 5 },
      worker: { memorySizeMb: 1024, timeoutSeconds: 120 },
      'github-webhook': { memorySizeMb: 256, timeoutSeconds: 15 },
      'alert-notifier': { memorySizeMb: 256, timeoutSeconds: 15 },
      // Chromium wants 1.5 GB or more; 2 GB also buys the CPU share that makes a pair take seconds, not tens of them.
      screenshot: { memorySizeMb: 2048, timeoutSeconds: 90 },
    },
    asyncRetryAttempts: 2,
    asyncMaxEventAgeSeconds: 900,
    api: { discord: { rateLimitPerSecond: 10, burstLimit: 20 }, githubWebhook: { rateLimitPerSecond: 5, burstLimit: 10 } },
    taskTtlSeconds: 3600,
    dailyLlmBudgetUsd: 10,
    alarms: sharedAlarms,
    flagDefaults: defaultFlagStrings('dev'),
  },
  prod: {
    stage: 'prod',
    logRetentionDays: 90,
    removalPolicy: 'retain',
    pointInTimeRecovery: true,
    deletionProtection: true,
    terminationProtection: true,
    functions: {
      interactions: { memorySizeMb: 1024, timeoutSeconds: 5 },
      worker: { memorySizeMb: 1024, timeoutSeconds: 120 },
      'github-webhook': { memorySizeMb: 512, timeoutSeconds: 15 },
      'alert-notifier': { memorySizeMb: 256, timeoutSeconds: 15 },
      // Chromium wants 1.5 GB or more; 2 GB also buys the CPU share that makes a pair take seconds, not tens of them.
      screenshot: { memorySizeMb: 2048, timeoutSeconds: 90 },
    },
    asyncRetryAttempts: 2,
    asyncMaxEventAgeSeconds: 900,
    api: { discord: { rateLimitPerSecond: 50, burstLimit: 100 }, githubWebhook: { rateLimitPerSecond: 10, burstLimit: 20 } },
    taskTtlSeconds: 3600,
    dailyLlmBudgetUsd: 10,
    alarms: { ...sharedAlarms, api5xxPer5Minutes: 1 },
    flagDefaults: defaultFlagStrings('prod'),
  },
};
