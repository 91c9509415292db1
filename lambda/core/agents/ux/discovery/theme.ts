import { childNodes } from './ast';
import type * as t from '@babel/types';
import postcss from 'postcss';
import { parseStylesheet } from './stylesheet';
import type { Project } from './project';
import { stringSlot, unwrap } from './resolve';
import type { StringSlot } from './ui-tree';

/**
 * The site's own colour names: Tailwind `theme.colors` / `theme.extend.colors` in
 * `tailwind.config.*`, and `--color-*` in CSS `@theme` blocks (Tailwind 4). A colour the
 * person asks for that equals one of these is written as the token (`bg-brand`).
 */
export interface ThemeColor {
  /** The class-name part, e.g. `brand`, `brand-dark`, `primary-500`. */
  name: string;
  /** The value as declared, lower-cased (`#059669`, `oklch(…)`, `hsl(var(--background))`). */
  value: string;
  file: string;
  /** Where a config string is written (Tailwind's `colors`), for changing the colour itself. */
  slot?: StringSlot;
  /** A colour of a daisyUI theme the site defines (`primary` of its `brewlog` theme). */
  daisyui?: boolean;
  /** Declared for a dark theme (daisyUI's `darkTheme`, `prefersdark`), so not what the page shows by default. */
  dark?: boolean;
}

/** daisyUI as a plugin of the site's Tailwind: its colour names are colour classes (`bg-base-100`, `text-primary-content`). */
export interface DaisyUi {
  /** Where it is declared a plugin: `tailwind.config.js`, `src/app.css`. */
  file: string;
  /** Its theme colour names, as they follow `bg-`/`text-`. */
  names: readonly string[];
}

export interface Theme {
  tailwind: boolean;
  /** A Tailwind 4 `@theme` resets the default palette (`--color-*: initial`): only the site's own colours exist as classes. */
  paletteCleared?: boolean;
  /** 3 or 4 when known. */
  tailwindVersion?: 3 | 4;
  colors: ThemeColor[];
  /** The config/CSS file(s) the theme was read from. */
  sources: string[];
  daisyui?: DaisyUi;
  /** Bulma is the site's CSS framework (a dependency, or imported by a stylesheet): its colour classes and Sass variables colour its components. */
  bulma?: boolean;
}

/** daisyUI's semantic colours (version 4 and 5; `-focus` of versions 2 and 3). */
export const DAISYUI_COLORS: readonly string[] = [
  ...['primary', 'secondary', 'accent', 'neutral', 'info', 'success', 'warning', 'error'].flatMap((c) => [c, `${c}-content`]),
  'base-100', 'base-200', 'base-300', 'base-content',
  ...['primary', 'secondary', 'accent', 'neutral'].map((c) => `${c}-focus`),
];
const DARK_THEME = /dark|night|dim|black|dracula|synthwave|halloween|forest|luxury|business|coffee|sunset|abyss/i;

const CONFIG_FILES = ['tailwind.config.js', 'tailwind.config.ts', 'tailwind.config.cjs', 'tailwind.config.mjs'];

function flatten(project: Project, object: t.ObjectExpression, prefix: string, file: string, out: ThemeColor[]): void {
  for (const property of object.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'NumericLiteral' ? String(property.key.value) : undefined;
    if (key === undefined) continue;
    const name = key === 'DEFAULT' ? prefix : prefix ? `${prefix}-${key}` : key;
    const value = unwrap(property.value);
    if (value?.type === 'StringLiteral') {
      const slot = stringSlot(project, file, value);
      out.push({ name, value: value.value.trim().toLowerCase(), file, ...(slot ? { slot } : {}) });
    } else if (value?.type === 'ObjectExpression') flatten(project, value, name, file, out);
  }
}

/** Visits every node of a Babel tree, depth first; `visit` returns true to skip what is below a node. */
function walk(node: t.Node, visit: (node: t.Node) => boolean | void): void {
  if (visit(node)) return;
  for (const child of childNodes(node)) walk(child, visit);
}

const isKey = (node: t.Node, name: string): node is t.ObjectProperty =>
  node.type === 'ObjectProperty' && !node.computed && ((node.key.type === 'Identifier' && node.key.name === name) || (node.key.type === 'StringLiteral' && node.key.value === name));

function configColors(project: Project, file: string): ThemeColor[] {
  const ast = project.ast(file);
  const out: ThemeColor[] = [];
  if (!ast) return out;
  walk(ast.program, (node) => {
    if (!isKey(node, 'colors')) return false;
    const value = unwrap(node.value);
    if (value?.type === 'ObjectExpression') flatten(project, value, '', file, out);
    return true;
  });
  return out;
}

const keyOf = (property: t.ObjectProperty): string | undefined =>
  property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;

/** `plugins: [require('daisyui')]` or `import daisyui from 'daisyui'` in a Tailwind config. */
function configUsesDaisyUi(ast: t.File): boolean {
  let found = false;
  walk(ast.program, (node) => {
    if (node.type === 'ImportDeclaration' && node.source.value === 'daisyui') found = true;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral' && node.arguments[0].value === 'daisyui') found = true;
    return found;
  });
  return found;
}

/** The colours of the themes a config defines for daisyUI (`daisyui: { themes: [{ brewlog: { primary: '#6f4e37' } }] }`). */
function configDaisyUiColors(project: Project, file: string, ast: t.File): ThemeColor[] {
  const out: ThemeColor[] = [];
  let options: t.ObjectExpression | undefined;
  walk(ast.program, (node) => {
    if (options || !isKey(node, 'daisyui')) return options !== undefined;
    const value = unwrap(node.value);
    if (value?.type === 'ObjectExpression') options = value;
    return true;
  });
  if (!options) return out;
  const darkTheme = options.properties.find((p): p is t.ObjectProperty => isKey(p, 'darkTheme'));
  const darkName = darkTheme?.value.type === 'StringLiteral' ? darkTheme.value.value : undefined;
  const themes = options.properties.find((p): p is t.ObjectProperty => isKey(p, 'themes'));
  const list = themes ? unwrap(themes.value) : undefined;
  if (list?.type !== 'ArrayExpression') return out;
  for (const element of list.elements) {
    const entry = unwrap(element as t.Node | null);
    if (entry?.type !== 'ObjectExpression') continue;
    for (const theme of entry.properties) {
      if (theme.type !== 'ObjectProperty') continue;
      const name = keyOf(theme);
      const colors = unwrap(theme.value);
      if (!name || colors?.type !== 'ObjectExpression') continue;
      const dark = name === darkName || DARK_THEME.test(name);
      for (const property of colors.properties) {
        if (property.type !== 'ObjectProperty') continue;
        const key = keyOf(property);
        const value = unwrap(property.value);
        if (!key || !DAISYUI_COLORS.includes(key) || value?.type !== 'StringLiteral') continue;
        const slot = stringSlot(project, file, value);
        out.push({ name: key, value: value.value.trim().toLowerCase(), file, daisyui: true, ...(dark ? { dark } : {}), ...(slot ? { slot } : {}) });
      }
    }
  }
  return out;
}

/** A `@plugin "daisyui/theme" { … }` block declares a dark theme (`prefersdark: true`, a dark name or colour scheme). */
export function isDarkDaisyUiTheme(rule: postcss.AtRule): boolean {
  let dark = false;
  rule.each((node) => {
    if (node.type !== 'decl') return;
    const value = node.value.trim().replace(/^["']|["']$/g, '');
    if ((node.prop === 'prefersdark' && value === 'true') || (node.prop === 'color-scheme' && value === 'dark') || (node.prop === 'name' && DARK_THEME.test(value))) dark = true;
  });
  return dark;
}

const isPlugin = (rule: postcss.AtRule, name: string) => rule.name === 'plugin' && rule.params.trim().replace(/^["']|["']$/g, '') === name;

function cssThemeColors(css: string, file: string): { colors: ThemeColor[]; cleared: boolean; daisyui: boolean } {
  const colors: ThemeColor[] = [];
  let cleared = false;
  let daisyui = false;
  let root: postcss.Root;
  try {
    root = parseStylesheet(css, file);
  } catch {
    return { colors, cleared, daisyui };
  }
  root.walkAtRules('theme', (rule) => {
    rule.walkDecls(/^--color-/, (declaration) => {
      if (declaration.prop === '--color-*' && declaration.value.trim() === 'initial') cleared = true;
      else colors.push({ name: declaration.prop.slice('--color-'.length), value: declaration.value.trim().toLowerCase(), file });
    });
  });
  // Tailwind 4: `@plugin "daisyui";` and a theme of the site's own, `@plugin "daisyui/theme" { --color-primary: … }`.
  root.walkAtRules('plugin', (rule) => {
    if (isPlugin(rule, 'daisyui')) daisyui = true;
    if (!isPlugin(rule, 'daisyui/theme')) return;
    const dark = isDarkDaisyUiTheme(rule);
    rule.walkDecls(/^--color-/, (declaration) => {
      const name = declaration.prop.slice('--color-'.length);
      if (DAISYUI_COLORS.includes(name)) colors.push({ name, value: declaration.value.trim().toLowerCase(), file, daisyui: true, ...(dark ? { dark } : {}) });
    });
  });
  return { colors, cleared, daisyui };
}

export function readTheme(project: Project, stylesheets: readonly string[]): Theme {
  const colors: ThemeColor[] = [];
  const sources: string[] = [];
  let version: 3 | 4 | undefined;
  let cleared = false;
  let daisyui: DaisyUi | undefined;
  for (const file of CONFIG_FILES) {
    if (!project.files.has(file)) continue;
    colors.push(...configColors(project, file));
    sources.push(file);
    version = 3;
    const ast = project.ast(file);
    if (ast && configUsesDaisyUi(ast)) {
      daisyui ??= { file, names: DAISYUI_COLORS };
      colors.push(...configDaisyUiColors(project, file, ast));
    }
  }
  const cssFiles = new Set([...stylesheets, ...[...project.files.keys()].filter((f) => f.endsWith('.css') && !f.includes('node_modules/'))]);
  for (const file of cssFiles) {
    const css = project.text(file) ?? '';
    if (!/@import\s+["']tailwindcss["']|@theme\b|@tailwind\s|@plugin\s/.test(css)) continue;
    if (/@import\s+["']tailwindcss["']|@theme\b/.test(css)) version = 4;
    const found = cssThemeColors(css, file);
    if (found.colors.length > 0) sources.push(file);
    colors.push(...found.colors);
    cleared ||= found.cleared;
    if (found.daisyui) daisyui ??= { file, names: DAISYUI_COLORS };
  }
  const packageJson = project.text('package.json') ?? '';
  const bulma = /"bulma"\s*:/.test(packageJson) || [...project.files].some(([file, text]) => /\.(?:s[ac]ss|css)$/.test(file) && !file.includes('node_modules/') && /@(?:import|use|forward)\s+["']?[~]?bulma\b/.test(text));
  const tailwind = version !== undefined || /"tailwindcss"\s*:/.test(packageJson) || /cdn\.tailwindcss\.com/.test([...project.files.entries()].filter(([f]) => f.endsWith('.html')).map(([, text]) => text).join('\n'));
  if (!version && /"tailwindcss"\s*:\s*"[\^~]?4/.test(packageJson)) version = 4;
  return { tailwind, ...(version ? { tailwindVersion: version } : {}), ...(cleared ? { paletteCleared: true } : {}), colors, sources, ...(daisyui ? { daisyui } : {}), ...(bulma ? { bulma } : {}) };
}
