import type { Browser, BrowserContext } from 'playwright-core';
import { JPEG_QUALITIES, MAX_IMAGE_BYTES, PAGE_LOAD_TIMEOUT_MS, type Viewport } from './limits';
import { ScreenshotError } from './errors';
import { blockedRequestReason, guardPage, type NetworkGuard } from './url-guard';

export interface Image {
  bytes: Buffer;
  type: 'png' | 'jpeg';
}

export interface Shot {
  /** Always PNG: what the changed share is computed on. */
  png: Buffer;
  /** What is attached: the PNG, or a JPEG when the PNG is over MAX_IMAGE_BYTES. */
  image: Image;
}

/** Web fonts that have not arrived by then are shot in their fallback: a stalled font request must not eat the function's time. */
export const FONTS_WAIT_MS = 3000;

/** One page.screenshot call (Playwright's default is 30 s). */
const SCREENSHOT_TIMEOUT_MS = 10_000;

/** A page longer than this many viewport heights is cut there: the header, hero and footer of most home pages fit. */
const MAX_PAGE_SCREENS = 3;

/**
 * One context per browser, kept open: @sparticuz/chromium runs Chromium with --single-process, where
 * closing a context ends the browser. Each shot gets its own page, and cookies are cleared between shots.
 */
const contexts = new WeakMap<Browser, Promise<BrowserContext>>();
function shotContext(browser: Browser): Promise<BrowserContext> {
  let context = contexts.get(browser);
  if (!context) {
    context = browser.newContext({ deviceScaleFactor: 1, serviceWorkers: 'block' });
    contexts.set(browser, context);
  }
  return context;
}

export interface ShotOptions {
  /** Abort every request to a private address (loopback, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7), names resolved first: set for URLs from webhooks. */
  guard?: NetworkGuard;
  /** Epoch ms: no shot starts after it (the screenshot function's time is running out). */
  deadlineAt?: number;
}

/** Loads `url` at `viewport` in a fresh page (no cookies from the other side) and shoots the page top to at most three screens down. */
export async function captureShot(browser: Browser, url: string, viewport: Viewport, what: string, options: ShotOptions = {}): Promise<Shot> {
  if (options.deadlineAt !== undefined && Date.now() >= options.deadlineAt) throw new ScreenshotError('screenshots took too long, so the notice is posted without them.');
  const context = await shotContext(browser);
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const guarded = options.guard ? await guardPage(page, options.guard) : undefined;
    const blocked = guarded?.blocked ?? [];
    let status: number | undefined;
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
      status = response?.status();
    } catch (error) {
      if (blocked.length > 0) throw new ScreenshotError(`The ${what} page ${url} was not loaded: ${blocked[0]}, which is never screenshotted.`);
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/^page\.goto: /, '');
      throw new ScreenshotError(`The ${what} page ${url} did not load: ${first}.`);
    }
    if (options.guard) {
      // A redirect is not routed again (Playwright routes the first URL of a chain): check where the page ended up.
      const landed = await blockedRequestReason(page.url(), options.guard);
      if (landed) throw new ScreenshotError(`The ${what} page ${url} redirected to ${page.url()}: ${landed}, which is never screenshotted.`);
    }
    if (status !== undefined && status >= 400) throw new ScreenshotError(`The ${what} page ${url} answered HTTP ${status}, so there is nothing to show.`);
    // 'load' has the images; web fonts may still swap in. (Not 'networkidle': it costs 500 ms of quiet per shot.)
    // page.screenshot itself waits for document.fonts.ready, with no bound but its own timeout, unless this is set
    // (read by playwright-core's in-process server at each screenshot): the bounded wait just above replaces it.
    process.env.PW_TEST_SCREENSHOT_NO_FONTS_READY = '1';
    await page.evaluate(`Promise.race([document.fonts.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), ${FONTS_WAIT_MS}))])`).catch(() => undefined);
    const height = await page.evaluate('document.documentElement.scrollHeight').then(Number).catch(() => viewport.height);
    const clipHeight = Math.max(viewport.height, Math.min(height, viewport.height * MAX_PAGE_SCREENS));
    const clip = { x: 0, y: 0, width: viewport.width, height: clipHeight };
    const png = await page.screenshot({ type: 'png', clip, fullPage: clipHeight > viewport.height, animations: 'disabled', timeout: SCREENSHOT_TIMEOUT_MS });
    const inside = await guarded?.redirectsToInside();
    if (inside && inside.length > 0) throw new ScreenshotError(`The ${what} page ${url} followed ${inside[0]}, so it is not shown.`);
    if (png.length <= MAX_IMAGE_BYTES) return { png, image: { bytes: png, type: 'png' } };
    for (const quality of JPEG_QUALITIES) {
      const jpeg = await page.screenshot({ type: 'jpeg', quality, clip, fullPage: clipHeight > viewport.height, animations: 'disabled', timeout: SCREENSHOT_TIMEOUT_MS });
      if (jpeg.length <= MAX_IMAGE_BYTES) return { png, image: { bytes: jpeg, type: 'jpeg' } };
    }
    throw new ScreenshotError(`The ${what} page's ${viewport.name} screenshot stays over ${MAX_IMAGE_BYTES / 1024 / 1024} MiB even as a JPEG, so it was not attached.`);
  } finally {
    await page.close().catch(() => undefined);
  }
}
