import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Agent } from '../../core/domain/agent';
import type { DiscordMessage } from '../../core/domain/discord-message';
import { parseTaskButtonId, taskButtonId } from '../../core/tasks/buttons';
import type { Logger } from '../../core/ports/logger';
import { loadOrCreateDevKeyPair, signInteraction } from '../dev-keys';
import { STAND_IN_USER, commandInteraction, componentInteraction, selectInteraction, type InteractionUser } from '../interaction-builder';
import { startLocalServer, type LocalServer } from '../server';
import type { LocalSettings } from '../settings';
import { startStandInDiscordApi } from './discord-api';
import type { StandInRequest } from './command-line';
import { renderMessage } from './render';
import { mergeConfirmedBranch } from './merge';
import { describeSiteInUse, shownPath } from '../site-in-use';

export interface StandInOptions {
  write: (text: string) => void;
  logger: Logger;
  /** How long to wait for the worker's follow-up. */
  followUpTimeoutMs: number;
  /** Tests: agents for the server this command starts when none is running. */
  agents?: Agent[];
}

interface StandInMemory {
  /** The task of the last preview or question, for --click. */
  lastTaskId?: string;
  messageId?: string;
  /** The last question's task and its options' labels, in menu order, for --pick. */
  question?: { taskId: string; labels: string[] };
}

/** What a running local server says of itself on GET /health. */
interface ServerHealth {
  site?: { directory?: string; seededFrom?: string; repository?: string };
  persisted?: boolean;
}

/** The running server's /health answer, or undefined when nothing answers on `url`. */
async function serverHealth(url: string): Promise<ServerHealth | undefined> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    if (!response.ok) return undefined;
    return ((await response.json().catch(() => ({}))) ?? {}) as ServerHealth;
  } catch {
    return undefined;
  }
}

/** "site .valine/site, a copy of examples/site", as the server reported it. */
function siteWords(site: ServerHealth['site']): string {
  if (!site) return 'its site unknown (an older server)';
  if (site.repository) return `site ${site.repository} on GitHub`;
  return `site ${site.directory ?? '?'}${site.seededFrom ? `, a copy of ${site.seededFrom}` : ''}`;
}

async function readMemory(file: string): Promise<StandInMemory> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StandInMemory;
  } catch {
    return {};
  }
}

/** Remembers the task of a preview (its Confirm button) or of a question (its select menu); other messages change nothing. */
async function rememberMessage(file: string, message: DiscordMessage): Promise<void> {
  const components = (message.components ?? []).flatMap((row) => row.components).filter((c) => c.custom_id && !c.disabled);
  const select = components.find((c) => c.type === 3 && parseTaskButtonId(c.custom_id ?? '')?.action === 'choose');
  const confirm = components.find((c) => parseTaskButtonId(c.custom_id ?? '')?.action === 'confirm');
  const taskId = parseTaskButtonId((select ?? confirm)?.custom_id ?? '')?.taskId;
  if (!taskId) return;
  const memory: StandInMemory = { ...(await readMemory(file)), lastTaskId: taskId, messageId: '1' };
  if (select?.type === 3) memory.question = { taskId, labels: select.options.map((o) => o.label) };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(memory)}\n`);
}

const isWorking = (message: DiscordMessage): boolean =>
  (message.components ?? []).some((row) => row.components.some((b) => b.disabled && /Working/.test(b.label ?? '')));

/**
 * The Discord stand-in: signs an interaction with the dev key, sends it to the local server
 * (starting one in this process when none answers on PORT), receives the follow-ups on its
 * own loopback Discord API and prints what a Discord user would see. Returns the exit code.
 */
export async function runStandIn(request: StandInRequest, settings: LocalSettings, options: StandInOptions): Promise<number> {
  const { write } = options;
  if (request.kind === 'merge') return runMerge(request.branch, settings, write);
  const keys = await loadOrCreateDevKeyPair(settings.devKeyFile);
  let api;
  try {
    api = await startStandInDiscordApi(settings.standInPort, settings.screenshotsDirectory);
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    write(busy ? `Port ${settings.standInPort} (DISCORD_STAND_IN_PORT) is in use; is another stand-in running? Wait for it or pick another port.` : String(error));
    return 1;
  }
  let own: LocalServer | undefined;
  try {
    let serverUrl = `http://127.0.0.1:${settings.port}`;
    const running = await serverHealth(serverUrl);
    if (running) {
      write(`(server on port ${settings.port}: ${siteWords(running.site)})`);
      const held = running.site?.seededFrom;
      if (settings.siteSeedAskedFor && (!held || resolve(held) !== settings.siteSeed)) {
        write(
          `VALINE_SITE_SEED names ${shownPath(settings.siteSeed)}, but the server running on port ${settings.port} holds ${held ? `a copy of ${held}` : 'another site'}: ` +
            `the variable applies where a server starts. Stop that server and start it with npm start -- --site ${shownPath(settings.siteSeed)}.`,
        );
      }
    } else {
      own = await startLocalServer({
        settings: { ...settings, port: 0, persist: true, discordApiBase: api.baseUrl },
        env: { ...process.env, DISCORD_PUBLIC_KEY: '' },
        logger: options.logger,
        agents: options.agents,
      });
      serverUrl = own.url;
      const site = own.site ? describeSiteInUse(own.site) : `${own.siteRepository} on GitHub`;
      write(`(No local server answers on port ${settings.port}, so this command runs one itself, keeping its data in ${shownPath(settings.dynamoDbPath)}; site ${site}.)`);
    }

    const user: InteractionUser = {
      ...(request.userId ? { id: request.userId, username: `user-${request.userId}` } : STAND_IN_USER),
      ...(request.roleIds ? { roles: request.roleIds } : {}),
    };
    if (request.userId || request.roleIds) write(`(acting as ${user.username} ${user.id}${request.roleIds ? ` with roles ${request.roleIds.join(', ')}` : ''})`);
    let payload;
    if (request.kind === 'command') {
      payload = commandInteraction(request.name, request.options, user);
      write(`> /${request.name}${Object.entries(request.options).map(([k, v]) => ` ${k}:${v}`).join('')}`);
    } else if (request.kind === 'click') {
      const memory = await readMemory(settings.standInStateFile);
      const taskId = request.taskId ?? memory.lastTaskId;
      if (!taskId) {
        write('There is no preview to click yet. Run /ux-update first (npm run discord -- /ux-update command:…).');
        return 1;
      }
      payload = componentInteraction(taskButtonId(request.action, taskId), memory.messageId ?? '1', user);
      write(`> clicks ${request.action === 'confirm' ? 'Confirm' : 'Cancel'} on task ${taskId}`);
    } else {
      const memory = await readMemory(settings.standInStateFile);
      const taskId = request.taskId ?? memory.question?.taskId;
      if (!taskId) {
        write('There is no question to pick from yet. It comes when a request matches several places; then run npm run discord -- --pick <n>.');
        return 1;
      }
      const labels = memory.question?.taskId === taskId ? memory.question.labels : undefined;
      if (labels && request.option > labels.length) {
        write(`The last question offers ${labels.length} option${labels.length === 1 ? '' : 's'}; pick one of 1 to ${labels.length}.`);
        return 1;
      }
      // The menu's values are the candidates' indexes, 0-based; the stand-in numbers them from 1 as a person counts.
      payload = selectInteraction(taskButtonId('choose', taskId), [String(request.option - 1)], memory.messageId ?? '1', user);
      const label = labels?.[request.option - 1];
      write(`> picks option ${request.option}${label ? ` "${label}"` : ''} on task ${taskId}`);
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
        // A pick turns the question into a preview: remember it for --click confirm.
        if (!waitForWorker) await rememberMessage(settings.standInStateFile, answer.data ?? {});
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
    for (const saved of followUp.savedFiles) write(`  image saved: ${shownPath(saved)}`);
    await rememberMessage(settings.standInStateFile, followUp.message);
    return 0;
  } finally {
    await own?.close();
    await api.close();
  }
}

/** `--merge`: in the site repository of the running server (as its /health names it), else in this VALINE_HOME's. */
async function runMerge(branch: string | undefined, settings: LocalSettings, write: (text: string) => void): Promise<number> {
  const running = await serverHealth(`http://127.0.0.1:${settings.port}`);
  if (running?.site?.repository) {
    write(`The server on port ${settings.port} edits ${running.site.repository} on GitHub: merge its pull requests there.`);
    return 1;
  }
  const directory = running?.site?.directory ? resolve(running.site.directory) : settings.siteDirectory;
  const { lines, code } = await mergeConfirmedBranch(directory, branch);
  for (const line of lines) write(line);
  return code;
}
