import type { WorkItem } from '../../lambda/core/domain/work';
import { consoleLogger } from '../../lambda/local/console-logger';
import { startLocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';

/**
 * Local mode as `npm start` runs it (dynalite, flags file, dev key, the same handler), except
 * that work is counted instead of run: on AWS the worker is another function, and the
 * benchmark measures the acknowledgement only.
 */
async function main(): Promise<void> {
  let handedOver = 0;
  const server = await startLocalServer({
    settings: { ...localSettings(), port: 0 },
    logger: consoleLogger('error'),
    version: 'bench',
    workQueue: {
      // Serialised as the Lambda async invoke's payload would be, then counted.
      enqueue: async (item: WorkItem) => {
        if (JSON.stringify(item).length > 0) handedOver += 1;
      },
    },
  });
  process.stdout.write(`${JSON.stringify({ url: `${server.url}/discord`, publicKeyHex: server.publicKeyHex })}\n`);
  process.on('SIGTERM', () => {
    process.stderr.write(`handed over ${handedOver} work items\n`);
    server.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
