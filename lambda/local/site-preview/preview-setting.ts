import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** VALINE_SITE_PREVIEW: how local mode serves each side of a change for the before/after screenshots. */
export type SitePreviewSetting = { mode: 'off' } | { mode: 'static' } | { mode: 'auto' } | { mode: 'command'; command: string };

/** What `auto` runs for a site with a `dev` script: the port as the option most dev servers take (vite, next, astro, nuxt), and as PORT. */
export const DEV_SCRIPT_COMMAND = 'npm run dev -- --port {port}';

export class SitePreviewSettingError extends Error {}

export function sitePreviewSetting(value: string | undefined): SitePreviewSetting {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'off') return { mode: 'off' };
  if (text === 'static') return { mode: 'static' };
  if (text === 'auto') return { mode: 'auto' };
  if (!text.includes('{port}')) {
    throw new SitePreviewSettingError(
      `VALINE_SITE_PREVIEW is "${text}", which is neither "static", "auto" nor a command with {port} in it. Write VALINE_SITE_PREVIEW=static for a plain HTML site, auto to run the site's dev script, or e.g. VALINE_SITE_PREVIEW='npx vite --port {port} --strictPort' for the site's dev server.`,
    );
  }
  return { mode: 'command', command: text };
}

/** How one checkout of the site is served: `auto` is the site's `dev` script when its package.json has one, its files as they are otherwise. */
export async function servingFor(setting: Exclude<SitePreviewSetting, { mode: 'off' }>, directory: string): Promise<{ mode: 'static' } | { mode: 'command'; command: string }> {
  if (setting.mode !== 'auto') return setting;
  let scripts: unknown;
  try {
    scripts = (JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as { scripts?: unknown }).scripts;
  } catch {
    return { mode: 'static' };
  }
  const dev = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>).dev : undefined;
  return typeof dev === 'string' && dev.trim() !== '' ? { mode: 'command', command: DEV_SCRIPT_COMMAND } : { mode: 'static' };
}
