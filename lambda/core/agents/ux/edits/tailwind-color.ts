import defaultColors from 'tailwindcss/colors';
import { colorDistance, cssColorHex } from '../color';
import type { Theme, ThemeColor } from '../discovery/theme';

/**
 * Colour values written as Tailwind classes, the way the site already writes them: a theme
 * token when the colour is one of the site's own, a palette name (`blue-900`) when the person
 * named a hue or gave a palette colour's exact hex, else an arbitrary value (`[#1e3a8a]`).
 * An arbitrary class (`bg-[#0CCE6B]`) is replaced by an arbitrary one.
 */
const HUES = ['slate', 'gray', 'zinc', 'neutral', 'stone', 'red', 'orange', 'amber', 'yellow', 'lime', 'green', 'emerald', 'teal', 'cyan', 'sky', 'blue', 'indigo', 'violet', 'purple', 'fuchsia', 'pink', 'rose'] as const;
const SHADES = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];
const SPECIAL = ['black', 'white', 'transparent', 'current', 'inherit'];
/** CSS colour names with an obvious palette counterpart. */
const NAMED: Readonly<Record<string, string>> = {
  navy: 'blue-900', black: 'black', white: 'white', grey: 'gray-500', silver: 'gray-300', maroon: 'red-900', crimson: 'red-700',
  gold: 'yellow-400', olive: 'lime-800', aqua: 'cyan-400', magenta: 'fuchsia-500', coral: 'orange-400', salmon: 'red-300',
  tomato: 'red-500', turquoise: 'teal-400', lavender: 'violet-200', beige: 'stone-100', ivory: 'stone-50', charcoal: 'gray-800',
};
const MODIFIER_SHADE: Readonly<Record<string, string>> = { pale: '100', light: '300', bright: '500', medium: '500', dark: '800', deep: '900' };

type Palette = Record<string, string | Record<string, string>>;
const palette = defaultColors as unknown as Palette;

/** `#rrggbb` of a palette name, e.g. `blue-900` → `#1e3a8a` (Tailwind 3's default palette). */
export function paletteHex(name: string): string | undefined {
  if (name === 'black') return '#000000';
  if (name === 'white') return '#ffffff';
  const match = /^([a-z]+)-(\d+)$/.exec(name);
  if (!match) return undefined;
  const scale = palette[match[1]];
  return typeof scale === 'object' ? scale[match[2]]?.toLowerCase() : undefined;
}

/** A palette name for words such as "dark blue", "navy", "light grey"; undefined when none is obvious. */
export function paletteFromWords(words: string): string | undefined {
  const parts = words.toLowerCase().replace(/grey/g, 'gray').split(/[\s_-]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return undefined;
  const joined = parts.join('');
  const own = <T,>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
  if (parts.length === 1 && own(NAMED, joined)) return own(NAMED, joined);
  const hue = parts[parts.length - 1];
  const modifier = parts.length === 2 ? parts[0] : undefined;
  if (SPECIAL.includes(hue) && !modifier) return hue;
  if (!(HUES as readonly string[]).includes(hue)) return undefined;
  if (modifier && !own(MODIFIER_SHADE, modifier)) return undefined;
  return `${hue}-${modifier ? own(MODIFIER_SHADE, modifier) : '600'}`;
}

/** The palette name whose hex is exactly `hex`. */
export function paletteForHex(hex: string): string | undefined {
  const wanted = hex.toLowerCase();
  if (wanted === '#000000') return 'black';
  if (wanted === '#ffffff') return 'white';
  for (const hue of HUES) {
    const scale = palette[hue];
    if (typeof scale !== 'object') continue;
    for (const shade of SHADES) if (scale[shade]?.toLowerCase() === wanted) return `${hue}-${shade}`;
  }
  return undefined;
}

/** True when a class value (after `bg-`/`text-`) is a colour: palette, special, theme token or arbitrary colour. */
export function isColorValue(value: string, theme: Theme): boolean {
  if (SPECIAL.includes(value)) return true;
  if (/^\[(?:#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla|oklch|oklab|lab|lch|hwb|color)\(.*\)|color:.+|var\(--.+\))\]$/i.test(value)) return true;
  const shade = /^([a-z]+)-(\d{2,3})$/.exec(value);
  if (shade && (HUES as readonly string[]).includes(shade[1]) && SHADES.includes(shade[2])) return true;
  // daisyUI's theme colours (`bg-base-100`, `text-primary-content`) are colour classes too.
  return theme.colors.some((c) => c.name === value) || (theme.daisyui?.names.includes(value) ?? false);
}

export interface ColorChoice {
  /** What goes after `bg-`/`text-`, e.g. `blue-900`, `[#1e3a8a]`, `brand`. */
  value: string;
  /** Why it was written that way, for the preview note. */
  how: 'theme token' | 'palette' | 'arbitrary';
  /** The colour the class writes, when it is not the requested one (a palette shade for "dark blue"). */
  hex?: string;
}

export function tailwindColor(hex: string, requested: string, replacing: string | undefined, theme: Theme): ColorChoice {
  // A dark theme's colour is not what the page shows by default.
  const token = theme.colors.find((c) => c.value === hex.toLowerCase() && !c.dark);
  if (token) return { value: token.name, how: 'theme token' };
  // A palette name the site's theme removed (`--color-*: initial`) would produce no colour at all.
  const usable = (name: string) => !theme.paletteCleared || theme.colors.some((c) => c.name === name);
  if (!requested.trim().startsWith('#')) {
    const named = paletteFromWords(requested);
    if (named && !usable(named)) return { value: `[${paletteHex(named) ?? hex}]`, how: 'arbitrary', hex: paletteHex(named) ?? hex };
  }
  const arbitrary = { value: `[${hex}]`, how: 'arbitrary' as const };
  if (replacing?.startsWith('[')) return arbitrary;
  if (!requested.trim().startsWith('#')) {
    const named = paletteFromWords(requested);
    if (named) return { value: named, how: 'palette' };
  }
  const exact = paletteForHex(hex);
  return exact && usable(exact) ? { value: exact, how: 'palette' } : arbitrary;
}

/** Close enough to be taken for the same colour at a glance (CIEDE2000). */
const NEAR = 8;

/** The daisyUI colour meant for text on a daisyUI background: `primary-content` on `primary`, `base-content` on `base-200`. */
const contentOf = (background: string): string => (background.startsWith('base-') ? 'base-content' : `${background}-content`);

/**
 * The daisyUI theme colour the site defines that looks like `hex` (its `neutral` for "dark brown"),
 * when one does: a surface or accent colour for a background; for text an accent colour, or the
 * `-content` colour made for the daisyUI background the text sits on (`background`).
 */
export function nearDaisyUiColor(theme: Theme, hex: string, role: 'background' | 'text', background?: string): (ThemeColor & { hex: string }) | undefined {
  let best: (ThemeColor & { hex: string; distance: number }) | undefined;
  for (const color of theme.colors) {
    if (!color.daisyui || color.dark) continue;
    const content = color.name.endsWith('-content');
    if (role === 'background' ? content : color.name.startsWith('base-') || (content && (!background || color.name !== contentOf(background)))) continue;
    const own = cssColorHex(color.value);
    if (!own) continue;
    const distance = colorDistance(own, hex);
    if (distance < NEAR && (!best || distance < best.distance)) best = { ...color, hex: own, distance };
  }
  return best;
}
