import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage } from './discord-message';
import { shorten } from './discord-text';

/** What every agent's messages share: embed colours and a plain sentence back to the person. */
/** Discord embed colour of a preview that changes no colour (Discord blurple). */
export const NEUTRAL_COLOR = 0x5865f2;
export const SUCCESS_COLOR = 0x2da44e;
export const FAILURE_COLOR = 0xcf222e;

/** A sentence back to the person (clarification or refusal): no buttons, no mentions. */
export function replyMessage(title: string, text: string, color = FAILURE_COLOR, footer?: string): DiscordMessage {
  return {
    embeds: [{ title, description: shorten(text, DISCORD_LIMITS.embedDescription), color, ...(footer ? { footer: { text: footer } } : {}) }],
    allowed_mentions: NO_MENTIONS,
  };
}
