import { parseExpression } from '@babel/parser';
import { indexHtmlSeo } from './seo-places';
import type * as t from '@babel/types';
import type { Project, TemplateLanguage } from '../project';
import { exported, objectProperty, unwrap } from '../resolve';
import { attribute, attributeName, container, element, emptyExpression, expressionAt, fragment, jsxName, jsxText, mapCall, spreadAttribute, stringValue, templateComponent } from '../templates/jsx-build';
import { byRoute, dependsOn, type PageFile, renderPageRoots, type SiteEntry, type StackAdapter } from './stack';

/**
 * Svelte 4/5 components and SvelteKit routes. `svelte/compiler` reads the file; the markup is
 * rendered as JSX over the file's own offsets: `{#each}` as a `.map()`, `{#if}` branches kept
 * and marked as conditional, `{@html}` as HTML, `<svelte:head>` with its `<title>` and `<meta>`.
 */
interface Located {
  start: number;
  end: number;
}
interface SvelteNode extends Located {
  type: string;
  name?: string;
  raw?: string;
  data?: string;
  attributes?: SvelteAttribute[];
  fragment?: { nodes: SvelteNode[] };
  expression?: Located;
  context?: Located;
  body?: { nodes: SvelteNode[] };
  fallback?: { nodes: SvelteNode[] } | null;
  consequent?: { nodes: SvelteNode[] };
  alternate?: { nodes: SvelteNode[] } | null;
}
interface SvelteAttribute extends Located {
  type: string;
  name?: string;
  value?: true | SvelteNode | SvelteNode[];
  expression?: Located;
}
interface SvelteRoot {
  fragment: { nodes: SvelteNode[] };
  instance?: { content: Located & { body?: unknown[] } } | null;
  module?: { content: Located } | null;
}

type SvelteCompiler = { parse(source: string, options: { modern: true; filename?: string }): SvelteRoot };
let compiler: SvelteCompiler | undefined;
/** Loaded on first use. */
export function svelteCompiler(): SvelteCompiler {
  compiler ??= require('svelte/compiler') as SvelteCompiler;
  return compiler;
}

const parsed = new Map<string, SvelteRoot>();
export function parseSvelte(text: string, file: string): SvelteRoot {
  const cached = parsed.get(text);
  if (cached) return cached;
  const result = svelteCompiler().parse(text, { modern: true, filename: file });
  parsed.set(text, result);
  if (parsed.size > 200) parsed.delete(parsed.keys().next().value as string);
  return result;
}

const conditionMark = (at: number, condition: string, text: string) => attribute(attributeName('data-valine-if', { start: at, end: at }), stringValue(text, { start: at + 1, end: at + 1 }, condition), { start: at, end: at });

class Converter {
  constructor(private readonly text: string) {}

  nodes(nodes: readonly SvelteNode[], condition?: string): t.JSXElement['children'] {
    const out: t.JSXElement['children'] = [];
    for (const node of nodes) out.push(...this.node(node, condition));
    return out;
  }

  private node(node: SvelteNode, condition?: string): t.JSXElement['children'] {
    const range = { start: node.start, end: node.end };
    switch (node.type) {
      case 'Text':
        return [jsxText(this.text, range)];
      case 'ExpressionTag':
      case 'HtmlTag': {
        const inner = node.expression ? { start: node.expression.start, end: node.expression.end } : range;
        return [container(expressionAt(this.text, inner) ?? emptyExpression(inner), range, node.type === 'HtmlTag')];
      }
      case 'IfBlock': {
        const test = node.expression ? this.text.slice(node.expression.start, node.expression.end) : 'if';
        return [...this.nodes(node.consequent?.nodes ?? [], test), ...this.nodes(node.alternate?.nodes ?? [], `!(${test})`)];
      }
      case 'EachBlock': {
        const items = node.expression ? expressionAt(this.text, node.expression) : undefined;
        const item = node.context ? pattern(this.text.slice(node.context.start, node.context.end)) : undefined;
        const body = fragment(this.nodes(node.body?.nodes ?? [], condition), range);
        if (!items || !item) return [body];
        return [container(mapCall(items, item, body, range), range)];
      }
      case 'KeyBlock':
      case 'AwaitBlock':
        return this.nodes(node.fragment?.nodes ?? [], condition);
      case 'SnippetBlock': {
        // `{#snippet title()}…{/snippet}` passed to a component: the content of its slot `title`.
        const name = node.expression ? this.text.slice(node.expression.start, node.expression.end) : 'default';
        const slot = attribute(attributeName('slot', { start: node.start, end: node.start }), stringValue(this.text, { start: node.start + 1, end: node.start + 1 }, name), { start: node.start, end: node.start });
        return [element(jsxName('svelte:fragment', { start: node.start, end: node.start }), [slot], this.nodes(node.body?.nodes ?? [], condition), { element: range, opening: { start: node.start, end: node.start }, selfClosing: false })];
      }
      case 'RenderTag': {
        // `{@render title()}` (`title?.()`, `children()`): where the component shows its slot, read as `<slot name="title" />`.
        const call = node.expression ? /^\s*([A-Za-z_$][\w$]*)\s*(?:\?\.)?\s*\(/.exec(this.text.slice(node.expression.start, node.expression.end)) : null;
        if (!call) return [];
        const name = attribute(attributeName('name', { start: node.start, end: node.start }), stringValue(this.text, { start: node.start + 1, end: node.start + 1 }, call[1]), { start: node.start, end: node.start });
        return [element(jsxName('slot', { start: node.start, end: node.start }), [name], [], { element: range, opening: range, selfClosing: true })];
      }
      case 'RegularElement':
      case 'Component':
      case 'SvelteHead':
      case 'TitleElement':
      case 'SvelteElement':
      case 'SvelteFragment':
      case 'SlotElement':
        return [this.element(node, condition)];
      default:
        return [];
    }
  }

  private element(node: SvelteNode, condition?: string): t.JSXElement {
    const name = node.name ?? 'div';
    const attributes: Array<t.JSXAttribute | t.JSXSpreadAttribute> = [];
    let html: t.Expression | undefined;
    for (const a of node.attributes ?? []) {
      const range = { start: a.start, end: a.end };
      // `{...headerData}`: the object's properties are the props.
      const spread = a.type === 'SpreadAttribute' && a.expression ? expressionAt(this.text, a.expression) : undefined;
      if (spread) attributes.push(spreadAttribute(spread, range));
      if (a.type !== 'Attribute' || !a.name) continue;
      const nameRange = { start: a.start, end: a.start + a.name.length };
      const value = a.value;
      if (value === true || value === undefined) {
        attributes.push(attribute(attributeName(a.name, nameRange), null, range));
      } else if (Array.isArray(value) && value.length === 1 && value[0].type === 'Text') {
        attributes.push(attribute(attributeName(a.name, nameRange), stringValue(this.text, value[0], value[0].data), range));
      } else if (Array.isArray(value) && value.length > 0) {
        attributes.push(attribute(attributeName(a.name, nameRange), container(this.mixed(value), { start: value[0].start, end: value[value.length - 1].end }), range));
      } else {
        const tag = (Array.isArray(value) ? value[0] : value) as SvelteNode;
        const inner = tag.expression ?? tag;
        // `{name}` shorthand: the attribute's name is the expression.
        attributes.push(attribute(attributeName(a.name, nameRange), container(expressionAt(this.text, inner) ?? emptyExpression(inner), tag), range));
      }
    }
    if (condition !== undefined) attributes.push(conditionMark(node.start, condition, this.text));
    const children = html ? [container(html, { start: node.start, end: node.start }, true)] : this.nodes(node.fragment?.nodes ?? []);
    const close = this.text.lastIndexOf('</', node.end);
    const selfClosing = close < node.start || !this.text.slice(close, node.end).startsWith(`</${name}`);
    const openingEnd = selfClosing ? node.end : this.openingEnd(node);
    return element(jsxName(name, { start: node.start + 1, end: node.start + 1 + name.length }), attributes, children, { element: { start: node.start, end: node.end }, opening: { start: node.start, end: openingEnd }, selfClosing });
  }

  /** The `>` ending the opening tag: after the last attribute. */
  private openingEnd(node: SvelteNode): number {
    const last = (node.attributes ?? []).reduce((end, a) => Math.max(end, a.end), node.start + 1 + (node.name ?? '').length);
    const gt = this.text.indexOf('>', last);
    return gt < 0 ? node.end : gt + 1;
  }

  /** `class="card {active} wide"`: the literal parts as a template literal's chunks, the rest as its expressions. */
  private mixed(parts: readonly SvelteNode[]): t.TemplateLiteral {
    const quasis: t.TemplateElement[] = [];
    const expressions: t.Expression[] = [];
    for (const part of parts) {
      if (part.type === 'Text') {
        quasis.push({ type: 'TemplateElement', value: { raw: part.raw ?? '', cooked: part.data ?? '' }, tail: false, start: part.start, end: part.end } as t.TemplateElement);
      } else {
        if (quasis.length === expressions.length) quasis.push({ type: 'TemplateElement', value: { raw: '', cooked: '' }, tail: false, start: part.start, end: part.start } as t.TemplateElement);
        const inner = part.expression ?? part;
        expressions.push(expressionAt(this.text, inner) ?? ({ type: 'Identifier', name: 'undefined' } as t.Identifier));
      }
    }
    if (quasis.length === expressions.length) quasis.push({ type: 'TemplateElement', value: { raw: '', cooked: '' }, tail: true, start: parts[parts.length - 1].end, end: parts[parts.length - 1].end } as t.TemplateElement);
    return { type: 'TemplateLiteral', quasis, expressions, start: parts[0].start, end: parts[parts.length - 1].end } as t.TemplateLiteral;
  }
}

function pattern(source: string): t.LVal | undefined {
  try {
    const fn = parseExpression(`(${source}) => 0`, { plugins: ['typescript'] });
    return fn.type === 'ArrowFunctionExpression' ? (fn.params[0] as t.LVal | undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** Svelte 5 `let { title = '…' } = $props()`, Svelte 4 `export let title = '…'`: the component's props as its parameters. */
function propsParams(project: Project, file: string): t.ArrowFunctionExpression['params'] {
  const ast = project.ast(file);
  const properties: t.ObjectProperty[] = [];
  for (const statement of ast?.program.body ?? []) {
    const exported = statement.type === 'ExportNamedDeclaration' ? statement.declaration : undefined;
    const declaration = exported ?? statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      const init = d.init;
      if (d.id.type === 'ObjectPattern' && init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === '$props') return [d.id];
      if (exported && d.id.type === 'Identifier') {
        const key = { type: 'Identifier', name: d.id.name } as t.Identifier;
        const value = init ? ({ type: 'AssignmentPattern', left: key, right: init } as t.AssignmentPattern) : key;
        properties.push({ type: 'ObjectProperty', key, value, computed: false, shorthand: true } as t.ObjectProperty);
      }
    }
  }
  return properties.length > 0 ? [{ type: 'ObjectPattern', properties } as t.ObjectPattern] : [];
}

export const SVELTE_LANGUAGE: TemplateLanguage = {
  scripts(text, file) {
    const root = parseSvelte(text, file);
    return [root.instance?.content, root.module?.content].filter((c): c is Located => c !== undefined && c !== null).map((c) => ({ start: c.start, end: c.end }));
  },
  component(project, file) {
    const text = project.text(file);
    if (text === undefined) return undefined;
    const root = parseSvelte(text, file);
    const body = fragment(new Converter(text).nodes(root.fragment.nodes), { start: 0, end: text.length });
    return templateComponent(propsParams(project, file), body);
  },
};

/** SvelteKit routes: `src/routes/(group)/pricing/+page.svelte` is `/pricing`, inside each `+layout.svelte` on its way. */
function kitPages(project: Project): PageFile[] {
  const pages: PageFile[] = [];
  for (const file of project.files.keys()) {
    const match = /^src\/routes\/(?:(.*)\/)?\+page\.svelte$/.exec(file);
    if (!match) continue;
    const parts = (match[1] ?? '').split('/').filter((p) => p !== '' && !/^\(.*\)$/.test(p));
    pages.push({ route: `/${parts.join('/')}`, file });
  }
  return pages.sort(byRoute);
}

function layoutsOf(project: Project, page: string): string[] {
  const folders = page.split('/').slice(0, -1);
  const layouts: string[] = [];
  for (let i = 2; i <= folders.length; i++) {
    const layout = `${folders.slice(0, i).join('/')}/+layout.svelte`;
    if (project.files.has(layout)) layouts.push(layout);
  }
  return layouts;
}

const SVELTE_CONFIG_FILES = ['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts'];

/** A string property of an object literal in the config. */
function configString(object: t.Node | null | undefined, key: string): string | undefined {
  const value = object?.type === 'ObjectExpression' ? unwrap(objectProperty(object, key)?.value) : undefined;
  return value?.type === 'StringLiteral' ? value.value : undefined;
}

/**
 * SvelteKit's import aliases, which no committed tsconfig names (it extends the generated
 * `.svelte-kit/tsconfig.json`): `$lib` is `src/lib` (or `kit.files.lib`), plus `kit.alias` in `svelte.config.js`.
 */
function kitAliases(project: Project): Array<{ prefix: string; folder: string }> {
  const file = SVELTE_CONFIG_FILES.find((f) => project.files.has(f));
  const config = file ? unwrap(exported(project, file, 'default')?.node) : undefined;
  const kit = config?.type === 'ObjectExpression' ? unwrap(objectProperty(config, 'kit')?.value) : undefined;
  const files = kit?.type === 'ObjectExpression' ? unwrap(objectProperty(kit, 'files')?.value) : undefined;
  const aliases = [{ prefix: '$lib', folder: (configString(files, 'lib') ?? 'src/lib').replace(/^\.\//, '').replace(/\/$/, '') }];
  const alias = kit?.type === 'ObjectExpression' ? unwrap(objectProperty(kit, 'alias')?.value) : undefined;
  for (const property of alias?.type === 'ObjectExpression' ? alias.properties : []) {
    if (property.type !== 'ObjectProperty') continue;
    const name = property.key.type === 'StringLiteral' ? property.key.value : property.key.type === 'Identifier' ? property.key.name : undefined;
    const target = unwrap(property.value);
    // `'$utils/*': 'src/utils/*'` and `$utils: 'src/utils'` are the same folder.
    if (name && target?.type === 'StringLiteral') aliases.push({ prefix: name.replace(/\/\*$/, ''), folder: target.value.replace(/^\.\//, '').replace(/\/\*?$/, '') });
  }
  return aliases;
}

const aliased = new WeakSet<Project>();
/** Imports through `$lib/…` (and the config's aliases) resolve to the repository's files, once per project. */
function useKitAliases(project: Project): void {
  if (aliased.has(project)) return;
  aliased.add(project);
  const aliases = kitAliases(project);
  const resolve = project.resolve.bind(project);
  project.resolve = (from, specifier) => {
    const alias = aliases.find((a) => specifier === a.prefix || specifier.startsWith(`${a.prefix}/`));
    // A leading `/` is a path from the repository's root.
    return resolve(from, alias ? `/${alias.folder}${specifier.slice(alias.prefix.length)}` : specifier);
  };
}

export const sveltekit: StackAdapter = {
  name: 'SvelteKit',
  detect: (project) => dependsOn(project, '@sveltejs/kit') || [...project.files.keys()].some((f) => /^src\/routes\/.*\+page\.svelte$/.test(f)),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.svelte': SVELTE_LANGUAGE });
    useKitAliases(project);
    const pages = kitPages(project);
    const home = pages.find((p) => p.route === '/');
    if (!home) return undefined;
    const files = [...layoutsOf(project, home.file), home.file];
    const stylesheets = [...new Set([...project.reachable(files)].filter((f) => /\.(?:css|scss)$/.test(f)).concat(['src/app.css', 'src/app.pcss'].filter((f) => project.files.has(f))))];
    return {
      framework: 'SvelteKit',
      roots: renderPageRoots(project, files),
      homeFile: home.file,
      entries: files,
      stylesheets,
      pages,
      renderPage: (page) => renderPageRoots(project, [...layoutsOf(project, page.file), page.file]),
    };
  },
};

/** Svelte + Vite: `src/main.ts` mounts `App.svelte` (`new App({ target })` or `mount(App, …)`). */
export const svelteSpa: StackAdapter = {
  name: 'Svelte',
  detect: (project) => dependsOn(project, 'svelte') && !dependsOn(project, '@sveltejs/kit'),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.svelte': SVELTE_LANGUAGE });
    const entry = ['src/main.ts', 'src/main.js'].find((f) => project.files.has(f));
    const name = entry ? /(?:new\s+([A-Z]\w*)\s*\(|mount\(\s*([A-Z]\w*))/.exec(project.text(entry) ?? '') : undefined;
    const app = entry && name ? project.importsOf(entry).get(name[1] ?? name[2])?.file : undefined;
    if (!entry || !app) return undefined;
    return { framework: 'Svelte', roots: renderPageRoots(project, [app]), homeFile: app, entries: [entry], stylesheets: [...project.reachable([entry])].filter((f) => /\.(?:css|scss)$/.test(f)), seo: indexHtmlSeo(project) };
  },
};
