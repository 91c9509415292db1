import { GetParametersByPathCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { flagsPath } from '../contract/parameters';
import type { StageName } from '../contract/stages';
import type { Logger } from '../ports/logger';
import { CachedFlagReader } from './cached-flags';

/** Flags from SSM String parameters under /valine/<stage>/flags/ (one GetParametersByPath per cache period). */
export function createSsmFlagReader(client: SSMClient, stage: StageName, logger: Logger): CachedFlagReader {
  const path = flagsPath(stage);
  return new CachedFlagReader(
    stage,
    async () => {
      const raw: Record<string, string> = {};
      let NextToken: string | undefined;
      do {
        const page = await client.send(new GetParametersByPathCommand({ Path: path, Recursive: false, NextToken }));
        for (const parameter of page.Parameters ?? []) {
          if (parameter.Name && parameter.Value !== undefined) raw[parameter.Name.slice(path.length + 1)] = parameter.Value;
        }
        NextToken = page.NextToken;
      } while (NextToken);
      return raw;
    },
    logger,
  );
}
