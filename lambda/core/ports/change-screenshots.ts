import type { DiscordMessage } from '../domain/discord-message';
import type { Task } from '../domain/task';

/**
 * Before/after screenshots of a confirmed change (local mode, VALINE_SITE_PREVIEW). `attach` never
 * throws: it answers the message with the images and a line about them, or with the reason there are none.
 */
export interface ChangeScreenshots {
  attach(task: Task, message: DiscordMessage): Promise<DiscordMessage>;
}
