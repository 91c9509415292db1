import type { Browser, BrowserContext } from 'playwright-core';
import { JPEG_QUALITIES, MAX_IMAGE_BYTES, PAGE_LOAD_TIMEOUT_MS, type Viewport } from './limits';
import { ScreenshotError } from './errors';
import { authorityOf, startGuardProxy, type GuardProxy, type ProxyRefusal } from './guard-proxy';
import type { NetworkGuard } from './url-guard';

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

interface ShotContext {
  context: BrowserContext;
  /** Guarded contexts only: the proxy every request of the context goes through. */
  proxy?: GuardProxy;
}

/**
 * One context per browser and guard, kept open: @sparticuz/chromium runs Chromium with --single-process, where
 * closing a context ends the browser. Each shot gets its own page, and cookies are cleared between shots. A
 * guarded context sends all its traffic through its own GuardProxy (closed with the browser).
 */
const contexts = new WeakMap<Browser, Map<NetworkGuard | undefined, Promise<ShotContext>>>();
function shotContext(browser: Browser, guard: NetworkGuard | undefined): Promise<ShotContext> {
  const byGuard = contexts.get(browser) ?? new Map<NetworkGuard | undefined, Promise<ShotContext>>();
  contexts.set(browser, byGuard);
  let context = byGuard.get(guard);
  if (!context) {
    context = openShotContext(browser, guard);
    byGuard.set(guard, context);
    context.catch(() => byGuard.delete(guard));
  }
  return context;
}

async function openShotContext(browser: Browser, guard: NetworkGuard | undefined): Promise<ShotContext> {
  const options = { deviceScaleFactor: 1, serviceWorkers: 'block' as const };
  if (!guard) return { context: await browser.newContext(options) };
  const proxy = await startGuardProxy(guard);
  browser.once('disconnected', () => void proxy.close());
  try {
    return { context: await browser.newContext({ ...options, proxy: { server: proxy.server } }), proxy };
  } catch (error) {
    await proxy.close();
    throw error;
  }
}

/** The refusal of the proxy for the host and port of `url`, if it refused them during this shot. */
function refusalOf(url: string, refusals: readonly ProxyRefusal[]): ProxyRefusal | undefined {
  try {
    const authority = authorityOf(new URL(url));
    return refusals.find((refusal) => refusal.authority === authority);
  } catch {
    return undefined;
  }
}

export interface ShotOptions {
  /**
   * Send every request (each redirect hop, frame and resource) through a proxy that opens no connection to a
   * loopback, private, link-local or other non-public address, names resolved first: set for URLs from webhooks.
   */
  guard?: NetworkGuard;
  /** Epoch ms: no shot starts after it (the screenshot function's time is running out). */
  deadlineAt?: number;
  /**
   * After `load`, wait up to this long for the network to be quiet (500 ms without a request): a
   * site's dev server builds modules on first request and may reload the page once (local mode).
   */
  settleMs?: number;
}

/** Loads `url` at `viewport` in a fresh page (no cookies from the other side) and shoots the page top to at most three screens down. */
export async function captureShot(browser: Browser, url: string, viewport: Viewport, what: string, options: ShotOptions = {}): Promise<Shot> {
  if (options.deadlineAt !== undefined && Date.now() >= options.deadlineAt) throw new ScreenshotError('screenshots took too long, so the notice is posted without them.');
  const { context, proxy } = await shotContext(browser, options.guard);
  await context.clearCookies();
  const page = await context.newPage();
  const refusals: ProxyRefusal[] = [];
  const stopListening = proxy?.onRefusal((refusal) => refusals.push(refusal));
  const redirectHops: string[] = [];
  page.on('request', (request) => {
    if (request.redirectedFrom()) redirectHops.push(request.url());
  });
  try {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    let status: number | undefined;
    let redirected = false;
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
      status = response?.status();
      redirected = Boolean(response?.request().redirectedFrom());
    } catch (error) {
      if (refusals.length > 0) throw new ScreenshotError(`The ${what} page ${url} was not loaded: ${refusals[0]!.reason}, which is never screenshotted.`);
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/^page\.goto: /, '');
      throw new ScreenshotError(`The ${what} page ${url} did not load: ${first}.`);
    }
    // The proxy answered a refused plain-http request itself: the page shows its refusal, not the site.
    const landed = refusalOf(page.url(), refusals);
    if (landed && redirected) throw new ScreenshotError(`The ${what} page ${url} redirected to ${page.url()}: ${landed.reason}, which is never screenshotted.`);
    if (landed) throw new ScreenshotError(`The ${what} page ${url} was not loaded: ${landed.reason}, which is never screenshotted.`);
    if (status !== undefined && status >= 400) throw new ScreenshotError(`The ${what} page ${url} answered HTTP ${status}, so there is nothing to show.`);
    // 'load' has the images; web fonts may still swap in. (Not 'networkidle' by default: it costs 500 ms of quiet per shot.)
    if (options.settleMs) await page.waitForLoadState('networkidle', { timeout: options.settleMs }).catch(() => undefined);
    // page.screenshot itself waits for document.fonts.ready, with no bound but its own timeout, unless this is set
    // (read by playwright-core's in-process server at each screenshot): the bounded wait just above replaces it.
    process.env.PW_TEST_SCREENSHOT_NO_FONTS_READY = '1';
    await page.evaluate(`Promise.race([document.fonts.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), ${FONTS_WAIT_MS}))])`).catch(() => undefined);
    const height = await page.evaluate('document.documentElement.scrollHeight').then(Number).catch(() => viewport.height);
    const clipHeight = Math.max(viewport.height, Math.min(height, viewport.height * MAX_PAGE_SCREENS));
    const clip = { x: 0, y: 0, width: viewport.width, height: clipHeight };
    const png = await page.screenshot({ type: 'png', clip, fullPage: clipHeight > viewport.height, animations: 'disabled', timeout: SCREENSHOT_TIMEOUT_MS });
    // A frame or resource redirected inside was not fetched, but the page is not what its author meant to show.
    const insideHop = redirectHops.find((hop) => refusalOf(hop, refusals));
    if (insideHop) throw new ScreenshotError(`The ${what} page ${url} followed a redirect to ${insideHop}: ${refusalOf(insideHop, refusals)!.reason}, so it is not shown.`);
    if (png.length <= MAX_IMAGE_BYTES) return { png, image: { bytes: png, type: 'png' } };
    for (const quality of JPEG_QUALITIES) {
      const jpeg = await page.screenshot({ type: 'jpeg', quality, clip, fullPage: clipHeight > viewport.height, animations: 'disabled', timeout: SCREENSHOT_TIMEOUT_MS });
      if (jpeg.length <= MAX_IMAGE_BYTES) return { png, image: { bytes: jpeg, type: 'jpeg' } };
    }
    throw new ScreenshotError(`The ${what} page's ${viewport.name} screenshot stays over ${MAX_IMAGE_BYTES / 1024 / 1024} MiB even as a JPEG, so it was not attached.`);
  } finally {
    stopListening?.();
    await page.close().catch(() => undefined);
  }
}
