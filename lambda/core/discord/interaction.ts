import type { InteractionType as DiscordInteractionType } from 'discord-api-types/v10';
import * as z from 'zod';
import { DISCORD_SNOWFLAKE, DISCORD_TOKEN, DISCORD_TOKEN_MAX_LENGTH } from '../domain/discord-ids';
import type { InteractionRef } from '../domain/work';

/** Interaction types (API v10): each number is checked against discord-api-types' InteractionType. */
export const InteractionType: {
  readonly PING: DiscordInteractionType.Ping;
  readonly APPLICATION_COMMAND: DiscordInteractionType.ApplicationCommand;
  readonly MESSAGE_COMPONENT: DiscordInteractionType.MessageComponent;
  readonly AUTOCOMPLETE: DiscordInteractionType.ApplicationCommandAutocomplete;
  readonly MODAL_SUBMIT: DiscordInteractionType.ModalSubmit;
} = { PING: 1, APPLICATION_COMMAND: 2, MESSAGE_COMPONENT: 3, AUTOCOMPLETE: 4, MODAL_SUBMIT: 5 };

const SNOWFLAKE_RULE = 'a Discord id (a snowflake: 1 to 20 digits)';
const TOKEN_RULE = `a Discord interaction token (1 to ${DISCORD_TOKEN_MAX_LENGTH.toLocaleString('en-US')} letters, digits, ".", "_" or "-")`;

const snowflake = z.string().regex(DISCORD_SNOWFLAKE, { error: SNOWFLAKE_RULE });
const userSchema = z.object({
  id: snowflake,
  username: z.string().optional(),
  global_name: z.string().nullish(),
});
const memberSchema = z.object({
  user: userSchema,
  roles: z.array(snowflake).optional(),
  nick: z.string().nullish(),
});
const optionSchema = z.object({
  name: z.string(),
  type: z.number(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** Autocomplete: the option being typed. */
  focused: z.boolean().optional(),
});
/** A text input as a modal submits it: inside an action row (type 1) or a label (type 18). */
const textInputSchema = z.object({ type: z.number(), custom_id: z.string(), value: z.string().optional() });
const modalComponentSchema = z.object({
  type: z.number(),
  components: z.array(textInputSchema).optional(),
  component: textInputSchema.optional(),
});
const interactionSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().regex(DISCORD_TOKEN, { error: TOKEN_RULE }).optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  member: memberSchema.optional(),
  user: userSchema.optional(),
  data: z
    .object({
      name: z.string().optional(),
      options: z.array(optionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      // A select menu's picked option values; checked by the handler, so a bad one gets a sentence rather than a 400.
      values: z.array(z.string()).optional(),
      // A modal's fields.
      components: z.array(modalComponentSchema).optional(),
    })
    .optional(),
  message: z.object({ id: snowflake }).optional(),
  /** The channel the interaction came from: a thread names its parent. */
  channel: z.object({ id: snowflake, type: z.number().optional(), parent_id: snowflake.nullish() }).optional(),
});

/** What every interaction but PING carries: who, where, and the token to answer with (the worker gets the same). */
export type InteractionContext = InteractionRef;

/** Just the reference the worker needs, without the command's options or the component's id. */
export const interactionRef = (context: InteractionContext & { messageId?: string }): InteractionRef => ({
  interactionId: context.interactionId,
  applicationId: context.applicationId,
  token: context.token,
  guildId: context.guildId,
  channelId: context.channelId,
  ...(context.channelType === undefined ? {} : { channelType: context.channelType }),
  ...(context.messageId === undefined ? {} : { messageId: context.messageId }),
  requester: context.requester,
});

export type ParsedInteraction =
  | { kind: 'ping' }
  | ({ kind: 'command'; name: string; options: Record<string, string> } & InteractionContext)
  /** A button (no `values`) or a select menu (`values`: the picked options' values). */
  | ({ kind: 'component'; customId: string; messageId?: string; values?: string[] } & InteractionContext)
  /** A modal submitted (the Refine box): its text inputs by custom_id; `messageId` is the message whose button opened it. */
  | ({ kind: 'modal'; customId: string; messageId?: string; fields: Record<string, string> } & InteractionContext)
  /** Autocomplete of a command's option: the options typed so far and the one being typed. */
  | ({ kind: 'autocomplete'; name: string; options: Record<string, string>; focused?: string } & InteractionContext)
  | ({ kind: 'unsupported'; type: number } & InteractionContext);

export type ParseResult = { ok: true; interaction: ParsedInteraction } | { ok: false; message: string };

/** Parses a verified request body into a typed interaction, or a sentence saying why it is not one. */
export function parseInteraction(body: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'The request body is not JSON; Discord sends interactions as JSON objects.' };
  }
  if (typeof json === 'object' && json !== null && (json as { type?: unknown }).type === InteractionType.PING) {
    return { ok: true, interaction: { kind: 'ping' } };
  }
  const parsed = interactionSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
    // Our own rules name what was expected; zod's generic texts would only repeat the type.
    const expected = first?.message === SNOWFLAKE_RULE || first?.message === TOKEN_RULE ? `: it must be ${first.message}` : '';
    return { ok: false, message: `The request is not a Discord interaction this bot understands${where}${expected}.` };
  }
  const raw = parsed.data;
  const user = raw.member?.user ?? raw.user;
  if (!user || !raw.token) {
    return { ok: false, message: 'The interaction carries no user or token, so it cannot be answered.' };
  }
  const context: InteractionContext = {
    interactionId: raw.id,
    applicationId: raw.application_id,
    token: raw.token,
    guildId: raw.guild_id,
    channelId: raw.channel_id,
    ...(raw.channel?.type === undefined ? {} : { channelType: raw.channel.type }),
    requester: {
      id: user.id,
      name: raw.member?.nick ?? user.global_name ?? user.username ?? user.id,
      roles: raw.member?.roles ?? [],
    },
  };
  if ((raw.type === InteractionType.APPLICATION_COMMAND || raw.type === InteractionType.AUTOCOMPLETE) && raw.data?.name) {
    const options: Record<string, string> = {};
    let focused: string | undefined;
    for (const option of raw.data.options ?? []) {
      if (option.value !== undefined) options[option.name] = String(option.value);
      if (option.focused) focused = option.name;
    }
    if (raw.type === InteractionType.AUTOCOMPLETE) return { ok: true, interaction: { kind: 'autocomplete', name: raw.data.name, options, ...(focused ? { focused } : {}), ...context } };
    return { ok: true, interaction: { kind: 'command', name: raw.data.name, options, ...context } };
  }
  if (raw.type === InteractionType.MODAL_SUBMIT && raw.data?.custom_id) {
    const fields: Record<string, string> = {};
    for (const row of raw.data.components ?? []) {
      for (const input of [...(row.components ?? []), ...(row.component ? [row.component] : [])]) fields[input.custom_id] = input.value ?? '';
    }
    return { ok: true, interaction: { kind: 'modal', customId: raw.data.custom_id, messageId: raw.message?.id, fields, ...context } };
  }
  if (raw.type === InteractionType.MESSAGE_COMPONENT && raw.data?.custom_id) {
    const values = raw.data.values;
    return { ok: true, interaction: { kind: 'component', customId: raw.data.custom_id, messageId: raw.message?.id, ...(values ? { values } : {}), ...context } };
  }
  return { ok: true, interaction: { kind: 'unsupported', type: raw.type, ...context } };
}
