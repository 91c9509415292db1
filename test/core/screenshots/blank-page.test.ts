import { PNG } from 'pngjs';
import { BLANK_SHARE, isBlankImage, oneColourShare } from '../../../lambda/core/screenshots/blank-page';

/** A width×height PNG of one colour, with `paint` drawing on it. */
function png(width: number, height: number, paint: (set: (x: number, y: number, rgb: [number, number, number]) => void) => void = () => undefined, background: [number, number, number] = [255, 255, 255]): Buffer {
  const image = new PNG({ width, height });
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    const at = (y * width + x) * 4;
    image.data[at] = r;
    image.data[at + 1] = g;
    image.data[at + 2] = b;
    image.data[at + 3] = 255;
  };
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) set(x, y, background);
  paint(set);
  return PNG.sync.write(image);
}

describe('a blank screenshot', () => {
  it('is a page of one colour: white, or the dark background of an app that never rendered', () => {
    expect(oneColourShare(png(390, 200))).toBe(1);
    expect(isBlankImage({ type: 'png', bytes: png(390, 200, undefined, [17, 24, 39]) })).toBe(true);
  });

  it('is also a page of nearly one colour: a few stray pixels, or noise within a few levels', () => {
    // 50 black pixels of 100 000: 0.05 %.
    const dots = png(400, 250, (set) => {
      for (let i = 0; i < 50; i += 1) set((i * 37) % 400, (i * 11) % 250, [0, 0, 0]);
    });
    expect(oneColourShare(dots)).toBeGreaterThanOrEqual(BLANK_SHARE);
    const noise = png(200, 200, (set) => {
      for (let y = 0; y < 200; y += 1) for (let x = 0; x < 200; x += 1) set(x, y, [250 + ((x + y) % 6), 250, 251]);
    });
    expect(isBlankImage({ type: 'png', bytes: noise })).toBe(true);
  });

  it('is not a page with a header bar or a line of text', () => {
    const header = png(400, 250, (set) => {
      for (let y = 0; y < 15; y += 1) for (let x = 0; x < 400; x += 1) set(x, y, [37, 99, 235]);
    });
    expect(oneColourShare(header)).toBeCloseTo(1 - 15 / 250, 3);
    expect(isBlankImage({ type: 'png', bytes: header })).toBe(false);
    // A word of text: 16 rows of a third of 100 pixels inked, 0.5 % of the page.
    const line = png(400, 250, (set) => {
      for (let y = 100; y < 116; y += 1) for (let x = 100; x < 200; x += 1) if ((x + y) % 3 === 0) set(x, y, [17, 24, 39]);
    });
    expect(isBlankImage({ type: 'png', bytes: line })).toBe(false);
  });

  it('is never a JPEG: only a PNG too large to attach becomes one', () => {
    expect(isBlankImage({ type: 'jpeg', bytes: Buffer.from('not decoded') })).toBe(false);
  });
});
