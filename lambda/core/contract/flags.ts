import * as z from 'zod';
import type { StageName } from './stages';

/**
 * Feature flags: SSM String parameters under /valine/<stage>/flags/<name>, or keys of the local
 * flags file. Values are strings as SSM holds them; SSM cannot store an empty string, so "none"
 * stands for "no value" in lists and ids.
 */
const NONE = 'none';

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const idList = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '' || v === NONE) return [] as string[];
    const ids = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (!ids.every((id) => /^\d{5,25}$/.test(id))) {
      ctx.addIssue({ code: 'custom', message: 'expected comma-separated Discord ids (digits)' });
      return z.NEVER;
    }
    return ids;
  });
const optionalId = z
  .string()
  .trim()
  .refine((v) => v === '' || v === NONE || /^\d{5,25}$/.test(v), 'expected a Discord channel id or "none"')
  .transform((v) => (v === '' || v === NONE ? undefined : v));
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' || v === NONE || v === 'default' ? undefined : v));
const dollars = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'expected a dollar amount such as 10 or 2.50')
  .transform(Number);
const repository = z
  .string()
  .trim()
  .refine((v) => v === NONE || v === 'local' || /^[\w.-]+\/[\w.-]+$/.test(v), 'expected owner/name, "local" or "none"')
  .transform((v) => (v === NONE ? 'local' : v));

const siteUrl = z
  .string()
  .trim()
  .refine((v) => v === NONE || v === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), 'expected the production site\'s URL (https://example.com) or "none"')
  .transform((v) => (v === NONE || v === '' ? undefined : v));

export const FLAG_DEFINITIONS = {
  'use-llm-parsing': {
    schema: booleanFlag,
    description: 'Parse /ux-update descriptions with an LLM (within the daily budget).',
    defaults: { dev: 'false', prod: 'false' },
  },
  'llm-provider': {
    schema: z.enum(['openai', 'anthropic']),
    description: 'Which LLM provider parses plain-language requests: openai or anthropic.',
    defaults: { dev: 'openai', prod: 'openai' },
  },
  'llm-model': {
    schema: optionalText,
    description: 'Model id for the provider, or "default" for the small, cheap default model.',
    defaults: { dev: 'default', prod: 'default' },
  },
  'max-daily-llm-cost-usd': {
    schema: dollars,
    description: 'Hard limit on LLM spend per UTC day, in US dollars.',
    defaults: { dev: '10', prod: '10' },
  },
  'disable-ux-updates': {
    schema: booleanFlag,
    description: 'Pause /ux-update and its buttons (true) without redeploying.',
    defaults: { dev: 'false', prod: 'false' },
  },
  'enable-debug-cmd': {
    schema: booleanFlag,
    description: 'Offer /debug-last (the caller\'s last task with its trace, ephemeral).',
    defaults: { dev: 'true', prod: 'false' },
  },
  'enable-alerts': {
    schema: booleanFlag,
    description: 'Post CloudWatch alarm notifications to the alert channel.',
    defaults: { dev: 'true', prod: 'true' },
  },
  'alert-channel-id': {
    schema: optionalId,
    description: 'Discord channel id that receives alarm notifications, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
  'admin-user-ids': {
    schema: idList,
    description: 'Comma-separated Discord user ids allowed to request changes, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
  'admin-role-ids': {
    schema: idList,
    description: 'Comma-separated Discord role ids allowed to request changes, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
  'site-repository': {
    schema: repository,
    description: 'Website repository the UX Agent edits, as owner/name (GitHub App), or "local".',
    defaults: { dev: NONE, prod: NONE },
  },
  'site-url': {
    schema: siteUrl,
    description: 'The production site (https://…), shot as "before" against each preview deployment, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
} as const satisfies Record<string, FlagDefinition>;

interface FlagDefinition {
  schema: z.ZodType<unknown, string>;
  description: string;
  defaults: Record<StageName, string>;
}

export type FlagName = keyof typeof FLAG_DEFINITIONS;
export const FLAG_NAMES = Object.keys(FLAG_DEFINITIONS) as FlagName[];
export type FlagValues = { [K in FlagName]: z.output<(typeof FLAG_DEFINITIONS)[K]['schema']> };

export function isFlagName(name: string): name is FlagName {
  return Object.prototype.hasOwnProperty.call(FLAG_DEFINITIONS, name);
}

export type FlagParseResult<K extends FlagName> = { ok: true; value: FlagValues[K] } | { ok: false; problem: string };

/** Parses one raw flag value. "none" is a valid value (no value) for lists, ids and optional text. */
export function parseFlag<K extends FlagName>(name: K, raw: string): FlagParseResult<K> {
  const result = FLAG_DEFINITIONS[name].schema.safeParse(raw);
  return result.success
    ? { ok: true, value: result.data as FlagValues[K] }
    : { ok: false, problem: result.error.issues.map((i) => i.message).join('; ') };
}

export function defaultFlagStrings(stage: StageName): Record<FlagName, string> {
  return Object.fromEntries(FLAG_NAMES.map((n) => [n, FLAG_DEFINITIONS[n].defaults[stage]])) as Record<FlagName, string>;
}

export function defaultFlagValues(stage: StageName): FlagValues {
  return Object.fromEntries(
    FLAG_NAMES.map((n) => [n, FLAG_DEFINITIONS[n].schema.parse(FLAG_DEFINITIONS[n].defaults[stage])]),
  ) as FlagValues;
}
