import { decodeHTML } from 'entities';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { MarkupSyntax, StringSlot, UiChild, UiNode } from './ui-tree';

/**
 * HTML as the neutral tree, with parse5's source offsets: a plain page (no build step), or a
 * template of a static-site generator (Hugo's Go templates, Jekyll's Liquid), whose `{{ … }}`
 * and `{% … %}` are read as expressions inside the text and handed to the adapter, which turns
 * them into what they render (an include's markup, a config value, a menu).
 */
type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

const KEPT_ATTRIBUTES = ['id', 'class', 'href', 'aria-label', 'role', 'type', 'alt', 'title', 'data-testid', 'name', 'content', 'property'];

/** A template directive found in text: `{{ partial "header.html" . }}`, `{% include nav.html %}`. */
export interface Directive {
  /** Without its delimiters and trim markers: `partial "header.html" .`. */
  code: string;
  start: number;
  end: number;
  kind: '{{' | '{%';
}

export interface HtmlTemplateOptions {
  /** Where `text` starts in the file (a `{{ define }}` block, a page after its front matter). */
  offset?: number;
  /** What a directive renders; undefined keeps it as an expression shown as written. */
  directive?: (directive: Directive) => UiChild[] | undefined;
  /** Groups a run of sibling children between a loop's opening and closing directives (`range`/`end`, `for`/`endfor`). */
  group?: (children: UiChild[], directives: ReadonlyArray<{ index: number; directive: Directive }>) => UiChild[];
  syntax?: MarkupSyntax;
}

const DIRECTIVE = /\{\{-?([\s\S]*?)-?\}\}|\{%-?([\s\S]*?)-?%\}/g;

/** The directives in a text, in order. */
export function directivesIn(text: string, offset = 0): Directive[] {
  const out: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = offset + (match.index ?? 0);
    out.push({ code: (match[1] ?? match[2] ?? '').trim(), start, end: start + match[0].length, kind: match[1] !== undefined ? '{{' : '{%' });
  }
  return out;
}

function attributeSlot(html: string, offset: number, file: string, element: Element, name: string): StringSlot | undefined {
  const location = element.sourceCodeLocation?.attrs?.[name];
  if (!location) return undefined;
  const source = html.slice(location.startOffset, location.endOffset);
  const equals = source.indexOf('=');
  if (equals < 0) return undefined;
  let start = location.startOffset + equals + 1;
  while (/\s/.test(html[start] ?? '')) start++;
  let end = location.endOffset;
  const quoted = html[start] === '"' || html[start] === "'";
  if (quoted) {
    start++;
    end--;
  }
  return { file, start: start + offset, end: end + offset, raw: html.slice(start, end), syntax: 'html-attribute', ...(quoted ? {} : { unquoted: true }) };
}

interface Build {
  html: string;
  /** The text as written, where `html` hides directives in a document's `<head>` (see renderHtml). */
  original?: string;
  file: string;
  lineOf: (offset: number) => number;
  options: HtmlTemplateOptions;
}

function textChildren(build: Build, start: number, end: number): UiChild[] {
  const { file, options } = build;
  const html = build.original ?? build.html;
  const offset = options.offset ?? 0;
  const syntax = options.syntax ?? 'html';
  const raw = html.slice(start, end);
  const out: UiChild[] = [];
  const words = (from: number, to: number) => {
    if (to <= from) return;
    const text = html.slice(from, to);
    out.push({ kind: 'text', range: { file, start: from + offset, end: to + offset }, raw: text, value: decodeHTML(text), syntax });
  };
  if (!options.directive && !options.group) {
    words(start, end);
    return out;
  }
  let cursor = start;
  for (const directive of directivesIn(raw, start)) {
    words(cursor, directive.start);
    const shifted = { ...directive, start: directive.start + offset, end: directive.end + offset };
    const rendered = options.directive?.(shifted);
    out.push(...(rendered ?? [{ kind: 'expression', range: { file, start: shifted.start, end: shifted.end }, display: html.slice(directive.start, directive.end) } as UiChild]));
    cursor = directive.end;
  }
  words(cursor, end);
  return out;
}

/** The children of a node: text with its directives read, elements built. */
function childrenOf(build: Build, nodes: readonly ChildNode[]): UiChild[] {
  const children: UiChild[] = [];
  for (const child of nodes) {
    if (child.nodeName === '#text' && 'value' in child) {
      const at = child.sourceCodeLocation;
      if (!at) continue;
      children.push(...textChildren(build, at.startOffset, at.endOffset));
    } else if (child.nodeName === '#comment' && build.original && child.sourceCodeLocation && build.original.startsWith('{', child.sourceCodeLocation.startOffset)) {
      children.push(...textChildren(build, child.sourceCodeLocation.startOffset, child.sourceCodeLocation.endOffset));
    } else if ('tagName' in child && child.sourceCodeLocation && !['script', 'style'].includes(child.tagName)) {
      children.push({ kind: 'element', node: buildElement(build, child) });
    }
  }
  if (!build.options.group) return children;
  const directives = children.flatMap((c, index) => (c.kind === 'expression' && /^(?:\{\{|\{%)/.test(c.display) ? [{ index, directive: { code: c.display.replace(/^\{[{%]-?|-?[}%]\}$/g, '').trim(), start: c.range.start, end: c.range.end, kind: c.display.startsWith('{%') ? ('{%' as const) : ('{{' as const) } }] : []));
  return directives.length > 0 ? build.options.group(children, directives) : children;
}

function buildElement(build: Build, element: Element): UiNode {
  const { html, file, lineOf, options } = build;
  const offset = options.offset ?? 0;
  const location = element.sourceCodeLocation;
  const start = location?.startOffset ?? 0;
  const attributes: Record<string, string> = {};
  for (const attribute of element.attrs) if (KEPT_ATTRIBUTES.includes(attribute.name)) attributes[attribute.name] = attribute.value;
  const classSlot = attributeSlot(html, offset, file, element, 'class');
  const link = attributeSlot(html, offset, file, element, 'href');
  const attributeSlots: Record<string, { slot: StringSlot; value: string }> = {};
  for (const name of ['content', 'title']) {
    const slot = attributeSlot(html, offset, file, element, name);
    if (!slot) continue;
    // `content="{{ .Site.Params.description }}"`: the value the directive prints, where it is written.
    const directive = directivesIn(slot.raw, slot.start);
    const whole = directive.length === 1 && slot.raw.trim() === (build.original ?? html).slice(directive[0].start - offset, directive[0].end - offset).trim();
    const rendered = whole ? options.directive?.(directive[0]) : undefined;
    const printed = rendered?.length === 1 && rendered[0].kind === 'string' ? rendered[0] : undefined;
    if (printed) attributeSlots[name] = { slot: printed.slot, value: printed.value };
    else if (directive.length === 0) attributeSlots[name] = { slot, value: decodeHTML(slot.raw) };
  }
  const childNodes: ChildNode[] = element.nodeName === 'template' ? [] : element.childNodes;
  return {
    file,
    tag: element.tagName,
    range: { file, start: start + offset, end: (location?.endOffset ?? start) + offset },
    attributeInsertAt: (location?.startTag?.startOffset ?? start) + 1 + element.tagName.length + offset,
    openingEnd: (location?.startTag?.endOffset ?? start) + offset,
    line: lineOf(start + offset),
    attributes,
    // A class written with a template expression (`class="{{ class }}"`) is not one the agent can follow.
    classSlots: classSlot && !/\{[{%]/.test(classSlot.raw) ? [classSlot] : [],
    classUnresolved: classSlot !== undefined && /\{[{%]/.test(classSlot.raw),
    hasClassAttribute: element.attrs.some((a) => a.name === 'class'),
    ...(link ? { link } : {}),
    ...(Object.keys(attributeSlots).length > 0 ? { attributeSlots } : {}),
    children: childrenOf(build, childNodes),
    syntax: options.syntax ?? 'html',
    selfClosing: !location?.endTag,
  };
}

/** The `<body>` of an HTML document as a tree (its `<head>` first when asked), or undefined when it has no body with content. */
export function renderHtml(html: string, file: string, lineOf: (offset: number) => number, options: HtmlTemplateOptions & { head?: boolean } = {}): UiNode | undefined {
  // Text in `<head>` would end it and open the body early: there, a template's directives are read as comments of the same length.
  const masked = options.directive ? headDirectivesAsComments(html) : html;
  const document = parse(masked, { sourceCodeLocationInfo: true });
  const root = document.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html');
  const body = root?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'body');
  if (!body || !body.sourceCodeLocation) return undefined;
  const build: Build = { html: masked, ...(masked !== html ? { original: html } : {}), file, lineOf, options };
  const node = buildElement(build, body);
  const head = options.head ? root?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'head') : undefined;
  if (head?.sourceCodeLocation) node.children.unshift({ kind: 'element', node: buildElement(build, head) });
  return node;
}

/** Directives outside tags before `<body`, written as `<!--…-->` of the same length. */
function headDirectivesAsComments(html: string): string {
  const bodyAt = html.search(/<body[\s>]/i);
  if (bodyAt < 0) return html;
  let out = html;
  for (const directive of directivesIn(html.slice(0, bodyAt))) {
    const length = directive.end - directive.start;
    const before = html.slice(0, directive.start);
    const insideTag = before.lastIndexOf('<') > before.lastIndexOf('>');
    if (insideTag || length < 7) continue;
    out = out.slice(0, directive.start) + `<!--${'-'.repeat(0)}${' '.repeat(length - 7)}-->` + out.slice(directive.end);
  }
  return out;
}

/**
 * A piece of markup that is not a whole document (an include, a partial, a `{{ define }}`
 * block) as the children it renders; `text` is that piece, `options.offset` where it starts.
 */
export function renderHtmlFragment(text: string, file: string, lineOf: (offset: number) => number, options: HtmlTemplateOptions = {}): UiChild[] {
  const fragment = parseFragment(text, { sourceCodeLocationInfo: true });
  return childrenOf({ html: text, file, lineOf, options }, fragment.childNodes);
}

/** Stylesheets a page links (`<link rel="stylesheet" href="…">`), as written. */
export function linkedStylesheets(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /rel\s*=\s*["']?stylesheet/i.test(tag))
    .map((tag) => /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1])
    .filter((href): href is string => href !== undefined && !/^[a-z]+:|^\/\//i.test(href));
}

/** The module script of a Vite-style page (`<script type="module" src="/src/main.jsx">`). */
export function moduleScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)]
    .filter((m) => /\btype\s*=\s*["']?module/i.test(m[0]) || /\.(?:jsx|tsx|ts)(?:[?#]|$)/.test(m[1]))
    .map((m) => m[1])
    .filter((src) => !/^[a-z]+:|^\/\//i.test(src));
}
