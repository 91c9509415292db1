import * as z from 'zod';
import type { StageName } from './stages';

/**
 * Feature flags: SSM String parameters under /valine/<stage>/flags/<name>, or keys of the local
 * flags file. Values are strings as SSM holds them; SSM cannot store an empty string, so "none"
 * stands for "no value" in lists and ids.
 */
export const NONE = 'none';

export const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const idList = z
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
export const optionalId = z
  .string()
  .trim()
  .refine((v) => v === '' || v === NONE || /^\d{5,25}$/.test(v), 'expected a Discord channel id or "none"')
  .transform((v) => (v === '' || v === NONE ? undefined : v));
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' || v === NONE || v === 'default' ? undefined : v));
export const dollars = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'expected a dollar amount such as 10 or 2.50')
  .transform(Number);
export const repository = z
  .string()
  .trim()
  .refine((v) => v === NONE || v === 'local' || /^[\w.-]+\/[\w.-]+$/.test(v), 'expected owner/name, "local" or "none"')
  .transform((v) => (v === NONE ? 'local' : v));

/** One flag: how its value is parsed, what it is for (shown by set-flag and the SSM description), and its default per stage. */
export interface FlagDefinition {
  schema: z.ZodType<unknown, string>;
  description: string;
  defaults: Record<StageName, string>;
}

/** Flags an agent declares in its own folder (its pause flag at least); the registry adds them to the platform's. */
export type AgentFlagDefinitions = Record<string, FlagDefinition>;
