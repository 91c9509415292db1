import { renderHtml, renderHtmlFragment, type Directive, type HtmlTemplateOptions } from '../html-tree';
import type { Project } from '../project';
import type { LinksArray, UiChild, UiNode } from '../ui-tree';
import { dataLinks, type DataValue } from './data-files';
import { maskOutside } from './source-scan';

/**
 * What Hugo's Go templates and Jekyll's Liquid have in common, for their adapters: a page is a
 * layout, its includes and blocks expanded; `{{ … }}` values point at the configuration or front
 * matter they print; loops over a menu or a data list (`range .Site.Menus.main`,
 * `for link in site.data.navigation`) are link lists kept in that data; `if`/`with` bodies are
 * shown only sometimes. Control directives stay in the tree as expressions, so a text edit never
 * spans one, and an edited template must keep every directive it had (`verify.ts`).
 */
export interface TemplateDialect {
  /** Opens a block that a closing directive ends (`if`, `range`, `with`, `block`, `define` / `if`, `for`, `unless`, `capture`). */
  opens(code: string): boolean;
  closes(code: string): boolean;
  /** A loop: the list it walks and the name of its item, or undefined. */
  loop(code: string): { list: string; item?: string } | undefined;
  /** A `{{ block "main" . }}`: its name. */
  block?(code: string): string | undefined;
}

export interface SiteTemplates {
  project: Project;
  dialect: TemplateDialect;
  /** What a value or include directive renders (undefined: kept as an expression). */
  render(directive: Directive, scope: Scope): UiChild[] | undefined;
  /** The data a loop's list expression names (a menu, a data file, `column.links` in an outer loop). */
  list(expression: string, scope: Scope): DataValue | undefined;
  /** The content of a named block the page defines (`{{ define "main" }}`), as markup and where it starts. */
  defined?(name: string): { file: string; text: string; offset: number } | undefined;
}

/** Loop variables bound to the data item they walk (for `column.links` inside `for column in site.data.footer`). */
export type Scope = ReadonlyMap<string, DataValue>;

const MAX_DEPTH = 8;

export function templateOptions(site: SiteTemplates, scope: Scope, depth: number, offset = 0): HtmlTemplateOptions {
  return {
    offset,
    syntax: 'template',
    directive: (directive) => (depth > MAX_DEPTH || site.dialect.opens(directive.code) || site.dialect.closes(directive.code) ? undefined : site.render(directive, scope)),
    group: (children, directives) => groupBlocks(site, scope, depth, children, directives),
  };
}

function markConditional(children: readonly UiChild[]): void {
  for (const child of children) if (child.kind === 'element') child.node.conditional = true;
}

/** Pairs opening and closing directives among siblings and reads what each block does. */
function groupBlocks(site: SiteTemplates, scope: Scope, depth: number, children: UiChild[], directives: ReadonlyArray<{ index: number; directive: Directive }>): UiChild[] {
  const pairs: Array<{ open: number; close: number; code: string }> = [];
  const stack: Array<{ index: number; code: string }> = [];
  for (const { index, directive } of directives) {
    if (site.dialect.opens(directive.code)) stack.push({ index, code: directive.code });
    else if (site.dialect.closes(directive.code)) {
      const open = stack.pop();
      if (open && stack.length === 0) pairs.push({ open: open.index, close: index, code: open.code });
    }
  }
  if (pairs.length === 0) return children;
  const out: UiChild[] = [];
  let cursor = 0;
  for (const pair of pairs) {
    out.push(...children.slice(cursor, pair.open));
    const body = children.slice(pair.open + 1, pair.close);
    const loop = site.dialect.loop(pair.code);
    const block = site.dialect.block?.(pair.code);
    if (block !== undefined) {
      const defined = site.defined?.(block);
      if (defined) {
        out.push(...renderHtmlFragment(defined.text, defined.file, (o) => site.project.line(defined.file, o), templateOptions(site, scope, depth + 1, defined.offset)));
      } else out.push(...body);
    } else if (loop) {
      out.push(children[pair.open]);
      const list = site.list(loop.list, scope);
      const links = loopLinks(site.project, list, loop.list);
      for (const array of links) out.push({ kind: 'links-array', array });
      out.push(...body, children[pair.close]);
    } else {
      markConditional(body);
      out.push(children[pair.open], ...body, children[pair.close]);
    }
    cursor = pair.close + 1;
  }
  out.push(...children.slice(cursor));
  return out;
}

/** The link lists a loop walks: the list itself, or each of its items' link lists (footer columns). */
function loopLinks(project: Project, list: DataValue | undefined, name: string): LinksArray[] {
  const direct = dataLinks(project, list, name);
  if (direct) return [direct];
  if (list?.kind !== 'list') return [];
  return list.items.flatMap((item, i) => {
    if (item.kind !== 'map') return [];
    const inner = item.entries.find((e) => e.value.kind === 'list');
    const links = inner ? dataLinks(project, inner.value, `${name}[${i}].${inner.key}`) : undefined;
    return links ? [links] : [];
  });
}

/** A whole layout file (`baseof.html`, `_layouts/default.html`) as a tree, its `<head>` included. */
export function renderLayout(site: SiteTemplates, file: string, scope: Scope = new Map(), bodyStart = 0): UiNode | undefined {
  const source = site.project.text(file);
  if (source === undefined) return undefined;
  // Front matter is not markup: blanked, so offsets stay the file's.
  const text = bodyStart > 0 ? maskOutside(source, [{ start: bodyStart, end: source.length }]) : source;
  return renderHtml(text, file, (o) => site.project.line(file, o), { ...templateOptions(site, scope, 0), head: true });
}

/** A partial, an include or a page body as the children it renders. */
export function renderPart(site: SiteTemplates, file: string, depth: number, scope: Scope = new Map(), from = 0, to?: number): UiChild[] {
  const text = site.project.text(file);
  if (text === undefined) return [];
  return renderHtmlFragment(text.slice(from, to), file, (o) => site.project.line(file, o), templateOptions(site, scope, depth, from));
}

/** A node standing for an include, named after it (`header.html` is a header to landmark discovery). */
export function includeNode(file: string, name: string, children: UiChild[], range: { start: number; end: number }, line: number): UiChild {
  return {
    kind: 'element',
    node: {
      file,
      tag: '#include',
      range: { file, ...range },
      attributeInsertAt: range.start,
      openingEnd: range.start,
      line,
      attributes: {},
      classSlots: [],
      classUnresolved: false,
      hasClassAttribute: true,
      children,
      component: name.replace(/\.html?$/, '').replace(/[^\w-]/g, '-'),
      rendered: true,
      syntax: 'template',
      selfClosing: false,
    },
  };
}
