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
}

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

function configColors(project: Project, file: string): ThemeColor[] {
  const ast = project.ast(file);
  const out: ThemeColor[] = [];
  if (!ast) return out;
  const visit = (node: t.Node) => {
    if (node.type === 'ObjectProperty' && !node.computed && ((node.key.type === 'Identifier' && node.key.name === 'colors') || (node.key.type === 'StringLiteral' && node.key.value === 'colors'))) {
      const value = unwrap(node.value);
      if (value?.type === 'ObjectExpression') flatten(project, value, '', file, out);
      return;
    }
    for (const key of Object.keys(node) as Array<keyof t.Node>) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && typeof (item as t.Node).type === 'string') visit(item as t.Node);
      } else if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') {
        visit(value as t.Node);
      }
    }
  };
  visit(ast.program);
  return out;
}

function cssThemeColors(css: string, file: string): { colors: ThemeColor[]; cleared: boolean } {
  const colors: ThemeColor[] = [];
  let cleared = false;
  let root: postcss.Root;
  try {
    root = parseStylesheet(css, file);
  } catch {
    return { colors, cleared };
  }
  root.walkAtRules('theme', (rule) => {
    rule.walkDecls(/^--color-/, (declaration) => {
      if (declaration.prop === '--color-*' && declaration.value.trim() === 'initial') cleared = true;
      else colors.push({ name: declaration.prop.slice('--color-'.length), value: declaration.value.trim().toLowerCase(), file });
    });
  });
  return { colors, cleared };
}

export function readTheme(project: Project, stylesheets: readonly string[]): Theme {
  const colors: ThemeColor[] = [];
  const sources: string[] = [];
  let version: 3 | 4 | undefined;
  let cleared = false;
  for (const file of CONFIG_FILES) {
    if (!project.files.has(file)) continue;
    colors.push(...configColors(project, file));
    sources.push(file);
    version = 3;
  }
  const cssFiles = new Set([...stylesheets, ...[...project.files.keys()].filter((f) => f.endsWith('.css') && !f.includes('node_modules/'))]);
  for (const file of cssFiles) {
    const css = project.text(file) ?? '';
    if (!/@import\s+["']tailwindcss["']|@theme\b|@tailwind\s/.test(css)) continue;
    if (/@import\s+["']tailwindcss["']|@theme\b/.test(css)) version = 4;
    const found = cssThemeColors(css, file);
    if (found.colors.length > 0) sources.push(file);
    colors.push(...found.colors);
    cleared ||= found.cleared;
  }
  const packageJson = project.text('package.json') ?? '';
  const tailwind = version !== undefined || /"tailwindcss"\s*:/.test(packageJson) || /cdn\.tailwindcss\.com/.test([...project.files.entries()].filter(([f]) => f.endsWith('.html')).map(([, text]) => text).join('\n'));
  if (!version && /"tailwindcss"\s*:\s*"[\^~]?4/.test(packageJson)) version = 4;
  return { tailwind, ...(version ? { tailwindVersion: version } : {}), ...(cleared ? { paletteCleared: true } : {}), colors, sources };
}
