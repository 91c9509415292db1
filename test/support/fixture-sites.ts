import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The fixture websites of examples/sites (and the sample site of local mode), as the tests seed them. */
export const FIXTURE_SITES = join(__dirname, '../../examples/sites');
export const SAMPLE_SITE = join(__dirname, '../../examples/site');

export const fixtureDir = (name: string): string => join(FIXTURE_SITES, name);

/** A site's text files read from disk by repository path, as a snapshot would hold them. */
export function readSiteFiles(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(directory, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(directory);
  return files;
}
