import type * as t from '@babel/types';
import { EditError } from './edit-error';
import { parseModule, span, walk } from './source-parser';

/** Characters that JSX text cannot hold literally; such text is written as a string expression. */
const NEEDS_EXPRESSION = /[{}<>&\\]|^\s|\s$|\s{2,}|[^\S ]/;

interface MarkedElement {
  element: t.JSXElement;
  /** The range of the element's meaningful content (without the whitespace that only formats it). */
  contentStart: number;
  contentEnd: number;
  text: string;
}

function hasMarker(element: t.JSXElement, attribute: string, marker: string): boolean {
  return element.openingElement.attributes.some(
    (a) =>
      a.type === 'JSXAttribute' &&
      a.name.type === 'JSXIdentifier' &&
      a.name.name === attribute &&
      ((a.value?.type === 'StringLiteral' && a.value.value === marker) ||
        (a.value?.type === 'JSXExpressionContainer' && a.value.expression.type === 'StringLiteral' && a.value.expression.value === marker)),
  );
}

function findMarked(source: string, file: string, attribute: string, marker: string): MarkedElement {
  const ast = parseModule(source, file);
  const found: t.JSXElement[] = [];
  walk(ast, (node) => {
    if (node.type === 'JSXElement' && hasMarker(node, attribute, marker)) found.push(node);
  });
  const selector = `${attribute}="${marker}"`;
  if (found.length === 0) throw new EditError(`No element with ${selector} was found in ${file}. Add the marker to the element, or fix the site map.`);
  if (found.length > 1) throw new EditError(`${found.length} elements carry ${selector} in ${file}; a marker must be unique.`);
  const element = found[0];
  if (!element.closingElement) throw new EditError(`The element with ${selector} in ${file} is self-closing, so it has no text to change.`);
  const meaningful = element.children.filter((c) => !(c.type === 'JSXText' && c.value.trim() === ''));
  if (meaningful.length === 0) {
    const at = span(element.openingElement).end;
    return { element, contentStart: at, contentEnd: span(element.closingElement).start, text: '' };
  }
  if (meaningful.length > 1) throw new EditError(`The element with ${selector} in ${file} contains more than plain text (other elements or expressions); mark the innermost element that holds only the text.`);
  const child = meaningful[0];
  if (child.type === 'JSXText') {
    const raw = source.slice(span(child).start, span(child).end);
    const leading = raw.length - raw.trimStart().length;
    const trailing = raw.length - raw.trimEnd().length;
    return { element, contentStart: span(child).start + leading, contentEnd: span(child).end - trailing, text: raw.trim().replace(/\s+/g, ' ') };
  }
  if (child.type === 'JSXExpressionContainer' && child.expression.type === 'StringLiteral') {
    return { element, contentStart: span(child).start, contentEnd: span(child).end, text: child.expression.value };
  }
  if (child.type === 'JSXExpressionContainer' && child.expression.type === 'TemplateLiteral' && child.expression.expressions.length === 0) {
    return { element, contentStart: span(child).start, contentEnd: span(child).end, text: child.expression.quasis[0].value.cooked ?? '' };
  }
  throw new EditError(`The element with ${selector} in ${file} holds an expression, not text; mark an element whose content is plain text.`);
}

/** JSX source for `text`: plain when safe, else a JS string expression (`{"…"}`) so nothing is interpreted. */
export function jsxTextSource(text: string): string {
  return NEEDS_EXPRESSION.test(text) ? `{${JSON.stringify(text)}}` : text;
}

/** The current text of the marked element. */
export function readJsxText(source: string, file: string, attribute: string, marker: string): string {
  return findMarked(source, file, attribute, marker).text;
}

/** Replaces the text of the element carrying the marker; every byte outside that text is kept. */
export function editJsxText(source: string, file: string, attribute: string, marker: string, text: string): string {
  const target = findMarked(source, file, attribute, marker);
  const edited = source.slice(0, target.contentStart) + jsxTextSource(text) + source.slice(target.contentEnd);
  if (readJsxText(edited, file, attribute, marker) !== text) {
    throw new EditError(`The new text for ${attribute}="${marker}" in ${file} did not read back as written, so the file was not changed.`);
  }
  return edited;
}
