import type { FlagName, FlagValues } from '../contract/flags';

/**
 * Feature flags, re-read after at most FLAG_CACHE_SECONDS (30 s): flipping a flag needs no
 * redeploy. A missing or malformed value falls back to the stage default (warned once).
 */
export interface FlagReader {
  all(): Promise<FlagValues>;
  get<K extends FlagName>(name: K): Promise<FlagValues[K]>;
}
