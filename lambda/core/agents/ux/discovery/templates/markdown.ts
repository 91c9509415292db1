import type { UiChild, UiNode } from '../ui-tree';

/**
 * A Markdown body (a Hugo or Astro content page, a Jekyll post) as the tree a visitor sees:
 * `mdast-util-from-markdown` reads it with offsets; headings, paragraphs, lists, emphasis and
 * links become elements; raw HTML inside (`<font color>`) stays as written; text is written back
 * with Markdown's escapes.
 */
interface Point {
  offset?: number;
}
interface MdNode {
  type: string;
  depth?: number;
  ordered?: boolean;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: { start: Point; end: Point };
}

type FromMarkdown = (text: string) => MdNode;
let parser: FromMarkdown | undefined;
/** Loaded on first use (ESM; bundled for Lambda). */
export function fromMarkdown(): FromMarkdown {
  parser ??= (require('mdast-util-from-markdown') as { fromMarkdown: FromMarkdown }).fromMarkdown;
  return parser;
}

const TAGS: Readonly<Record<string, string>> = { paragraph: 'p', list: 'ul', listItem: 'li', blockquote: 'blockquote', emphasis: 'em', strong: 'strong', delete: 'del', table: 'table', tableRow: 'tr', tableCell: 'td' };

interface Context {
  file: string;
  text: string;
  offset: number;
  lineOf: (offset: number) => number;
}

function element(context: Context, node: MdNode, tag: string, children: UiChild[], extra: Partial<UiNode> = {}): UiNode {
  const start = (node.position?.start.offset ?? 0) + context.offset;
  const end = (node.position?.end.offset ?? 0) + context.offset;
  return {
    file: context.file,
    tag,
    range: { file: context.file, start, end },
    attributeInsertAt: start,
    openingEnd: start,
    line: context.lineOf(start),
    attributes: {},
    classSlots: [],
    classUnresolved: false,
    // Markdown has no class attribute to add to.
    hasClassAttribute: true,
    children,
    syntax: 'markdown',
    selfClosing: false,
    ...extra,
  };
}

function convert(context: Context, node: MdNode): UiChild[] {
  const start = (node.position?.start.offset ?? 0) + context.offset;
  const end = (node.position?.end.offset ?? 0) + context.offset;
  const raw = context.text.slice(start - context.offset, end - context.offset);
  switch (node.type) {
    case 'text':
      return [{ kind: 'text', range: { file: context.file, start, end }, raw, value: node.value ?? raw, syntax: 'markdown' }];
    case 'html':
    case 'inlineCode':
      return [{ kind: 'expression', range: { file: context.file, start, end }, display: raw }];
    case 'break':
      return [{ kind: 'element', node: element(context, node, 'br', []) }];
    case 'image':
      return [{ kind: 'element', node: element(context, node, 'img', [], { selfClosing: true }) }];
    case 'heading':
      return [{ kind: 'element', node: element(context, node, `h${node.depth ?? 1}`, children(context, node)) }];
    case 'link':
      return [{ kind: 'element', node: element(context, node, 'a', children(context, node), { attributes: { href: node.url ?? '' } }) }];
    case 'list':
      return [{ kind: 'element', node: element(context, node, node.ordered ? 'ol' : 'ul', children(context, node)) }];
    case 'code':
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
    case 'toml':
      return [];
    default: {
      const tag = TAGS[node.type];
      return tag ? [{ kind: 'element', node: element(context, node, tag, children(context, node)) }] : children(context, node);
    }
  }
}

const children = (context: Context, node: MdNode): UiChild[] => (node.children ?? []).flatMap((child) => convert(context, child));

/** The Markdown at `offset` of `file` (its body, after the front matter) as the children it renders. */
export function renderMarkdown(file: string, text: string, offset: number, lineOf: (offset: number) => number): UiChild[] {
  const body = text.slice(offset);
  return children({ file, text: body, offset, lineOf }, fromMarkdown()(body));
}
