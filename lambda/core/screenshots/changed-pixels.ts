import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * The share of pixels (0..1) that differ between two PNGs, as pixelmatch counts them (anti-aliasing
 * ignored, threshold 0.1). Images of different sizes compare on their overlap; the rest counts as changed.
 */
export function changedShare(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const total = Math.max(a.width, b.width) * Math.max(a.height, b.height);
  if (total === 0) return 0;
  const crop = (png: PNG): Uint8Array => {
    if (png.width === width && png.height === height) return png.data;
    const out = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y += 1) out.set(png.data.subarray(y * png.width * 4, (y * png.width + width) * 4), y * width * 4);
    return out;
  };
  const differing = pixelmatch(crop(a), crop(b), undefined, width, height, { threshold: 0.1 });
  return (differing + (total - width * height)) / total;
}

/** "3.2 %", "< 0.1 %" or "0 %", as the message shows it. */
export function formatShare(share: number): string {
  if (share === 0) return '0 %';
  if (share < 0.001) return '< 0.1 %';
  return `${(share * 100).toFixed(1)} %`;
}
