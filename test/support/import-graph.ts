import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/** One import of a source file: the file it reaches, and how it was written (for the failure message). */
export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

export const sourceFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(isFile);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `import(`./${id}/factory.ts`)`: esbuild bundles every file the pattern matches (a glob
 * import), so each of them is reached. A substitution matches one path segment.
 */
function globTargets(fromFile: string, template: string, files: readonly string[]): string[] {
  const HOLE = '\u0000';
  const path = resolve(dirname(fromFile), template.replace(/\$\{[^}]*\}/g, HOLE));
  const pattern = new RegExp(`^${path.split(HOLE).map(escapeRegExp).join('[^/]+')}$`);
  return files.filter((file) => pattern.test(file));
}

/** The module specifiers a file names: string ones, and template literals of `import()` (kept with their `${…}`). */
function specifiersOf(file: string, source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
      else if (argument && ts.isTemplateExpression(argument)) found.push(argument.getText().slice(1, -1));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
  return found;
}

/**
 * Every relative import of every file under `root`, as the compiler and the bundler see them:
 * `import` and `import type`, `export … from`, `import()` (a template literal one as the glob
 * esbuild makes of it), `import('…')` types and `require()`. Package imports are left out.
 */
export function importGraph(root: string): { files: string[]; edges: ImportEdge[]; unresolved: ImportEdge[] } {
  const files = sourceFiles(root);
  const edges: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  for (const file of files) {
    for (const specifier of specifiersOf(file, readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const targets = specifier.includes('${') ? globTargets(file, specifier, files) : [resolveRelative(file, specifier)].filter((to): to is string => to !== undefined);
      if (targets.length === 0) unresolved.push({ from: file, to: resolve(dirname(file), specifier), specifier });
      for (const to of targets) edges.push({ from: file, to, specifier });
    }
  }
  return { files, edges, unresolved };
}

/** An import circle: the files that import each other (a strongly connected set), and one path round it to show. */
export interface ImportCircle {
  files: string[];
  path: string[];
}

/** Each import circle: two files or more that reach each other, or a file importing itself. */
export function importCircles(files: readonly string[], edges: readonly ImportEdge[]): ImportCircle[] {
  const next = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const { from, to } of edges) next.get(from)?.push(to);
  // Tarjan's strongly connected components, iteratively (no deep recursion on a long chain).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const start of files) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const targets = next.get(frame.node) ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++] as string;
        if (!next.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = component.length === 1 && (next.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfImport) components.push(component);
      }
    }
  }
  return components.map((component) => ({ files: component.sort(), path: pathRound(component, next) }));
}

/** A shortest path from the component's first file back to itself, through the component only. */
function pathRound(component: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = component[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const target of next.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [...component];
}

export const relativeTo = (root: string, path: string): string => relative(root, path).split(sep).join('/');
