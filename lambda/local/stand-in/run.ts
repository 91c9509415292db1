import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Agent } from '../../core/domain/agent';
import type { DiscordMessage } from '../../core/domain/discord-message';
import { parseTaskButtonId, taskButtonId } from '../../core/discord/task-buttons';
import type { Logger } from '../../core/ports/logger';
import { loadOrCreateDevKeyPair, signInteraction } from '../dev-keys';
import { STAND_IN_USER, commandInteraction, componentInteraction, type InteractionUser } from '../interaction-builder';
import { startLocalServer, type LocalServer } from '../server';
import type { LocalSettings } from '../settings';
import { startStandInDiscordApi } from './discord-api';
import type { StandInRequest } from './command-line';
import { renderMessage } from './render';

export interface StandInOptions {
  write: (text: string) => void;
  logger: Logger;
  /** How long to wait for the worker's follow-up. */
  followUpTimeoutMs: number;
  /** Tests: agents for the server this command starts when none is running. */
  agents?: Agent[];
}

interface StandInMemory {
  lastTaskId?: string;
  messageId?: string;
}

async function isServerUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function readMemory(file: string): Promise<StandInMemory> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StandInMemory;
  } catch {
    return {};
  }
}

async function rememberPreview(file: string, message: DiscordMessage): Promise<void> {
  const confirm = (message.components ?? []).flatMap((row) => row.components).find((b) => b.custom_id && !b.disabled && parseTaskButtonId(b.custom_id)?.action === 'confirm');
  const taskId = confirm?.custom_id ? parseTaskButtonId(confirm.custom_id)?.taskId : undefined;
  if (!taskId) return;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ lastTaskId: taskId, messageId: '1' } satisfies StandInMemory)}\n`);
}

const isWorking = (message: DiscordMessage): boolean =>
  (message.components ?? []).some((row) => row.components.some((b) => b.disabled && /Working/.test(b.label)));

/**
 * The Discord stand-in: signs an interaction with the dev key, sends it to the local server
 * (starting one in this process when none answers on PORT), receives the follow-ups on its
 * own loopback Discord API and prints what a Discord user would see. Returns the exit code.
 */
export async function runStandIn(request: StandInRequest, settings: LocalSettings, options: StandInOptions): Promise<number> {
  const { write } = options;
  const keys = await loadOrCreateDevKeyPair(settings.devKeyFile);
  let api;
  try {
    api = await startStandInDiscordApi(settings.standInPort);
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    write(busy ? `Port ${settings.standInPort} (DISCORD_STAND_IN_PORT) is in use; is another stand-in running? Wait for it or pick another port.` : String(error));
    return 1;
  }
  let own: LocalServer | undefined;
  try {
    let serverUrl = `http://127.0.0.1:${settings.port}`;
    if (!(await isServerUp(serverUrl))) {
      own = await startLocalServer({
        settings: { ...settings, port: 0, persist: true, discordApiBase: api.baseUrl },
        env: { ...process.env, DISCORD_PUBLIC_KEY: '' },
        logger: options.logger,
        agents: options.agents,
      });
      serverUrl = own.url;
      write(`(No local server answers on port ${settings.port}, so this command runs one itself, keeping its data in ${settings.dynamoDbPath}.)`);
    }

    const user: InteractionUser = request.userId ? { id: request.userId, username: `user-${request.userId}` } : STAND_IN_USER;
    let payload;
    if (request.kind === 'command') {
      payload = commandInteraction(request.name, request.options, user);
      write(`> /${request.name}${Object.entries(request.options).map(([k, v]) => ` ${k}:${v}`).join('')}`);
    } else {
      const memory = await readMemory(settings.standInStateFile);
      const taskId = request.taskId ?? memory.lastTaskId;
      if (!taskId) {
        write('There is no preview to click yet. Run /ux-update first (npm run discord -- /ux-update command:…).');
        return 1;
      }
      payload = componentInteraction(taskButtonId(request.action, taskId), memory.messageId ?? '1', user);
      write(`> clicks ${request.action === 'confirm' ? 'Confirm' : 'Cancel'} on task ${taskId}`);
    }
    const body = JSON.stringify(payload);
    const response = await fetch(`${serverUrl}/discord`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInteraction(body, keys.privateKey) },
      body,
    });
    const text = await response.text();
    if (response.status !== 200) {
      write(`The server answered HTTP ${response.status}: ${text.trim()}`);
      if (response.status === 401) write('The server does not use the dev key: it was started with DISCORD_PUBLIC_KEY set. Unset it to use the stand-in.');
      return 1;
    }
    const answer = JSON.parse(text) as { type: number; data?: DiscordMessage };
    let waitForWorker = false;
    switch (answer.type) {
      case 1:
        write('PONG');
        break;
      case 4:
        write(renderMessage(answer.data ?? {}));
        break;
      case 5:
        write(renderMessage({ content: 'Valine is thinking…' }));
        waitForWorker = true;
        break;
      case 6:
        waitForWorker = true;
        break;
      case 7:
        write(renderMessage(answer.data ?? {}, 'Valine (message updated)'));
        waitForWorker = isWorking(answer.data ?? {});
        break;
      default:
        write(`Unexpected interaction response type ${answer.type}: ${text}`);
        return 1;
    }
    if (!waitForWorker) return 0;
    const followUp = await api.nextFor(payload.token, options.followUpTimeoutMs);
    if (!followUp) {
      write(
        `No follow-up arrived within ${Math.round(options.followUpTimeoutMs / 1000)} s. If the server runs separately, it must send Discord calls to ${api.baseUrl} ` +
          '(it does by default when it uses the dev key; otherwise set DISCORD_API_BASE), and check its log.',
      );
      return 1;
    }
    write(renderMessage(followUp.message, 'Valine (message edited)'));
    await rememberPreview(settings.standInStateFile, followUp.message);
    return 0;
  } finally {
    await own?.close();
    await api.close();
  }
}
