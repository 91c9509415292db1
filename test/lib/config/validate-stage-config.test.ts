import { STAGES } from '../../../lambda/core/contract/stages';
import { StageConfigError } from '../../../lib/config/stage-config-error';
import { STAGE_CONFIGS, type StageConfig } from '../../../lib/config/stages';
import { validateStageConfig } from '../../../lib/config/validate-stage-config';

const prod = STAGE_CONFIGS.prod;
const messageOf = (config: StageConfig): string => {
  try {
    validateStageConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

/** One sentence: ends with a period, no line breaks, names the file to fix. */
const expectOneSentence = (message: string) => {
  expect(message).not.toContain('\n');
  expect(message).toMatch(/\.$/);
};

describe('stage configuration', () => {
  test.each(STAGES)('the committed %s config is valid', (stage) => {
    expect(validateStageConfig(STAGE_CONFIGS[stage])).toBe(STAGE_CONFIGS[stage]);
  });

  test('the budget flag default and the stage budget agree', () => {
    for (const stage of STAGES) {
      expect(Number(STAGE_CONFIGS[stage].flagDefaults['max-daily-llm-cost-usd'])).toBe(STAGE_CONFIGS[stage].dailyLlmBudgetUsd);
    }
  });

  test('a worker timeout beyond Lambda\'s 900 s is refused', () => {
    expect(messageOf({ ...prod, functions: { ...prod.functions, worker: { ...prod.functions.worker, timeoutSeconds: 901 } } })).toContain(
      'functions.worker.timeoutSeconds must be a whole number from 1 to 900 (got 901)',
    );
  });

  test('refuses a worker timeout too short for a swept resume to finish', () => {
    expect(messageOf({ ...prod, functions: { ...prod.functions, worker: { ...prod.functions.worker, timeoutSeconds: 30 } } })).toContain(
      'functions.worker.timeoutSeconds (30) leaves a swept resume too little time to finish a pull request (a sweep starts resumes only in the first quarter of a run); give the worker at least 60 s',
    );
  });

  test('a worker timeout whose abandoned-execution age outlives the interaction token is refused, with the largest that works', () => {
    const message = messageOf({ ...prod, functions: { ...prod.functions, worker: { ...prod.functions.worker, timeoutSeconds: 880 } } });
    expect(message).toBe(
      'Invalid configuration for stage "prod": functions.worker.timeoutSeconds (880) makes a stopped task count as abandoned only after 910 s, past the 900 s a Discord interaction token lives, so a resumed run could no longer tell the requester; keep it at or below 870; fix it in lib/config/stages.ts.',
    );
    expectOneSentence(message);
  });

  test('a task TTL the proposal lease would outlast is refused', () => {
    expect(messageOf({ ...prod, taskTtlSeconds: 120 })).toContain("taskTtlSeconds (120) must be longer than the worker's proposal lease (150 s, its timeout plus a margin)");
  });

  test('a malformed Discord public key in the config is refused', () => {
    expect(messageOf({ ...prod, discordPublicKey: 'xyz' })).toContain('discordPublicKey must be the application\'s public key, 64 hexadecimal characters (got "xyz")');
  });

  test('a negative alarm threshold is named with the fix', () => {
    const message = messageOf({ ...prod, alarms: { ...prod.alarms, functionErrorsPer5Minutes: -1 } });
    expect(message).toBe('Invalid configuration for stage "prod": alarms.functionErrorsPer5Minutes must be a number from 0 to 1000000 (got -1); fix it in lib/config/stages.ts.');
    expectOneSentence(message);
  });

  test('a threshold that is not a number is rejected', () => {
    const message = messageOf({ ...prod, alarms: { ...prod.alarms, api5xxPer5Minutes: Number.NaN } });
    expect(message).toContain('alarms.api5xxPer5Minutes must be a number');
  });

  test('a fraction above 1 is rejected', () => {
    expect(messageOf({ ...prod, alarms: { ...prod.alarms, llmSpendFractionOfBudget: 80 } })).toContain(
      'alarms.llmSpendFractionOfBudget must be a fraction above 0 and at most 1 (got 80)',
    );
  });

  test('a budget that disagrees with the flag default names both places', () => {
    const message = messageOf({ ...prod, dailyLlmBudgetUsd: 25 });
    expect(message).toContain('dailyLlmBudgetUsd (25) differs from the max-daily-llm-cost-usd flag default (10)');
    expect(message).toContain('lambda/core/contract/flags.ts and lib/config/stages.ts');
    expectOneSentence(message);
  });

  test('an invalid flag default is rejected', () => {
    expect(messageOf({ ...prod, flagDefaults: { ...prod.flagDefaults, 'use-llm-parsing': 'yes' } })).toContain(
      'flagDefaults["use-llm-parsing"] is not a valid value for that flag (got "yes")',
    );
  });

  test('a log retention CloudWatch does not offer is rejected', () => {
    expect(messageOf({ ...prod, logRetentionDays: 10 })).toContain('logRetentionDays must be one of');
  });

  test('deletion protection with a destroy removal policy is a contradiction', () => {
    expect(messageOf({ ...prod, removalPolicy: 'destroy' })).toContain('deletionProtection is on while removalPolicy is "destroy"');
  });

  test('the Discord-deadline alarm must fire before interactions times out', () => {
    const functions = { ...prod.functions, interactions: { memorySizeMb: 1024, timeoutSeconds: 2 } };
    expect(messageOf({ ...prod, functions })).toContain('alarms.interactionsP99Milliseconds (2500) must be below the interactions timeout (2000 ms)');
  });

  test('memory and timeouts stay within Lambda limits', () => {
    expect(messageOf({ ...prod, functions: { ...prod.functions, worker: { memorySizeMb: 64, timeoutSeconds: 60 } } })).toContain(
      'functions.worker.memorySizeMb must be a whole number from 128 to 10240 (got 64)',
    );
    expect(messageOf({ ...prod, functions: { ...prod.functions, worker: { memorySizeMb: 1024, timeoutSeconds: 901 } } })).toContain(
      'functions.worker.timeoutSeconds must be a whole number from 1 to 900 (got 901)',
    );
  });

  test('an alert e-mail must look like an address', () => {
    expect(messageOf({ ...prod, alertEmail: 'oncall' })).toContain('alertEmail must be an e-mail address (got "oncall")');
  });
});
