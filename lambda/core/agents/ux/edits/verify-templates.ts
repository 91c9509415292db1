import { parse as parseScript } from '@babel/parser';
import { errorMessage } from '../../../domain/error-message';
import { astroCompiler } from '../discovery/stacks/astro';
import { svelteCompiler } from '../discovery/stacks/svelte';
import { vueCompiler } from '../discovery/stacks/vue';

/**
 * Edited `.astro`, `.vue` and `.svelte` files are read again by their own compilers before a
 * preview is shown. Astro's and Vue's parsers recover from broken markup instead of failing, so
 * besides their errors the element structure is compared: an edit changes words, classes and
 * attribute values, or adds or removes whole elements (a link), and nothing else.
 */
type Shape = string[];

interface AstroNode {
  type: string;
  name?: string;
  children?: AstroNode[];
}

function astroShape(node: AstroNode, out: Shape = []): Shape {
  const named = node.type === 'element' || node.type === 'component' || node.type === 'custom-element' || node.type === 'fragment';
  if (named) out.push(`<${node.name ?? ''}`);
  if (node.type === 'expression') out.push('{');
  for (const child of node.children ?? []) astroShape(child, out);
  if (named) out.push(`</${node.name ?? ''}`);
  if (node.type === 'expression') out.push('}');
  return out;
}

interface VueNode {
  type: number;
  tag?: string;
  children?: VueNode[];
}

function vueShape(node: VueNode, out: Shape = []): Shape {
  if (node.type === 1) out.push(`<${node.tag ?? ''}`);
  if (node.type === 5) out.push('{{}}');
  for (const child of node.children ?? []) vueShape(child, out);
  if (node.type === 1) out.push(`</${node.tag ?? ''}`);
  return out;
}

/** The shapes differ only by whole elements added or removed in one place (or not at all). */
export function sameStructure(before: Shape, after: Shape): boolean {
  if (before.length === after.length) return before.every((token, i) => token === after[i]);
  const [shorter, longer] = before.length < after.length ? [before, after] : [after, before];
  const length = longer.length - shorter.length;
  let prefix = 0;
  while (prefix < shorter.length && shorter[prefix] === longer[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter.length - 0 && shorter[shorter.length - 1 - suffix] === longer[longer.length - 1 - suffix]) suffix++;
  // A repeated element (a copied link) can be read as inserted at several places: one of them must be whole elements.
  for (let start = Math.max(0, longer.length - suffix - length); start <= prefix; start++) {
    if (start + length > longer.length) break;
    if (balanced(longer.slice(start, start + length))) return true;
  }
  return false;
}

function balanced(tokens: Shape): boolean {
  const open: string[] = [];
  for (const token of tokens) {
    if (token === '{' || token.startsWith('</') === false && token.startsWith('<')) open.push(token === '{' ? '}' : `</${token.slice(1)}`);
    else if (token === '}' || token.startsWith('</')) {
      if (open.pop() !== token) return false;
    }
  }
  return open.length === 0;
}

const unchangedShape = (path: string) => `The edit would change the structure of ${path} (its elements no longer read as before), so nothing was changed.`;

function checkAstro(path: string, before: string, after: string): string | undefined {
  const compiler = astroCompiler() as unknown as {
    parse(source: string): { ast: AstroNode };
    convertToTSX(source: string, options: object): { code: string };
  };
  if (!sameStructure(astroShape(compiler.parse(before).ast), astroShape(compiler.parse(after).ast))) return unchangedShape(path);
  // The front matter and every `{expression}` as TypeScript: Astro's own conversion to TSX, read by Babel.
  const tsx = (source: string) => {
    try {
      parseScript(compiler.convertToTSX(source, {}).code, { sourceType: 'module', plugins: ['jsx', 'typescript'], allowImportExportEverywhere: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  };
  const broken = tsx(after);
  return broken && !tsx(before) ? `The edit would make ${path} unparseable (${broken}), so nothing was changed.` : undefined;
}

function checkVue(path: string, before: string, after: string): string | undefined {
  const parse = (source: string) => vueCompiler().parse(source, { filename: path }) as unknown as { descriptor: { template: { ast?: VueNode } | null }; errors: unknown[] };
  const was = parse(before);
  const now = parse(after);
  if (now.errors.length > was.errors.length) return `The edit would make ${path} invalid for Vue (${errorMessage(now.errors[0])}), so nothing was changed.`;
  const shape = (result: typeof was) => (result.descriptor.template?.ast ? vueShape(result.descriptor.template.ast) : []);
  return sameStructure(shape(was), shape(now)) ? undefined : unchangedShape(path);
}

function checkSvelte(path: string, before: string, after: string): string | undefined {
  try {
    svelteCompiler().parse(after, { modern: true, filename: path });
    return undefined;
  } catch (error) {
    try {
      svelteCompiler().parse(before, { modern: true, filename: path });
    } catch {
      return undefined;
    }
    return `The edit would make ${path} invalid for Svelte (${errorMessage(error)}), so nothing was changed.`;
  }
}

/** A sentence when the edit breaks the template file, undefined when it reads as before; undefined for other files. */
export function brokenTemplate(path: string, before: string, after: string): string | undefined {
  if (path.endsWith('.astro')) return checkAstro(path, before, after);
  if (path.endsWith('.vue')) return checkVue(path, before, after);
  if (path.endsWith('.svelte')) return checkSvelte(path, before, after);
  return undefined;
}
