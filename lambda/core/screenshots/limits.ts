/** The two viewports every pair is taken at: a laptop and a phone (CSS pixels, device scale 1). */
export interface Viewport {
  name: 'desktop' | 'phone';
  width: number;
  height: number;
}

export const VIEWPORTS: readonly Viewport[] = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * Discord's attachment limits for a bot message (API v10): at most 10 files per message, 10 MiB per
 * file on a server without boosts, and about 25 MiB per request. A pair at two viewports is 4 files;
 * each is kept under MAX_IMAGE_BYTES (PNG, else JPEG at falling quality), so a message stays under 8 MiB.
 */
export const DISCORD_ATTACHMENT_LIMITS = {
  filesPerMessage: 10,
  bytesPerFile: 10 * 1024 * 1024,
  bytesPerRequest: 25 * 1024 * 1024,
} as const;

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** JPEG qualities tried, in order, when a PNG is over MAX_IMAGE_BYTES. */
export const JPEG_QUALITIES = [85, 70, 50] as const;

/** How long a page may take to load (navigation and network idle) before the shot is refused with a reason. */
export const PAGE_LOAD_TIMEOUT_MS = 20_000;
