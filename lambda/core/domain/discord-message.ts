/** The subset of Discord's message payload the bot sends (API v10). */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}
export interface Embed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  timestamp?: string;
}
export interface Button {
  type: 2;
  style: 1 | 2 | 3 | 4 | 5;
  label: string;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
}
export interface SelectOption {
  label: string;
  value: string;
  description?: string;
}
/** A string select menu; Discord wants it alone in its action row. */
export interface StringSelect {
  type: 3;
  custom_id: string;
  options: SelectOption[];
  placeholder?: string;
  min_values?: number;
  max_values?: number;
  disabled?: boolean;
  /** A select has no label or link: declared absent so code reading a row's button labels needs no narrowing. */
  label?: never;
  url?: never;
}
export interface ActionRow {
  type: 1;
  components: Array<Button | StringSelect>;
}
export interface AllowedMentions {
  parse: Array<'users' | 'roles' | 'everyone'>;
  users?: string[];
}
/** A file attached to a message (sent as multipart/form-data: `files[n]` plus `attachments` in `payload_json`). */
export interface MessageFile {
  name: string;
  contentType: string;
  data: Uint8Array;
  /** Alt text Discord shows for the image. */
  description?: string;
}
export interface DiscordMessage {
  content?: string;
  embeds?: Embed[];
  components?: ActionRow[];
  /** 64 = ephemeral. */
  flags?: number;
  /** Defaults to `{ parse: [] }` (no mentions) in the Discord client. */
  allowed_mentions?: AllowedMentions;
  /** Attachments (at most DISCORD_ATTACHMENT_LIMITS.filesPerMessage); never part of the JSON payload. */
  files?: MessageFile[];
}

export const EPHEMERAL = 64;
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
