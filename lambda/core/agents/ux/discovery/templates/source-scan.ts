/**
 * Small scanners over template source, used where a template compiler gives a node's start but
 * not its exact end (Astro's self-closing tags, an expression's closing brace): the end of an
 * opening tag and the brace that closes a `{…}` expression, skipping JS strings, template
 * literals and comments. They never decide structure; the stack's own parser does.
 */

/** The index just after the `}` matching the `{` at `open`, or -1 when it is not closed. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '"' || c === "'") i = stringEnd(text, i) - 1;
    else if (c === '`') i = templateEnd(text, i) - 1;
    else if (c === '/' && text[i + 1] === '/') i = lineEnd(text, i) - 1;
    else if (c === '/' && text[i + 1] === '*') i = blockCommentEnd(text, i) - 1;
  }
  return -1;
}

function stringEnd(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i + 1;
  }
  return text.length;
}

function templateEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
    else if (text[i] === '$' && text[i + 1] === '{') {
      const close = closingBrace(text, i + 1);
      if (close < 0) return text.length;
      i = close - 1;
    }
  }
  return text.length;
}

const lineEnd = (text: string, at: number) => {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
};

const blockCommentEnd = (text: string, at: number) => {
  const end = text.indexOf('*/', at + 2);
  return end < 0 ? text.length : end + 2;
};

export interface OpeningTag {
  /** Just after the tag name. */
  nameEnd: number;
  /** Just after the `>` (or `/>`). */
  end: number;
  selfClosing: boolean;
  attributes: TagAttribute[];
}

export interface TagAttribute {
  name: string;
  start: number;
  end: number;
  /** The value's characters: inside the quotes, inside the braces, or the template literal with its backticks. */
  value?: { start: number; end: number; kind: 'quoted' | 'expression' | 'template' | 'bare'; quote?: '"' | "'" };
}

/** Reads the opening tag that starts at `lt` (a `<`): its attributes and where it ends. */
export function openingTag(text: string, lt: number): OpeningTag | undefined {
  if (text[lt] !== '<') return undefined;
  let i = lt + 1;
  while (i < text.length && /[^\s/>]/.test(text[i])) i++;
  const nameEnd = i;
  const attributes: TagAttribute[] = [];
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('/>', i)) return { nameEnd, end: i + 2, selfClosing: true, attributes };
    if (text[i] === '>') return { nameEnd, end: i + 1, selfClosing: false, attributes };
    if (text[i] === '{') {
      // `{...spread}` or `{shorthand}`
      const close = closingBrace(text, i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close - 1).trim();
      attributes.push({ name: inner.replace(/^\.\.\./, ''), start: i, end: close, value: { start: i + 1, end: close - 1, kind: 'expression' } });
      i = close;
      continue;
    }
    const nameStart = i;
    while (i < text.length && /[^\s=/>]/.test(text[i])) i++;
    if (i === nameStart) {
      i++;
      continue;
    }
    const name = text.slice(nameStart, i);
    let j = i;
    while (j < text.length && /\s/.test(text[j])) j++;
    if (text[j] !== '=') {
      attributes.push({ name, start: nameStart, end: i });
      continue;
    }
    j++;
    while (j < text.length && /\s/.test(text[j])) j++;
    const c = text[j];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, j + 1);
      if (close < 0) return undefined;
      attributes.push({ name, start: nameStart, end: close + 1, value: { start: j + 1, end: close, kind: 'quoted', quote: c } });
      i = close + 1;
    } else if (c === '{') {
      const close = closingBrace(text, j);
      if (close < 0) return undefined;
      attributes.push({ name, start: nameStart, end: close, value: { start: j + 1, end: close - 1, kind: 'expression' } });
      i = close;
    } else if (c === '`') {
      const close = templateEnd(text, j);
      attributes.push({ name, start: nameStart, end: close, value: { start: j, end: close, kind: 'template' } });
      i = close;
    } else {
      let k = j;
      while (k < text.length && /[^\s>]/.test(text[k]) && !text.startsWith('/>', k)) k++;
      attributes.push({ name, start: nameStart, end: k, value: { start: j, end: k, kind: 'bare' } });
      i = k;
    }
  }
  return undefined;
}

/** Blanks every character outside `keep` (newlines stay), so a parser's offsets are the file's offsets. */
export function maskOutside(text: string, keep: ReadonlyArray<{ start: number; end: number }>): string {
  const out = text.split('');
  let cursor = 0;
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  for (const range of [...keep].sort((a, b) => a.start - b.start)) {
    blank(cursor, range.start);
    cursor = Math.max(cursor, range.end);
  }
  blank(cursor, text.length);
  return out.join('');
}
