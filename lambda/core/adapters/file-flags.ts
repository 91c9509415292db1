import { readFile } from 'node:fs/promises';
import type { StageName } from '../contract/stages';
import type { Logger } from '../ports/logger';
import { CachedFlagReader } from './cached-flags';

/**
 * Local mode's flags: one JSON object whose keys are the flag names as in SSM and whose
 * values are strings as SSM holds them, re-read on the same cache period.
 */
export function createFileFlagReader(path: string, stage: StageName, logger: Logger, cacheMs?: number): CachedFlagReader {
  return new CachedFlagReader(
    stage,
    async () => {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`${path} must hold one JSON object of flag names to string values.`);
      }
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    },
    logger,
    cacheMs,
  );
}
