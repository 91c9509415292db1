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
  value?: string;
  kind?: string;
  attributes?: AstroNode[];
  children?: AstroNode[];
}

/**
 * The code a template runs, each piece as written: Astro's `{expressions}` and expression
 * attributes, Vue's `{{ }}` and directives, Svelte's tags, blocks and directives. An edit changes
 * words; it may repeat code the file already has (a copied link) but never brings new code: a
 * `{less}` written into a text or an attribute would run.
 */
function astroCode(node: AstroNode, out: Code = new Map()): Code {
  if (node.type === 'expression') add(out, `{${(node.children ?? []).map((c) => (c.type === 'text' ? (c.value ?? '') : `<${c.name ?? ''}>`)).join('')}}`);
  for (const a of node.attributes ?? []) if (a.kind && a.kind !== 'quoted' && a.kind !== 'empty') add(out, `${a.kind} ${a.name ?? ''}=${a.kind === 'template-literal' ? `\`${a.value ?? ''}\`` : (a.value ?? '')}`);
  for (const child of node.children ?? []) astroCode(child, out);
  return out;
}

interface VueCodeNode {
  type: number;
  content?: { loc?: { source: string } } | string;
  props?: Array<{ type: number; loc: { source: string } }>;
  children?: VueCodeNode[];
  branches?: VueCodeNode[];
}

function vueCode(node: VueCodeNode, out: Code = new Map()): Code {
  if (node.type === 5 && typeof node.content === 'object') add(out, `{{${node.content.loc?.source ?? ''}}}`);
  for (const prop of node.props ?? []) if (prop.type === 7) add(out, prop.loc.source);
  for (const child of node.children ?? []) vueCode(child, out);
  return out;
}

function svelteCode(text: string, node: unknown, out: Code = new Map()): Code {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const item of node) svelteCode(text, item, out);
    return out;
  }
  const record = node as { type?: string; start?: number; end?: number; expression?: { start?: number; end?: number } };
  if (typeof record.type === 'string' && record.expression && typeof record.expression.start === 'number' && typeof record.expression.end === 'number') add(out, `${record.type} ${text.slice(record.expression.start, record.expression.end)}`);
  if (typeof record.type === 'string' && /Directive$|^SpreadAttribute$/.test(record.type) && typeof record.start === 'number') add(out, text.slice(record.start, record.end));
  for (const [key, value] of Object.entries(node)) if (key !== 'metadata' && key !== 'loc' && key !== 'instance' && key !== 'module' && value && typeof value === 'object') svelteCode(text, value, out);
  return out;
}

/** How many elements and components a Svelte fragment holds. */
function svelteElements(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + svelteElements(item), 0);
  const type = (node as { type?: string }).type;
  const own = type === 'RegularElement' || type === 'Component' || type === 'SvelteElement' ? 1 : 0;
  return own + Object.entries(node).reduce((sum, [key, value]) => (key === 'metadata' || key === 'loc' || !value || typeof value !== 'object' ? sum : sum + svelteElements(value)), 0);
}

/** Each piece of code, with how often it is written. */
type Code = Map<string, number>;
const add = (code: Code, raw: string) => {
  const piece = withoutWords(raw);
  code.set(piece, (code.get(piece) ?? 0) + 1);
};

/**
 * Code with the words of its strings left out (`{cond ? 'Buy' : 'Sell'}` reads `{cond ? '' : ''}`,
 * a template literal keeps only its `${…}`): an edit changing words inside a string changes no code.
 */
function withoutWords(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c !== '"' && c !== "'" && c !== '`') {
      out += c;
      continue;
    }
    out += c;
    for (i++; i < code.length && code[i] !== c; i++) {
      if (code[i] === '\\') i++;
      else if (c === '`' && code[i] === '$' && code[i + 1] === '{') {
        let depth = 0;
        for (; i < code.length; i++) {
          out += code[i];
          if (code[i] === '{') depth++;
          else if (code[i] === '}' && --depth === 0) break;
        }
      }
    }
    out += c;
  }
  return out;
}

/**
 * The first piece of code `after` holds that `before` did not, or more often than `before` when
 * no element was added: a copied link may repeat its code, new words never bring any.
 */
function newCode(before: Code, after: Code, elementsAdded: boolean): string | undefined {
  for (const [code, count] of after) if (!before.has(code) || (!elementsAdded && count > (before.get(code) ?? 0))) return code;
  return undefined;
}

const addsCode = (path: string, code: string) => `The edit would add template code to ${path} (${code.replace(/\s+/g, ' ').slice(0, 60)}), which would run instead of reading as words, so nothing was changed.`;

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

const elementsIn = (shape: Shape) => shape.filter((token) => token.startsWith('<') && !token.startsWith('</')).length;

/** The shapes differ only by whole elements added or removed (or not at all). */
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
  // Whole elements added (or removed) in several places: a menu written twice gets the same new link in each copy.
  let i = 0;
  let j = 0;
  while (j < longer.length) {
    if (i < shorter.length && shorter[i] === longer[j]) {
      i++;
      j++;
      continue;
    }
    const end = wholeElementEnd(longer, j);
    if (end < 0) return false;
    j = end;
  }
  return i === shorter.length;
}

/** Where the element (or `{…}`) opened at `start` ends, just after its closing token; -1 when `start` opens nothing. */
function wholeElementEnd(tokens: Shape, start: number): number {
  const first = tokens[start];
  if (first !== '{' && (!first.startsWith('<') || first.startsWith('</'))) return -1;
  const open: string[] = [];
  for (let end = start; end < tokens.length; end++) {
    const token = tokens[end];
    if (token === '{' || (token.startsWith('<') && !token.startsWith('</'))) open.push(token === '{' ? '}' : `</${token.slice(1)}`);
    else if (open.pop() !== token) return -1;
    if (open.length === 0) return end + 1;
  }
  return -1;
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
  const was = compiler.parse(before).ast;
  const now = compiler.parse(after).ast;
  const [wasShape, nowShape] = [astroShape(was), astroShape(now)];
  if (!sameStructure(wasShape, nowShape)) return unchangedShape(path);
  const added = newCode(astroCode(was), astroCode(now), elementsIn(nowShape) > elementsIn(wasShape));
  if (added) return addsCode(path, added);
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
  if (!sameStructure(shape(was), shape(now))) return unchangedShape(path);
  const code = (result: typeof was) => (result.descriptor.template?.ast ? vueCode(result.descriptor.template.ast as VueCodeNode) : new Map<string, number>());
  const added = newCode(code(was), code(now), elementsIn(shape(now)) > elementsIn(shape(was)));
  return added ? addsCode(path, added) : undefined;
}

function checkSvelte(path: string, before: string, after: string): string | undefined {
  try {
    const now = svelteCompiler().parse(after, { modern: true, filename: path }) as unknown as { fragment: unknown };
    let was: { fragment: unknown };
    try {
      was = svelteCompiler().parse(before, { modern: true, filename: path }) as unknown as { fragment: unknown };
    } catch {
      return undefined;
    }
    const added = newCode(svelteCode(before, was.fragment), svelteCode(after, now.fragment), svelteElements(now.fragment) > svelteElements(was.fragment));
    return added ? addsCode(path, added) : undefined;
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
