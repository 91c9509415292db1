import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage, type EmbedField } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';
import type { AlarmState, CloudWatchAlarm } from './cloudwatch-alarm';

export interface AlarmMessageContext {
  stage: string;
  dashboardName: string;
  alarmUrl?: string;
  dashboardUrl?: string;
}

const SEVERITY: Record<AlarmState, { label: string; color: number }> = {
  ALARM: { label: '🔴 ALARM', color: 0xd93025 },
  OK: { label: '🟢 Recovered', color: 0x1e8e3e },
  INSUFFICIENT_DATA: { label: '⚪ Insufficient data', color: 0x9aa0a6 },
};

const COMPARISON: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

/** The metric the alarm watches, e.g. `AWS/Lambda Errors (Sum, 300 s) FunctionName=valine-orchestrator-worker-dev`. */
export function describeMetric(alarm: CloudWatchAlarm): string | undefined {
  const trigger = alarm.Trigger;
  if (!trigger) return undefined;
  const dimensions = (list: Array<{ name: string; value: string }> | undefined) =>
    list && list.length > 0 ? ` ${list.map((d) => `${d.name}=${d.value}`).join(', ')}` : '';
  if (trigger.MetricName) {
    const statistic = trigger.ExtendedStatistic ?? (trigger.Statistic ? titleCase(trigger.Statistic) : undefined);
    const detail = [statistic, trigger.Period ? `${trigger.Period} s` : undefined].filter(Boolean).join(', ');
    return `${trigger.Namespace ? `${trigger.Namespace} ` : ''}${trigger.MetricName}${detail ? ` (${detail})` : ''}${dimensions(trigger.Dimensions)}`;
  }
  if (trigger.Metrics && trigger.Metrics.length > 0) {
    const returned = trigger.Metrics.find((m) => m.ReturnData) ?? trigger.Metrics[0];
    const expression = returned.Expression ? `${returned.Label ?? returned.Id} = ${returned.Expression}` : undefined;
    const inputs = trigger.Metrics.filter((m) => m.MetricStat).map(
      (m) => `${m.Id}: ${m.MetricStat?.Metric.MetricName}${m.MetricStat?.Stat ? ` (${m.MetricStat.Stat})` : ''}${dimensions(m.MetricStat?.Metric.Dimensions)}`,
    );
    return [expression, ...inputs].filter(Boolean).join('\n');
  }
  return undefined;
}

/** The condition, e.g. `> 5 for 1 of 1 period(s)`. */
export function describeThreshold(alarm: CloudWatchAlarm): string | undefined {
  const trigger = alarm.Trigger;
  if (!trigger?.ComparisonOperator) return undefined;
  const comparison = COMPARISON[trigger.ComparisonOperator] ?? trigger.ComparisonOperator;
  const value = trigger.Threshold !== undefined ? ` ${trigger.Threshold}` : trigger.ThresholdMetricId ? ` ${trigger.ThresholdMetricId}` : '';
  const periods = trigger.EvaluationPeriods
    ? ` for ${trigger.DatapointsToAlarm ?? trigger.EvaluationPeriods} of ${trigger.EvaluationPeriods} period(s)`
    : '';
  return `${comparison}${value}${periods}`;
}

/** One Discord message for one alarm state change; mentions nobody. */
export function alarmMessage(alarm: CloudWatchAlarm, context: AlarmMessageContext): DiscordMessage {
  const severity = SEVERITY[alarm.NewStateValue];
  const fields: EmbedField[] = [
    { name: 'Stage', value: context.stage, inline: true },
    { name: 'State', value: `${alarm.OldStateValue ? `${alarm.OldStateValue} → ` : ''}${alarm.NewStateValue}`, inline: true },
  ];
  const metric = describeMetric(alarm);
  if (metric) fields.push({ name: 'Metric', value: shorten(metric, DISCORD_LIMITS.fieldValue) });
  const threshold = describeThreshold(alarm);
  if (threshold) fields.push({ name: 'Threshold', value: shorten(threshold, DISCORD_LIMITS.fieldValue), inline: true });
  const links = linksField([
    ...(context.alarmUrl ? [{ label: 'Alarm', url: context.alarmUrl }] : []),
    ...(context.dashboardUrl ? [{ label: `Dashboard ${context.dashboardName}`, url: context.dashboardUrl }] : []),
  ]);
  if (links) fields.push({ name: 'Links', value: links });

  const description = [alarm.NewStateReason, alarm.AlarmDescription ? `\n${alarm.AlarmDescription}` : '']
    .join('')
    .trim();
  const changedAt = Date.parse(alarm.StateChangeTime);
  return {
    content: `${severity.label}: ${alarm.AlarmName} (${context.stage})`,
    embeds: [
      {
        title: shorten(`${severity.label}: ${alarm.AlarmName}`, DISCORD_LIMITS.embedTitle),
        // An alarm named in CJK characters encodes to 9 characters each: past 2048 Discord refuses the whole message.
        ...(context.alarmUrl && fitsEmbedUrl(context.alarmUrl) ? { url: context.alarmUrl } : {}),
        color: severity.color,
        description: shorten(description || 'CloudWatch gave no reason.', 2000),
        fields,
        footer: { text: `valine-orchestrator ${context.stage}` },
        ...(Number.isNaN(changedAt) ? {} : { timestamp: new Date(changedAt).toISOString() }),
      },
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * The links as one field value within Discord's 1,024 characters. A link is kept whole or not at all (a cut URL is a
 * broken link): one that does not fit leaves its label and a pointer to the console in its place.
 */
function linksField(links: ReadonlyArray<{ label: string; url: string }>, max: number = DISCORD_LIMITS.fieldValue): string | undefined {
  if (links.length === 0) return undefined;
  const separator = ' · ';
  const parts: string[] = [];
  for (const { label, url } of links) {
    const link = `[${label}](${url})`;
    const fits = [...parts, link].join(separator).length <= max;
    parts.push(fits ? link : `${label}: link too long for Discord, open it in the CloudWatch console`);
  }
  return shorten(parts.join(separator), max);
}

/** Whether `url`, percent-encoded as Discord reads it, is within an embed URL's 2048 characters. */
function fitsEmbedUrl(url: string): boolean {
  try {
    return new URL(url).href.length <= DISCORD_LIMITS.url;
  } catch {
    return false;
  }
}

const titleCase = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase().replace(/_/g, ' ');
