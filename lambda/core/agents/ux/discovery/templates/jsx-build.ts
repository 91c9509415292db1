import { parseExpression } from '@babel/parser';
import type * as t from '@babel/types';

/**
 * Builds Babel JSX nodes for a template written in another language (Astro, Vue, Svelte), every
 * node carrying the offsets of the characters it stands for in the template file. The JSX
 * renderer, resolution and the edits then treat a template component like a React one, and an
 * edit still changes exactly the template's own characters.
 */
type Range = { start: number; end: number };

const at = <T extends object>(node: T, range: Range): T => Object.assign(node, { start: range.start, end: range.end });

/** An attribute's name: `class`, or `set:html` as a namespaced name. */
export function attributeName(name: string, range: Range): t.JSXIdentifier | t.JSXNamespacedName {
  const colon = name.indexOf(':');
  if (colon > 0) {
    return at({ type: 'JSXNamespacedName', namespace: at({ type: 'JSXIdentifier', name: name.slice(0, colon) }, { start: range.start, end: range.start + colon }), name: at({ type: 'JSXIdentifier', name: name.slice(colon + 1) }, { start: range.start + colon + 1, end: range.end }) } as t.JSXNamespacedName, range);
  }
  return at({ type: 'JSXIdentifier', name } as t.JSXIdentifier, range);
}

/** An element's name: `div`, `Foo`, `Foo.Bar`, `svelte:head`. */
export function jsxName(name: string, range: Range): t.JSXIdentifier | t.JSXNamespacedName | t.JSXMemberExpression {
  const colon = name.indexOf(':');
  if (colon > 0) {
    return at({ type: 'JSXNamespacedName', namespace: at({ type: 'JSXIdentifier', name: name.slice(0, colon) }, { start: range.start, end: range.start + colon }), name: at({ type: 'JSXIdentifier', name: name.slice(colon + 1) }, { start: range.start + colon + 1, end: range.end }) } as t.JSXNamespacedName, range);
  }
  if (/^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)+$/.test(name)) {
    const parts = name.split('.');
    let object: t.JSXIdentifier | t.JSXMemberExpression = at({ type: 'JSXIdentifier', name: parts[0] } as t.JSXIdentifier, { start: range.start, end: range.start + parts[0].length });
    let offset = range.start + parts[0].length;
    for (const part of parts.slice(1)) {
      const property = at({ type: 'JSXIdentifier', name: part } as t.JSXIdentifier, { start: offset + 1, end: offset + 1 + part.length });
      offset += part.length + 1;
      object = at({ type: 'JSXMemberExpression', object, property } as t.JSXMemberExpression, { start: range.start, end: offset });
    }
    return object;
  }
  return at({ type: 'JSXIdentifier', name } as t.JSXIdentifier, range);
}

export function jsxText(text: string, range: Range): t.JSXText {
  const raw = text.slice(range.start, range.end);
  return at({ type: 'JSXText', value: raw, extra: { raw, rawValue: raw } } as t.JSXText, range);
}

/** A quoted attribute value as a string literal spanning its quotes. */
export function stringValue(text: string, inner: Range, value?: string): t.StringLiteral {
  const raw = text.slice(inner.start, inner.end);
  return at({ type: 'StringLiteral', value: value ?? raw, extra: { raw: text.slice(inner.start - 1, inner.end + 1), rawValue: value ?? raw } } as t.StringLiteral, { start: inner.start - 1, end: inner.end + 1 });
}

export function container(expression: t.Expression | t.JSXEmptyExpression, range: Range, html = false): t.JSXExpressionContainer {
  const node = at({ type: 'JSXExpressionContainer', expression } as t.JSXExpressionContainer, range);
  // The expression's string is HTML to render (Astro `set:html`, Vue `v-html`, Svelte `{@html}`), not text.
  if (html) node.extra = { ...node.extra, valineHtml: true };
  return node;
}

export const emptyExpression = (range: Range): t.JSXEmptyExpression => at({ type: 'JSXEmptyExpression' } as t.JSXEmptyExpression, range);

export function attribute(name: t.JSXAttribute['name'], value: t.JSXAttribute['value'], range: Range): t.JSXAttribute {
  return at({ type: 'JSXAttribute', name, value } as t.JSXAttribute, range);
}

/** `{...headerData}` on a component: its properties are the component's props. */
export function spreadAttribute(argument: t.Expression, range: Range): t.JSXSpreadAttribute {
  return at({ type: 'JSXSpreadAttribute', argument } as t.JSXSpreadAttribute, range);
}

export function element(
  name: ReturnType<typeof jsxName>,
  attributes: Array<t.JSXAttribute | t.JSXSpreadAttribute>,
  children: t.JSXElement['children'],
  ranges: { element: Range; opening: Range; selfClosing: boolean },
): t.JSXElement {
  const openingElement = at({ type: 'JSXOpeningElement', name, attributes, selfClosing: ranges.selfClosing } as t.JSXOpeningElement, ranges.opening);
  return at({ type: 'JSXElement', openingElement, closingElement: null, children, selfClosing: ranges.selfClosing } as unknown as t.JSXElement, ranges.element);
}

export function fragment(children: t.JSXElement['children'], range: Range): t.JSXFragment {
  return at({ type: 'JSXFragment', openingFragment: at({ type: 'JSXOpeningFragment' } as t.JSXOpeningFragment, { start: range.start, end: range.start }), closingFragment: at({ type: 'JSXClosingFragment' } as t.JSXClosingFragment, { start: range.end, end: range.end }), children } as t.JSXFragment, range);
}

/** A component whose body is the template: `(props) => <>…</>`, so its params name the props. */
export function templateComponent(params: t.ArrowFunctionExpression['params'], body: t.JSXFragment): t.ArrowFunctionExpression {
  return at({ type: 'ArrowFunctionExpression', params, body, async: false, expression: true, generator: false } as unknown as t.ArrowFunctionExpression, { start: body.start ?? 0, end: body.end ?? 0 });
}

/** `items.map((item) => <>…</>)`: how a template's loop (`v-for`, `{#each}`) is read, as JSX would write it. */
export function mapCall(items: t.Expression, item: t.LVal, body: t.JSXFragment, range: Range): t.CallExpression {
  const callee = at({ type: 'MemberExpression', object: items, property: at({ type: 'Identifier', name: 'map' } as t.Identifier, range), computed: false } as t.MemberExpression, range);
  const fn = at({ type: 'ArrowFunctionExpression', params: [item], body, async: false, expression: true, generator: false } as unknown as t.ArrowFunctionExpression, range);
  return at({ type: 'CallExpression', callee, arguments: [fn] } as t.CallExpression, range);
}

/**
 * A JS expression written at `start` in the file (an attribute, `{…}`, a directive's value), with
 * the file's offsets. `markup` ranges inside it (JSX-like template markup) are read as
 * placeholders and replaced by the nodes `build` makes for them. Undefined when it does not parse.
 */
export function expressionAt(
  text: string,
  range: Range,
  markup: ReadonlyArray<{ range: Range; build: () => t.JSXElement | t.JSXFragment | undefined }> = [],
  options: { typescript?: boolean } = {},
): t.Expression | undefined {
  let code = text.slice(range.start, range.end);
  const placeholders = new Map<string, () => t.JSXElement | t.JSXFragment | undefined>();
  markup.forEach((m, index) => {
    const name = `__${index}`;
    const length = m.range.end - m.range.start;
    if (length < name.length) return;
    const from = m.range.start - range.start;
    code = code.slice(0, from) + name + ' '.repeat(length - name.length) + code.slice(from + length);
    placeholders.set(name, m.build);
  });
  if (code.trim() === '') return undefined;
  let expression: t.Expression;
  try {
    expression = parseExpression(code, { startIndex: range.start, plugins: options.typescript === false ? ['jsx'] : ['jsx', 'typescript'] });
  } catch {
    return undefined;
  }
  return placeholders.size > 0 ? (substitute(expression, placeholders) as t.Expression) : expression;
}

function substitute(node: t.Node, placeholders: Map<string, () => t.JSXElement | t.JSXFragment | undefined>): t.Node {
  if (node.type === 'Identifier' && placeholders.has(node.name)) {
    const built = placeholders.get(node.name)?.();
    return built ?? node;
  }
  for (const key of Object.keys(node) as Array<keyof t.Node>) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object' && typeof (item as t.Node).type === 'string') value[i] = substitute(item as t.Node, placeholders);
      });
    } else if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') {
      (node as unknown as Record<string, unknown>)[key] = substitute(value as t.Node, placeholders);
    }
  }
  return node;
}

/** Elements that never have children or a closing tag. */
export const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
