/** VALINE_SITE_PREVIEW: how local mode serves each side of a change for the before/after screenshots. */
export type SitePreviewSetting = { mode: 'off' } | { mode: 'static' } | { mode: 'command'; command: string };

export class SitePreviewSettingError extends Error {}

export function sitePreviewSetting(value: string | undefined): SitePreviewSetting {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'off') return { mode: 'off' };
  if (text === 'static') return { mode: 'static' };
  if (!text.includes('{port}')) {
    throw new SitePreviewSettingError(
      `VALINE_SITE_PREVIEW is "${text}", which is neither "static" nor a command with {port} in it. Write VALINE_SITE_PREVIEW=static for a plain HTML site, or e.g. VALINE_SITE_PREVIEW='npx vite --port {port} --strictPort' for the site's dev server.`,
    );
  }
  return { mode: 'command', command: text };
}
