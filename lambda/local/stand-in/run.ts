import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Agent } from '../../core/domain/agent';
import { EPHEMERAL, type DiscordMessage } from '../../core/domain/discord-message';
import { parseTaskButtonId, taskButtonId } from '../../core/tasks/buttons';
import type { Logger } from '../../core/ports/logger';
import { loadOrCreateDevKeyPair, signInteraction } from '../dev-keys';
import { STAND_IN_CHANNEL_ID, STAND_IN_USER, commandInteraction, componentInteraction, modalSubmitInteraction, selectInteraction, type InteractionUser } from '../interaction-builder';
import { REFINE_TEXT_ID } from '../../core/discord/modals/refine-box';
import { startLocalServer, type LocalServer } from '../server';
import type { LocalSettings } from '../settings';
import { startStandInDiscordApi, type StartedThread } from './discord-api';
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
  /** That message's id, and the thread it is in (clicks on it come from there). */
  messageId?: string;
  channelId?: string;
  /** The last question's task and its options' labels, in menu order, for --pick. */
  question?: { taskId: string; labels: string[]; button?: boolean };
  /** The last task's thread, for --in-thread. */
  thread?: { taskId: string; threadId: string; name: string };
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

/**
 * Remembers the task of a preview (its Confirm button) or of a question (its select menu), with the message's id
 * and the thread it is in, so a later --click comes from that message as Discord's would; other messages change nothing.
 */
async function rememberMessage(file: string, message: DiscordMessage, where: { id?: string; thread?: StartedThread } = {}): Promise<void> {
  const components = (message.components ?? []).flatMap((row) => row.components).filter((c) => c.custom_id && !c.disabled);
  // A question's menu, or its one answer as a button ("Yes, the footer"): --pick 1 answers either.
  const select = components.find((c) => parseTaskButtonId(c.custom_id ?? '')?.action === 'choose');
  const confirm = components.find((c) => parseTaskButtonId(c.custom_id ?? '')?.action === 'confirm');
  const taskId = parseTaskButtonId((select ?? confirm)?.custom_id ?? '')?.taskId;
  if (!taskId) return;
  const earlier = await readMemory(file);
  const sameTask = earlier.lastTaskId === taskId;
  const memory: StandInMemory = {
    ...earlier,
    lastTaskId: taskId,
    messageId: where.id ?? (sameTask ? earlier.messageId ?? '1' : '1'),
    ...(where.thread ? { channelId: where.thread.id } : sameTask && earlier.channelId ? { channelId: earlier.channelId } : {}),
  };
  if (!where.thread && !sameTask) delete memory.channelId;
  if (earlier.thread && earlier.thread.taskId !== taskId) delete memory.thread;
  if (where.thread) memory.thread = { taskId, threadId: where.thread.id, name: where.thread.name };
  if (select?.type === 3) memory.question = { taskId, labels: select.options.map((o) => o.label) };
  else if (select?.type === 2) memory.question = { taskId, labels: [select.label ?? 'Yes'], button: true };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(memory)}\n`);
}

/** The thread the remembered message of `taskId` is in (undefined for another task, or a message in the channel). */
const messageChannel = (memory: StandInMemory, taskId: string): string | undefined => (memory.lastTaskId === taskId ? memory.channelId : undefined);

/** A click or a box submitted on a message in a thread comes from that thread (Discord names it as the channel). */
function fromMessageChannel<T extends object>(payload: T, channelId: string | undefined): T {
  return channelId ? { ...payload, channel_id: channelId, channel: { id: channelId, type: 11, parent_id: STAND_IN_CHANNEL_ID } } : payload;
}

/** `<#id>` (a link to a channel or thread) as Discord draws it: `#name`. */
function withThreadNames(message: DiscordMessage, threads: readonly StartedThread[]): DiscordMessage {
  if (!message.content) return message;
  return { ...message, content: message.content.replace(/<#(\d+)>/g, (_link, id: string) => `#${threads.find((t) => t.id === id)?.name ?? id}`) };
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
  let serverUrl = (): string => `http://127.0.0.1:${settings.port}`;
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
    let url = `http://127.0.0.1:${settings.port}`;
    serverUrl = () => url;
    const running = await serverHealth(url);
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
      url = own.url;
      const site = own.site ? describeSiteInUse(own.site) : `${own.siteRepository} on GitHub`;
      write(`(No local server answers on port ${settings.port}, so this command runs one itself, keeping its data in ${shownPath(settings.dynamoDbPath)}; site ${site}.)`);
    }

    const user: InteractionUser = {
      ...(request.userId ? { id: request.userId, username: `user-${request.userId}` } : STAND_IN_USER),
      ...(request.roleIds ? { roles: request.roleIds } : {}),
    };
    if (request.userId || request.roleIds) write(`(acting as ${user.username} ${user.id}${request.roleIds ? ` with roles ${request.roleIds.join(', ')}` : ''})`);
    let payload;
    // The thread the interaction comes from (a message in it was clicked, or the command typed there): its answers are posted there.
    let clickedIn: string | undefined;
    if (request.kind === 'command') {
      const thread = request.inThread ? (await readMemory(settings.standInStateFile)).thread : undefined;
      if (request.inThread && !thread) {
        write('There is no task thread yet. Run /ux-update first; its preview starts one.');
        return 1;
      }
      payload = commandInteraction(request.name, request.options, user, thread?.threadId);
      clickedIn = thread?.threadId;
      write(`${thread ? `(in the thread "${thread.name}") ` : ''}> /${request.name}${Object.entries(request.options).map(([k, v]) => ` ${k}:${v}`).join('')}`);
    } else if (request.kind === 'refine') {
      const memory = await readMemory(settings.standInStateFile);
      const taskId = request.taskId ?? memory.lastTaskId;
      if (!taskId) return noPreview('refine');
      // The click opens the box (a modal, answered type 9); the box is then submitted with the words.
      clickedIn = messageChannel(memory, taskId);
      const click = await send(fromMessageChannel(componentInteraction(taskButtonId('refine', taskId), memory.messageId ?? '1', user), clickedIn));
      write(`> clicks Refine on task ${taskId}`);
      if (click.status !== 200) return reportHttp(click);
      const opened = JSON.parse(click.text) as { type: number; data?: DiscordMessage & { title?: string } };
      if (opened.type !== 9) {
        write(renderMessage(opened.data ?? {}));
        return 0;
      }
      write(`┌─ ${opened.data?.title ?? 'Refine'} (a box only you see)\n│ What should change? [ ${request.text} ]\n│ [ Submit ]\n└─`);
      payload = modalSubmitInteraction(taskButtonId('refine', taskId), { [REFINE_TEXT_ID]: request.text }, memory.messageId ?? '1', user, clickedIn ?? STAND_IN_CHANNEL_ID);
      write(`> submits "${request.text}"`);
    } else if (request.kind === 'click') {
      const memory = await readMemory(settings.standInStateFile);
      const taskId = request.taskId ?? memory.lastTaskId;
      if (!taskId) return noPreview('click');
      clickedIn = messageChannel(memory, taskId);
      payload = fromMessageChannel(componentInteraction(taskButtonId(request.action, taskId), memory.messageId ?? '1', user), clickedIn);
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
      const asButton = memory.question?.taskId === taskId && memory.question.button === true;
      clickedIn = messageChannel(memory, taskId);
      payload = fromMessageChannel(
        asButton
          ? componentInteraction(taskButtonId('choose', taskId), memory.messageId ?? '1', user)
          : selectInteraction(taskButtonId('choose', taskId), [String(request.option - 1)], memory.messageId ?? '1', user),
        clickedIn,
      );
      const label = labels?.[request.option - 1];
      write(`> picks option ${request.option}${label ? ` "${label}"` : ''} on task ${taskId}`);
    }
    const startedAt = api.received.length;
    const response = await send(payload);
    if (response.status !== 200) return reportHttp(response);
    const text = response.text;
    const answer = JSON.parse(text) as { type: number; data?: DiscordMessage };
    let waitForWorker = false;
    const privateAnswer = answer.type === 5 && ((answer.data?.flags ?? 0) & EPHEMERAL) !== 0;
    // Threads opened in this run, and the task thread an earlier run remembered (each run is a process of its own).
    const remembered = (await readMemory(settings.standInStateFile)).thread;
    const knownThreads = (): StartedThread[] => [...api.threads, ...(remembered ? [{ id: remembered.threadId, parentId: STAND_IN_CHANNEL_ID, name: remembered.name }] : [])];
    const thread = (id: string | undefined) => knownThreads().find((t) => t.id === id);
    const clickThread = thread(clickedIn);
    /** A message as Discord shows it: in the channel, or indented under its thread. */
    const show = (message: DiscordMessage, heading: string, inThread: StartedThread | undefined) => {
      const drawn = renderMessage(withThreadNames(message, knownThreads()), inThread ? `${heading} in the thread "${inThread.name}"` : heading);
      write(inThread ? indent(drawn) : drawn);
    };
    switch (answer.type) {
      case 1:
        write('PONG');
        break;
      case 4:
        show(answer.data ?? {}, 'Valine', clickThread);
        // Confirm in the task's thread: "Working…" is a message of its own there, which the worker turns into the outcome.
        waitForWorker = isWorking(answer.data ?? {});
        break;
      case 5:
        show({ content: 'Valine is thinking…', ...(answer.data?.flags ? { flags: answer.data.flags } : {}) }, 'Valine', clickThread);
        waitForWorker = true;
        break;
      case 6:
        waitForWorker = true;
        break;
      case 7:
        show(answer.data ?? {}, 'Valine (message updated)', clickThread);
        waitForWorker = isWorking(answer.data ?? {});
        // A pick turns the question into a preview: remember it for --click confirm.
        if (!waitForWorker) await rememberMessage(settings.standInStateFile, answer.data ?? {});
        break;
      default:
        write(`Unexpected interaction response type ${answer.type}: ${text}`);
        return 1;
    }
    if (!waitForWorker) return 0;
    const answered = api.received.slice(startedAt).some((m) => m.target === payload.token);
    if (!answered && !(await api.nextFor(payload.token, options.followUpTimeoutMs))) {
      write(
        `No follow-up arrived within ${Math.round(options.followUpTimeoutMs / 1000)} s. If the server runs separately, it must send Discord calls to ${api.baseUrl} ` +
          '(it does by default when it uses the dev key; otherwise set DISCORD_API_BASE), and check its log.',
      );
      return 1;
    }
    // Everything the worker sent for it, in order: the task's thread (one line in the channel), what is posted there (indented, as Discord shows a thread), the private answer.
    await api.settle(400, 3000);
    for (const sent of api.received.slice(startedAt)) {
      if (sent.kind === 'thread-start') {
        write(`── Valine started the thread "${sent.message.content ?? ''}": the channel shows this one line; what is said about this task is in the thread`);
        continue;
      }
      if (sent.kind === 'delete-original') {
        const line = '(the message above is taken back: it was removed)';
        write(clickThread ? indent(line) : line);
        continue;
      }
      const inThread = sent.kind === 'channel-message' || sent.kind === 'channel-edit' ? thread(sent.target) : sent.target === payload.token ? clickThread : undefined;
      const onlyButtons = Object.keys(sent.message).every((key) => key === 'components' || key === 'allowed_mentions') && (sent.message.components ?? []).length === 0;
      if (onlyButtons) {
        const line = '(the buttons under the earlier message are taken away: it is no longer open)';
        write(inThread ? indent(line) : line);
        continue;
      }
      if (sent.kind === 'channel-edit') show(sent.message, 'Valine (message edited)', inThread);
      // An edit of a private "thinking…" stays private: Discord keeps the flag of the message it edits.
      else if (sent.kind === 'edit-original' && sent.target === payload.token && privateAnswer) show({ ...sent.message, flags: EPHEMERAL }, 'Valine (message edited)', clickThread);
      else show(sent.message, sent.kind === 'edit-original' ? 'Valine (message edited)' : 'Valine', inThread);
      for (const saved of sent.savedFiles) write(`  image saved: ${shownPath(saved)}`);
      if (sent.target === payload.token || inThread) await rememberMessage(settings.standInStateFile, sent.message, { ...(sent.id ? { id: sent.id } : {}), ...(inThread ? { thread: inThread } : {}) });
    }
    return 0;
  } finally {
    await own?.close();
    await api.close();
  }

  async function send(interaction: unknown): Promise<{ status: number; text: string }> {
    const body = JSON.stringify(interaction);
    const response = await fetch(`${serverUrl()}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...signInteraction(body, keys.privateKey) }, body });
    return { status: response.status, text: await response.text() };
  }

  function noPreview(action: 'refine' | 'click'): number {
    write(`There is no preview to ${action} yet. Run /ux-update first (npm run discord -- /ux-update command:…).`);
    return 1;
  }

  function reportHttp(response: { status: number; text: string }): number {
    write(`The server answered HTTP ${response.status}: ${response.text.trim()}`);
    if (response.status === 401) write('The server does not use the dev key: it was started with DISCORD_PUBLIC_KEY set. Unset it to use the stand-in.');
    return 1;
  }
}

/** A thread's messages, indented under the channel's line for the thread. */
const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

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
