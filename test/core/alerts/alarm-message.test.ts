import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alarmMessage, describeMetric, describeThreshold } from '../../../lambda/core/alerts/alarm-message';
import { alarmRegion, parseAlarmNotification, type CloudWatchAlarm } from '../../../lambda/core/alerts/cloudwatch-alarm';
import { alarmConsoleUrl, dashboardConsoleUrl } from '../../../lambda/core/alerts/console-links';

const raw = (name: string): string => readFileSync(join(__dirname, '../../fixtures/cloudwatch', name), 'utf8');
function alarm(name: string): CloudWatchAlarm {
  const parsed = parseAlarmNotification(raw(name));
  if (parsed.kind !== 'alarm') throw new Error(parsed.reason);
  return parsed.alarm;
}

describe('CloudWatch alarm notifications', () => {
  it('reads the alarm, its state and its region code from the ARN', () => {
    const errors = alarm('alarm-worker-errors-alarm.json');
    expect(errors).toMatchObject({ AlarmName: 'valine-orchestrator-dev-worker-errors', NewStateValue: 'ALARM', OldStateValue: 'OK' });
    expect(alarmRegion(errors)).toBe('eu-west-1');
  });

  it.each([
    ['not JSON', 'Hello from the SNS console', /not JSON/],
    ['JSON of another kind', JSON.stringify({ source: 'aws.s3', detail: {} }), /AlarmName/],
    ['an unknown state', JSON.stringify({ ...JSON.parse(raw('alarm-worker-errors-alarm.json')), NewStateValue: 'BROKEN' }), /NewStateValue/],
  ])('says why a message that is %s is not an alarm', (_, message, reason) => {
    const parsed = parseAlarmNotification(message);
    expect(parsed.kind).toBe('not-an-alarm');
    expect(parsed.kind === 'not-an-alarm' && parsed.reason).toMatch(reason);
  });

  it('describes a plain metric alarm', () => {
    const errors = alarm('alarm-worker-errors-alarm.json');
    expect(describeMetric(errors)).toBe('AWS/Lambda Errors (Sum, 300 s) FunctionName=valine-orchestrator-worker-dev');
    expect(describeThreshold(errors)).toBe('> 5 for 1 of 1 period(s)');
  });

  it('describes a percentile alarm', () => {
    const p99 = alarm('alarm-interactions-p99-alarm.json');
    expect(describeMetric(p99)).toBe('AWS/Lambda Duration (p99, 300 s) FunctionName=valine-orchestrator-interactions-dev');
    expect(describeThreshold(p99)).toBe('> 2500 for 3 of 3 period(s)');
  });

  it('describes a metric-math alarm by its expression and inputs', () => {
    const math = {
      ...alarm('alarm-worker-errors-alarm.json'),
      Trigger: {
        Metrics: [
          { Id: 'rate', Expression: '100 * errors / invocations', Label: 'Error rate', ReturnData: true },
          { Id: 'errors', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 300, Stat: 'Sum' } },
        ],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 10,
        EvaluationPeriods: 2,
      },
    } satisfies CloudWatchAlarm;
    expect(describeMetric(math)).toBe('Error rate = 100 * errors / invocations\nerrors: Errors (Sum)');
    expect(describeThreshold(math)).toBe('≥ 10 for 2 of 2 period(s)');
  });

  it('formats an ALARM as a red embed with the reason, metric, threshold and links, mentioning nobody', () => {
    const errors = alarm('alarm-worker-errors-alarm.json');
    const message = alarmMessage(errors, {
      stage: 'dev',
      dashboardName: 'valine-orchestrator-dev',
      alarmUrl: alarmConsoleUrl('eu-west-1', errors.AlarmName),
      dashboardUrl: dashboardConsoleUrl('eu-west-1', 'valine-orchestrator-dev'),
    });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content).toBe('🔴 ALARM: valine-orchestrator-dev-worker-errors (dev)');
    const [embed] = message.embeds!;
    expect(embed.color).toBe(0xd93025);
    expect(embed.url).toBe('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/valine-orchestrator-dev-worker-errors');
    expect(embed.description).toContain('was greater than the threshold (5.0)');
    expect(embed.timestamp).toBe('2026-11-24T05:35:12.345Z');
    const fields = Object.fromEntries(embed.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Stage: 'dev', State: 'OK → ALARM', Threshold: '> 5 for 1 of 1 period(s)' });
    expect(fields.Links).toContain('(https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=valine-orchestrator-dev)');
  });

  it('formats OK as a green recovery and INSUFFICIENT_DATA in grey', () => {
    const context = { stage: 'prod', dashboardName: 'valine-prod' };
    const ok = alarmMessage(alarm('alarm-worker-errors-ok.json'), context);
    expect(ok.content).toBe('🟢 Recovered: valine-orchestrator-dev-worker-errors (prod)');
    expect(ok.embeds![0].color).toBe(0x1e8e3e);
    const unknown = alarmMessage({ ...alarm('alarm-worker-errors-ok.json'), NewStateValue: 'INSUFFICIENT_DATA' }, context);
    expect(unknown.embeds![0].color).toBe(0x9aa0a6);
    expect(unknown.embeds![0].fields!.some((f) => f.name === 'Links')).toBe(false);
  });
});

describe('the Links field stays within Discord\'s 1,024 characters', () => {
  const errors = (): CloudWatchAlarm => alarm('alarm-worker-errors-alarm.json');
  const linksOf = (dashboardName: string, dashboardUrl: string, alarmUrl = 'https://console.example/alarm') =>
    alarmMessage(errors(), { stage: 'dev', dashboardName, alarmUrl, dashboardUrl }).embeds![0].fields!.find((f) => f.name === 'Links')?.value ?? '';

  it('keeps both links whole when the value is exactly 1,024 characters', () => {
    const fixed = '[Alarm](https://console.example/alarm) · [Dashboard d]()'.length;
    const url = `https://console.example/${'d'.repeat(1024 - fixed - 'https://console.example/'.length)}`;
    const value = linksOf('d', url);
    expect(value).toHaveLength(1024);
    expect(value.endsWith(`(${url})`)).toBe(true);
  });

  it('replaces a link that would not fit by its label, never a cut URL', () => {
    const url = `https://console.example/${'d'.repeat(1024)}`;
    const value = linksOf('valine-orchestrator-dev', url);
    expect(value.length).toBeLessThanOrEqual(1024);
    expect(value).toBe('[Alarm](https://console.example/alarm) · Dashboard valine-orchestrator-dev: link too long for Discord, open it in the CloudWatch console');
  });

  it('shortens even a label that alone is too long', () => {
    const value = linksOf('n'.repeat(2000), `https://console.example/${'d'.repeat(1024)}`, `https://console.example/${'a'.repeat(1024)}`);
    expect(value).toHaveLength(1024);
    expect(value.endsWith('…')).toBe(true);
    expect(value).not.toContain('https://');
  });
});
