import { parseExpression } from '@babel/parser';
import { indexHtmlSeo, nuxtConfigHead } from './seo-places';
import { vueHeadCalls } from '../seo';
import type * as t from '@babel/types';
import type { Project, TemplateLanguage } from '../project';
import { routeHomes } from './react';
import { attribute, attributeName, container, element, emptyExpression, expressionAt, fragment, jsxName, jsxText, mapCall, stringValue, templateComponent } from '../templates/jsx-build';
import { openingTag } from '../templates/source-scan';
import { dependsOn, pageFiles, renderPageRoots, type SiteEntry, type StackAdapter } from './stack';

/**
 * Vue 3 single-file components (Vue + Vite, Nuxt 3). `@vue/compiler-sfc` reads the file; the
 * template is rendered as JSX over the file's own offsets: `v-for` as a `.map()`, `:href` and
 * `{{ … }}` as expressions, `v-html` as HTML, `v-if` branches kept (marked as conditional).
 */
interface VueLoc {
  start: { offset: number };
  end: { offset: number };
}
interface VueExpression {
  content: string;
  loc: VueLoc;
}
interface VueProp {
  type: number;
  name: string;
  loc: VueLoc;
  value?: VueExpression;
  arg?: VueExpression;
  exp?: VueExpression;
}
interface VueNode {
  type: number;
  tag?: string;
  loc: VueLoc;
  props?: VueProp[];
  children?: VueNode[];
  content?: VueExpression | string;
  isSelfClosing?: boolean;
}
interface SfcBlock {
  content: string;
  loc: VueLoc;
  lang?: string;
  ast?: VueNode;
}
interface SfcParse {
  descriptor: { template: SfcBlock | null; script: SfcBlock | null; scriptSetup: SfcBlock | null };
  errors: Array<{ message: string; loc?: VueLoc }>;
}

type VueCompiler = { parse(source: string, options?: { filename?: string }): SfcParse };
let compiler: VueCompiler | undefined;
/** Loaded on first use. */
export function vueCompiler(): VueCompiler {
  compiler ??= require('@vue/compiler-sfc') as VueCompiler;
  return compiler;
}

const NODE = { element: 1, text: 2, comment: 3, interpolation: 5 } as const;
const PROP = { attribute: 6, directive: 7 } as const;

/** Parses by file text, so the script scan and the template rendering of one file parse it once. */
const parsed = new Map<string, SfcParse>();
export function parseSfc(text: string, file: string): SfcParse {
  const cached = parsed.get(text);
  if (cached) return cached;
  const result = vueCompiler().parse(text, { filename: file });
  parsed.set(text, result);
  if (parsed.size > 200) parsed.delete(parsed.keys().next().value as string);
  return result;
}

class Converter {
  constructor(private readonly text: string) {}

  children(nodes: readonly VueNode[]): t.JSXElement['children'] {
    const out: t.JSXElement['children'] = [];
    for (const node of nodes) {
      const built = this.node(node);
      if (built) out.push(built);
    }
    return out;
  }

  private node(node: VueNode): t.JSXElement['children'][number] | undefined {
    const range = { start: node.loc.start.offset, end: node.loc.end.offset };
    if (node.type === NODE.text) return jsxText(this.text, range);
    if (node.type === NODE.interpolation && typeof node.content === 'object') {
      const inner = { start: node.content.loc.start.offset, end: node.content.loc.end.offset };
      return container(expressionAt(this.text, inner, [], { typescript: true }) ?? emptyExpression(inner), range);
    }
    if (node.type !== NODE.element) return undefined;
    const loop = node.props?.find((p) => p.type === PROP.directive && p.name === 'for');
    const built = this.element(node);
    if (!built) return undefined;
    if (loop?.exp) {
      const each = forExpression(this.text, loop.exp);
      if (each) return container(mapCall(each.items, each.item, fragment([built], range), range), range);
    }
    return built;
  }

  private element(node: VueNode): t.JSXElement | t.JSXFragment | undefined {
    const tag = node.tag ?? '';
    const start = node.loc.start.offset;
    const end = node.loc.end.offset;
    if (tag === 'script' || tag === 'style') return undefined;
    const opening = openingTag(this.text, start);
    if (!opening) return undefined;
    const attributes: t.JSXAttribute[] = [];
    let html: t.Expression | undefined;
    let conditional: string | undefined;
    for (const prop of node.props ?? []) {
      const propRange = { start: prop.loc.start.offset, end: prop.loc.end.offset };
      if (prop.type === PROP.attribute) {
        const nameRange = { start: propRange.start, end: propRange.start + prop.name.length };
        const value = prop.value ? stringValue(this.text, { start: prop.value.loc.start.offset + 1, end: prop.value.loc.end.offset - 1 }, prop.value.content) : null;
        attributes.push(attribute(attributeName(prop.name, nameRange), value, propRange));
        continue;
      }
      const exp = prop.exp ? { start: prop.exp.loc.start.offset, end: prop.exp.loc.end.offset } : undefined;
      if (prop.name === 'if' || prop.name === 'else-if' || prop.name === 'else' || prop.name === 'show') conditional = prop.exp?.content ?? prop.name;
      if (prop.name === 'html' && exp) html = expressionAt(this.text, exp);
      if (prop.name === 'bind' && prop.arg && exp && /^[\w-]+$/.test(prop.arg.content)) {
        const expression = expressionAt(this.text, exp) ?? emptyExpression(exp);
        // `:class` beside a static `class` only adds classes under conditions: the static one is the element's.
        const name = prop.arg.content === 'class' && node.props?.some((p) => p.type === PROP.attribute && p.name === 'class') ? 'data-bound-class' : prop.arg.content;
        attributes.push(attribute(attributeName(name, { start: prop.arg.loc.start.offset, end: prop.arg.loc.end.offset }), container(expression, exp), propRange));
      }
    }
    if (conditional !== undefined) attributes.push(attribute(attributeName('data-valine-if', { start, end: start }), stringValue(this.text, { start: start + 1, end: start + 1 }, conditional), { start, end: start }));
    const children = html ? [container(html, { start: html.start ?? start, end: html.end ?? start }, true)] : this.children(node.children ?? []);
    // `<template v-if>` / `<template v-for>` group their children without an element of their own.
    if (tag === 'template') return fragment(children, { start, end });
    const selfClosing = opening.selfClosing || node.isSelfClosing === true;
    return element(jsxName(vueTag(tag), { start: start + 1, end: opening.nameEnd }), attributes, children, { element: { start, end }, opening: { start, end: opening.end }, selfClosing });
  }
}

/** `<nuxt-link>` is the component `NuxtLink`; `<router-link>` is `RouterLink`. */
function vueTag(tag: string): string {
  return /-/.test(tag) && /^[a-z]/.test(tag) && !/^(?:font-face|missing-glyph|annotation-xml|color-profile)$/.test(tag) && KNOWN_KEBAB.has(tag) ? pascal(tag) : tag;
}
const KNOWN_KEBAB = new Set(['nuxt-link', 'router-link', 'router-view', 'nuxt-page', 'nuxt-layout']);
const pascal = (name: string) => name.replace(/(?:^|[-_/])(\w)/g, (_, c: string) => c.toUpperCase());

/** `item in items`, `(item, index) of items`: the list and the loop variable. */
function forExpression(text: string, exp: VueExpression): { items: t.Expression; item: t.LVal } | undefined {
  const match = /^\s*(\(?[\s\S]*?\)?)\s+(?:in|of)\s+([\s\S]+?)\s*$/.exec(exp.content);
  if (!match) return undefined;
  const listStart = exp.loc.start.offset + exp.content.indexOf(match[2], match[1].length);
  const items = expressionAt(text, { start: listStart, end: listStart + match[2].length });
  if (!items) return undefined;
  try {
    const alias = match[1].trim().replace(/^\((.*)\)$/s, '$1');
    const fn = parseExpression(`(${alias}) => 0`, { plugins: ['typescript'] });
    const item = fn.type === 'ArrowFunctionExpression' ? (fn.params[0] as t.LVal | undefined) : undefined;
    return item ? { items, item } : undefined;
  } catch {
    return undefined;
  }
}

/** The props a component declares with `defineProps` (and their `withDefaults`), as the component's parameters. */
function propsParams(project: Project, file: string): t.ArrowFunctionExpression['params'] {
  const ast = project.ast(file);
  const names = new Map<string, t.Expression | undefined>();
  let defaults: t.ObjectExpression | undefined;
  const visit = (node: t.Node | null | undefined) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      if (node.callee.name === 'withDefaults' && node.arguments[1]?.type === 'ObjectExpression') defaults = node.arguments[1];
      if (node.callee.name === 'defineProps') {
        const argument = node.arguments[0];
        if (argument?.type === 'ObjectExpression') for (const p of argument.properties) if (p.type === 'ObjectProperty' && p.key.type === 'Identifier') names.set(p.key.name, undefined);
        if (argument?.type === 'ArrayExpression') for (const e of argument.elements) if (e?.type === 'StringLiteral') names.set(e.value, undefined);
        const typed = node.typeParameters?.params[0];
        if (typed?.type === 'TSTypeLiteral') for (const m of typed.members) if (m.type === 'TSPropertySignature' && m.key.type === 'Identifier') names.set(m.key.name, undefined);
      }
    }
    for (const key of Object.keys(node) as Array<keyof t.Node>) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) value.forEach((v) => visit(v as t.Node));
      else if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') visit(value as t.Node);
    }
  };
  visit(ast?.program);
  for (const p of defaults?.properties ?? []) if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && names.has(p.key.name)) names.set(p.key.name, p.value as t.Expression);
  const properties = [...names].map(([name, fallback]) => {
    const key = { type: 'Identifier', name } as t.Identifier;
    const value = fallback ? ({ type: 'AssignmentPattern', left: { type: 'Identifier', name }, right: fallback } as t.AssignmentPattern) : key;
    return { type: 'ObjectProperty', key, value, computed: false, shorthand: true } as t.ObjectProperty;
  });
  return [{ type: 'ObjectPattern', properties } as t.ObjectPattern, { type: 'Identifier', name: 'props' } as t.Identifier];
}

export const VUE_LANGUAGE: TemplateLanguage = {
  scripts(text, file) {
    const result = parseSfc(text, file);
    return [result.descriptor.script, result.descriptor.scriptSetup]
      .filter((b): b is SfcBlock => b !== null)
      .map((b) => ({ start: b.loc.start.offset, end: b.loc.end.offset, jsx: b.lang === 'tsx' || b.lang === 'jsx' }));
  },
  component(project, file) {
    const text = project.text(file);
    const template = text === undefined ? undefined : parseSfc(text, file).descriptor.template;
    if (text === undefined || !template?.ast) return undefined;
    const range = { start: template.loc.start.offset, end: template.loc.end.offset };
    const body = fragment(new Converter(text).children(template.ast.children ?? []), range);
    return templateComponent(propsParams(project, file), body);
  },
};

/** Nuxt's components folder: `components/AppHeader.vue` is `<AppHeader>`, `components/base/Button.vue` is `<BaseButton>`. */
function registerNuxtComponents(project: Project): void {
  for (const file of project.files.keys()) {
    const match = /^(?:src\/)?components\/(.+)\.vue$/.exec(file);
    if (!match) continue;
    const parts = match[1].split('/').map(pascal);
    const name = parts.reduce((joined, part) => (joined.endsWith(part) ? joined : joined && part.startsWith(joined) ? part : joined + part), '').replace(/Index$/, '') || parts[parts.length - 1];
    if (!project.autoComponents.has(name)) project.autoComponents.set(name, file);
  }
}

function stylesheets(project: Project, files: readonly string[]): string[] {
  const reached = [...project.reachable(files)].filter((f) => /\.(?:css|scss)$/.test(f));
  const assets = [...project.files.keys()].filter((f) => /^(?:src\/)?assets\/.*\.(?:css|scss)$/.test(f));
  return [...new Set([...reached, ...assets])];
}

export const nuxt: StackAdapter = {
  name: 'Nuxt',
  detect: (project) => dependsOn(project, 'nuxt') || [...project.files.keys()].some((f) => /^nuxt\.config\.[cm]?[jt]s$/.test(f)),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.vue': VUE_LANGUAGE });
    registerNuxtComponents(project);
    const prefix = project.files.has('src/app.vue') || [...project.files.keys()].some((f) => f.startsWith('src/pages/')) ? 'src/' : '';
    const pages = pageFiles(project, `${prefix}pages`, ['.vue']);
    const home = pages.find((p) => p.route === '/');
    const app = [`${prefix}app.vue`, `${prefix}App.vue`].find((f) => project.files.has(f));
    const layout = project.files.has(`${prefix}layouts/default.vue`) ? `${prefix}layouts/default.vue` : undefined;
    if (!home && !app) return undefined;
    const files = [app, layout, home?.file].filter((f): f is string => f !== undefined);
    const roots = renderPageRoots(project, files);
    const seo = [...[app, layout].flatMap((f) => (f ? vueHeadCalls(project, f) : [])), ...(home ? vueHeadCalls(project, home.file, '/') : []), ...nuxtConfigHead(project)];
    return {
      seo,
      framework: 'Nuxt',
      roots,
      ...(home ? { homeFile: home.file } : {}),
      entries: files,
      stylesheets: stylesheets(project, files),
      pages,
      renderPage: (page) => renderPageRoots(project, [app, layout, page.file].filter((f): f is string => f !== undefined)),
    };
  },
};

/** Vue 3 + Vite: `index.html` → `src/main.ts` → `createApp(App)`, with vue-router's home route when there is one. */
export const vueSpa: StackAdapter = {
  name: 'Vue',
  detect: (project) => dependsOn(project, 'vue') && !dependsOn(project, 'nuxt'),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.vue': VUE_LANGUAGE });
    const entry = ['src/main.ts', 'src/main.js', 'src/main.mts'].find((f) => project.files.has(f));
    if (!entry) return undefined;
    const app = /createApp\(\s*([A-Z]\w*)/.exec(project.text(entry) ?? '')?.[1];
    const appFile = app ? project.importsOf(entry).get(app)?.file : undefined;
    if (!appFile) return undefined;
    const home = routeHomes(project, [...project.reachable([entry])]);
    const files = home ? [appFile, ...home.layouts, home.page] : [appFile];
    const roots = renderPageRoots(project, files);
    return { framework: 'Vue', roots, homeFile: files[files.length - 1], entries: [entry], stylesheets: stylesheets(project, [entry]), seo: [...indexHtmlSeo(project), ...files.flatMap((f) => vueHeadCalls(project, f))] };
  },
};
