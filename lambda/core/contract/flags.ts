import * as z from 'zod';
import { STAFF } from '../agents/staff';
import type { AgentFlagDefinitions, FlagDefinition } from './flag-schemas';
import { PLATFORM_FLAGS } from './platform-flags';
import type { StageName } from './stages';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AgentFlags = UnionToIntersection<(typeof STAFF)[number]['flags']>;

export { PLATFORM_FLAGS };

/**
 * Every flag: the platform's and every agent's (from the profiles in agents/staff.ts). Drives the SSM
 * parameters (lib/constructs/feature-flags.ts), the flags file, /status and set-flag.
 */
export const FLAG_DEFINITIONS = mergeFlagDefinitions(PLATFORM_FLAGS, STAFF) as typeof PLATFORM_FLAGS & AgentFlags;

export function mergeFlagDefinitions(platform: Record<string, FlagDefinition>, staff: readonly { id: string; flags: AgentFlagDefinitions }[]): Record<string, FlagDefinition> {
  const merged: Record<string, FlagDefinition> = { ...platform };
  const owner = new Map<string, string>(Object.keys(platform).map((name) => [name, 'the platform']));
  for (const profile of staff) {
    for (const [name, definition] of Object.entries(profile.flags)) {
      const other = owner.get(name);
      if (other) throw new Error(`The flag "${name}" of agent "${profile.id}" is already declared by ${other === 'the platform' ? other : `agent "${other}"`}; give it another name.`);
      owner.set(name, profile.id);
      merged[name] = definition;
    }
  }
  return merged;
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
