import type { MarkupSyntax, StringSlot, UiChild, UiNode } from './ui-tree';

/**
 * The visible text of an element and how its words can be changed without touching what is
 * not words: `&copy; {currentYear} Acme. All rights reserved.` keeps `&copy; {currentYear}`,
 * `Ship faster<br />today` is one headline, a label beside `<ArrowRight />` keeps the icon,
 * `{siteMetadata.headerTitle}` is edited in the config module it comes from.
 */
export type TextEdit =
  /** Replace the characters `start`–`end` of the markup (JSX text or HTML text). */
  | {
      kind: 'markup';
      file: string;
      start: number;
      end: number;
      syntax: MarkupSyntax;
      keptBefore: string;
      keptAfter: string;
      replaced: string;
      /** Where the whole line starts (before a kept `© {year}`), for replacing it whole. */
      lineStart: number;
    }
  /** Replace a string literal's content (a config value, or `{"…"}` in JSX). */
  | { kind: 'string'; slot: StringSlot; viaConfig: boolean; replaced: string; /** The `{expression}` showing a config string here, to write the words in place of it instead. */ container?: { file: string; start: number; end: number } };

export interface TextBlock {
  node: UiNode;
  /** What a visitor reads, whitespace folded, with `{expressions}` shown as written. */
  text: string;
  edit?: TextEdit;
  /** Things inside the words that a whole-text replacement would remove (links, expressions). */
  inside: string[];
  /** Where each of those is, so an edit that replaces only part of the line removes only what it covers. */
  insideAt?: Array<{ display: string; start: number; end: number; kind: 'element' | 'expression' | 'value' }>;
  /** Formatting elements inside the words (`<span>faster</span>`), replaced with them. */
  formatted?: string[];
  /**
   * Where a copyright holder written as one config value ends (`{SITE.title}` in
   * `© {SITE.title}. Crafted by <a>…</a>`): a new holder replaces it alone.
   */
  holderEnd?: number;
}

const WORDY = /[\p{L}\p{N}]/u;
const COPYRIGHT_ONLY = /^[\s©]*(?:copyright|\(c\))?[\s©]*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.–-]*$/i;
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What a visitor reads inside a node (all descendants). */
export function visibleText(node: UiNode): string {
  return fold(ownChildren(node).map(childText).join(''));
}

/** The node's children without what its own component renders (for `<Button>Go</Button>`, the words "Go"). */
function ownChildren(node: UiNode): UiChild[] {
  return node.children.filter((c) => !(c.kind === 'element' && c.node.rendered && c.node.component === (node.componentTag ?? node.tag)));
}

/** Elements that only format words; replacing a headline's words may drop them (said in the preview). */
const FORMATTING = new Set(['span', 'strong', 'em', 'b', 'i', 'u', 'mark', 'small', 'sup', 'sub']);

function childText(child: UiChild): string {
  switch (child.kind) {
    case 'text':
      return child.value;
    case 'string':
      return child.value;
    case 'expression':
      return child.display;
    case 'element':
      return child.node.tag === 'br' ? ' ' : visibleText(child.node);
    case 'links-array':
      return child.array.entries.map((e) => ` ${e.labelValue} `).join('');
  }
}

type Item =
  | { kind: 'words'; child: Extract<UiChild, { kind: 'text' }> }
  | { kind: 'space' }
  | { kind: 'break' }
  | { kind: 'string'; child: Extract<UiChild, { kind: 'string' }> }
  | { kind: 'token'; display: string; range: { file: string; start: number; end: number } }
  /** An element with words of its own (a link, a button) among the words: replacing the words removes it. */
  | { kind: 'inline'; display: string; range: { file: string; start: number; end: number } }
  /** A `<span>`/`<strong>`… holding only words: part of the text. */
  | { kind: 'format'; display: string; range: { file: string; start: number; end: number } }
  | { kind: 'icon'; display: string };

function classify(child: UiChild): Item | undefined {
  switch (child.kind) {
    case 'text':
      return WORDY.test(child.value) ? { kind: 'words', child } : child.value.trim() === '' ? { kind: 'space' } : { kind: 'words', child };
    case 'string':
      if (!child.viaConfig && child.value.trim() === '') return { kind: 'space' };
      return { kind: 'string', child };
    case 'expression':
      return { kind: 'token', display: child.display, range: child.range };
    case 'element': {
      if (child.node.tag === 'br') return { kind: 'break' };
      const text = visibleText(child.node);
      if (!text) return { kind: 'icon', display: `<${child.node.tag} />` };
      const formatting = FORMATTING.has(child.node.tag) && ![...child.node.children].some((c) => c.kind === 'expression' || (c.kind === 'element' && !FORMATTING.has(c.node.tag) && c.node.tag !== 'br'));
      const display = `<${child.node.tag}>${text}</${child.node.tag}>`;
      return formatting ? { kind: 'format', display, range: child.node.range } : { kind: 'inline', display, range: child.node.range };
    }
    case 'links-array':
      return undefined;
  }
}

const displayOf = (item: Item): string => {
  if (item.kind === 'format') return item.display.replace(/^<[^>]+>|<\/[^>]+>$/g, '');
  switch (item.kind) {
    case 'words':
      return item.child.value;
    case 'string':
      return item.child.value;
    case 'space':
      return ' ';
    case 'break':
      return ' ';
    default:
      return item.display;
  }
};

function itemRange(item: Item): { start: number; end: number } | undefined {
  if (item.kind === 'token' || item.kind === 'inline' || item.kind === 'format') return item.range;
  if (item.kind === 'string' && item.child.container) return item.child.container;
  return undefined;
}

/** The node as a text block, when its own children hold words (or a single config string). */
export function textBlock(node: UiNode): TextBlock | undefined {
  const items = ownChildren(node).map(classify).filter((i): i is Item => i !== undefined);
  const meaningful = items.filter((i) => i.kind !== 'space');
  const text = fold(items.map(displayOf).join(''));
  // `{name}.` / `☕ {brand}`: one config or prop string carries all the words; the marks around it stay.
  const wordyStrings = meaningful.filter((i) => i.kind === 'string' && WORDY.test(i.child.value));
  const onlyMarks = meaningful.every((i) => i.kind === 'string' || i.kind === 'icon' || (i.kind === 'words' && !WORDY.test(i.child.value)));
  if (meaningful.length > 1 && wordyStrings.length === 1 && onlyMarks) {
    const child = (wordyStrings[0] as Extract<Item, { kind: 'string' }>).child;
    return { node, text, inside: [], edit: { kind: 'string', slot: child.slot, viaConfig: child.viaConfig ?? false, replaced: child.value } };
  }
  if (meaningful.length === 1 && meaningful[0].kind === 'string') {
    const child = meaningful[0].child;
    if (!WORDY.test(child.value)) return undefined;
    return { node, text: fold(child.value), inside: [], edit: { kind: 'string', slot: child.slot, viaConfig: child.viaConfig ?? false, replaced: child.value, ...(child.container ? { container: child.container } : {}) } };
  }
  // Links and other elements with words belong to the line they are in ("© {year} <a>Acme</a>. All rights reserved."):
  // the words around them are never replaced as if they stood alone.
  // A config or prop string among the words (`© {SITE.title}. Crafted by <a>…</a>`) is part of the line, written in place when the line is replaced.
  const wordyString = (item: Item) => item.kind === 'string' && WORDY.test(item.child.value) && item.child.container !== undefined && item.child.container.file === node.file;
  const wordy = items.map((item, index) => ({ item, index })).filter(({ item }) => (item.kind === 'words' && WORDY.test(item.child.value)) || item.kind === 'format' || item.kind === 'inline' || wordyString(item));
  if (!wordy.some(({ item }) => item.kind === 'words' || wordyString(item))) return undefined;
  // "Copyright © {year} Acme": the marks and the year before the words stay as they are.
  while (wordy.length > 1 && wordy[0].item.kind === 'words' && COPYRIGHT_ONLY.test(wordy[0].item.child.value)) wordy.shift();
  const first = wordy[0];
  let last = wordy[wordy.length - 1];
  // Punctuation that ends the line (". " after a link) goes with the words it ends.
  for (let j = last.index + 1; j < items.length; j++) {
    const item = items[j];
    if (item.kind === 'space') continue;
    if (item.kind === 'words' && /^[\s.,;:!?·…]*$/.test(item.child.value)) last = { item, index: j };
    else break;
  }
  const inside: string[] = [];
  const insideAt: Array<{ display: string; start: number; end: number; kind: 'element' | 'expression' | 'value' }> = [];
  const formatted: string[] = [];
  for (let i = first.index; i <= last.index; i++) {
    const item = items[i];
    const removable = item.kind === 'inline' || wordyString(item) || (i > first.index && i < last.index && (item.kind === 'token' || item.kind === 'icon' || item.kind === 'string'));
    if (removable) {
      inside.push(displayOf(item));
      const range = itemRange(item);
      if (range) insideAt.push({ display: item.kind === 'string' ? item.child.display : displayOf(item), start: range.start, end: range.end, kind: item.kind === 'inline' ? 'element' : item.kind === 'string' ? 'value' : 'expression' });
    }
    if (item.kind === 'format') formatted.push(item.display);
  }
  const edge = (item: Item, side: 'start' | 'end'): { file: string; offset: number; syntax: MarkupSyntax } => {
    if (item.kind === 'format' || item.kind === 'inline') return { file: item.range.file, offset: item.range[side], syntax: block.syntax };
    if (item.kind === 'string' && item.child.container) return { file: item.child.container.file, offset: item.child.container[side], syntax: block.syntax };
    const child = (item as Extract<Item, { kind: 'words' }>).child;
    const offset = side === 'start' ? child.range.start + (child.raw.length - child.raw.trimStart().length) : child.range.end - (child.raw.length - child.raw.trimEnd().length);
    return { file: child.range.file, offset, syntax: child.syntax };
  };
  const block = { syntax: node.syntax };
  const startEdge = edge(first.item, 'start');
  const endEdge = edge(last.item, 'end');
  // Words from two files (a component's own output beside what its caller passes) are not one text.
  if (startEdge.file !== endEdge.file) return undefined;
  const start = startEdge.offset;
  const end = endEdge.offset;
  const firstValue = first.item.kind === 'words' ? first.item.child.value : '';
  const keptBefore = fold(items.slice(0, first.index).map(displayOf).join('') + firstValue.slice(0, firstValue.length - firstValue.trimStart().length));
  const keptAfter = fold(items.slice(last.index + 1).map(displayOf).join(''));
  const replaced = fold(items.slice(first.index, last.index + 1).map(displayOf).join(''));
  const firstItem = items.find((i) => i.kind !== 'space');
  const lineStart =
    firstItem && firstItem.kind === 'words' && firstItem.child.range.file === startEdge.file
      ? firstItem.child.range.start + (firstItem.child.raw.length - firstItem.child.raw.trimStart().length)
      : firstItem && (firstItem.kind === 'token' || firstItem.kind === 'format' || firstItem.kind === 'inline') && firstItem.range.file === startEdge.file
        ? firstItem.range.start
        : start;
  const firstItem_ = items[first.index];
  const afterFirst = items.slice(first.index + 1).find((i) => i.kind !== 'space');
  const holderEnd =
    firstItem_.kind === 'string' && firstItem_.child.container && afterFirst && afterFirst.kind === 'words' && /^\s*[.,·•|—–]/.test(afterFirst.child.value) && first.index !== last.index
      ? firstItem_.child.container.end
      : undefined;
  return { node, text, inside, ...(holderEnd !== undefined ? { holderEnd } : {}), ...(insideAt.length > 0 ? { insideAt } : {}), ...(formatted.length > 0 ? { formatted } : {}), edit: { kind: 'markup', file: startEdge.file, start, end, syntax: startEdge.syntax, keptBefore, keptAfter, replaced, lineStart: Math.min(lineStart, start) } };
}

/** Every text block in a subtree, in document order. */
export function textBlocks(node: UiNode): TextBlock[] {
  const out: TextBlock[] = [];
  const visit = (current: UiNode) => {
    const block = textBlock(current);
    if (block) out.push(block);
    for (const child of current.children) if (child.kind === 'element') visit(child.node);
  };
  visit(node);
  return out;
}
