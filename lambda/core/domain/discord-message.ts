import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIButtonComponentWithCustomId,
  APIButtonComponentWithURL,
  APIEmbed,
  APIEmbedField,
  APISelectMenuOption,
  APIStringSelectComponent,
  MessageFlags,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';

/*
 * The bot's messages in Discord's own types (discord-api-types, API v10): a number written for an
 * enum (`type: 1`, `style: 4`) is checked against it by the compiler. Type imports only, so no
 * bundle carries the package.
 */
export type EmbedField = APIEmbedField;
export type Embed = APIEmbed;
/** The buttons the bot sends: with a custom_id (Confirm, Cancel, Revert) or a link; each may be read for both fields. */
export type Button = (APIButtonComponentWithCustomId & { url?: never }) | (APIButtonComponentWithURL & { custom_id?: never });
export type SelectOption = APISelectMenuOption;
/** A string select menu; Discord wants it alone in its action row. It has no label or link: declared absent so code reading a row's button labels needs no narrowing. */
export type StringSelect = APIStringSelectComponent & { label?: never; url?: never; style?: never };
export type ActionRow = APIActionRowComponent<Button | StringSelect>;
export type AllowedMentions = APIAllowedMentions;
/** A file attached to a message (sent as multipart/form-data: `files[n]` plus `attachments` in `payload_json`). */
export interface MessageFile {
  name: string;
  contentType: string;
  data: Uint8Array;
  /** Alt text Discord shows for the image. */
  description?: string;
}
/** What the bot sends or edits: Discord's message body (the fields the bot uses), plus the files to upload beside it. */
export interface DiscordMessage extends Pick<RESTPatchAPIWebhookWithTokenMessageJSONBody, 'content' | 'allowed_mentions'> {
  embeds?: Embed[];
  components?: ActionRow[];
  /** MessageFlags: 64 = ephemeral. */
  flags?: MessageFlags;
  /** Attachments (at most DISCORD_ATTACHMENT_LIMITS.filesPerMessage); never part of the JSON payload. */
  files?: MessageFile[];
}

export const EPHEMERAL: MessageFlags.Ephemeral = 64;
export const NO_MENTIONS: AllowedMentions = { parse: [] };
/**
 * Discord's documented limits (API v10): message content 2000; embeds 10 per message, title 256, description 4096,
 * 25 fields of name 256 and value 1024, footer 2048, author name 256, URLs 2048, 6000 characters of text in all;
 * 5 action rows of 5 buttons (label 80, custom_id 100); select menus of 25 options with 100-character labels,
 * values and descriptions, and a 150-character placeholder; 10 files per message, alt text 1024.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedTotal: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  url: 2048,
  actionRows: 5,
  rowButtons: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  files: 10,
  attachmentDescription: 1024,
} as const;
