import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { defaultFlagStrings } from '../../lambda/core/contract/flags';
import { STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { startLocalRuntime } from '../../lambda/local/runtime';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';
import { scriptedAgent } from '../interactions/fixtures/test-agent';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The fault-injection suite, kills around Confirm (issue 18): local mode with its tables on disk
 * (VALINE_PERSIST=1) is killed with SIGKILL at a step of a Confirm, then started again; the
 * restart must finish the work once, and the message must end on its result.
 */
let discord: LoopbackDiscord;
beforeAll(async () => {
  discord = await startLoopbackDiscord();
});
afterAll(() => discord.close());

async function killAt(step: 'ack' | 'execute', home: string): Promise<string> {
  // node itself with tsx's loader (not the tsx command, which runs the script in a child SIGKILL would not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'confirm-kill-child.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      KILL_AT: step,
      VALINE_FLAGS_FILE: join(home, 'flags.json'),
      VALINE_DYNAMODB_PATH: join(home, 'dynamodb'),
      VALINE_SITE_DIRECTORY: join(home, 'site'),
      DISCORD_API_BASE: discord.baseUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // 'ack': right after the answer ("Working…") was made, the hand-off already done and never run.
  const marker = step === 'ack' ? 'ANSWERED' : 'EXECUTING';
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  await new Promise<void>((reached, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // The most honest kill: no handler, no cleanup, the moment the step is reached.
      if (out.includes(marker) && (step !== 'ack' || out.includes('\n', out.indexOf(marker)))) {
        child.kill('SIGKILL');
        reached();
      }
    });
    void exited.then(() => failed(new Error(`the child stopped before ${marker}: ${out}`)));
  });
  expect(await exited).toBe('SIGKILL');
  return out;
}

describe('kills around Confirm in local mode with VALINE_PERSIST=1 (fault-injection suite)', () => {
  it.each(['ack', 'execute'] as const)('killed at %s: the restart runs the work once and the message ends on its result', async (step) => {
    const home = await mkdtemp(join(tmpdir(), `valine-kill-${step}-`));
    try {
      await writeFile(join(home, 'flags.json'), JSON.stringify({ ...defaultFlagStrings('dev'), 'admin-user-ids': STAND_IN_USER.id }));
      const output = await killAt(step, home);
      if (step === 'ack') expect(output).toMatch(/ANSWERED .*"Working…"/);
      const before = discord.requests.length;
      const agent = scriptedAgent();
      const restarted = await startLocalRuntime({
        version: 'test',
        flagsFile: join(home, 'flags.json'),
        dynamoDbPath: join(home, 'dynamodb'),
        discordApiBase: discord.baseUrl,
        secrets: new EnvSecretReader({}, { 'discord-bot-token': 'test-bot-token' }),
        logger: recordingLogger(),
        taskTtlSeconds: 900,
        siteDirectory: join(home, 'site'),
        agents: [agent],
      });
      try {
        await restarted.idle();
        expect(agent.executed.map((t) => t.taskId)).toEqual(['killtask0001']);
        const task = await new DynamoDbTaskStore(restarted.db.client, restarted.db.tables.conversations).get('killtask0001');
        expect(task?.status).toBe('pr_open');
        expect(task?.confirmedBy?.name).toBe('Local Developer');
        const last = discord.requests.slice(before).at(-1);
        expect((last?.body as { content?: string }).content).toMatch(/^Opened a draft pull request for task killtask0001/);
        process.stdout.write(`killed at ${step}: restart ran the work once, task ${task?.status}\n`);
      } finally {
        await restarted.close();
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 60_000);
});
