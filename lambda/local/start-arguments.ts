import { resolve } from 'node:path';
import type { LocalSettings } from './settings';

/** `npm start -- …`: the one option local mode takes on its command line; everything else is an environment variable (docs/discord.md). */
export const START_USAGE = [
  'Usage: npm start [-- --site <folder>]',
  '  --site <folder>   try the UX Agent on this website folder: .valine/site becomes a copy of it',
  '                    (the same as VALINE_SITE_SEED=<folder>; a copy of another folder is moved to .valine/site.previous-<time>)',
  'Example: npm start -- --site ../my-website',
  'Other settings are environment variables: PORT, VALINE_HOME, VALINE_PERSIST=1, VALINE_SITE_PREVIEW, … (docs/discord.md#local-mode-npm-start).',
].join('\n');

export class StartUsageError extends Error {}

/** The settings with `--site <folder>` (or `--site=<folder>`) applied; relative folders are read from `cwd`. */
export function applyStartArguments(settings: LocalSettings, argv: readonly string[], cwd: string = process.cwd()): LocalSettings {
  let site: string | undefined;
  for (let at = 0; at < argv.length; at += 1) {
    const arg = argv[at] ?? '';
    if (arg === '--site') {
      site = argv[at + 1];
      if (!site || site.startsWith('--')) throw new StartUsageError('--site needs the folder of a website, e.g. npm start -- --site ../my-website.');
      at += 1;
    } else if (arg.startsWith('--site=')) {
      site = arg.slice('--site='.length);
      if (!site) throw new StartUsageError('--site needs the folder of a website, e.g. npm start -- --site ../my-website.');
    } else {
      throw new StartUsageError(`npm start does not take "${arg}".`);
    }
  }
  return site === undefined ? settings : { ...settings, siteSeed: resolve(cwd, site), siteSeedAskedFor: true };
}
