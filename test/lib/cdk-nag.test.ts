import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import type { StageName } from '../../lambda/core/contract/stages';
import { synthesizeStage } from './support/synthesize-stage';

interface ValidationReport {
  pluginReports: Array<{ violations: Array<{ ruleName: string; description: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
}

/** Synthesizes with the AwsSolutions pack; returns every unacknowledged finding as "rule at path: description". */
function unacknowledgedFindings(stage: StageName, context: Record<string, string> = {}): string[] {
  try {
    synthesizeStage(stage, { nag: true, context });
    return [];
  } catch (error) {
    const reportPath = /found in: (\S+validation-report\.json)/.exec(String((error as Error).message))?.[1];
    if (!reportPath) throw error;
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ValidationReport;
    return report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}: ${v.description}`)),
    );
  }
}

describe('cdk-nag AwsSolutions', () => {
  test('dev (environment-agnostic) has no unacknowledged findings', () => {
    expect(unacknowledgedFindings('dev')).toEqual([]);
  });

  test('prod with a fixed account and region, as on a real deploy, has no unacknowledged findings', () => {
    expect(unacknowledgedFindings('prod', { account: '123456789012', region: 'eu-west-1' })).toEqual([]);
  });

  test('every acknowledgement names one AwsSolutions rule and carries a specific reason', () => {
    const { app } = synthesizeStage('prod');
    const acknowledged: Array<[rule: string, reason: string]> = [];
    for (const node of app.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) acknowledged.push(...Object.entries(entry.data as Record<string, string>));
      }
    }
    expect(acknowledged.length).toBeGreaterThan(5);
    for (const [rule, reason] of acknowledged) {
      expect(rule).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});
