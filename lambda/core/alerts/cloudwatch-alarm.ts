import * as z from 'zod';

/** States a CloudWatch alarm notifies about. */
export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

const dimension = z.object({ name: z.string(), value: z.string() });
const metricMathEntry = z.object({
  Id: z.string(),
  Expression: z.string().optional(),
  Label: z.string().optional(),
  ReturnData: z.boolean().optional(),
  MetricStat: z
    .object({
      Metric: z.object({ Namespace: z.string().optional(), MetricName: z.string(), Dimensions: z.array(dimension).optional() }),
      Period: z.number().optional(),
      Stat: z.string().optional(),
    })
    .optional(),
});

/** The fields of a CloudWatch alarm state-change notification (the SNS message body) this service reads. */
export const cloudWatchAlarmSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullable().optional(),
  AlarmArn: z.string().optional(),
  AWSAccountId: z.string().optional(),
  NewStateValue: z.enum(ALARM_STATES),
  OldStateValue: z.enum(ALARM_STATES).optional(),
  NewStateReason: z.string(),
  StateChangeTime: z.string().min(1),
  Region: z.string().optional(),
  Trigger: z
    .object({
      MetricName: z.string().optional(),
      Namespace: z.string().optional(),
      Statistic: z.string().optional(),
      ExtendedStatistic: z.string().optional(),
      Unit: z.string().nullable().optional(),
      Dimensions: z.array(dimension).optional(),
      Period: z.number().optional(),
      EvaluationPeriods: z.number().optional(),
      DatapointsToAlarm: z.number().optional(),
      ComparisonOperator: z.string().optional(),
      Threshold: z.number().optional(),
      ThresholdMetricId: z.string().optional(),
      Metrics: z.array(metricMathEntry).optional(),
    })
    .optional(),
});
export type CloudWatchAlarm = z.infer<typeof cloudWatchAlarmSchema>;

export type AlarmParse = { kind: 'alarm'; alarm: CloudWatchAlarm } | { kind: 'not-an-alarm'; reason: string };

/** Reads an SNS message body; anything that is not a CloudWatch alarm notification says why. */
export function parseAlarmNotification(message: string): AlarmParse {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return { kind: 'not-an-alarm', reason: `the message is not JSON (starts with ${JSON.stringify(message.slice(0, 40))})` };
  }
  const parsed = cloudWatchAlarmSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the message';
    return { kind: 'not-an-alarm', reason: `${where}: ${issue?.message ?? 'unexpected shape'}` };
  }
  return { kind: 'alarm', alarm: parsed.data };
}

/** The region code (e.g. eu-west-1) from the alarm ARN; notifications only carry the region's display name. */
export function alarmRegion(alarm: CloudWatchAlarm): string | undefined {
  const match = /^arn:aws[\w-]*:cloudwatch:([a-z0-9-]+):/.exec(alarm.AlarmArn ?? '');
  return match?.[1];
}
