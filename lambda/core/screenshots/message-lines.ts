import { DISCORD_LIMITS, type DiscordMessage, type MessageFile } from '../domain/discord-message';
import { shorten } from '../domain/discord-text';

/** `message` with `lines` appended to its content and `files` attached, the original text shortened if both would pass Discord's 2000 characters. */
export function withScreenshotLines(message: DiscordMessage, lines: readonly string[], files: MessageFile[] = []): DiscordMessage {
  const tail = lines.join('\n');
  const room = DISCORD_LIMITS.content - tail.length - 2;
  const head = message.content ? shorten(message.content, Math.max(0, room)) : '';
  return { ...message, content: head ? `${head}\n\n${tail}` : tail, ...(files.length > 0 ? { files: [...(message.files ?? []), ...files] } : {}) };
}
