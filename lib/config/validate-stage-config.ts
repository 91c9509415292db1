import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { FLAG_NAMES, parseFlag } from '../../lambda/core/contract/flags';
import { FUNCTION_IDS } from '../../lambda/core/contract/environment';
import { executionTimings, INTERACTION_TOKEN_SECONDS, MIN_WORKER_TIMEOUT_SECONDS } from '../../lambda/core/domain/task';
import { StageConfigError } from './stage-config-error';
import type { AlarmThresholds, StageConfig } from './stages';

const CONFIG_FILE = 'lib/config/stages.ts';
const RETENTION_VALUES = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** As the Discord developer portal shows an application's public key. */
export const DISCORD_PUBLIC_KEY = /^[0-9a-fA-F]{64}$/;

type Check = (path: string, value: unknown) => string | undefined;

const numberIn = (min: number, max: number, integer = false): Check => (path, value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
    ? undefined
    : `${path} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${JSON.stringify(value)})`;

const positive: Check = (path, value) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? undefined : `${path} must be a positive number (got ${JSON.stringify(value)})`;

const fraction: Check = (path, value) =>
  typeof value === 'number' && value > 0 && value <= 1 ? undefined : `${path} must be a fraction above 0 and at most 1 (got ${JSON.stringify(value)})`;

const ALARM_CHECKS: Record<keyof AlarmThresholds, Check> = {
  functionErrorsPer5Minutes: numberIn(0, 1_000_000),
  functionThrottlesPer5Minutes: numberIn(0, 1_000_000),
  durationP99FractionOfTimeout: fraction,
  interactionsP99Milliseconds: positive,
  api5xxPer5Minutes: numberIn(0, 1_000_000),
  tableThrottledRequestsPer5Minutes: numberIn(0, 1_000_000),
  deadLetterMessagesVisible: numberIn(0, 1_000_000),
  llmSpendFractionOfBudget: fraction,
};

/** Every problem a stage config can have, as sentences fragments; empty when the config is valid. */
export function stageConfigProblems(config: StageConfig): string[] {
  const problems: Array<string | undefined> = [];
  const check = (path: string, value: unknown, rule: Check) => problems.push(rule(path, value));

  if (!RETENTION_VALUES.includes(config.logRetentionDays)) {
    problems.push(`logRetentionDays must be one of CloudWatch's retention periods such as 14, 30, 90 or 365 (got ${JSON.stringify(config.logRetentionDays)})`);
  }
  if (config.removalPolicy !== 'destroy' && config.removalPolicy !== 'retain') {
    problems.push(`removalPolicy must be "destroy" or "retain" (got ${JSON.stringify(config.removalPolicy)})`);
  }
  if (config.deletionProtection && config.removalPolicy === 'destroy') {
    problems.push('deletionProtection is on while removalPolicy is "destroy", which CloudFormation cannot honour; choose "retain" or turn deletion protection off');
  }
  for (const id of FUNCTION_IDS) {
    const settings = config.functions[id];
    if (!settings) {
      problems.push(`functions.${id} is missing`);
      continue;
    }
    check(`functions.${id}.memorySizeMb`, settings.memorySizeMb, numberIn(128, 10240, true));
    check(`functions.${id}.timeoutSeconds`, settings.timeoutSeconds, numberIn(1, 900, true));
  }
  check('asyncRetryAttempts', config.asyncRetryAttempts, numberIn(0, 2, true));
  check('asyncMaxEventAgeSeconds', config.asyncMaxEventAgeSeconds, numberIn(60, 21600, true));
  for (const route of ['discord', 'githubWebhook'] as const) {
    check(`api.${route}.rateLimitPerSecond`, config.api[route].rateLimitPerSecond, positive);
    check(`api.${route}.burstLimit`, config.api[route].burstLimit, numberIn(1, 5000, true));
  }
  check('taskTtlSeconds', config.taskTtlSeconds, numberIn(60, 31_536_000, true));
  check('dailyLlmBudgetUsd', config.dailyLlmBudgetUsd, positive);
  if (config.alertEmail !== undefined && !EMAIL_ADDRESS.test(config.alertEmail)) {
    problems.push(`alertEmail must be an e-mail address (got ${JSON.stringify(config.alertEmail)})`);
  }
  for (const [name, rule] of Object.entries(ALARM_CHECKS) as Array<[keyof AlarmThresholds, Check]>) {
    check(`alarms.${name}`, config.alarms[name], rule);
  }
  const interactionsTimeoutMs = (config.functions.interactions?.timeoutSeconds ?? 0) * 1000;
  if (config.alarms.interactionsP99Milliseconds >= interactionsTimeoutMs) {
    problems.push(`alarms.interactionsP99Milliseconds (${config.alarms.interactionsP99Milliseconds}) must be below the interactions timeout (${interactionsTimeoutMs} ms)`);
  }
  problems.push(...workerTimeoutProblems(config));
  if (config.discordPublicKey !== undefined && !DISCORD_PUBLIC_KEY.test(config.discordPublicKey)) {
    problems.push(`discordPublicKey must be the application's public key, 64 hexadecimal characters (got ${JSON.stringify(config.discordPublicKey)})`);
  }
  for (const flag of FLAG_NAMES) {
    const raw = config.flagDefaults[flag];
    if (raw === undefined || !parseFlag(flag, raw).ok) {
      problems.push(`flagDefaults["${flag}"] is not a valid value for that flag (got ${JSON.stringify(raw)})`);
    }
  }
  const budgetFlag = Number(config.flagDefaults['max-daily-llm-cost-usd']);
  if (budgetFlag !== config.dailyLlmBudgetUsd) {
    problems.push(`dailyLlmBudgetUsd (${config.dailyLlmBudgetUsd}) differs from the max-daily-llm-cost-usd flag default (${config.flagDefaults['max-daily-llm-cost-usd']}), so the alarm and the budget would disagree; make them equal in lambda/core/contract/flags.ts and ${CONFIG_FILE}`);
  }
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * The worker's timeout reaches the handlers as WORKER_TIMEOUT_SECONDS; the proposal lease and the
 * abandoned-execution age derive from it (executionTimings), and must still fit what they guard.
 */
function workerTimeoutProblems(config: StageConfig): string[] {
  const timeout = config.functions.worker?.timeoutSeconds;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 900) return [];
  const timings = executionTimings(timeout);
  const problems: string[] = [];
  if (timeout < MIN_WORKER_TIMEOUT_SECONDS) {
    problems.push(`functions.worker.timeoutSeconds (${timeout}) leaves a swept resume too little time to finish a pull request (a sweep starts resumes only in the first quarter of a run); give the worker at least ${MIN_WORKER_TIMEOUT_SECONDS} s`);
  }
  if (timings.abandonedExecutionSeconds > INTERACTION_TOKEN_SECONDS) {
    problems.push(
      `functions.worker.timeoutSeconds (${timeout}) makes a stopped task count as abandoned only after ${timings.abandonedExecutionSeconds} s, past the ${INTERACTION_TOKEN_SECONDS} s a Discord interaction token lives, so a resumed run could no longer tell the requester; keep it at or below ${INTERACTION_TOKEN_SECONDS - (timings.abandonedExecutionSeconds - timeout)}`,
    );
  }
  if (timings.proposeLeaseSeconds >= config.taskTtlSeconds) {
    problems.push(`taskTtlSeconds (${config.taskTtlSeconds}) must be longer than the worker's proposal lease (${timings.proposeLeaseSeconds} s, its timeout plus a margin), or a task could vanish while it is worked on`);
  }
  return problems;
}

/** Throws a StageConfigError naming the first problem and where to fix it. */
export function validateStageConfig(config: StageConfig): StageConfig {
  const [first] = stageConfigProblems(config);
  if (first !== undefined) {
    const fix = first.includes(CONFIG_FILE) ? '' : `; fix it in ${CONFIG_FILE}`;
    throw new StageConfigError(`Invalid configuration for stage "${config.stage}": ${first}${fix}.`);
  }
  return config;
}
