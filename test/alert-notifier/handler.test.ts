import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordRestClient } from '../../lambda/core/adapters/discord-rest';
import { createDynamoDbClient } from '../../lambda/core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { createFileFlagReader } from '../../lambda/core/adapters/file-flags';
import { createAlertNotifierHandler, type SnsNotificationEvent } from '../../lambda/alert-notifier/handler';
import type { Embed } from '../../lambda/core/domain/discord-message';
import { startDynalite, type EmbeddedDynamoDb } from '../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

const CHANNEL = '500000000000000001';
const fixtureText = (name: string): string => readFileSync(join(__dirname, '../fixtures/cloudwatch', name), 'utf8');
const alarmJson = (name: string): Record<string, unknown> => JSON.parse(fixtureText(name));

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let flagsDir: string;
let flagsFile: string;
let alarmSeq = 0;

beforeAll(async () => {
  db = await startDynalite();
  discord = await startLoopbackDiscord();
  flagsDir = mkdtempSync(join(tmpdir(), 'valine-alert-flags-'));
  flagsFile = join(flagsDir, 'flags.json');
});
afterAll(async () => {
  await discord.close();
  await db.close();
  rmSync(flagsDir, { recursive: true, force: true });
});
beforeEach(() => {
  discord.requests.length = 0;
  setFlags({ 'enable-alerts': 'true', 'alert-channel-id': CHANNEL });
});

const setFlags = (flags: Record<string, string>) => writeFileSync(flagsFile, JSON.stringify(flags));

/** One Lambda instance of the notifier: its own clients, sharing only DynamoDB and Discord with the others. */
function notifierInstance(options: { sleeps?: number[]; now?: () => Date } = {}) {
  const logger = recordingLogger();
  const secrets = new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot-token-for-tests' });
  const notify = createAlertNotifierHandler({
    stage: 'dev',
    dashboardName: 'valine-orchestrator-dev',
    region: 'us-east-1',
    flags: createFileFlagReader(flagsFile, 'dev', logger, 0),
    ledger: new DynamoDbLedger(createDynamoDbClient({ endpoint: db.endpoint }), db.tables.ledger, options.now),
    discord: new DiscordRestClient({
      baseUrl: discord.baseUrl,
      secrets,
      logger,
      maxAttempts: 3,
      sleep: async (ms) => {
        options.sleeps?.push(ms);
      },
    }),
    logger,
  });
  return { notify, logger };
}

/** A fresh alarm (its own name), so tests do not share suppression state. */
function freshAlarm(): { name: string; state: (fixture: string, overrides?: Record<string, unknown>) => SnsNotificationEvent } {
  const name = `valine-orchestrator-dev-test-alarm-${++alarmSeq}`;
  return {
    name,
    state: (fixture, overrides = {}) => snsEvent({ ...alarmJson(fixture), AlarmName: name, ...overrides }),
  };
}

function snsEvent(message: unknown): SnsNotificationEvent {
  const event = JSON.parse(fixtureText('sns-event-worker-errors-alarm.json')) as SnsNotificationEvent;
  event.Records[0].Sns.Message = typeof message === 'string' ? message : JSON.stringify(message);
  return event;
}

const postedEmbeds = (): Embed[] => discord.requests.map((r) => (r.body as { embeds: Embed[] }).embeds[0]);

describe('alert-notifier', () => {
  it('posts the real ALARM fixture once, in the alert channel, with links to the alarm and the dashboard', async () => {
    const { notify } = notifierInstance();
    await notify(JSON.parse(fixtureText('sns-event-worker-errors-alarm.json')));
    expect(discord.requests).toHaveLength(1);
    const [request] = discord.requests;
    expect(request.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(request.headers.authorization).toBe('Bot bot-token-for-tests');
    const body = request.body as { content: string; allowed_mentions: unknown; embeds: Embed[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBe('🔴 ALARM: valine-orchestrator-dev-worker-errors (dev)');
    const fields = Object.fromEntries(body.embeds[0].fields!.map((f) => [f.name, f.value]));
    expect(fields.Metric).toBe('AWS/Lambda Errors (Sum, 300 s) FunctionName=valine-orchestrator-worker-dev');
    // The alarm ARN's region wins over the function's AWS_REGION.
    expect(fields.Links).toContain('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/valine-orchestrator-dev-worker-errors');
    expect(fields.Links).toContain('#dashboards:name=valine-orchestrator-dev');
  });

  it('posts ALARM and its recovery once each when two instances both receive them', async () => {
    const a = notifierInstance();
    const b = notifierInstance();
    const alarm = freshAlarm();
    await Promise.all([a.notify(alarm.state('alarm-worker-errors-alarm.json')), b.notify(alarm.state('alarm-worker-errors-alarm.json'))]);
    await b.notify(alarm.state('alarm-worker-errors-ok.json'));
    await a.notify(alarm.state('alarm-worker-errors-ok.json'));
    expect(postedEmbeds().map((e) => [e.title, e.color])).toEqual([
      [`🔴 ALARM: ${alarm.name}`, 0xd93025],
      [`🟢 Recovered: ${alarm.name}`, 0x1e8e3e],
    ]);
    const suppressed = [...a.logger.lines, ...b.logger.lines].filter((l) => /suppressed/.test(l.message));
    expect(suppressed).toHaveLength(2);
  });

  it('suppresses a repeat of the same state within 5 minutes', async () => {
    const { notify, logger } = notifierInstance();
    const alarm = freshAlarm();
    await notify(alarm.state('alarm-worker-errors-alarm.json'));
    await notify(alarm.state('alarm-worker-errors-alarm.json', { StateChangeTime: '2026-11-24T05:37:12.000+0000' }));
    expect(discord.requests).toHaveLength(1);
    expect(logger.lines.some((l) => l.message.includes('same state posted within 5 minutes'))).toBe(true);
  });

  it('posts the same state again once 5 minutes have passed', async () => {
    let now = new Date('2026-11-24T05:35:13Z');
    const { notify } = notifierInstance({ now: () => now });
    const alarm = freshAlarm();
    await notify(alarm.state('alarm-worker-errors-alarm.json'));
    now = new Date('2026-11-24T05:41:13Z');
    await notify(alarm.state('alarm-worker-errors-alarm.json', { StateChangeTime: '2026-11-24T05:41:12.000+0000' }));
    expect(discord.requests).toHaveLength(2);
  });

  it('always posts a real change of state, so the channel never shows a stale recovery', async () => {
    const { notify } = notifierInstance();
    const alarm = freshAlarm();
    await notify(alarm.state('alarm-worker-errors-alarm.json'));
    await notify(alarm.state('alarm-worker-errors-ok.json'));
    await notify(alarm.state('alarm-worker-errors-alarm.json', { StateChangeTime: '2026-11-24T05:47:12.000+0000' }));
    expect(postedEmbeds().map((e) => e.title?.split(':')[0])).toEqual(['🔴 ALARM', '🟢 Recovered', '🔴 ALARM']);
    // A late duplicate of the first ALARM changes nothing.
    await notify(alarm.state('alarm-worker-errors-alarm.json'));
    expect(discord.requests).toHaveLength(3);
  });

  it('waits for Discord\'s retry_after on 429 and posts once', async () => {
    const sleeps: number[] = [];
    const { notify } = notifierInstance({ sleeps });
    discord.script({ status: 429, body: { message: 'You are being rate limited.', retry_after: 1.25, global: false } });
    await notify(freshAlarm().state('alarm-worker-errors-alarm.json'));
    expect(discord.requests).toHaveLength(2);
    expect(sleeps).toEqual([1250]);
  });

  it('throws after Discord keeps failing (so Lambda retries, then the DLQ keeps it), and the retry posts', async () => {
    const { notify, logger } = notifierInstance();
    const alarm = freshAlarm();
    const event = alarm.state('alarm-worker-errors-alarm.json');
    discord.script({ status: 500 }, { status: 500 }, { status: 503 });
    await expect(notify(event)).rejects.toThrow(/could not be posted to Discord/);
    expect(discord.requests).toHaveLength(3);
    expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('DLQ'))).toBe(true);

    await notify(event);
    expect(discord.requests).toHaveLength(4);
    expect(postedEmbeds()[3].title).toBe(`🔴 ALARM: ${alarm.name}`);
  });

  it('posts an alarm named in CJK characters (each 9 characters URL-encoded) with its title, and no embed url past Discord\'s 2,048', async () => {
    const { notify } = notifierInstance();
    const name = `警報${'監視'.repeat(126)}${++alarmSeq}`.slice(0, 255);
    await notify(snsEvent({ ...alarmJson('alarm-worker-errors-alarm.json'), AlarmName: name }));
    expect(discord.requests).toHaveLength(1);
    const [embed] = postedEmbeds();
    expect(embed?.title).toMatch(/^🔴 ALARM: 警報監視/);
    expect(embed?.title?.length).toBeLessThanOrEqual(256);
    expect(embed?.url).toBeUndefined();
    const links = embed?.fields?.find((f) => f.name === 'Links')?.value ?? '';
    expect(links).toMatch(/^Alarm: link too long for Discord, open it in the CloudWatch console · \[Dashboard valine-orchestrator-dev\]\(https:/);
  });

  it('skips, without throwing, an SNS message that is not an alarm', async () => {
    const { notify, logger } = notifierInstance();
    await expect(notify(JSON.parse(fixtureText('sns-event-subscription-test.json')))).resolves.toEqual([
      expect.objectContaining({ kind: 'skipped' }),
    ]);
    expect(discord.requests).toHaveLength(0);
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('not a CloudWatch alarm notification'))).toBe(true);
  });

  it('names the flag to set when alerts are off or no channel is chosen', async () => {
    const { notify, logger } = notifierInstance();
    setFlags({ 'enable-alerts': 'false', 'alert-channel-id': CHANNEL });
    await notify(freshAlarm().state('alarm-worker-errors-alarm.json'));
    setFlags({ 'enable-alerts': 'true', 'alert-channel-id': 'none' });
    await notify(freshAlarm().state('alarm-worker-errors-alarm.json'));
    expect(discord.requests).toHaveLength(0);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('set the enable-alerts flag (/valine/dev/flags/enable-alerts) to true'),
        expect.stringContaining('set the alert-channel-id flag (/valine/dev/flags/alert-channel-id)'),
      ]),
    );
  });
});
