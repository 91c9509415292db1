import type postcss from 'postcss';
import type { Project } from './project';
import { isDarkTheme, parseStylesheet } from './stylesheet';
import { isDarkDaisyUiTheme, type Theme } from './theme';

/**
 * The site's brand colour as its theme defines it, with every shade and dark-mode twin that
 * goes with it: a Tailwind `primary`/`brand` colour (one value or a 50–950 scale), a CSS custom
 * property (`--color-primary` of daisyUI or a Tailwind 4 `@theme`, shadcn's `--primary`,
 * Docusaurus's `--ifm-color-primary` and its six shades), or a Sass variable (`$primary`,
 * `$brand-color`). Changing the brand colour changes these tokens, not the elements using them.
 */
export interface BrandToken {
  /** As written: `--ifm-color-primary-dark`, `$brand-color`, `primary.500`. */
  name: string;
  file: string;
  /** The value's characters. */
  start: number;
  end: number;
  value: string;
  /** The colour a Sass value that names another variable stands for (`$primary: $kestrel-brown` → `#6f4e37`). */
  resolved?: string;
  line: number;
  /** Declared for a dark theme (`[data-theme='dark']`, `.dark`). */
  dark: boolean;
  /** The token that is the colour itself, as opposed to a shade of it. */
  base: boolean;
}

export interface BrandScale {
  /** `--ifm-color-primary in src/css/custom.css`. */
  label: string;
  tokens: BrandToken[];
  /** Elements and files that use it, for the preview: `bg-primary`, `var(--color-primary)`. */
  uses: number;
}

const CSS_TOKEN = /^(?:--ifm-color-(primary)|--(?:color-)?(primary|brand)(?:-colou?r)?)(?:-(\d{2,3}|dark|darker|darkest|light|lighter|lightest|default|DEFAULT))?$/;
/** The themes' own brand variables: VitePress's `--vp-c-brand-1` (its `-2`, `-3`, `-soft` steps), Starlight's `--sl-color-accent` (`-low`, `-high`). */
const THEME_TOKEN = /^--(?:vp-c-(brand)-(1|2|3|soft)|sl-color-(accent)(?:-(low|high))?)$/;
const SASS_TOKEN = /^\$(primary|brand)(?:[-_]colou?r)?$/;

/** The brand declarations of a stylesheet, and the value of each Sass variable it declares (the last one, as Sass reads them). */
function declarations(project: Project, file: string): { tokens: postcss.Declaration[]; sass: Map<string, string> } {
  const sass = new Map<string, string>();
  let root: postcss.Root;
  try {
    root = parseStylesheet(project.text(file) ?? '', file);
  } catch {
    return { tokens: [], sass };
  }
  const tokens: postcss.Declaration[] = [];
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('$')) sass.set(decl.prop, decl.value.replace(/\s*!default\s*$/, ''));
    if (CSS_TOKEN.test(decl.prop) || SASS_TOKEN.test(decl.prop) || THEME_TOKEN.test(decl.prop)) tokens.push(decl);
  });
  return { tokens, sass };
}

/** A Sass value that names another variable, followed to what that holds (a few steps at most). */
function followSass(value: string, sass: ReadonlyMap<string, string>): string | undefined {
  let current = value.trim();
  for (let step = 0; step < 5 && /^\$[\w-]+$/.test(current); step++) {
    const next = sass.get(current);
    if (next === undefined) return undefined;
    current = next.trim();
  }
  return current === value.trim() ? undefined : current;
}

/** Declared for a dark theme: `[data-theme='dark']`, `.dark`, or a dark daisyUI theme (`@plugin "daisyui/theme" { prefersdark: true }`). */
function inDarkTheme(decl: postcss.Declaration): boolean {
  for (let node = decl.parent as postcss.Node | undefined; node && node.type !== 'root'; node = node.parent as postcss.Node | undefined) {
    if (node.type === 'atrule' && (node as postcss.AtRule).name === 'plugin' && /daisyui\/theme/.test((node as postcss.AtRule).params)) return isDarkDaisyUiTheme(node as postcss.AtRule);
  }
  return isDarkTheme(selectorOf(decl));
}

function selectorOf(decl: postcss.Declaration): string {
  let node: postcss.Node | undefined = decl.parent as postcss.Node | undefined;
  const parts: string[] = [];
  while (node && node.type !== 'root') {
    if (node.type === 'rule') parts.unshift((node as postcss.Rule).selector);
    if (node.type === 'atrule') parts.unshift(`@${(node as postcss.AtRule).name} ${(node as postcss.AtRule).params}`);
    node = node.parent as postcss.Node | undefined;
  }
  return parts.join(' ');
}

function valueRange(text: string, decl: postcss.Declaration): { start: number; end: number } | undefined {
  const start = decl.source?.start?.offset;
  if (start === undefined) return undefined;
  const colon = text.indexOf(':', start);
  let at = colon + 1;
  while (/\s/.test(text[at] ?? '')) at++;
  // A Sass `!default` flag stays after the value.
  const value = decl.value.replace(/\s*!default\s*$/, '');
  return text.startsWith(value, at) ? { start: at, end: at + value.length } : undefined;
}

/** Every brand colour system of the site, most specific first (`brand` before `primary`). */
export function brandScales(project: Project, theme: Theme): BrandScale[] {
  const systems = new Map<string, BrandToken[]>();
  const add = (key: string, token: BrandToken) => systems.set(key, [...(systems.get(key) ?? []), token]);
  for (const file of project.files.keys()) {
    if (!/\.(?:css|scss|sass)$/.test(file) || file.includes('node_modules/')) continue;
    const text = project.text(file) ?? '';
    if (!/--(?:ifm-color-|color-|vp-c-)?(?:primary|brand)|--sl-color-accent|\$(?:primary|brand)/.test(text)) continue;
    const { tokens, sass } = declarations(project, file);
    for (const decl of tokens) {
      const range = valueRange(text, decl);
      if (!range) continue;
      const resolved = decl.prop.startsWith('$') ? followSass(decl.value.replace(/\s*!default\s*$/, ''), sass) : undefined;
      const css = CSS_TOKEN.exec(decl.prop);
      const own = THEME_TOKEN.exec(decl.prop);
      const family = css ? (css[1] ?? css[2]) : own ? `${own[1] ? 'vp-c-' : 'sl-color-'}${own[1] ?? own[3]}` : SASS_TOKEN.exec(decl.prop)?.[1];
      // VitePress's brand-1 and Starlight's plain accent are the colour itself.
      const shade = own ? (own[2] === '1' ? undefined : (own[2] ?? own[4])) : css?.[3];
      add(`${file}|${decl.prop.startsWith('$') ? '$' : '--'}${family}`, {
        name: decl.prop,
        file,
        ...range,
        value: decl.value.replace(/\s*!default\s*$/, ''),
        ...(resolved ? { resolved } : {}),
        line: decl.source?.start?.line ?? 1,
        dark: inDarkTheme(decl),
        base: shade === undefined || /^default$/i.test(shade),
      });
    }
  }
  for (const color of theme.colors) {
    const match = /^(primary|brand)(?:-(\d{2,3}|DEFAULT))?$/.exec(color.name);
    if (!match || !color.slot) continue;
    add(`${color.file}|tw-${match[1]}`, { name: color.name, file: color.file, start: color.slot.start, end: color.slot.end, value: color.slot.raw, line: project.line(color.file, color.slot.start), dark: color.dark === true, base: match[2] === undefined || match[2] === 'DEFAULT' });
  }
  const scales: BrandScale[] = [];
  for (const [key, tokens] of systems) {
    // A scale with no plain token takes its middle shade (500) as the colour.
    if (!tokens.some((t) => t.base)) {
      const middle = tokens.find((t) => /500$/.test(t.name)) ?? tokens[Math.floor(tokens.length / 2)];
      middle.base = true;
    }
    const family = key.split('|')[1].replace(/^(?:--|\$|tw-)/, '');
    const uses = countUses(project, family);
    const base = tokens.find((t) => t.base && !t.dark) ?? tokens[0];
    scales.push({ label: `${base.name} in ${base.file}`, tokens, uses });
  }
  return scales.sort((a, b) => Number(/brand/.test(b.label)) - Number(/brand/.test(a.label)));
}

/** Files that use the colour by its name (`bg-primary`, `text-brand-600`, `var(--color-primary)`, `$primary`, `is-primary`). */
function countUses(project: Project, family: string): number {
  // Bulma's `is-primary` classes are painted with `$primary` too.
  const pattern = new RegExp(`(?:\\bis-${family}\\b|\\b(?:bg|text|border|from|via|to|ring|fill|stroke|outline|decoration|accent|caret|shadow|divide|placeholder)-${family}\\b|var\\(--(?:ifm-color-|color-)?${family}\\b|\\$${family}\\b|\\b${family}(?:-content)?\\b(?=[^\\n]*class))`);
  let count = 0;
  for (const [file, text] of project.files) if (!file.includes('node_modules/') && /\.(?:[jt]sx?|astro|vue|svelte|html|css|scss|md|mdx)$/.test(file) && pattern.test(text)) count++;
  return count;
}
