import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import type { Task } from '../domain/task';
import type { InteractionRef } from '../domain/work';
import { DiscordApiError } from '../ports/discord-api';
import { showPublicly, type PublishNotes } from './public-message';
import { errorText, type TaskDeps } from './deps';
import { THREAD_POINTER_SECONDS, threadClaimKey } from './ledger-keys';

/** Discord's thread channel types (announcement, public, private thread): a thread cannot hold another. */
const THREAD_CHANNEL_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);
export const isThreadChannel = (channelType: number | undefined): boolean => channelType !== undefined && THREAD_CHANNEL_TYPES.has(channelType);

/** Each reason a channel cannot have threads is logged once per process, not on every request there. */
const loggedReasons = new Set<string>();

/**
 * A task's first public message (its preview, or a question for everyone) opens a thread of its own,
 * named after the request: the channel keeps one line per task (Discord's "started a thread" line)
 * and everything later about the task is posted in that thread, first this message. The requester's
 * private "thinking…" says where it went. Where the bot may not start one (403: no Create Public
 * Threads; a DM; the request came from a thread already; no bot token) the message is posted in the
 * channel and the task works in place; the reason is logged once. A thread is a convenience: failing
 * to make or record one never loses the message.
 */
export async function publishTask(task: Task, message: DiscordMessage, interaction: InteractionRef, name: string, notes: PublishNotes, deps: Pick<TaskDeps, 'discord' | 'tasks' | 'ledger' | 'logger'>): Promise<Task> {
  const inPlace = async (reason?: string): Promise<Task> => {
    if (reason) logOnce(interaction.channelId ?? '-', reason, task.taskId, deps);
    await showPublicly(interaction, message, deps, notes.inPlace);
    return task;
  };
  const { channelId } = interaction;
  if (!deps.discord.startThread || !channelId) return inPlace();
  if (!interaction.guildId) return inPlace('a direct message has no threads');
  if (isThreadChannel(interaction.channelType)) return inPlace('the request came from a thread, which cannot hold another');
  let threadId: string;
  try {
    ({ id: threadId } = await deps.discord.startThread(channelId, name));
  } catch (error) {
    if (error instanceof DiscordApiError && error.status === 403) return inPlace('the bot may not create threads here (Create Public Threads permission missing)');
    if (error instanceof DiscordApiError && error.status === 400) return inPlace(`Discord refused a thread here: ${errorText(error)}`);
    // Status 0: no bot token is configured (local mode without one): only the bot may start threads.
    if (error instanceof DiscordApiError && error.status === 0) return inPlace('no bot token is configured, and only the bot may start threads');
    deps.logger.warn('Could not start the task thread; working in place', { taskId: task.taskId, error: errorText(error) });
    return inPlace();
  }
  if (!threadId) return inPlace();
  // The pointer first: /ux-update typed in the thread finds the task as soon as anyone can see the thread.
  const pointed = await deps.ledger.claimOnce(threadClaimKey(threadId), THREAD_POINTER_SECONDS, task.taskId).catch((error: unknown) => {
    deps.logger.warn('Could not record which task the thread belongs to', { taskId: task.taskId, threadId, error: errorText(error) });
    return false;
  });
  // Recorded before the preview is posted: a click on it, however quick, finds the task's thread.
  let recorded = task;
  try {
    recorded = await deps.tasks.annotate(task.taskId, { threadId }, `thread ${threadId} started`);
  } catch (error) {
    deps.logger.warn('Could not record the task thread; later messages go to the channel', { taskId: task.taskId, threadId, pointed, error: errorText(error) });
  }
  let posted: { id: string };
  try {
    posted = await deps.discord.createMessage(threadId, message);
  } catch (error) {
    deps.logger.warn('Could not post in the task thread; posting in the channel', { taskId: task.taskId, threadId, error: errorText(error) });
    return inPlace();
  }
  recorded = await deps.tasks.annotate(task.taskId, { previewMessageId: posted.id }, 'preview posted in the thread').catch((error: unknown) => {
    deps.logger.warn('Could not record the preview message; a refinement typed in the thread leaves its buttons', { taskId: task.taskId, threadId, error: errorText(error) });
    return recorded;
  });
  await deps.discord.editOriginal(interaction.applicationId, interaction.token, { content: notes.inThread(`<#${threadId}>`), embeds: [], components: [], allowed_mentions: NO_MENTIONS });
  return recorded;
}

function logOnce(channelId: string, reason: string, taskId: string, deps: Pick<TaskDeps, 'logger'>): void {
  const key = `${channelId}:${reason}`;
  if (loggedReasons.has(key)) return;
  loggedReasons.add(key);
  deps.logger.info('Working in place: no thread for this task', { taskId, channelId, reason });
}

/**
 * A message of the task's thread that is no longer open (a preview confirmed, refined or taken
 * back) loses its buttons; its text stays, and the next message below it says what happened. Never
 * throws: a button of a message no longer open only answers that the task moved on.
 */
export async function closeMessage(taskId: string, channelId: string | undefined, messageId: string | undefined, deps: Pick<TaskDeps, 'discord' | 'logger'>): Promise<void> {
  if (!channelId || !messageId || !deps.discord.editMessage) return;
  try {
    await deps.discord.editMessage(channelId, messageId, { components: [] });
  } catch (error) {
    deps.logger.warn('Could not take the buttons off an earlier message of the task', { taskId, channelId, error: errorText(error) });
  }
}

/** The interaction came from the task's own thread (a click on its preview there, or words typed there): answers are new messages below. */
export const inTaskThread = (task: Pick<Task, 'threadId'>, channelId: string | undefined): boolean => task.threadId !== undefined && channelId === task.threadId;

/**
 * A message about a task (merged, closed, preview live, live on, a reminder): in its thread, or in its
 * channel when it has none or the thread is gone (404 Unknown Channel, deleted by a moderator; 403,
 * locked): nothing is lost.
 */
export async function postAboutTask(
  task: Pick<Task, 'taskId' | 'channelId' | 'threadId'>,
  message: DiscordMessage,
  idempotencyKey: string | undefined,
  deps: Pick<TaskDeps, 'discord' | 'logger'>,
): Promise<{ id: string }> {
  if (!task.channelId) throw new Error(`Task ${task.taskId} has no channel to post in.`);
  if (task.threadId) {
    try {
      return await deps.discord.createMessage(task.threadId, message, idempotencyKey);
    } catch (error) {
      if (!(error instanceof DiscordApiError) || (error.status !== 404 && error.status !== 403)) throw error;
      deps.logger.warn('The task thread is gone or locked; posting in the channel', { taskId: task.taskId, threadId: task.threadId, status: error.status });
    }
  }
  return deps.discord.createMessage(task.channelId, message, idempotencyKey);
}

/** The request a thread is named after: the words asked for, else the command line. */
export const threadNameOf = (options: Readonly<Record<string, string>>, commandLine: string): string => options.description ?? options.command ?? commandLine;
