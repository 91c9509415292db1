import { PNG } from 'pngjs';
import type { Image } from './capture';
import type { ScreenshotPair } from './pair';

/** A shot whose pixels are this share (or more) of one colour shows nothing: a blank page, or a script-built page that never ran. */
export const BLANK_SHARE = 0.999;
/** Channel difference still counted as the same colour (compression and anti-aliasing noise). */
const SAME_COLOUR_TOLERANCE = 8;

/** The share (0..1) of a PNG's pixels that are, within a small tolerance, the colour most pixels have. */
export function oneColourShare(png: Buffer): number {
  const { data, width, height } = PNG.sync.read(png);
  const total = width * height;
  if (total === 0) return 1;
  // Coarse colours (4 bits a channel) find the most common one in one pass over a typed array.
  const buckets = new Uint32Array(4096);
  for (let i = 0; i < data.length; i += 4) buckets[((data[i] ?? 0) >> 4) * 256 + ((data[i + 1] ?? 0) >> 4) * 16 + ((data[i + 2] ?? 0) >> 4)] += 1;
  let dominant = 0;
  for (let b = 1; b < buckets.length; b += 1) if ((buckets[b] ?? 0) > (buckets[dominant] ?? 0)) dominant = b;
  // Its first exact colour is the reference; pixels within the tolerance of it count as the same colour.
  let reference: [number, number, number] | undefined;
  let same = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    if (!reference) {
      if ((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4) !== dominant) continue;
      reference = [r, g, b];
    }
    if (Math.abs(r - reference[0]) <= SAME_COLOUR_TOLERANCE && Math.abs(g - reference[1]) <= SAME_COLOUR_TOLERANCE && Math.abs(b - reference[2]) <= SAME_COLOUR_TOLERANCE) same += 1;
  }
  return same / total;
}

/** A PNG that is all one colour, or nearly. A JPEG is only made of a PNG too large to attach, which a blank page never is. */
export const isBlankImage = (image: Image): boolean => image.type === 'png' && oneColourShare(image.bytes) >= BLANK_SHARE;

/** Which side of a pair is blank at every viewport it was shot at. */
export function blankSides(pair: ScreenshotPair): { before: boolean; after: boolean } {
  return {
    before: pair.viewports.length > 0 && pair.viewports.every((v) => isBlankImage(v.before)),
    after: pair.viewports.length > 0 && pair.viewports.every((v) => isBlankImage(v.after)),
  };
}
