import { notifyAlarm, type AlarmNoticeOutcome, type AlarmNotifierDeps } from '../core/alerts/notify-alarm';
import { errorMessage } from '../core/domain/error-message';

/** The parts of an SNS-triggered Lambda event the notifier reads. */
export interface SnsNotificationEvent {
  Records: Array<{ Sns: { Message: string; MessageId?: string } }>;
}

export type { AlarmNotifierDeps };

/**
 * Posts each record's alarm; if any post failed, throws after trying the others, so Lambda
 * retries the event (already-posted records are suppressed then) and finally sends it to the DLQ.
 */
export async function handleAlarmNotifications(event: SnsNotificationEvent, deps: AlarmNotifierDeps): Promise<AlarmNoticeOutcome[]> {
  const outcomes: AlarmNoticeOutcome[] = [];
  const failures: string[] = [];
  for (const record of event.Records ?? []) {
    try {
      outcomes.push(await notifyAlarm(record.Sns.Message, deps));
    } catch (error) {
      failures.push(`${record.Sns.MessageId ?? 'message'}: ${errorMessage(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} alarm notification(s) could not be posted to Discord: ${failures.join('; ')}`);
  }
  return outcomes;
}

/** The handler with its dependencies bound: what the Lambda entry and tests call. */
export function createAlertNotifierHandler(deps: AlarmNotifierDeps): (event: SnsNotificationEvent) => Promise<AlarmNoticeOutcome[]> {
  return (event) => handleAlarmNotifications(event, deps);
}
