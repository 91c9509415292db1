import type * as t from '@babel/types';
import type { Project, TemplateLanguage } from '../project';
import { attribute, attributeName, container, element, emptyExpression, expressionAt, fragment, jsxName, jsxText, spreadAttribute, stringValue, templateComponent, VOID_ELEMENTS } from '../templates/jsx-build';
import { unwrap } from '../resolve';
import { closingBrace, openingTag } from '../templates/source-scan';
import { frontMatterSeo } from '../seo';
import { dependsOn, pageFiles, renderPageRoots, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * Astro: `src/pages/**` (`.astro`, `.md`, `.mdx`) rendered inside their layouts. An `.astro` file
 * is a `---` front matter script and an HTML-like template with `{expressions}`; Astro's own
 * compiler reads the template, and it is rendered as JSX over the file's own offsets.
 */
interface AstroNode {
  type: string;
  name?: string;
  value?: string;
  children?: AstroNode[];
  position?: { start?: { offset: number } };
}

type AstroCompiler = { parse(source: string, options?: { position?: boolean }): { ast: AstroNode } };
let compiler: AstroCompiler | undefined;
/** Loaded on first use: its WebAssembly module is compiled then (about 0.3 s once per process). */
export function astroCompiler(): AstroCompiler {
  compiler ??= require('@astrojs/compiler/sync') as AstroCompiler;
  return compiler;
}

/** Parses by file text: a new commit of the same site (or another request in this process) reads only the files that changed. */
const parsed = new Map<string, { ast: AstroNode }>();
function parseAstro(text: string): { ast: AstroNode } {
  const cached = parsed.get(text);
  if (cached) return cached;
  const result = astroCompiler().parse(text, { position: true });
  parsed.set(text, result);
  if (parsed.size > 300) parsed.delete(parsed.keys().next().value as string);
  return result;
}

/** The front matter script: between the first `---` line and the next. */
function frontMatter(text: string): { start: number; end: number } | undefined {
  const open = /^\s*---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = open[0].length - 1;
  const found = close.exec(text);
  return found ? { start: open[0].length, end: found.index + 1 } : undefined;
}

/** Where the template starts (after the front matter's closing `---`). */
function templateStart(text: string): number {
  const script = frontMatter(text);
  if (!script) return 0;
  const rest = text.indexOf('\n', script.end + 3);
  return rest < 0 ? text.length : rest + 1;
}

class Converter {
  constructor(private readonly text: string) {}

  /** Children of a node between `from` and `to`: the compiler gives their order and kinds, the source their exact ranges. */
  children(nodes: readonly AstroNode[], from: number, to: number): t.JSXElement['children'] {
    const out: t.JSXElement['children'] = [];
    let cursor = from;
    const textUntil = (end: number) => {
      if (end > cursor) out.push(jsxText(this.text, { start: cursor, end }));
    };
    for (const node of nodes) {
      if (node.type === 'text') {
        const value = node.value ?? '';
        const found = value === '' ? cursor : this.text.indexOf(value, cursor);
        if (found >= 0 && found < to && this.text.slice(cursor, found).trim() === '') {
          textUntil(found + value.length);
          cursor = found + value.length;
        }
        continue;
      }
      if (node.type === 'comment') {
        const open = this.text.indexOf('<!--', cursor);
        const close = open < 0 ? -1 : this.text.indexOf('-->', open);
        if (close < 0 || open >= to) continue;
        textUntil(open);
        cursor = close + 3;
        continue;
      }
      if (node.type === 'expression') {
        const open = this.text.indexOf('{', cursor);
        if (open < 0 || open >= to) continue;
        textUntil(open);
        const built = this.expression(node, open);
        if (!built) return out;
        if (built.node) out.push(built.node);
        cursor = built.end;
        continue;
      }
      if (node.type === 'element' || node.type === 'component' || node.type === 'custom-element' || node.type === 'fragment') {
        const name = node.name ?? '';
        const lt = this.tagStart(name, cursor, to);
        if (lt < 0) continue;
        textUntil(lt);
        const built = this.element(node, lt);
        if (!built) return out;
        if (built.node) out.push(built.node);
        cursor = built.end;
      }
    }
    textUntil(to);
    return out;
  }

  private tagStart(name: string, from: number, to: number): number {
    const pattern = new RegExp(`<${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>])`, 'g');
    pattern.lastIndex = from;
    const found = pattern.exec(this.text);
    return found && found.index < to ? found.index : -1;
  }

  /** An element: its attributes from the opening tag, its end from the closing tag (self-closing and void elements have none). */
  private element(node: AstroNode, lt: number): { node?: t.JSXElement | t.JSXExpressionContainer; end: number } | undefined {
    const name = node.name ?? '';
    const tag = openingTag(this.text, lt);
    if (!tag) return undefined;
    let end = tag.end;
    let contentEnd = tag.end;
    if (!tag.selfClosing && !(/^[a-z]/.test(name) && VOID_ELEMENTS.has(name.toLowerCase()))) {
      const close = this.closingTag(name, tag.end);
      if (close === undefined) return undefined;
      contentEnd = close.start;
      end = close.end;
    }
    const lower = name.toLowerCase();
    if (lower === 'script' || lower === 'style') return { end };
    const attributes: Array<t.JSXAttribute | t.JSXSpreadAttribute> = [];
    let html: t.Expression | undefined;
    for (const a of tag.attributes) {
      const nameRange = { start: a.start, end: a.start + a.name.length };
      const value = a.value;
      // `{...headerData}`: the object's properties are the props.
      if (value?.kind === 'expression' && this.text[a.start] === '{' && /^\s*\.\.\./.test(this.text.slice(value.start, value.end))) {
        const dots = this.text.indexOf('...', value.start) + 3;
        const argument = expressionAt(this.text, { start: dots, end: value.end });
        if (argument) attributes.push(spreadAttribute(argument, { start: a.start, end: a.end }));
        continue;
      }
      if (a.name === 'set:html' && value?.kind === 'expression') {
        html = expressionAt(this.text, value);
        continue;
      }
      if (!value) {
        attributes.push(attribute(attributeName(a.name, nameRange), null, { start: a.start, end: a.end }));
      } else if (value.kind === 'quoted' || value.kind === 'bare') {
        const literal = value.kind === 'quoted' ? stringValue(this.text, value) : stringValue(this.text, { start: value.start + 1, end: value.end - 1 }, this.text.slice(value.start, value.end));
        attributes.push(attribute(attributeName(a.name, nameRange), literal, { start: a.start, end: a.end }));
      } else {
        const expression = expressionAt(this.text, value) ?? emptyExpression(value);
        // `{title}` shorthand: the attribute's name is the expression.
        const named = this.text[a.start] === '{' ? attributeName(a.name, { start: a.start + 1, end: a.start + 1 + a.name.length }) : attributeName(a.name, nameRange);
        attributes.push(attribute(named, container(expression, { start: value.start - (value.kind === 'expression' ? 1 : 0), end: value.end + (value.kind === 'expression' ? 1 : 0) }), { start: a.start, end: a.end }));
      }
    }
    const children = html
      ? [container(html, { start: html.start ?? lt, end: html.end ?? lt }, true)]
      : tag.selfClosing
        ? []
        : this.children(node.children ?? [], tag.end, contentEnd);
    // `<Fragment set:html={…} />` is its HTML where it stands.
    if (html && (name === 'Fragment' || name === '')) return { node: children[0] as t.JSXExpressionContainer, end };
    return {
      node: element(jsxName(name, { start: lt + 1, end: tag.nameEnd }), attributes, children, { element: { start: lt, end }, opening: { start: lt, end: tag.end }, selfClosing: tag.selfClosing }),
      end,
    };
  }

  /** The closing tag that ends the element opened before `from` (elements of the same name nested inside are skipped). */
  private closingTag(name: string, from: number): { start: number; end: number } | undefined {
    const tags = new RegExp(`<(/?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>])`, 'g');
    tags.lastIndex = from;
    let depth = 0;
    for (let m = tags.exec(this.text); m; m = tags.exec(this.text)) {
      if (m[1] === '/') {
        if (depth === 0) {
          const gt = this.text.indexOf('>', m.index);
          return gt < 0 ? undefined : { start: m.index, end: gt + 1 };
        }
        depth--;
        continue;
      }
      const tag = openingTag(this.text, m.index);
      if (!tag) continue;
      if (!tag.selfClosing && !(/^[a-z]/.test(name) && VOID_ELEMENTS.has(name.toLowerCase()))) depth++;
      tags.lastIndex = tag.end;
    }
    return undefined;
  }

  /** `{…}`: JS with markup inside (`items.map(item => <li>…</li>)`), read by Babel with the markup as placeholders. */
  private expression(node: AstroNode, open: number): { node?: t.JSXExpressionContainer; end: number } | undefined {
    const markup: Array<{ range: { start: number; end: number }; build: () => t.JSXElement | t.JSXFragment | undefined }> = [];
    let cursor = open + 1;
    for (const child of node.children ?? []) {
      if (child.type === 'text') {
        const value = child.value ?? '';
        const found = this.text.indexOf(value, cursor);
        if (found >= 0) cursor = found + value.length;
        continue;
      }
      if (child.type === 'expression') {
        const inner = this.text.indexOf('{', cursor);
        const close = inner < 0 ? -1 : closingBrace(this.text, inner);
        if (close < 0) return undefined;
        cursor = close;
        continue;
      }
      const lt = this.tagStart(child.name ?? '', cursor, this.text.length);
      if (lt < 0) return undefined;
      const built = this.element(child, lt);
      if (!built) return undefined;
      const range = { start: lt, end: built.end };
      markup.push({ range, build: () => (built.node?.type === 'JSXElement' ? built.node : built.node ? fragment([built.node], range) : undefined) });
      cursor = built.end;
    }
    const close = this.text.indexOf('}', cursor);
    if (close < 0) return undefined;
    const range = { start: open + 1, end: close };
    const expression = expressionAt(this.text, range, markup);
    return { node: container(expression ?? emptyExpression(range), { start: open, end: close + 1 }), end: close + 1 };
  }
}

/** The props an Astro component reads: `const { title, subTitle = '…' } = Astro.props` (also `Astro.props as Props`). */
function propsPattern(project: Project, file: string): t.ArrowFunctionExpression['params'] {
  const ast = project.ast(file);
  for (const statement of ast?.program.body ?? []) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) {
      const init = unwrap(d.init);
      const isProps = init?.type === 'MemberExpression' && init.object.type === 'Identifier' && init.object.name === 'Astro' && init.property.type === 'Identifier' && init.property.name === 'props';
      if (isProps && (d.id.type === 'ObjectPattern' || d.id.type === 'Identifier')) return [d.id];
    }
  }
  return [];
}

export const ASTRO_LANGUAGE: TemplateLanguage = {
  scripts(text) {
    const script = frontMatter(text);
    return script ? [script] : [];
  },
  component(project, file) {
    const text = project.text(file);
    if (text === undefined) return undefined;
    const { ast } = parseAstro(text);
    const start = templateStart(text);
    const nodes = (ast.children ?? []).filter((n) => n.type !== 'frontmatter');
    const converter = new Converter(text);
    const body = fragment(converter.children(nodes, start, text.length), { start, end: text.length });
    return templateComponent(propsPattern(project, file), body);
  },
};

export const astro: StackAdapter = {
  name: 'Astro',
  detect: (project) => dependsOn(project, 'astro') || [...project.files.keys()].some((f) => /^astro\.config\.[cm]?[jt]s$/.test(f)),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.astro': ASTRO_LANGUAGE });
    const pages = pageFiles(project, 'src/pages', ['.astro', '.md', '.mdx']);
    const home = pages.find((p) => p.route === '/');
    if (!home) return undefined;
    const roots = renderPageRoots(project, [home.file]);
    const stylesheets = [...project.reachable([home.file])].filter((f) => /\.(?:css|scss)$/.test(f));
    // A Markdown page's layout receives its front matter (`frontmatter.title`, `frontmatter.description`), which Astro's layouts put in the head.
    const pageSeo = (page: PageFile) => ({ places: /\.mdx?$/.test(page.file) ? frontMatterSeo(project, page.file, page.route) : [] });
    return { framework: 'Astro', roots, homeFile: home.file, entries: pages.map((p) => p.file), stylesheets, pages, pageSeo };
  },
};
