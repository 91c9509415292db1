import { childNodes } from '../discovery/ast';
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { EditError } from './edit-error';

/** Parses a .js/.jsx/.ts/.tsx module with Babel (JSX + TypeScript), keeping character offsets. */
export function parseModule(source: string, file: string): t.File {
  try {
    return parse(source, {
      sourceType: 'module',
      plugins: file.endsWith('.ts') ? ['typescript'] : ['jsx', 'typescript'],
      errorRecovery: false,
    });
  } catch (error) {
    throw new EditError(`${file} could not be parsed as JavaScript/TypeScript (${(error as Error).message}), so it was not edited.`);
  }
}

/** Visits every AST node depth-first. */
export function walk(node: t.Node, visit: (node: t.Node) => void): void {
  visit(node);
  for (const child of childNodes(node)) walk(child, visit);
}

/** Offsets of a node (Babel always sets them when parsing). */
export function span(node: t.Node): { start: number; end: number } {
  return { start: node.start ?? 0, end: node.end ?? 0 };
}
