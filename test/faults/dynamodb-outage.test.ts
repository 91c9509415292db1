import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoDbClient, INTERACTION_DYNAMODB_TIMEOUTS } from '../../lambda/core/adapters/dynamodb-client';
import { DynamoDbLedger } from '../../lambda/core/adapters/dynamodb-ledger';
import { DynamoDbLlmBudget } from '../../lambda/core/adapters/dynamodb-llm-budget';
import { DynamoDbTaskStore } from '../../lambda/core/adapters/dynamodb-task-store';
import { createFileFlagReader } from '../../lambda/core/adapters/file-flags';
import { defaultFlagStrings } from '../../lambda/core/contract/flags';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { DEFAULT_WORKER_TIMEOUT_SECONDS } from '../../lambda/core/domain/task';
import type { WorkItem } from '../../lambda/core/domain/work';
import { fixedDiscordPublicKey } from '../../lambda/core/runtime/public-key';
import { buildInteractions } from '../../lambda/interactions/handler';
import { generateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { commandInteraction, componentInteraction, selectInteraction, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { recordingLogger } from '../support/recording-logger';

/** A DynamoDB that stops answering: it accepts every connection and never writes a byte. */
async function silentServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A DynamoDB that is down: nothing listens on its port. */
async function refusedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const TASK = 'tsk_outage0001';
const INTERACTIONS = {
  '/status': () => commandInteraction('status'),
  '/debug-last': () => commandInteraction('debug-last'),
  '/agents': () => commandInteraction('agents'),
  '/ux-update': () => commandInteraction('ux-update', { command: 'section:header text:"Hi"' }),
  Confirm: () => componentInteraction(taskButtonId('confirm', TASK), '9000'),
  Cancel: () => componentInteraction(taskButtonId('cancel', TASK), '9000'),
  'a pick': () => selectInteraction(taskButtonId('choose', TASK), ['0'], '9000'),
};

describe('every interaction answers within Discord\'s 3 s while DynamoDB does not (issue 18, item 11)', () => {
  let home: string;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'valine-outage-'));
    await writeFile(join(home, 'flags.json'), JSON.stringify({ ...defaultFlagStrings('dev'), 'admin-user-ids': STAND_IN_USER.id }));
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent.close();
    await rm(home, { recursive: true, force: true });
  });

  const handlerOn = (endpoint: string, queued: WorkItem[]) => {
    const keys = generateDevKeyPair();
    const client = createDynamoDbClient({ endpoint, timeouts: INTERACTION_DYNAMODB_TIMEOUTS });
    const logger = recordingLogger();
    const handle = buildInteractions({
      publicKey: async () => fixedDiscordPublicKey(keys.publicKeyHex)(),
      ports: async () => ({
        stage: 'dev',
        version: 'test',
        flags: createFileFlagReader(join(home, 'flags.json'), 'dev', logger, 0),
        tasks: new DynamoDbTaskStore(client, 'conversations'),
        ledger: new DynamoDbLedger(client, 'ledger'),
        llmBudget: new DynamoDbLlmBudget(client, 'ledger'),
        queue: { enqueue: async (item) => void queued.push(item) },
        locateFlag: (flag) => flag,
        taskTtlSeconds: 900,
        workerTimeoutSeconds: DEFAULT_WORKER_TIMEOUT_SECONDS,
        logger,
      }),
    });
    return { send: (payload: object) => {
      const body = JSON.stringify(payload);
      return handle({ headers: signInteraction(body, keys.privateKey), body });
    }, client };
  };

  it.each([
    ['accepts connections and never answers', async () => silent.endpoint],
    ['refuses connections', refusedEndpoint],
  ])('a DynamoDB that %s: each interaction gets a sentence, no 5xx, in under 3 s', async (_how, endpointOf) => {
    const queued: WorkItem[] = [];
    const { send, client } = handlerOn(await endpointOf(), queued);
    const seen: Record<string, { ms: number; status: number; text: string }> = {};
    try {
      // All at once, as Discord sends them when several people click: each waits out its own DynamoDB deadline.
      await Promise.all(
        Object.entries(INTERACTIONS).map(async ([name, payload]) => {
          const started = Date.now();
          const response = await send(payload());
          const body = JSON.parse(response.body) as { type: number; data?: { content?: string; embeds?: Array<{ fields?: Array<{ name: string; value: string }> }> } };
          const text = body.data?.content ?? JSON.stringify(body.data?.embeds ?? body.type);
          seen[name] = { ms: Date.now() - started, status: response.statusCode, text };
        }),
      );
    } finally {
      client.destroy();
    }
    for (const [name, answer] of Object.entries(seen)) {
      expect({ name, status: answer.status, within3s: answer.ms < 3000 }).toEqual({ name, status: 200, within3s: true });
    }
    expect(seen['/debug-last']?.text).toBe('Something went wrong while answering; nothing was changed. Please try again in a minute.');
    expect(seen.Confirm?.text).toBe('Something went wrong while answering; nothing was changed. Please try again in a minute.');
    expect(seen.Cancel?.text).toBe('Something went wrong while answering; nothing was changed. Please try again in a minute.');
    expect(seen['/status']?.text).toContain('unavailable right now');
    // Nothing was handed to the worker for a Confirm it could not record.
    expect(queued.filter((item) => item.kind === 'confirm')).toEqual([]);
    process.stdout.write(`DynamoDB that ${_how}: ${Object.entries(seen).map(([name, a]) => `${name} ${a.ms} ms`).join(', ')}\n`);
  }, 30_000);
});
