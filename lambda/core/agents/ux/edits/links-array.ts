import type * as t from '@babel/types';
import type { LinkToAdd } from '../intent';
import { EditError } from './edit-error';
import { parseModule, span, walk } from './source-parser';

interface LinksArray {
  array: t.ArrayExpression;
  links: LinkToAdd[];
}

function unwrapExpression(node: t.Node | null | undefined): t.Node | null | undefined {
  let current = node;
  while (current && (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSTypeAssertion')) {
    current = current.expression;
  }
  return current;
}

function stringProperty(object: t.ObjectExpression, key: string): string | undefined {
  for (const property of object.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    if (name === key && property.value.type === 'StringLiteral') return property.value.value;
  }
  return undefined;
}

function findLinks(source: string, file: string, variable: string): LinksArray {
  const ast = parseModule(source, file);
  const arrays: t.ArrayExpression[] = [];
  walk(ast, (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || node.id.name !== variable) return;
    const init = unwrapExpression(node.init);
    if (init?.type === 'ArrayExpression') arrays.push(init);
    else throw new EditError(`${variable} in ${file} is not an array literal of { label, href } objects, so links cannot be added to it.`);
  });
  if (arrays.length === 0) throw new EditError(`No array named ${variable} was found in ${file}. Declare it as \`const ${variable} = [{ label: 'Home', href: '/' }]\`, or fix the site map.`);
  if (arrays.length > 1) throw new EditError(`${variable} is declared ${arrays.length} times in ${file}; the links array must be declared once.`);
  const array = arrays[0];
  const links = array.elements.map((element) => {
    const label = element?.type === 'ObjectExpression' ? stringProperty(element, 'label') : undefined;
    const href = element?.type === 'ObjectExpression' ? stringProperty(element, 'href') : undefined;
    if (label === undefined || href === undefined) throw new EditError(`Every entry of ${variable} in ${file} must be an object with string label and href, so links cannot be added to it.`);
    return { label, href };
  });
  return { array, links };
}

export function readLinks(source: string, file: string, variable: string): LinkToAdd[] {
  return findLinks(source, file, variable).links;
}

function quote(value: string, style: string): string {
  if (style === '"') return JSON.stringify(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** Appends links to the array, in the style of its last entry (indentation, quotes, trailing comma). */
export function addLinks(source: string, file: string, variable: string, additions: readonly LinkToAdd[]): string {
  const { array, links } = findLinks(source, file, variable);
  for (const link of additions) {
    const clash = links.find((l) => l.href === link.href || l.label.toLowerCase() === link.label.toLowerCase());
    if (clash) throw new EditError(`${variable} in ${file} already has the link ${clash.label} → ${clash.href}; choose another label and path.`);
  }
  const last = array.elements[array.elements.length - 1];
  const lastRaw = last ? source.slice(span(last).start, span(last).end) : '';
  const quoteStyle = /^\{\s*\w+\s*:\s*"/.test(lastRaw) ? '"' : "'";
  const render = (link: LinkToAdd) => `{ label: ${quote(link.label, quoteStyle)}, href: ${quote(link.href, quoteStyle)} }`;
  const { start: arrayStart, end: arrayEnd } = span(array);
  if (!last) {
    return source.slice(0, arrayStart) + `[${additions.map(render).join(', ')}]` + source.slice(arrayEnd);
  }
  const afterLast = span(last).end;
  const between = source.slice(afterLast, arrayEnd - 1);
  const trailingComma = /^\s*,/.test(between);
  const lineStart = source.lastIndexOf('\n', span(last).start) + 1;
  const multiline = source.slice(arrayStart, span(last).start).includes('\n');
  const indent = source.slice(lineStart, span(last).start).match(/^\s*/)?.[0] ?? '';
  if (multiline) {
    if (trailingComma) {
      const insertAt = afterLast + between.indexOf(',') + 1;
      return source.slice(0, insertAt) + additions.map((link) => `\n${indent}${render(link)},`).join('') + source.slice(insertAt);
    }
    return source.slice(0, afterLast) + additions.map((link) => `,\n${indent}${render(link)}`).join('') + source.slice(afterLast);
  }
  const inserted = additions.map((link) => `, ${render(link)}`).join('');
  return source.slice(0, afterLast) + inserted + source.slice(afterLast);
}
