import type { Ledger } from '../ports/ledger';
import { ALARM_STATES, type AlarmState, type CloudWatchAlarm } from './cloudwatch-alarm';

/** A repeat of the state last posted for an alarm within this long is not posted again. */
export const SUPPRESSION_SECONDS = 5 * 60;
/** An identical notification (SNS delivers at least once) is never posted twice within this long. */
const DUPLICATE_SECONDS = 24 * 3600;

const stateKey = (alarmName: string, state: AlarmState): string => `alert#${alarmName}#${state}`;
const changeKey = (alarm: CloudWatchAlarm): string => `alert-change#${alarm.AlarmName}#${alarm.NewStateValue}#${alarm.StateChangeTime}`;

export type SuppressionVerdict = 'post' | 'duplicate' | 'repeat';

/**
 * Suppression state in the ledger, shared by every Lambda instance. Posting a state claims
 * it for 5 minutes and frees the alarm's other states, so a repeat is suppressed but a real
 * change (ALARM → OK → ALARM) is always posted and the channel never shows a stale state.
 * A late duplicate of an older notification is caught by its own state-change time.
 */
export class AlarmSuppression {
  constructor(private readonly ledger: Ledger) {}

  /** 'post' when this state change should be posted (it is now claimed). */
  async claim(alarm: CloudWatchAlarm): Promise<SuppressionVerdict> {
    if (!(await this.ledger.claimOnce(changeKey(alarm), DUPLICATE_SECONDS))) return 'duplicate';
    if (!(await this.ledger.claimOnce(stateKey(alarm.AlarmName, alarm.NewStateValue), SUPPRESSION_SECONDS))) return 'repeat';
    return 'post';
  }

  /** After a successful post: a later change to another state posts at once. */
  async posted(alarm: CloudWatchAlarm): Promise<void> {
    const others = ALARM_STATES.filter((s) => s !== alarm.NewStateValue);
    await Promise.all(others.map((s) => this.ledger.release(stateKey(alarm.AlarmName, s))));
  }

  /** After a failed post: the retry may post. */
  async release(alarm: CloudWatchAlarm): Promise<void> {
    await this.ledger.release(stateKey(alarm.AlarmName, alarm.NewStateValue));
    await this.ledger.release(changeKey(alarm));
  }
}
