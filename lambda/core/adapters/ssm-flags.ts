import { flagsPath } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { Logger } from '../ports/logger';
import { CachedFlagReader } from './cached-flags';
import type { SsmParameterSource } from './ssm-parameters';

/**
 * Flags from SSM String parameters under /valine/<stage>/flags/: one paginated GetParametersByPath
 * per cache period. CachedFlagReader holds the cache (it keeps the last good values when SSM fails).
 */
export function createSsmFlagReader(parameters: SsmParameterSource, stage: StageName, logger: Logger): CachedFlagReader {
  const path = flagsPath(stage);
  return new CachedFlagReader(
    stage,
    async () => {
      const values = await parameters.getMultiple(path, { forceFetch: true, recursive: false });
      return Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    },
    logger,
  );
}
