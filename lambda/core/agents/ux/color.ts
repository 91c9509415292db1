import { inlineCode } from '../../domain/discord-text';
/** Colours accepted by the UX Agent: `#RRGGBB`, `#RGB` or a CSS named colour, always written as `#rrggbb`. */
export const CSS_NAMED_COLORS: Readonly<Record<string, string>> = {
  aliceblue: '#f0f8ff', antiquewhite: '#faebd7', aqua: '#00ffff', aquamarine: '#7fffd4', azure: '#f0ffff',
  beige: '#f5f5dc', bisque: '#ffe4c4', black: '#000000', blanchedalmond: '#ffebcd', blue: '#0000ff',
  blueviolet: '#8a2be2', brown: '#a52a2a', burlywood: '#deb887', cadetblue: '#5f9ea0', chartreuse: '#7fff00',
  chocolate: '#d2691e', coral: '#ff7f50', cornflowerblue: '#6495ed', cornsilk: '#fff8dc', crimson: '#dc143c',
  cyan: '#00ffff', darkblue: '#00008b', darkcyan: '#008b8b', darkgoldenrod: '#b8860b', darkgray: '#a9a9a9',
  darkgreen: '#006400', darkgrey: '#a9a9a9', darkkhaki: '#bdb76b', darkmagenta: '#8b008b', darkolivegreen: '#556b2f',
  darkorange: '#ff8c00', darkorchid: '#9932cc', darkred: '#8b0000', darksalmon: '#e9967a', darkseagreen: '#8fbc8f',
  darkslateblue: '#483d8b', darkslategray: '#2f4f4f', darkslategrey: '#2f4f4f', darkturquoise: '#00ced1', darkviolet: '#9400d3',
  deeppink: '#ff1493', deepskyblue: '#00bfff', dimgray: '#696969', dimgrey: '#696969', dodgerblue: '#1e90ff',
  firebrick: '#b22222', floralwhite: '#fffaf0', forestgreen: '#228b22', fuchsia: '#ff00ff', gainsboro: '#dcdcdc',
  ghostwhite: '#f8f8ff', gold: '#ffd700', goldenrod: '#daa520', gray: '#808080', green: '#008000',
  greenyellow: '#adff2f', grey: '#808080', honeydew: '#f0fff0', hotpink: '#ff69b4', indianred: '#cd5c5c',
  indigo: '#4b0082', ivory: '#fffff0', khaki: '#f0e68c', lavender: '#e6e6fa', lavenderblush: '#fff0f5',
  lawngreen: '#7cfc00', lemonchiffon: '#fffacd', lightblue: '#add8e6', lightcoral: '#f08080', lightcyan: '#e0ffff',
  lightgoldenrodyellow: '#fafad2', lightgray: '#d3d3d3', lightgreen: '#90ee90', lightgrey: '#d3d3d3', lightpink: '#ffb6c1',
  lightsalmon: '#ffa07a', lightseagreen: '#20b2aa', lightskyblue: '#87cefa', lightslategray: '#778899', lightslategrey: '#778899',
  lightsteelblue: '#b0c4de', lightyellow: '#ffffe0', lime: '#00ff00', limegreen: '#32cd32', linen: '#faf0e6',
  magenta: '#ff00ff', maroon: '#800000', mediumaquamarine: '#66cdaa', mediumblue: '#0000cd', mediumorchid: '#ba55d3',
  mediumpurple: '#9370db', mediumseagreen: '#3cb371', mediumslateblue: '#7b68ee', mediumspringgreen: '#00fa9a', mediumturquoise: '#48d1cc',
  mediumvioletred: '#c71585', midnightblue: '#191970', mintcream: '#f5fffa', mistyrose: '#ffe4e1', moccasin: '#ffe4b5',
  navajowhite: '#ffdead', navy: '#000080', oldlace: '#fdf5e6', olive: '#808000', olivedrab: '#6b8e23',
  orange: '#ffa500', orangered: '#ff4500', orchid: '#da70d6', palegoldenrod: '#eee8aa', palegreen: '#98fb98',
  paleturquoise: '#afeeee', palevioletred: '#db7093', papayawhip: '#ffefd5', peachpuff: '#ffdab9', peru: '#cd853f',
  pink: '#ffc0cb', plum: '#dda0dd', powderblue: '#b0e0e6', purple: '#800080', rebeccapurple: '#663399',
  red: '#ff0000', rosybrown: '#bc8f8f', royalblue: '#4169e1', saddlebrown: '#8b4513', salmon: '#fa8072',
  sandybrown: '#f4a460', seagreen: '#2e8b57', seashell: '#fff5ee', sienna: '#a0522d', silver: '#c0c0c0',
  skyblue: '#87ceeb', slateblue: '#6a5acd', slategray: '#708090', slategrey: '#708090', snow: '#fffafa',
  springgreen: '#00ff7f', steelblue: '#4682b4', tan: '#d2b48c', teal: '#008080', thistle: '#d8bfd8',
  tomato: '#ff6347', turquoise: '#40e0d0', violet: '#ee82ee', wheat: '#f5deb3', white: '#ffffff',
  whitesmoke: '#f5f5f5', yellow: '#ffff00', yellowgreen: '#9acd32',
};

export type ColorParse = { ok: true; hex: string; name?: string } | { ok: false; message: string };

/** `#1F2937` → `#1f2937`, `#abc` → `#aabbcc`, `Dark Gray` → `#a9a9a9`; anything else is refused with a sentence. */
export function parseColor(input: string): ColorParse {
  const value = input.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1].toLowerCase();
    return { ok: true, hex: `#${digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits}` };
  }
  const name = value.toLowerCase().replace(/[\s_-]+/g, '');
  const named = Object.prototype.hasOwnProperty.call(CSS_NAMED_COLORS, name) ? CSS_NAMED_COLORS[name] : undefined;
  if (named) return { ok: true, hex: named, name };
  // "dark brown", "light teal": the colour, darker or lighter (CSS has darkblue but no darkbrown).
  const shaded = /^(dark|deep|light|pale|bright)[\s_-]+([a-z]+)$/i.exec(value);
  const base = shaded && Object.prototype.hasOwnProperty.call(CSS_NAMED_COLORS, shaded[2].toLowerCase()) ? CSS_NAMED_COLORS[shaded[2].toLowerCase()] : undefined;
  if (shaded && base) return { ok: true, hex: shade(base, shaded[1].toLowerCase()), name: `${shaded[1].toLowerCase()} ${shaded[2].toLowerCase()}` };
  const why = value.startsWith('#')
    ? 'a hex colour needs exactly 3 or 6 hex digits'
    : /^(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\s*\(/i.test(value)
      ? 'colour functions are not supported'
      : 'it is not a CSS colour name';
  return { ok: false, message: `${inlineCode(value)} is not a colour I can use (${why}). Use #RRGGBB, #RGB or a CSS colour name such as navy or darkgray.` };
}

export const hexToNumber = (hex: string): number => Number.parseInt(hex.slice(1), 16);

type Oklch = { mode: 'oklch'; l: number; c: number; h?: number };
type ColorLibrary = { converter(mode: 'oklch'): (color: string) => Oklch; formatHex(color: Oklch): string; clampChroma(color: Oklch, mode: 'oklch'): Oklch };

/** A named colour made darker or lighter in perceived lightness (OKLCH), for "dark brown" or "pale green". */
function shade(hex: string, how: string): string {
  const culori = require('culori') as ColorLibrary;
  const color = culori.converter('oklch')(hex);
  const lighter = how === 'light' || how === 'pale' || how === 'bright';
  const l = lighter ? color.l + (1 - color.l) * (how === 'pale' ? 0.6 : 0.35) : color.l * (how === 'deep' ? 0.6 : 0.72);
  const c = how === 'pale' ? color.c * 0.5 : how === 'bright' ? color.c * 1.2 : color.c;
  return culori.formatHex(culori.clampChroma({ mode: 'oklch', l, c, ...(color.h !== undefined ? { h: color.h } : {}) }, 'oklch'));
}
