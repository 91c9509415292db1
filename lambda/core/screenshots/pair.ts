import type { MessageFile } from '../domain/discord-message';
import type { BrowserSource } from './browser';
import { captureShot, type Image, type ShotOptions } from './capture';
import { ScreenshotError } from './errors';
import { changedShare, formatShare } from './changed-pixels';
import { VIEWPORTS, type Viewport } from './limits';

export interface PageSide {
  /** The site's base URL (production, preview, or a local server). */
  baseUrl: string;
  /** How the message names it: "production", "preview", "main", "the branch". */
  label: string;
}

export interface PairRequest {
  before: PageSide;
  after: PageSide;
  /** The page path, e.g. "/" or "/about.html". */
  path: string;
  viewports?: readonly Viewport[];
  /** See ShotOptions.guard. */
  shot?: ShotOptions;
}

export interface ViewportPair {
  viewport: Viewport;
  before: Image;
  after: Image;
  /** 0..1, see changedShare. */
  changedShare: number;
}

export interface ScreenshotPair {
  beforeUrl: string;
  afterUrl: string;
  viewports: ViewportPair[];
  /** Wall time of the whole pair, browser start included. */
  elapsedMs: number;
}

/**
 * `base` + `path` as one URL: the path is joined below the base's own path, so a project site
 * (https://o.github.io/repo/) keeps its /repo/ (https://o.github.io/repo/about.html); a query on the path is kept.
 * The path comes from a changed file's name, so it is always read as a path ("./" first): a file named
 * `https:/127.0.0.2:4307/x.html` or `javascript:x` stays a page of the same site. Throws ScreenshotError if the
 * origin would change anyway.
 */
export function pageUrl(base: string, path: string): string {
  const folder = new URL(base);
  if (folder.protocol !== 'http:' && folder.protocol !== 'https:') throw new ScreenshotError(`${base} is not an http(s) URL, so it is not opened.`);
  folder.search = '';
  folder.hash = '';
  if (!folder.pathname.endsWith('/')) folder.pathname = `${folder.pathname}/`;
  const page = new URL(`./${path.replace(/^[/\\]+/, '')}`, folder);
  if (page.origin !== folder.origin) throw new ScreenshotError(`The page path ${path} would leave ${folder.origin}, so it is not opened.`);
  return page.toString();
}

/** Before and after of the same path at each viewport, with the share of pixels that changed. Throws ScreenshotError with a reason. */
export async function screenshotPair(source: BrowserSource, request: PairRequest): Promise<ScreenshotPair> {
  const started = Date.now();
  const browser = await source.launch();
  const beforeUrl = pageUrl(request.before.baseUrl, request.path);
  const afterUrl = pageUrl(request.after.baseUrl, request.path);
  const viewports: ViewportPair[] = [];
  for (const viewport of request.viewports ?? VIEWPORTS) {
    const before = await captureShot(browser, beforeUrl, viewport, request.before.label, request.shot);
    const after = await captureShot(browser, afterUrl, viewport, request.after.label, request.shot);
    viewports.push({ viewport, before: before.image, after: after.image, changedShare: changedShare(before.png, after.png) });
  }
  return { beforeUrl, afterUrl, viewports, elapsedMs: Date.now() - started };
}

/** One shot of one page at each viewport (the "Live on" notice). */
export async function screenshotPage(source: BrowserSource, baseUrl: string, path: string, label: string, viewports: readonly Viewport[] = VIEWPORTS, shot: ShotOptions = {}): Promise<{ url: string; images: Array<{ viewport: Viewport; image: Image }> }> {
  const browser = await source.launch();
  const url = pageUrl(baseUrl, path);
  const images = [];
  for (const viewport of viewports) images.push({ viewport, image: (await captureShot(browser, url, viewport, label, shot)).image });
  return { url, images };
}

const fileName = (viewport: Viewport, side: string, image: Image) => `${viewport.name}-${side}.${image.type === 'png' ? 'png' : 'jpg'}`;
const contentType = (image: Image) => (image.type === 'png' ? 'image/png' : 'image/jpeg');

/** The attachments of a pair: desktop-before, desktop-after, phone-before, phone-after. */
export function pairFiles(pair: ScreenshotPair, labels: { before: string; after: string }): MessageFile[] {
  return pair.viewports.flatMap(({ viewport, before, after }) => [
    { name: fileName(viewport, 'before', before), contentType: contentType(before), data: before.bytes, description: `${labels.before}, ${viewport.name} ${viewport.width}×${viewport.height}` },
    { name: fileName(viewport, 'after', after), contentType: contentType(after), data: after.bytes, description: `${labels.after}, ${viewport.name} ${viewport.width}×${viewport.height}` },
  ]);
}

/** The attachments of single shots: desktop.png, phone.png. */
export function pageFiles(images: Array<{ viewport: Viewport; image: Image }>, label: string): MessageFile[] {
  return images.map(({ viewport, image }) => ({ name: `${viewport.name}.${image.type === 'png' ? 'png' : 'jpg'}`, contentType: contentType(image), data: image.bytes, description: `${label}, ${viewport.name} ${viewport.width}×${viewport.height}` }));
}

/** "Pixels changed: desktop 1280×800 3.2 % · phone 390×844 5.0 %". */
export function changedLine(pair: ScreenshotPair): string {
  return `Pixels changed: ${pair.viewports.map(({ viewport, changedShare: share }) => `${viewport.name} ${viewport.width}×${viewport.height} ${formatShare(share)}`).join(' · ')}`;
}

export const pairBytes = (pair: ScreenshotPair): number => pair.viewports.reduce((sum, v) => sum + v.before.bytes.length + v.after.bytes.length, 0);
