import { DISCORD_LIMITS, type DiscordMessage, type MessageFile } from './discord-message';
import { shorten } from './discord-text';

/** `message` with `lines` appended to its content and `files` attached, the original text shortened if both would pass Discord's 2000 characters. */
export function withScreenshotLines(message: DiscordMessage, lines: readonly string[], files: MessageFile[] = []): DiscordMessage {
  const tail = lines.join('\n');
  const room = DISCORD_LIMITS.content - tail.length - 2;
  const head = message.content ? shorten(message.content, Math.max(0, room)) : '';
  return { ...message, content: head ? `${head}\n\n${tail}` : tail, ...(files.length > 0 ? { files: [...(message.files ?? []), ...files] } : {}) };
}

/** The line a message shows when Discord refused it with its images and it is posted again without them. */
export const imagesNotAttachedLine = (refusal: Error): string => `The images could not be attached: ${refusal.message}`;

/** `message` without its files, saying why (Discord refused the upload): the same answer, text only. */
export function withoutImages(message: DiscordMessage, refusal: Error): DiscordMessage {
  const { files: _files, ...text } = message;
  return withScreenshotLines(text, [imagesNotAttachedLine(refusal)]);
}
