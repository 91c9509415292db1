import postcss from 'postcss';

/**
 * A stylesheet parsed by postcss with the syntax of its own kind: plain CSS, SCSS (Hugo and
 * Jekyll themes' `.scss`, with `//` comments, nesting and `$variables`) through postcss-scss, or
 * Sass's indented syntax (`.sass`, as Bulma sites write it) through the Sass team's sass-parser,
 * each loaded on first use. The `<style>` blocks of Vue, Svelte and Astro components are stylesheets
 * too: their compilers find the blocks, and only the blocks' text is parsed. Offsets are the
 * file's, so a declaration's value can be spliced in place.
 */
type ScssSyntax = { parse: (css: string, options?: { from?: string }) => postcss.Root };
let scss: ScssSyntax | undefined;

export const isStylesheet = (path: string): boolean => /\.(?:css|scss|sass|pcss|postcss)$/.test(path);
export const isComponent = (path: string): boolean => /\.(?:vue|svelte|astro)$/.test(path);

/** A component's `<style>` block: where its CSS is in the file, its language, and whether it styles only the component's own elements. */
export interface StyleBlock {
  start: number;
  end: number;
  lang: 'css' | 'scss' | 'sass';
  scoped: boolean;
}

interface Offset {
  offset: number;
}
type VueSfc = { parse(source: string, options?: { filename?: string }): { descriptor: { styles: Array<{ content: string; loc: { start: Offset; end: Offset }; lang?: string; scoped?: boolean; module?: string | boolean }> } } };
type SvelteParse = { parse(source: string, options: { modern: true; filename?: string }): { css?: { content: { start: number; end: number }; attributes: Array<{ name: string; value: unknown }> } | null } };
interface AstroNode {
  type: string;
  name?: string;
  value?: string;
  attributes?: Array<{ name: string; value?: string }>;
  children?: AstroNode[];
}
type AstroParse = { parse(source: string): { ast: AstroNode } };

const lang = (value: string | undefined): StyleBlock['lang'] | undefined => (value === undefined || value === '' || value === 'css' || value === 'postcss' || value === 'pcss' ? 'css' : value === 'scss' || value === 'sass' ? value : undefined);

/** Svelte's attribute value: `true`, or text parts. */
function svelteAttribute(value: unknown): string {
  const parts = Array.isArray(value) ? value : [value];
  return parts.map((p) => (p && typeof p === 'object' && 'data' in p ? String((p as { data: unknown }).data) : '')).join('');
}

function findBlocks(text: string, file: string): StyleBlock[] {
  if (!text.includes('<style')) return [];
  const out: StyleBlock[] = [];
  if (file.endsWith('.vue')) {
    for (const style of (require('@vue/compiler-sfc') as VueSfc).parse(text, { filename: file }).descriptor.styles) {
      const kind = lang(style.lang);
      if (kind) out.push({ start: style.loc.start.offset, end: style.loc.end.offset, lang: kind, scoped: Boolean(style.scoped || style.module) });
    }
  } else if (file.endsWith('.svelte')) {
    // Svelte scopes a component's styles to its own elements (`:global(…)` aside).
    const css = (require('svelte/compiler') as SvelteParse).parse(text, { modern: true, filename: file }).css;
    const kind = css ? lang(svelteAttribute(css.attributes.find((a) => a.name === 'lang')?.value) || undefined) : undefined;
    if (css && kind) out.push({ start: css.content.start, end: css.content.end, lang: kind, scoped: true });
  } else if (file.endsWith('.astro')) {
    // Astro's positions count bytes, not characters: each block's text is found in the source, in order.
    let cursor = 0;
    const visit = (node: AstroNode) => {
      if (node.type === 'element' && node.name === 'style') {
        const content = node.children?.find((c) => c.type === 'text')?.value ?? '';
        const kind = lang(node.attributes?.find((a) => a.name === 'lang')?.value);
        const open = text.indexOf('<style', cursor);
        const start = open < 0 ? -1 : text.indexOf(content, text.indexOf('>', open) + 1);
        if (start >= 0 && kind && content.trim() !== '') {
          const global = node.attributes?.some((a) => a.name === 'is:global' || a.name === 'is:inline') ?? false;
          out.push({ start, end: start + content.length, lang: kind, scoped: !global });
          cursor = start + content.length;
        }
        return;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit((require('@astrojs/compiler/sync') as AstroParse).parse(text).ast);
  }
  return out;
}

const blockCache = new Map<string, StyleBlock[]>();
/** The `<style>` blocks of a `.vue`, `.svelte` or `.astro` component (none for other files). */
export function componentStyleBlocks(text: string, file: string): StyleBlock[] {
  if (!isComponent(file)) return [];
  const key = `${file}\0${text}`;
  const cached = blockCache.get(key);
  if (cached) return cached;
  const blocks = findBlocks(text, file);
  blockCache.set(key, blocks);
  if (blockCache.size > 200) blockCache.delete(blockCache.keys().next().value as string);
  return blocks;
}

/** Components among `files` that carry a `<style>` block of CSS, SCSS or Sass. */
export function componentStylesheets(files: Iterable<string>, text: (file: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (!isComponent(file)) continue;
    try {
      if (componentStyleBlocks(text(file) ?? '', file).length > 0) out.push(file);
    } catch {
      // A component its compiler cannot read has no styles to offer.
    }
  }
  return out;
}

/** Throws postcss's CssSyntaxError when the text does not parse. */
export function parseStylesheet(text: string, file: string): postcss.Root {
  if (isComponent(file)) {
    // Only the blocks are CSS: everything else becomes spaces (line breaks kept), so offsets and lines stay the file's.
    const blocks = componentStyleBlocks(text, file);
    let masked = text.replace(/[^\n]/g, ' ');
    for (const block of blocks) masked = masked.slice(0, block.start) + text.slice(block.start, block.end) + masked.slice(block.end);
    if (blocks.some((b) => b.lang === 'sass')) return parseIndentedSass(masked, file);
    return parseWith(blocks.some((b) => b.lang === 'scss') ? 'scss' : 'css', masked, file);
  }
  if (file.endsWith('.sass')) return parseIndentedSass(text, file);
  return parseWith(file.endsWith('.scss') ? 'scss' : 'css', text, file);
}

interface SassPosition {
  offset: number;
  line: number;
  column: number;
}
interface SassNode {
  type: string;
  source?: { start?: SassPosition; end?: SassPosition };
  nodes?: SassNode[];
  prop?: string;
  value?: string;
  selector?: string;
  name?: string;
  params?: string;
  expression?: { source?: { start?: SassPosition; end?: SassPosition } };
}
type SassParser = { sass: { parse(text: string, options?: { from?: string }): SassNode } };
let sassParser: SassParser | undefined;

/**
 * Sass's indented syntax, read by sass-parser (loaded on first use, about 0.25 s) and handed on as
 * a postcss tree of the file's offsets. sass-parser gives a value as Sass would print it (`#fff` as
 * `#ffffff`); the tree keeps each value as written, from the source range of its expression, so it
 * can be spliced in place. `$variables` are declarations; `@mixin`, `@include` and the like at-rules.
 */
function parseIndentedSass(text: string, file: string): postcss.Root {
  sassParser ??= require('sass-parser') as SassParser;
  const parsed = sassParser.sass.parse(text, { from: file });
  const input = new postcss.Input(text, { from: file });
  const source = (node: { source?: { start?: SassPosition; end?: SassPosition } }) =>
    node.source?.start && node.source.end ? { input, start: { ...node.source.start }, end: { ...node.source.end } } : undefined;
  const convert = (node: SassNode): postcss.ChildNode | undefined => {
    const at = source(node);
    if (node.type === 'decl') {
      const range = node.expression?.source;
      const value = range?.start && range.end ? text.slice(range.start.offset, range.end.offset) : (node.value ?? '');
      return postcss.decl({ prop: node.prop ?? '', value, ...(at ? { source: at } : {}) });
    }
    const children = (node.nodes ?? []).map(convert).filter((c): c is postcss.ChildNode => c !== undefined);
    if (node.type === 'rule') return postcss.rule({ selector: node.selector ?? '', nodes: children, ...(at ? { source: at } : {}) });
    if (node.type === 'atrule') return postcss.atRule({ name: node.name ?? '', params: node.params ?? '', nodes: children, ...(at ? { source: at } : {}) });
    return undefined;
  };
  const root = postcss.root({ source: { input, start: { offset: 0, line: 1, column: 1 } } });
  for (const node of parsed.nodes ?? []) {
    const converted = convert(node);
    if (converted) root.append(converted);
  }
  return root;
}

function parseWith(syntax: 'css' | 'scss', text: string, file: string): postcss.Root {
  if (syntax === 'scss') {
    scss ??= require('postcss-scss') as ScssSyntax;
    return scss.parse(text, { from: file });
  }
  return postcss.parse(text, { from: file });
}

/** True when the declaration at `offset` of a component styles only that component's own elements (`<style scoped>`, Svelte, Astro). */
export function scopedToComponent(text: string, file: string, offset: number): boolean {
  return componentStyleBlocks(text, file).some((b) => b.scoped && offset >= b.start && offset <= b.end);
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

