import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { defaultFlagStrings } from '../../lambda/core/contract/flags';
import { startLocalRuntime, type LocalRuntimeOptions } from '../../lambda/local/runtime';
import { STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';
import { scriptedAgent } from '../interactions/fixtures/test-agent';

let home: string;
let discord: LoopbackDiscord;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'valine-restart-'));
  discord = await startLoopbackDiscord();
  await writeFile(join(home, 'flags.json'), JSON.stringify({ ...defaultFlagStrings('dev'), 'admin-user-ids': STAND_IN_USER.id }));
});
afterAll(async () => {
  await discord.close();
  await rm(home, { recursive: true, force: true });
});

const options = (agent = scriptedAgent()): LocalRuntimeOptions => ({
  version: 'test',
  flagsFile: join(home, 'flags.json'),
  dynamoDbPath: join(home, 'dynamodb'),
  discordApiBase: discord.baseUrl,
  secrets: new EnvSecretReader({ DISCORD_BOT_TOKEN: 'test-bot-token' }),
  logger: recordingLogger(),
  taskTtlSeconds: 900,
  siteDirectory: join(home, 'site'),
  agents: [agent],
});

describe('local mode restarted with VALINE_PERSIST=1 (issue 10, item 2)', () => {
  it('resumes at start a task that a killed server left executing, and shows the result', async () => {
    const first = await startLocalRuntime(options());
    const tasks = new DynamoDbTaskStore(first.db.client, first.db.tables.conversations);
    await tasks.create({
      taskId: 'restart00001',
      agentId: 'ux',
      command: '/ux-update command:section:header text:"Hi"',
      options: {},
      requesterId: STAND_IN_USER.id,
      requesterName: 'Local Developer',
      applicationId: STAND_IN_APPLICATION_ID,
      interactionToken: 'confirmclicktoken',
      proposal: { options: {} },
      confirmBy: new Date(Date.now() + 900_000).toISOString(),
    });
    // The server took the work, then was killed before the worker finished.
    await tasks.transition('restart00001', 'awaiting_confirmation', 'executing', { confirmedBy: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } }, 'confirmed by Local Developer');
    await first.close();

    const agent = scriptedAgent();
    const second = await startLocalRuntime(options(agent));
    try {
      await second.idle();
      expect(agent.executed.map((t) => t.taskId)).toEqual(['restart00001']);
      const task = await new DynamoDbTaskStore(second.db.client, second.db.tables.conversations).get('restart00001');
      expect(task?.status).toBe('pr_open');
      expect(task?.trace.at(-2)?.detail).toMatch(/^resumed by the worker/);
      const edit = discord.requests.at(-1);
      expect(edit?.path).toBe(`/webhooks/${STAND_IN_APPLICATION_ID}/confirmclicktoken/messages/@original`);
      expect((edit?.body as { content: string }).content).toMatch(/^Opened a draft pull request for task restart00001/);
    } finally {
      await second.close();
    }
  });
});
