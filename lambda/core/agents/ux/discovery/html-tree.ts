import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { StringSlot, UiChild, UiNode } from './ui-tree';

/** A plain HTML page (no build step) as the neutral tree, with parse5's source offsets. */
type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

const KEPT_ATTRIBUTES = ['id', 'class', 'href', 'aria-label', 'role', 'type', 'alt', 'title', 'data-testid'];

function attributeSlot(html: string, file: string, element: Element, name: string): StringSlot | undefined {
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
  return { file, start, end, raw: html.slice(start, end), syntax: 'html-attribute', ...(quoted ? {} : { unquoted: true }) };
}

function build(html: string, file: string, element: Element, lineOf: (offset: number) => number): UiNode {
  const location = element.sourceCodeLocation;
  const start = location?.startOffset ?? 0;
  const attributes: Record<string, string> = {};
  for (const attribute of element.attrs) if (KEPT_ATTRIBUTES.includes(attribute.name)) attributes[attribute.name] = attribute.value;
  const classSlot = attributeSlot(html, file, element, 'class');
  const link = attributeSlot(html, file, element, 'href');
  const children: UiChild[] = [];
  const childNodes: ChildNode[] = element.nodeName === 'template' ? [] : element.childNodes;
  for (const child of childNodes) {
    if (child.nodeName === '#text' && 'value' in child) {
      const at = child.sourceCodeLocation;
      if (!at) continue;
      children.push({ kind: 'text', range: { file, start: at.startOffset, end: at.endOffset }, raw: html.slice(at.startOffset, at.endOffset), value: child.value, syntax: 'html' });
    } else if ('tagName' in child && child.sourceCodeLocation && !['script', 'style'].includes(child.tagName)) {
      children.push({ kind: 'element', node: build(html, file, child, lineOf) });
    }
  }
  return {
    file,
    tag: element.tagName,
    range: { file, start, end: location?.endOffset ?? start },
    attributeInsertAt: (location?.startTag?.startOffset ?? start) + 1 + element.tagName.length,
    openingEnd: location?.startTag?.endOffset ?? start,
    line: lineOf(start),
    attributes,
    classSlots: classSlot ? [classSlot] : [],
    classUnresolved: false,
    hasClassAttribute: element.attrs.some((a) => a.name === 'class'),
    ...(link ? { link } : {}),
    children,
    syntax: 'html',
    selfClosing: !location?.endTag,
  };
}

/** The `<body>` of an HTML document as a tree, or undefined when it has none with content. */
export function renderHtml(html: string, file: string, lineOf: (offset: number) => number): UiNode | undefined {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const root = document.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html');
  const body = root?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'body');
  if (!body || !body.sourceCodeLocation) return undefined;
  return build(html, file, body, lineOf);
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
