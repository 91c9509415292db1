import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import * as z from 'zod';

/**
 * Discord's documented shapes and limits (API v10) for every payload the bot sends, checked at run time:
 * messages (channel messages, follow-ups, edits of @original), embeds, components, allowed_mentions,
 * attachments of uploads, interaction responses and the slash-command registration. The loopback Discord
 * checks each request it records with it (test/support/loopback-discord.ts), and the test platform each
 * interaction response, so a new message kind cannot go out malformed without a test failing.
 */

/** Where a payload goes, named by the route it was sent to. */
export type DiscordPayloadKind = 'message-create' | 'channel-message-create' | 'message-edit' | 'interaction-response' | 'application-commands' | 'thread-start';

const LONE_SURROGATE = /\p{Cs}/u;
/** A lone surrogate that went through JSON.stringify shows as the text `\ud83c`. */
const ESCAPED_SURROGATE = /\\u[dD][89abAB][0-9a-fA-F]{2}/;

/** A string of at most `max` characters (UTF-16 units: never fewer than the code points Discord counts). */
const text = (max: number, min = 0) => z.string().min(min).max(max);
/** A label a person reads: also never the escaped text of half a character. */
const label = (max: number, min = 0) => text(max, min).refine((value) => !ESCAPED_SURROGATE.test(value), 'shows a JSON-escaped surrogate (text cut inside an emoji, then JSON.stringify)');
const snowflake = z.string().regex(/^\d{1,20}$/, 'a snowflake id as a string');
const url = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const protocol = new URL(value).protocol;
      return protocol === 'https:' || protocol === 'http:' || protocol === 'attachment:';
    } catch {
      return false;
    }
  }, 'an http(s) or attachment:// URL')
  .refine((value) => {
    try {
      return new URL(value).href.length <= 2048;
    } catch {
      return true;
    }
  }, 'at most 2048 characters once percent-encoded');

const embedField = z.strictObject({ name: text(256, 1), value: text(1024, 1), inline: z.boolean().optional() });
const embedSchema = z.strictObject({
  title: text(256).optional(),
  type: z.literal('rich').optional(),
  description: text(4096).optional(),
  url: url.optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  footer: z.strictObject({ text: text(2048, 1), icon_url: url.optional() }).optional(),
  image: z.strictObject({ url }).optional(),
  thumbnail: z.strictObject({ url }).optional(),
  author: z.strictObject({ name: text(256, 1), url: url.optional(), icon_url: url.optional() }).optional(),
  fields: z.array(embedField).max(25).optional(),
});
type EmbedPayload = z.infer<typeof embedSchema>;
const embedCharacters = (embed: EmbedPayload): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

const emoji = z.strictObject({ id: snowflake.optional(), name: z.string().optional(), animated: z.boolean().optional() });
const button = z
  .strictObject({
    type: z.literal(ComponentType.Button),
    style: z.enum(ButtonStyle),
    label: label(80).optional(),
    emoji: emoji.optional(),
    custom_id: text(100, 1).optional(),
    url: url.optional(),
    sku_id: snowflake.optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine((b, context) => {
    if (b.style === ButtonStyle.Link && (!b.url || b.custom_id)) context.addIssue({ code: 'custom', message: 'a link button has a url and no custom_id' });
    if (b.style === ButtonStyle.Premium && !b.sku_id) context.addIssue({ code: 'custom', message: 'a premium button has a sku_id' });
    if (b.style !== ButtonStyle.Link && b.style !== ButtonStyle.Premium && (!b.custom_id || b.url)) context.addIssue({ code: 'custom', message: 'a button has a custom_id and no url' });
    if (b.style !== ButtonStyle.Premium && !b.label && !b.emoji) context.addIssue({ code: 'custom', message: 'a button has a label or an emoji' });
  });
const selectOption = z.strictObject({ label: label(100, 1), value: text(100, 1), description: label(100).optional(), emoji: emoji.optional(), default: z.boolean().optional() });
const stringSelect = z
  .strictObject({
    type: z.literal(ComponentType.StringSelect),
    custom_id: text(100, 1),
    options: z.array(selectOption).min(1).max(25),
    placeholder: label(150).optional(),
    min_values: z.number().int().min(0).max(25).optional(),
    max_values: z.number().int().min(1).max(25).optional(),
    disabled: z.boolean().optional(),
  })
  .superRefine((s, context) => {
    if (new Set(s.options.map((o) => o.value)).size !== s.options.length) context.addIssue({ code: 'custom', message: 'option values are unique' });
    if ((s.min_values ?? 1) > (s.max_values ?? 1) || (s.max_values ?? 1) > s.options.length) context.addIssue({ code: 'custom', message: 'min_values ≤ max_values ≤ the number of options' });
  });
const actionRow = z.strictObject({
  type: z.literal(ComponentType.ActionRow),
  components: z.union([z.array(button).min(1).max(5), z.array(stringSelect).length(1)], { error: 'a row holds 1 to 5 buttons or one select menu' }),
});

const allowedMentions = z
  .strictObject({
    parse: z.array(z.enum(['users', 'roles', 'everyone'])).optional(),
    users: z.array(snowflake).max(100).optional(),
    roles: z.array(snowflake).max(100).optional(),
    replied_user: z.boolean().optional(),
  })
  .superRefine((m, context) => {
    if (m.parse?.includes('users') && m.users) context.addIssue({ code: 'custom', message: 'parse "users" and a users list are mutually exclusive' });
    if (m.parse?.includes('roles') && m.roles) context.addIssue({ code: 'custom', message: 'parse "roles" and a roles list are mutually exclusive' });
  });

const attachment = z.strictObject({ id: z.string().regex(/^\d+$/, 'an attachment id as a string'), filename: text(1024, 1), description: label(1024).optional() });
const SENDABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications;

const messageFields = {
  content: text(2000).optional(),
  embeds: z.array(embedSchema).max(10).optional(),
  components: z.array(actionRow).max(5).optional(),
  flags: z
    .number()
    .int()
    .refine((flags) => (flags & ~SENDABLE_FLAGS) === 0, 'only SUPPRESS_EMBEDS, EPHEMERAL and SUPPRESS_NOTIFICATIONS may be sent')
    .optional(),
  allowed_mentions: allowedMentions.optional(),
  attachments: z.array(attachment).max(10).optional(),
};
type MessagePayload = z.infer<z.ZodObject<typeof messageFields>>;
function messageLimits(message: MessagePayload, context: z.RefinementCtx): void {
  const total = (message.embeds ?? []).reduce((sum, embed) => sum + embedCharacters(embed), 0);
  if (total > 6000) context.addIssue({ code: 'custom', message: `the embeds hold ${total} characters of text; at most 6000`, path: ['embeds'] });
  const ids = (message.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id).filter((id): id is string => id !== undefined));
  if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', message: 'custom_id values are unique within a message', path: ['components'] });
}
const isEmpty = (message: MessagePayload): boolean => !message.content && !message.embeds?.length && !message.components?.length && !message.attachments?.length;
const NEW_MESSAGE_HAS_SOMETHING = 'a new message has content, embeds, components or files';
const messageSchema = z.strictObject(messageFields).superRefine(messageLimits);
const newMessageSchema = messageSchema.refine((message) => !isEmpty(message), NEW_MESSAGE_HAS_SOMETHING);
/** Create Message (a bot posting to a channel) also takes a nonce (at most 25 characters) that Discord can enforce; webhooks and edits do not. */
const channelMessageSchema = z
  .strictObject({ ...messageFields, nonce: z.union([text(25, 1), z.number().int()]).optional(), enforce_nonce: z.boolean().optional() })
  .superRefine(messageLimits)
  .refine((message) => !isEmpty(message), NEW_MESSAGE_HAS_SOMETHING)
  .refine((message) => message.enforce_nonce === undefined || message.nonce !== undefined, { message: 'enforce_nonce is sent with a nonce', path: ['enforce_nonce'] });

/** A modal's text input (style 1 short, 2 paragraph); in a label (type 18) it carries no label of its own. */
const textInput = z
  .strictObject({
    type: z.literal(ComponentType.TextInput),
    custom_id: text(100, 1),
    style: z.union([z.literal(1), z.literal(2)]),
    label: label(45, 1).optional(),
    placeholder: label(100).optional(),
    value: text(4000).optional(),
    min_length: z.number().int().min(0).max(4000).optional(),
    max_length: z.number().int().min(1).max(4000).optional(),
    required: z.boolean().optional(),
  })
  .refine((t) => (t.min_length ?? 0) <= (t.max_length ?? 4000), 'min_length ≤ max_length');
const modalComponent = z.union([
  z.strictObject({ type: z.literal(ComponentType.Label), label: label(45, 1), description: label(100).optional(), component: textInput }),
  z.strictObject({ type: z.literal(ComponentType.ActionRow), components: z.array(textInput.refine((t) => t.label !== undefined, 'a text input in an action row has a label')).length(1) }),
]);
const modalSchema = z.strictObject({ custom_id: text(100, 1), title: label(45, 1), components: z.array(modalComponent).min(1).max(5) });
const autocompleteSchema = z.strictObject({
  choices: z.array(z.strictObject({ name: label(100, 1), value: z.union([text(100), z.number()]) })).max(25),
});

const interactionResponseSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal(InteractionResponseType.Pong) }),
  z.strictObject({ type: z.literal(InteractionResponseType.ChannelMessageWithSource), data: newMessageSchema }),
  z.strictObject({ type: z.literal(InteractionResponseType.DeferredChannelMessageWithSource), data: z.strictObject({ flags: z.literal(MessageFlags.Ephemeral).optional() }).optional() }),
  z.strictObject({ type: z.literal(InteractionResponseType.DeferredMessageUpdate) }),
  z.strictObject({ type: z.literal(InteractionResponseType.UpdateMessage), data: messageSchema }),
  z.strictObject({ type: z.literal(InteractionResponseType.Modal), data: modalSchema }),
  z.strictObject({ type: z.literal(InteractionResponseType.ApplicationCommandAutocompleteResult), data: autocompleteSchema }),
]);
const commandName = z.string().regex(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u, '1 to 32 lower-case letters, digits, - or _');
const commandOption = z
  .strictObject({
    type: z.enum(ApplicationCommandOptionType),
    name: commandName,
    description: text(100, 1),
    required: z.boolean().optional(),
    min_length: z.number().int().min(0).max(6000).optional(),
    max_length: z.number().int().min(1).max(6000).optional(),
    choices: z.array(z.strictObject({ name: text(100, 1), value: z.union([text(100), z.number()]) })).max(25).optional(),
    autocomplete: z.boolean().optional(),
  })
  .refine((o) => o.max_length === undefined || o.type === ApplicationCommandOptionType.String, 'max_length is for string options')
  .refine((o) => !(o.autocomplete && o.choices && o.choices.length > 0), 'autocomplete may not be set with choices');
const applicationCommand = z
  .strictObject({
    name: commandName,
    description: text(100, 1),
    type: z.literal(ApplicationCommandType.ChatInput).optional(),
    options: z.array(commandOption).max(25).optional(),
    default_member_permissions: z.string().nullable().optional(),
    contexts: z.array(z.number().int()).optional(),
    integration_types: z.array(z.number().int()).optional(),
    nsfw: z.boolean().optional(),
  })
  .refine((command) => {
    const required = (command.options ?? []).map((o) => o.required === true);
    return required.every((isRequired, index) => !isRequired || required.slice(0, index).every(Boolean));
  }, 'required options come before optional ones');
const applicationCommandsSchema = z.array(applicationCommand).max(100).refine((commands) => new Set(commands.map((c) => c.name)).size === commands.length, 'command names are unique');

/** Start Thread without Message: a name of 1 to 100 characters; a public (11) or private (12) thread; an archive period Discord offers. */
const threadStartSchema = z.strictObject({
  name: label(100, 1).refine((name) => !/[\r\n]/.test(name), 'a thread name is one line'),
  type: z.union([z.literal(11), z.literal(12)]),
  invitable: z.boolean().optional(),
  auto_archive_duration: z.union([z.literal(60), z.literal(1440), z.literal(4320), z.literal(10080)]).optional(),
  rate_limit_per_user: z.number().int().min(0).max(21600).optional(),
});

const SCHEMAS: Record<DiscordPayloadKind, z.ZodType> = {
  'thread-start': threadStartSchema,
  'message-create': newMessageSchema,
  'channel-message-create': channelMessageSchema,
  'message-edit': messageSchema,
  'interaction-response': interactionResponseSchema,
  'application-commands': applicationCommandsSchema,
};

/** Paths of strings holding a lone surrogate (half a character: Discord refuses or shows �). */
function loneSurrogates(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [path.join('.') || '(payload)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => loneSurrogates(item, [...path, String(index)]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => loneSurrogates(item, [...path, key]));
  return [];
}

/** What is wrong with `payload` for Discord, one sentence each; empty when it conforms. */
export function discordPayloadProblems(kind: DiscordPayloadKind, payload: unknown): string[] {
  const problems = loneSurrogates(payload).map((path) => `${path}: a lone surrogate (text cut inside a character)`);
  const parsed = SCHEMAS[kind].safeParse(payload);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`));
  return problems;
}

/** The bot's REST routes and what each carries. */
const ROUTES: ReadonlyArray<{ method: string; path: RegExp; kind: DiscordPayloadKind | 'no-body'; bot: boolean }> = [
  { method: 'POST', path: /^\/channels\/\d{1,20}\/messages$/, kind: 'channel-message-create', bot: true },
  { method: 'POST', path: /^\/channels\/\d{1,20}\/threads$/, kind: 'thread-start', bot: true },
  { method: 'PATCH', path: /^\/channels\/\d{1,20}\/messages\/\d{1,20}$/, kind: 'message-edit', bot: true },
  { method: 'PATCH', path: /^\/webhooks\/\d{1,20}\/[A-Za-z0-9._-]+\/messages\/@original$/, kind: 'message-edit', bot: false },
  { method: 'POST', path: /^\/webhooks\/\d{1,20}\/[A-Za-z0-9._-]+$/, kind: 'message-create', bot: false },
  { method: 'PUT', path: /^\/applications\/\d{1,20}(\/guilds\/\d{1,20})?\/commands$/, kind: 'application-commands', bot: true },
  { method: 'DELETE', path: /^\/webhooks\/\d{1,20}\/[A-Za-z0-9._-]+\/messages\/@original$/, kind: 'no-body', bot: false },
  { method: 'GET', path: /^\/applications\/\d{1,20}(\/guilds\/\d{1,20})?\/commands$/, kind: 'no-body', bot: true },
];

/** Discord: "DiscordBot ($url, $versionNumber)". */
const USER_AGENT = /^DiscordBot \(https?:\/\/[^\s,()]+, [^\s,()]+\)/;

export interface RequestToCheck {
  method: string;
  /** Below /api/v10. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  files: ReadonlyArray<{ field: string; name: string }>;
}

/** What is wrong with one REST request the bot made: its route, headers, payload and uploaded files. */
export function discordRequestProblems(request: RequestToCheck): string[] {
  const route = ROUTES.find((r) => r.method === request.method && r.path.test(request.path.split('?')[0] ?? ''));
  if (!route) return [`${request.method} ${request.path} is not a route the validator knows: add it to test/support/discord-payloads.ts with its payload kind`];
  const problems: string[] = [];
  const agent = request.headers['user-agent'];
  if (typeof agent !== 'string' || !USER_AGENT.test(agent)) problems.push(`User-Agent "${String(agent)}" is not "DiscordBot (<url>, <version>)"`);
  const authorization = request.headers.authorization;
  if (route.bot && (typeof authorization !== 'string' || !/^Bot \S+$/.test(authorization))) problems.push('a bot route without "Authorization: Bot <token>"');
  if (!route.bot && authorization !== undefined) problems.push('a webhook route (the interaction token is the credential) sent an Authorization header');
  if (route.kind === 'no-body') return problems;
  problems.push(...discordPayloadProblems(route.kind, request.body));
  if (request.files.length > 0) {
    const attachments = (request.body as { attachments?: Array<{ id?: unknown; filename?: unknown }> } | undefined)?.attachments ?? [];
    if (request.files.length > 10) problems.push(`${request.files.length} files; at most 10 per message`);
    request.files.forEach((file, index) => {
      const id = /^files\[(\d+)\]$/.exec(file.field)?.[1];
      const named = attachments.find((a) => a.id === id);
      if (id === undefined) problems.push(`upload part ${file.field} is not files[n]`);
      else if (!named) problems.push(`files[${id}] (part ${index}) has no attachments entry with id "${id}"`);
      else if (named.filename !== file.name) problems.push(`files[${id}] is named ${file.name} but its attachment says ${String(named.filename)}`);
    });
  }
  return problems;
}

interface Violation {
  where: string;
  problems: string[];
  payload: unknown;
}

/** Violations seen and not yet reported, shared by every module instance of a test file (jest's setup file reports them). */
const pending = (): Violation[] => {
  const store = globalThis as typeof globalThis & { [key: symbol]: Violation[] | undefined };
  const key = Symbol.for('valine.discord-payload-violations');
  return (store[key] ??= []);
};

export function recordViolation(where: string, problems: string[], payload: unknown): void {
  if (problems.length > 0) pending().push({ where, problems, payload });
}

/** Removes and returns the violations seen so far as one report, or undefined when there were none. */
export function takeViolationReport(): string | undefined {
  const violations = pending().splice(0);
  if (violations.length === 0) return undefined;
  const shown = (payload: unknown) => {
    const json = JSON.stringify(payload);
    return json === undefined ? 'undefined' : json.length > 4000 ? `${json.slice(0, 4000)}… (${json.length} characters)` : json;
  };
  return [
    `Discord would refuse ${violations.length} payload${violations.length === 1 ? '' : 's'} the bot sent (test/support/discord-payloads.ts):`,
    ...violations.map((v) => `- ${v.where}\n  ${v.problems.join('\n  ')}\n  payload: ${shown(v.payload)}`),
  ].join('\n');
}
