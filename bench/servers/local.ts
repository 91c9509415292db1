import type { WorkItem } from '../../lambda/core/domain/work';
import { consoleLogger } from '../../lambda/local/console-logger';
import { startLocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';
import { STAND_IN_APPLICATION_ID, STAND_IN_CHANNEL_ID, STAND_IN_GUILD_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';

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
  // An open preview (for the Refine button and its box) and a site outline (for autocomplete), as the worker would have left them.
  const { tasks, outlines } = server.runtime.interactions;
  const taskId = 'benchrefine01';
  await tasks.create({
    taskId,
    agentId: 'ux',
    command: '/ux-update command:section:header text:"Hi"',
    options: { command: 'section:header text:"Hi"' },
    status: 'awaiting_confirmation',
    summary: 'Set the header text to "Hi"',
    proposal: { version: 2 },
    requesterId: STAND_IN_USER.id,
    requesterName: STAND_IN_USER.global_name,
    guildId: STAND_IN_GUILD_ID,
    channelId: STAND_IN_CHANNEL_ID,
    applicationId: STAND_IN_APPLICATION_ID,
    interactionToken: 'bench',
    confirmBy: new Date(Date.now() + 24 * 3600_000).toISOString(),
  });
  await outlines?.write('ux', { pages: ['/', '/pricing', '/about', '/blog', '/contact'], sections: ['header', 'navbar', 'hero', 'footer', 'home'] });
  process.stdout.write(`${JSON.stringify({ url: `${server.url}/discord`, publicKeyHex: server.publicKeyHex, taskId })}\n`);
  process.on('SIGTERM', () => {
    process.stderr.write(`handed over ${handedOver} work items\n`);
    server.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
