import type { BrandScale, BrandToken } from '../discovery/brand';
import type { Splice } from './splice';
import type { Color } from 'culori';
import { culori } from '../color';

/**
 * A new brand colour written into the theme's tokens: the colour itself becomes the requested
 * one; each shade and dark-mode twin keeps its lightness relative to it (in OKLCH) and takes the new hue, so
 * `--ifm-color-primary-darker` stays as much darker and the dark theme's primary as much lighter. Each
 * value is written in its own notation (hex, `oklch()`, `hsl()`, shadcn's bare `H S% L%`).
 */
/** A token's colour, when its value is one (hex, a CSS colour function or name, or shadcn's bare HSL). */
export function tokenColor(value: string): Color | undefined {
  const text = value.trim();
  const bareHsl = /^(-?[\d.]+)(?:deg)?\s+([\d.]+)%\s+([\d.]+)%$/.exec(text);
  return culori().parse(bareHsl ? `hsl(${bareHsl[1]} ${bareHsl[2]}% ${bareHsl[3]}%)` : text) ?? undefined;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The colour written the way the token wrote its old value. */
function written(old: string, color: Color): string {
  const text = old.trim();
  const c = culori();
  if (/^#/.test(text)) return c.formatHex(color);
  if (/^oklch\(/i.test(text)) {
    const o = c.converter('oklch')(color)!;
    return `oklch(${round(o.l, 3)} ${round(o.c, 3)} ${round(o.h ?? 0, 3)})`;
  }
  if (/^hsla?\(/i.test(text)) return c.formatHsl(color);
  if (/^rgba?\(/i.test(text)) return c.formatRgb(color);
  if (/^-?[\d.]+(?:deg)?\s+[\d.]+%\s+[\d.]+%$/.test(text)) {
    const h = c.converter('hsl')(color)!;
    return `${round(h.h ?? 0, 1)} ${round(h.s * 100, 1)}% ${round(h.l * 100, 1)}%`;
  }
  return c.formatHex(color);
}

export type BrandEdit = { ok: true; splices: Splice[]; from: string; to: string; changed: BrandToken[] } | { ok: false; message: string };

export function brandColorEdit(scale: BrandScale, hex: string): BrandEdit {
  const c = culori();
  const oklch = c.converter('oklch');
  const base = scale.tokens.find((t) => t.base && !t.dark) ?? scale.tokens[0];
  const baseColor = tokenColor(base.value);
  if (!baseColor) return { ok: false, message: `The brand colour ${base.name} in ${base.file}:${base.line} is ${base.value}, which is not a colour I can read, so I cannot derive its shades. Change it in the theme by hand, or set it to a hex colour first.` };
  const wanted = oklch(c.parse(hex)!)!;
  const was = oklch(baseColor)!;
  const splices: Splice[] = [];
  const changed: BrandToken[] = [];
  for (const token of scale.tokens) {
    const old = tokenColor(token.value);
    if (!old) continue;
    let next: Color;
    if (token === base) next = c.parse(hex)!;
    else {
      // As much lighter or darker than the new colour as the old shade was than the old one; the new hue; chroma in the same proportion.
      const own = oklch(old)!;
      const ratio = was.c > 0.005 ? own.c / was.c : 1;
      const l = Math.min(1, Math.max(0, wanted.l + (own.l - was.l)));
      next = c.clampChroma({ mode: 'oklch', l, c: wanted.c * ratio, h: wanted.h ?? 0, ...(own.alpha !== undefined ? { alpha: own.alpha } : {}) }, 'oklch');
    }
    const text = written(token.value, next);
    if (text.toLowerCase() === token.value.trim().toLowerCase()) continue;
    splices.push({ file: token.file, start: token.start, end: token.end, text });
    changed.push(token);
  }
  if (splices.length === 0) return { ok: false, message: `Nothing would change: the brand colour is already ${hex}.` };
  return { ok: true, splices, from: base.value, to: written(base.value, c.parse(hex)!), changed };
}
