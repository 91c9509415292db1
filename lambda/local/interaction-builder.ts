import { randomBytes } from 'node:crypto';

/** Interaction payloads as Discord sends them (API v10), for the stand-in, the benchmark and the tests. */
export const STAND_IN_USER = { id: '100000000000000001', username: 'local-dev', global_name: 'Local Developer' } as const;
export const STAND_IN_APPLICATION_ID = '200000000000000002';
export const STAND_IN_GUILD_ID = '300000000000000003';
export const STAND_IN_CHANNEL_ID = '400000000000000004';
/** The bot token local mode uses toward the stand-in's Discord API (never a real Discord's): channel messages and threads. */
export const STAND_IN_BOT_TOKEN = 'stand-in-bot-token';

export interface InteractionUser {
  id: string;
  username: string;
  global_name?: string;
  roles?: string[];
}

let sequence = 0;
/** A unique snowflake-shaped id (digits), increasing within the process. */
export function newSnowflake(): string {
  sequence = (sequence + 1) % 4096;
  return ((BigInt(Date.now() - 1420070400000) << 22n) | (BigInt(process.pid % 1024) << 12n) | BigInt(sequence)).toString();
}

const newToken = (): string => `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;

function common(user: InteractionUser) {
  return {
    id: newSnowflake(),
    application_id: STAND_IN_APPLICATION_ID,
    token: newToken(),
    version: 1,
    guild_id: STAND_IN_GUILD_ID,
    channel_id: STAND_IN_CHANNEL_ID,
    member: {
      user: { id: user.id, username: user.username, global_name: user.global_name ?? null },
      roles: user.roles ?? [],
    },
  };
}

export const pingInteraction = () => ({ id: newSnowflake(), application_id: STAND_IN_APPLICATION_ID, type: 1, token: newToken(), version: 1 });

export function commandInteraction(name: string, options: Record<string, string> = {}, user: InteractionUser = STAND_IN_USER, threadId?: string) {
  return {
    ...common(user),
    // Typed inside a thread: Discord names the thread as the channel (type 11, a public thread).
    ...(threadId ? { channel_id: threadId, channel: { id: threadId, type: 11, parent_id: STAND_IN_CHANNEL_ID } } : {}),
    type: 2,
    data: { id: newSnowflake(), name, type: 1, options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value })) },
  };
}

export function componentInteraction(customId: string, messageId: string, user: InteractionUser = STAND_IN_USER) {
  return {
    ...common(user),
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: { id: messageId },
  };
}

/** A pick in a string select menu (component type 3): `values` holds the picked options' values. */
export function selectInteraction(customId: string, values: string[], messageId: string, user: InteractionUser = STAND_IN_USER) {
  return {
    ...common(user),
    type: 3,
    data: { custom_id: customId, component_type: 3, values },
    message: { id: messageId },
  };
}

/** A modal submitted (type 5): its one text input inside a label, as Discord sends the Refine box back. */
export function modalSubmitInteraction(customId: string, fields: Record<string, string>, messageId: string | undefined, user: InteractionUser = STAND_IN_USER, channelId: string = STAND_IN_CHANNEL_ID) {
  return {
    ...common(user),
    channel_id: channelId,
    type: 5,
    data: { custom_id: customId, components: Object.entries(fields).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } })) },
    ...(messageId ? { message: { id: messageId } } : {}),
  };
}

/** Autocomplete of a command's option (type 4): the options typed so far, `focused` the one being typed. */
export function autocompleteInteraction(name: string, options: Record<string, string>, focused: string, user: InteractionUser = STAND_IN_USER) {
  return {
    ...common(user),
    type: 4,
    data: { id: newSnowflake(), name, type: 1, options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value, ...(key === focused ? { focused: true } : {}) })) },
  };
}
