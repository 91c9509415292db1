import { LlmCostReporter } from '../../../lambda/core/llm/cost-report';
import { recordingLogger } from '../../support/recording-logger';

const call = { provider: 'openai', model: 'gpt-5.4-nano', outcome: 'intent', costUsd: 0.0004, reservedUsd: 0.001, inputTokens: 900, outputTokens: 120, latencyMs: 800, attempts: 1 } as const;

describe('the LLM cost report', () => {
  it('writes one EMF line per call on the Stage dimension, and says through the logger, not on the console, when CloudWatch would skip its timestamp', () => {
    const logger = recordingLogger();
    const lines: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write');
    const stdout = jest.spyOn(process.stdout, 'write');
    try {
      // A clock a year behind: CloudWatch accepts 14 days in the past at most.
      new LlmCostReporter(logger, 'dev', (line) => lines.push(line), () => new Date(Date.now() - 365 * 86_400_000)).call(call);
      expect(stderr).not.toHaveBeenCalled();
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] as string) as { Stage: string; LlmCalls: number; _aws: { CloudWatchMetrics: Array<{ Dimensions: string[][] }> } };
    expect(emf).toMatchObject({ Stage: 'dev', LlmCalls: 1 });
    expect(emf._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['Stage']]);
    expect(logger.lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining('will be skipped by Amazon CloudWatch') })]));
  });

  it('warns about nothing when the clock is now', () => {
    const logger = recordingLogger();
    new LlmCostReporter(logger, 'prod', () => undefined).call(call);
    expect(logger.lines.filter((line) => line.message !== 'LLM call')).toEqual([]);
  });
});
