import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { defaultFlagStrings } from '../../lambda/core/contract/flags';
import { startLocalRuntime, type LocalRuntimeOptions } from '../../lambda/local/runtime';
import { STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';
import { scriptedAgent } from '../interactions/fixtures/test-agent';
import { createStaleExecutingTask, eventually } from './fixtures/stale-executing-task';

const ROOT = resolve(__dirname, '..', '..');

let home: string;
let discord: LoopbackDiscord;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'valine-local-sweep-'));
  discord = await startLoopbackDiscord();
  await writeFile(join(home, 'flags.json'), JSON.stringify({ ...defaultFlagStrings('dev'), 'admin-user-ids': STAND_IN_USER.id }));
});
afterAll(async () => {
  await discord.close();
  await rm(home, { recursive: true, force: true });
});

const options = (overrides: Partial<LocalRuntimeOptions>): LocalRuntimeOptions => ({
  version: 'test',
  flagsFile: join(home, 'flags.json'),
  discordApiBase: discord.baseUrl,
  secrets: new EnvSecretReader({ DISCORD_BOT_TOKEN: 'test-bot-token' }),
  logger: recordingLogger(),
  taskTtlSeconds: 900,
  siteDirectory: join(home, 'site'),
  ...overrides,
});

describe('local mode sweeps tasks left executing while it runs (issue 10, item 2)', () => {
  it('resumes, without a restart, a task whose in-process run stopped, and shows the result', async () => {
    const agent = scriptedAgent();
    const runtime = await startLocalRuntime(options({ agents: [agent], sweepIntervalMs: 25 }));
    try {
      await runtime.idle(); // the sweep at start is done: what follows is the timer's
      await createStaleExecutingTask(runtime.db, 'timersweep01', 'timerclicktoken');
      const tasks = new DynamoDbTaskStore(runtime.db.client, runtime.db.tables.conversations);
      await eventually(async () => (await tasks.get('timersweep01'))?.status === 'pr_open');
      await runtime.idle();
      expect(agent.executed.map((t) => t.taskId)).toEqual(['timersweep01']);
      const edit = discord.requests.at(-1);
      expect(edit?.path).toBe(`/webhooks/${STAND_IN_APPLICATION_ID}/timerclicktoken/messages/@original`);
      expect((edit?.body as { content: string }).content).toMatch(/^Opened a draft pull request for task timersweep01/);
    } finally {
      await runtime.close();
    }
  });

  it('stops the timer on close: no sweep runs against the closed tables', async () => {
    const logger = recordingLogger();
    const runtime = await startLocalRuntime(options({ agents: [scriptedAgent()], sweepIntervalMs: 10, logger }));
    await runtime.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('the timer does not keep the process alive: with its sockets closed, local mode exits by itself', async () => {
    // node with tsx's loader, not the tsx wrapper: one process, so the kill below reaches it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/local/fixtures/runtime-sweep-child.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DISCORD_API_BASE: discord.baseUrl, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolveExit) => child.on('exit', (exitCode) => resolveExit(exitCode)));
    clearTimeout(kill);
    expect({ code, out, err }).toEqual({ code: 0, out: 'resumed childsweep01\n', err: '' });
  });
});
