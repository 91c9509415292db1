import type { DiscordMessage } from '../domain/discord-message';
import type { Task } from '../domain/task';
import type { InteractionRef } from '../domain/work';
import { DiscordApiError, type PostedMessage } from '../ports/discord-api';
import { errorText, type TaskDeps } from './deps';
import { THREAD_POINTER_SECONDS, threadClaimKey } from './ledger-keys';

/** Discord's thread channel types (announcement, public, private thread): a thread cannot hold another. */
const THREAD_CHANNEL_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);
export const isThreadChannel = (channelType: number | undefined): boolean => channelType !== undefined && THREAD_CHANNEL_TYPES.has(channelType);

/** Each reason a channel cannot have threads is logged once per process, not on every request there. */
const loggedReasons = new Set<string>();

/**
 * The task's thread, started from its first message (the preview or the question) and named after
 * the request; every later message about the task goes there (`postAboutTask`). Where the bot may
 * not start one (403: no Create Public Threads; a DM; the request came from a thread already) the
 * task works in place, and the reason is logged once. Never throws: a thread is a convenience.
 */
export async function openThread(task: Task, posted: void | PostedMessage, name: string, interaction: InteractionRef, deps: Pick<TaskDeps, 'discord' | 'tasks' | 'ledger' | 'logger'>): Promise<Task> {
  if (!posted || !deps.discord.startThread) return task;
  const inPlace = (reason: string) => {
    const key = `${posted.channelId}:${reason}`;
    if (!loggedReasons.has(key)) {
      loggedReasons.add(key);
      deps.logger.info('Working in place: no thread for this task', { taskId: task.taskId, channelId: posted.channelId, reason });
    }
    return task;
  };
  if (!interaction.guildId) return inPlace('a direct message has no threads');
  if (isThreadChannel(interaction.channelType)) return inPlace('the request came from a thread, which cannot hold another');
  let threadId: string;
  try {
    ({ id: threadId } = await deps.discord.startThread(posted.channelId, posted.id, name));
  } catch (error) {
    if (error instanceof DiscordApiError && error.status === 403) return inPlace('the bot may not create threads here (Create Public Threads permission missing)');
    if (error instanceof DiscordApiError && error.status === 400) return inPlace(`Discord refused a thread here: ${errorText(error)}`);
    // Status 0: no bot token is configured (local mode without one): only the bot may start threads.
    if (error instanceof DiscordApiError && error.status === 0) return inPlace('no bot token is configured, and only the bot may start threads');
    deps.logger.warn('Could not start the task thread; working in place', { taskId: task.taskId, error: errorText(error) });
    return task;
  }
  if (!threadId) return task;
  try {
    await deps.ledger.claimOnce(threadClaimKey(threadId), THREAD_POINTER_SECONDS, task.taskId);
    return await deps.tasks.annotate(task.taskId, { threadId }, `thread ${threadId} started`);
  } catch (error) {
    deps.logger.warn('Could not record the task thread; later messages go to the channel', { taskId: task.taskId, threadId, error: errorText(error) });
    return task;
  }
}

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
