import type * as t from '@babel/types';

/** Keys of a Babel node that hold no child nodes (positions, comments, raw values). */
const NOT_CHILDREN = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra']);

/** The AST nodes directly inside a node, in source order of its keys: what every walk over a Babel tree visits next. */
export function childNodes(node: t.Node): t.Node[] {
  const out: t.Node[] = [];
  for (const key of Object.keys(node) as Array<keyof t.Node>) {
    if (NOT_CHILDREN.has(key)) continue;
    const value = node[key] as unknown;
    for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && typeof (child as t.Node).type === 'string') out.push(child as t.Node);
  }
  return out;
}
