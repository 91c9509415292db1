import postcss from 'postcss';

/**
 * A stylesheet parsed by postcss with the syntax of its own kind: plain CSS, or SCSS (Hugo and
 * Jekyll themes' `.scss`, with `//` comments, nesting and `$variables`) through postcss-scss,
 * loaded on first use. Offsets are the file's, so a declaration's value can be spliced in place.
 */
type ScssSyntax = { parse: (css: string, options?: { from?: string }) => postcss.Root };
let scss: ScssSyntax | undefined;

export const isStylesheet = (path: string): boolean => /\.(?:css|scss|pcss|postcss)$/.test(path);

/** Throws postcss's CssSyntaxError when the text does not parse. */
export function parseStylesheet(text: string, file: string): postcss.Root {
  if (file.endsWith('.scss')) {
    scss ??= require('postcss-scss') as ScssSyntax;
    return scss.parse(text, { from: file });
  }
  return postcss.parse(text, { from: file });
}

/**
 * A selector or media query of a dark colour theme (`[data-theme='dark']`, `html.dark`,
 * `.theme-dark`, `prefers-color-scheme: dark`), not a class that only says dark (`.footer--dark`,
 * Bootstrap's `.navbar-dark`).
 */
export function isDarkTheme(selector: string): boolean {
  return (
    /\[data-(?:theme|mode|color-mode|color-scheme|bs-theme)\s*[~|^$*]?=\s*['"]?[\w-]*dark/i.test(selector) ||
    /\.(?:dark|theme-dark|dark-theme|dark-mode|darkmode)(?![\w-])/i.test(selector) ||
    /prefers-color-scheme\s*:\s*dark/i.test(selector)
  );
}

