import { flagParameterName } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { DiscordApi } from '../ports/discord-api';
import type { FlagReader } from '../ports/flags';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import { alarmMessage } from './alarm-message';
import { AlarmSuppression } from './alarm-suppression';
import { alarmRegion, parseAlarmNotification } from './cloudwatch-alarm';
import { alarmConsoleUrl, dashboardConsoleUrl } from './console-links';
import { errorMessage } from '../domain/error-message';

export interface AlarmNotifierDeps {
  stage: StageName;
  dashboardName: string;
  /** AWS_REGION: console links when the alarm ARN does not name the region. */
  region?: string;
  flags: FlagReader;
  ledger: Ledger;
  discord: DiscordApi;
  logger: Logger;
}

export type AlarmNoticeOutcome =
  | { kind: 'posted'; alarmName: string; state: string; messageId: string }
  | { kind: 'suppressed'; alarmName: string; state: string; why: 'duplicate' | 'repeat' }
  | { kind: 'skipped'; reason: string };

/**
 * Posts one SNS message (a CloudWatch alarm notification) to the alert channel. Throws only
 * when Discord fails after its retries, so Lambda retries the event and then keeps it in the DLQ.
 */
export async function notifyAlarm(snsMessage: string, deps: AlarmNotifierDeps): Promise<AlarmNoticeOutcome> {
  const { logger } = deps;
  const parsed = parseAlarmNotification(snsMessage);
  if (parsed.kind === 'not-an-alarm') {
    logger.warn(`Skipped an SNS message that is not a CloudWatch alarm notification: ${parsed.reason}.`);
    return { kind: 'skipped', reason: parsed.reason };
  }
  const alarm = parsed.alarm;
  const subject = { alarmName: alarm.AlarmName, state: alarm.NewStateValue };

  const flags = await deps.flags.all();
  if (!flags['enable-alerts']) {
    const reason = `alerts are off; set the enable-alerts flag (${flagParameterName(deps.stage, 'enable-alerts')}) to true to post them`;
    logger.warn(`Alarm ${alarm.AlarmName} is ${alarm.NewStateValue} but was not posted: ${reason}.`, subject);
    return { kind: 'skipped', reason };
  }
  const channelId = flags['alert-channel-id'];
  if (!channelId) {
    const reason = `no alert channel; set the alert-channel-id flag (${flagParameterName(deps.stage, 'alert-channel-id')}) to a Discord channel id`;
    logger.warn(`Alarm ${alarm.AlarmName} is ${alarm.NewStateValue} but was not posted: ${reason}.`, subject);
    return { kind: 'skipped', reason };
  }

  const suppression = new AlarmSuppression(deps.ledger);
  const verdict = await suppression.claim(alarm);
  if (verdict !== 'post') {
    logger.info(`Alarm ${alarm.AlarmName} ${alarm.NewStateValue} suppressed (${verdict === 'duplicate' ? 'same notification already handled' : 'same state posted within 5 minutes'}).`, subject);
    return { kind: 'suppressed', ...subject, why: verdict };
  }

  const region = alarmRegion(alarm) ?? deps.region;
  const message = alarmMessage(alarm, {
    stage: deps.stage,
    dashboardName: deps.dashboardName,
    alarmUrl: region ? alarmConsoleUrl(region, alarm.AlarmName) : undefined,
    dashboardUrl: region ? dashboardConsoleUrl(region, deps.dashboardName) : undefined,
  });
  let messageId: string;
  try {
    // The same state change gives the same nonce: a retry after a timeout cannot post the alarm twice.
    ({ id: messageId } = await deps.discord.createMessage(channelId, message, `alarm#${alarm.AlarmName}#${alarm.NewStateValue}#${alarm.StateChangeTime}`));
  } catch (error) {
    await suppression.release(alarm);
    logger.error(`Could not post alarm ${alarm.AlarmName} ${alarm.NewStateValue} to Discord; Lambda will retry, then keep it in the DLQ.`, {
      ...subject,
      error: errorMessage(error),
    });
    throw error;
  }
  await suppression.posted(alarm);
  logger.info(`Posted alarm ${alarm.AlarmName} ${alarm.NewStateValue} to the alert channel.`, { ...subject, messageId });
  return { kind: 'posted', ...subject, messageId };
}
