import { randomUUID } from 'node:crypto';
import { DiscordRestClient } from '../../../lambda/core/adapters/discord-rest';
import { DynamoDbLedger } from '../../../lambda/core/adapters/dynamodb-ledger';
import { DynamoDbTaskStore } from '../../../lambda/core/adapters/dynamodb-task-store';
import { EnvSecretReader } from '../../../lambda/core/adapters/env-secrets';
import { defaultFlagValues, type FlagValues } from '../../../lambda/core/contract/flags';
import { siteNoticeKey } from '../../../lambda/core/github/deployment-notices';
import { sayMissingPreviews, type MissingPreviewDeps } from '../../../lambda/core/github/missing-previews';
import type { FlagReader } from '../../../lambda/core/ports/flags';
import { startDynalite, type EmbeddedDynamoDb } from '../../support/dynalite';
import { startLoopbackDiscord, type LoopbackDiscord } from '../../support/loopback-discord';
import { recordingLogger } from '../../support/recording-logger';

let db: EmbeddedDynamoDb;
let discord: LoopbackDiscord;
let tasks: DynamoDbTaskStore;
let ledger: DynamoDbLedger;
beforeAll(async () => {
  [db, discord] = await Promise.all([startDynalite(), startLoopbackDiscord()]);
  tasks = new DynamoDbTaskStore(db.client, db.tables.conversations);
  ledger = new DynamoDbLedger(db.client, db.tables.ledger);
});
afterAll(async () => Promise.all([discord.close(), db.close()]));

const openPullRequest = () =>
  tasks.create({
    taskId: `t-${randomUUID().slice(0, 8)}`,
    agentId: 'ux',
    command: '/ux-update',
    options: {},
    status: 'pr_open',
    requesterId: '200000000000000001',
    requesterName: 'dana',
    channelId: '300000000000000001',
    applicationId: '400000000000000001',
    interactionToken: 'interaction-token',
    pullRequest: { repository: 'acme-web/site', number: 9, url: 'https://github.com/acme-web/site/pull/9' },
    confirmBy: new Date(Date.now() + 3600_000).toISOString(),
  });

const deps = (flags: FlagValues, minutesLater: number): MissingPreviewDeps => ({
  tasks,
  ledger,
  flags: { all: async () => flags } as FlagReader,
  discord: new DiscordRestClient({ baseUrl: discord.baseUrl, secrets: new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot' }), logger: recordingLogger(), maxAttempts: 1 }),
  logger: recordingLogger(),
  now: () => new Date(Date.now() + minutesLater * 60_000),
});

test('30 minutes after the pull request opened without a preview, the requester hears it once; a task with a preview hears nothing', async () => {
  const withSite = { ...defaultFlagValues('dev'), 'site-url': 'https://acme.example' };
  const waiting = await openPullRequest();
  const previewed = await openPullRequest();
  await ledger.claimOnce(siteNoticeKey(previewed.taskId, 'preview'), 3600);

  expect(await sayMissingPreviews(deps(withSite, 10))).toEqual([]);
  expect(await sayMissingPreviews(deps(defaultFlagValues('dev'), 31))).toEqual([]);
  expect(await sayMissingPreviews(deps(withSite, 31))).toEqual([waiting.taskId]);
  expect(await sayMissingPreviews(deps(withSite, 36))).toEqual([]);
  expect(discord.requests).toHaveLength(1);
  expect((discord.requests[0]?.body as { content: string }).content).toBe(
    "<@200000000000000001> No preview deployment of acme-web/site#9 was reported within 30 minutes of the pull request opening, so there are no screenshots yet. Check the site host's build for the branch; when it succeeds, the preview and its screenshots are posted here.",
  );
  // The check left no claim behind: a late preview is still announced.
  expect(await ledger.claimOnce(siteNoticeKey(waiting.taskId, 'preview'), 60)).toBe(true);
});
