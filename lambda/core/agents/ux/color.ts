import { inlineCode } from '../../domain/discord-text';
import type * as Culori from 'culori';

let library: typeof Culori | undefined;
/** The colour library (culori): CSS colour names, parsing, OKLCH and WCAG contrast. Loaded on first use. */
export const culori = (): typeof Culori => (library ??= require('culori') as typeof Culori);

/** The #rrggbb of a CSS colour name (`darkgray`), from the library's table of the CSS named colours. */
export function namedColor(name: string): string | undefined {
  const table = culori().colorsNamed as Readonly<Record<string, number>>;
  if (name === 'transparent' || !Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  return `#${table[name].toString(16).padStart(6, '0')}`;
}

/** WCAG 2 contrast ratio of two colours. */
export const contrastRatio = (first: string, second: string): number => culori().wcagContrast(first, second);

/** How different two colours look (CIEDE2000: about 2 is barely visible, above 10 clearly another colour). */
export const colorDistance = (first: string, second: string): number => culori().differenceCiede2000()(first, second);

/** `#rrggbb` of any CSS colour value (`oklch(…)`, `hsl(…)`, a name), when it is one. */
export function cssColorHex(value: string): string | undefined {
  const parsed = culori().parse(value.trim());
  return parsed ? culori().formatHex(parsed) : undefined;
}

/** A background on which dark text reads better than light text. */
export const isLight = (hex: string): boolean => contrastRatio(hex, '#000000') > contrastRatio(hex, '#ffffff');

export type ColorParse = { ok: true; hex: string; name?: string } | { ok: false; message: string };

/** Colours accepted by the UX Agent: `#1F2937` → `#1f2937`, `#abc` → `#aabbcc`, `DarkGray` → `#a9a9a9`, `dark gray` → `#505050`; anything else is refused with a sentence. */
export function parseColor(input: string): ColorParse {
  const value = input.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1].toLowerCase();
    return { ok: true, hex: `#${digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits}` };
  }
  const name = value.toLowerCase().replace(/[\s_-]+/g, '');
  // "dark brown", "light teal": the colour, darker or lighter (CSS has darkblue but no darkbrown).
  const shaded = /^(dark|deep|light|pale|bright)[\s_-]+([a-z]+)$/i.exec(value);
  const base = shaded ? namedColor(shaded[2].toLowerCase()) : undefined;
  const named = namedColor(name);
  // Written as two words, "dark gray" means a dark grey; CSS's darkgray is lighter than gray, so only `darkgray` as one word is that name.
  const misleading = shaded && base && named && /^(dark|deep)$/i.test(shaded[1]) && culori().converter('oklch')(named)!.l > culori().converter('oklch')(base)!.l;
  if (named && !misleading) return { ok: true, hex: named, name };
  if (shaded && base) return { ok: true, hex: shade(base, shaded[1].toLowerCase()), name: `${shaded[1].toLowerCase()} ${shaded[2].toLowerCase()}` };
  const why = value.startsWith('#')
    ? 'a hex colour needs exactly 3 or 6 hex digits'
    : /^(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\s*\(/i.test(value)
      ? 'colour functions are not supported'
      : 'it is not a CSS colour name';
  return { ok: false, message: `${inlineCode(value)} is not a colour I can use (${why}). Use #RRGGBB, #RGB or a CSS colour name such as navy or darkgray.` };
}

export const hexToNumber = (hex: string): number => Number.parseInt(hex.slice(1), 16);

/** A named colour made darker or lighter in perceived lightness (OKLCH), for "dark brown" or "pale green". */
function shade(hex: string, how: string): string {
  const c = culori();
  const color = c.converter('oklch')(hex)!;
  const lighter = how === 'light' || how === 'pale' || how === 'bright';
  const l = lighter ? color.l + (1 - color.l) * (how === 'pale' ? 0.6 : 0.35) : color.l * (how === 'deep' ? 0.6 : 0.72);
  const chroma = how === 'pale' ? color.c * 0.5 : how === 'bright' ? color.c * 1.2 : color.c;
  return c.formatHex(c.clampChroma({ mode: 'oklch', l, c: chroma, ...(color.h !== undefined ? { h: color.h } : {}) }, 'oklch'));
}
