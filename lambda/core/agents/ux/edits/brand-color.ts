import type { BrandScale, BrandToken } from '../discovery/brand';
import type { Splice } from './splice';
import type { Color } from 'culori';
import { culori } from '../color';

/**
 * A new brand colour written into the theme's tokens: the colour itself becomes the requested
 * one; each shade and dark-mode twin takes the new hue and keeps its place relative to it (in
 * OKLCH). A numbered scale (`50`–`950`) keeps its ends: a shade lighter than the old colour keeps
 * its share of the way to white, a darker one its share of the way to black, so `brand-50` stays a
 * page-background tint whatever the new colour. Named steps (`--ifm-color-primary-darker`, the dark
 * theme's primary) keep their proportion to the colour, as Docusaurus and Infima derive them.
 * Chroma keeps its share of what sRGB can show at the shade's lightness and hue, so tints stay
 * tinted, not grey. Each value is written in its own notation (hex, `oklch()`, `hsl()`, shadcn's
 * bare `H S% L%`).
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

/** The most chroma sRGB can show at this lightness and hue (OKLCH). */
function maxChroma(l: number, h: number | undefined): number {
  return (culori().clampChroma({ mode: 'oklch', l, c: 0.4, h: h ?? 0 }, 'oklch') as { c: number }).c;
}

/** A colour's chroma as a share of the most its lightness and hue allow. */
function share(color: { l: number; c: number; h?: number }): number {
  const most = maxChroma(color.l, color.h);
  return most > 0.0005 ? Math.min(1, (color.c ?? 0) / most) : 0;
}

/** A shade of a numbered scale (`brand-50`): its share of the way to white (lighter) or to black (darker) is kept, so the scale's ends stay at its ends. */
export function scaleLightness(l: number, from: number, to: number): number {
  if (l >= from) return from >= 1 ? l : to + ((l - from) * (1 - to)) / (1 - from);
  return from <= 0 ? l : (l * to) / from;
}

/** A named step (`-darker`, `-lightest`, a dark theme's twin): darker ones keep their proportion to the colour; lighter ones too, unless that would leave less room to white than before. */
export function stepLightness(l: number, from: number, to: number): number {
  if (l < from) return from <= 0 ? l : (l * to) / from;
  const factor = Math.min(from > 0 ? to / from : 1, from < 1 ? (1 - to) / (1 - from) : 1);
  return Math.min(1, to + (l - from) * factor);
}

export type BrandEdit = { ok: true; splices: Splice[]; from: string; to: string; changed: BrandToken[]; /** How the shades were made, when not kept relative to the colour. */ shadesNote?: string } | { ok: false; message: string };

/** A VitePress brand step set from the default theme's own palette, as `vitepress init` writes it: `var(--vp-c-indigo-1)`. */
const VITEPRESS_PALETTE_REF = /^var\(\s*--vp-c-(indigo|purple|green|yellow|red|gray)-(1|2|3|soft)\s*\)$/;
/** Colour words naming one of VitePress's palettes (its indigo is its only blue, but "blue" is a colour of its own: written as asked). */
const VITEPRESS_PALETTES: Readonly<Record<string, string>> = { indigo: 'indigo', purple: 'purple', violet: 'purple', green: 'green', yellow: 'yellow', red: 'red', gray: 'gray', grey: 'gray' };

/**
 * VitePress's brand steps taken from its palette (`--vp-c-brand-1: var(--vp-c-indigo-1)`): a colour
 * the palette has becomes the same steps of that palette, light and dark as VitePress defines them;
 * any other colour is written into the steps: `-1` (text) and `-3` (solid backgrounds) the colour,
 * `-2` (hover) a little lighter, `-soft` its 14 % tint, as VitePress's own palettes are built.
 */
function vitepressPaletteEdit(scale: BrandScale, hex: string, requested: string | undefined): BrandEdit {
  const c = culori();
  const palette = requested ? VITEPRESS_PALETTES[requested.trim().toLowerCase()] : undefined;
  const splices: Splice[] = [];
  const changed: BrandToken[] = [];
  const base = scale.tokens.find((t) => t.base && !t.dark) ?? scale.tokens[0];
  const wanted = c.parse(hex)!;
  const oklch = c.converter('oklch')(wanted)!;
  for (const token of scale.tokens) {
    const ref = VITEPRESS_PALETTE_REF.exec(token.value.trim());
    const step = ref?.[2] ?? /-(1|2|3|soft)$/.exec(token.name)?.[1];
    if (!step) continue;
    let text: string;
    if (palette) {
      if (!ref) continue;
      text = `var(--vp-c-${palette}-${step})`;
    } else if (step === 'soft') text = c.formatRgb({ ...wanted, alpha: 0.14 });
    else if (step === '2') text = c.formatHex(c.clampChroma({ ...oklch, l: Math.min(1, oklch.l + 0.06) }, 'oklch'));
    else text = c.formatHex(wanted);
    if (text === token.value.trim()) continue;
    splices.push({ file: token.file, start: token.start, end: token.end, text });
    changed.push(token);
  }
  if (splices.length === 0) return { ok: false, message: `Nothing would change: the brand colour is already VitePress's ${palette ?? hex} palette.` };
  const shadesNote = palette
    ? `Its steps take VitePress's ${palette} palette too (${changed.map((t) => t.name).join(', ')}), light and dark as VitePress defines them.`
    : `VitePress's steps become your colour (${changed.map((t) => t.name).join(', ')}): -1 (text) and -3 (button backgrounds) the colour, -2 (hover) a little lighter, -soft its 14 % tint; dark mode uses the same values.`;
  return { ok: true, splices, from: base.value, to: palette ? `var(--vp-c-${palette}-1)` : c.formatHex(wanted), changed, shadesNote };
}

export function brandColorEdit(scale: BrandScale, hex: string, requested?: string): BrandEdit {
  const c = culori();
  const oklch = c.converter('oklch');
  const base = scale.tokens.find((t) => t.base && !t.dark) ?? scale.tokens[0];
  if (VITEPRESS_PALETTE_REF.test(base.value.trim())) return vitepressPaletteEdit(scale, hex, requested);
  const baseColor = tokenColor(base.resolved ?? base.value);
  if (!baseColor) return { ok: false, message: `The brand colour ${base.name} in ${base.file}:${base.line} is ${base.value}, which is not a colour I can read, so I cannot derive its shades. Change it in the theme by hand, or set it to a hex colour first.` };
  const wanted = oklch(c.parse(hex)!)!;
  const was = oklch(baseColor)!;
  // How much more (or less) colourful the new colour is than the old, for what sRGB can show; a grey old colour gives its shades the new one's.
  const chroma = share(was) > 0.02 ? share(wanted) / share(was) : undefined;
  const splices: Splice[] = [];
  const changed: BrandToken[] = [];
  for (const token of scale.tokens) {
    const old = tokenColor(token.resolved ?? token.value);
    if (!old) continue;
    let next: Color;
    if (token === base) next = c.parse(hex)!;
    else {
      const own = oklch(old)!;
      const l = /\d$/.test(token.name) ? scaleLightness(own.l, was.l, wanted.l) : stepLightness(own.l, was.l, wanted.l);
      const part = chroma === undefined ? share(wanted) : Math.min(1, share(own) * chroma);
      next = c.clampChroma({ mode: 'oklch', l, c: part * maxChroma(l, wanted.h), h: wanted.h ?? 0, ...(own.alpha !== undefined ? { alpha: own.alpha } : {}) }, 'oklch');
    }
    const text = written(token.value, next);
    if (text.toLowerCase() === token.value.trim().toLowerCase()) continue;
    splices.push({ file: token.file, start: token.start, end: token.end, text });
    changed.push(token);
  }
  if (splices.length === 0) return { ok: false, message: `Nothing would change: the brand colour is already ${hex}.` };
  return { ok: true, splices, from: base.resolved ? `${base.value} (${base.resolved})` : base.value, to: written(base.resolved ?? base.value, c.parse(hex)!), changed };
}
