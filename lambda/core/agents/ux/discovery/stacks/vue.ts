import { childNodes } from '../ast';
import { parseExpression } from '@babel/parser';
import { indexHtmlSeo, nuxtConfigHead } from './seo-places';
import { vueHeadCalls } from '../seo';
import type * as t from '@babel/types';
import { SCRIPT_FILE, type Project, type TemplateLanguage } from '../project';
import { objectProperty, resolveExpression, unwrap } from '../resolve';
import { attribute, attributeName, container, element, emptyExpression, expressionAt, fragment, jsxName, jsxText, mapCall, spreadAttribute, stringValue, templateComponent } from '../templates/jsx-build';
import { openingTag } from '../templates/source-scan';
import { dependsOn, pageFiles, renderPageRoots, type PageFile, type SiteEntry, type StackAdapter } from './stack';

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

/** Every call of a function named `name` under `root` (a `<script setup>`'s `defineProps`, a router's `createRouter`), outermost first. */
function callsOf(root: t.Node | null | undefined, name: RegExp): t.CallExpression[] {
  const found: t.CallExpression[] = [];
  const visit = (node: t.Node | null | undefined) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && name.test(node.callee.name)) found.push(node);
    for (const child of childNodes(node)) visit(child);
  };
  visit(root);
  return found;
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
    const attributes: Array<t.JSXAttribute | t.JSXSpreadAttribute> = [];
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
      // `v-bind="headerData"`: the object's properties are the props.
      const spread = prop.name === 'bind' && !prop.arg && exp ? expressionAt(this.text, exp) : undefined;
      if (spread) attributes.push(spreadAttribute(spread, propRange));
      if (prop.name === 'bind' && prop.arg && exp && /^[\w-]+$/.test(prop.arg.content)) {
        const expression = expressionAt(this.text, exp) ?? emptyExpression(exp);
        // `:class` beside a static `class` only adds classes under conditions: the static one is the element's.
        const name = prop.arg.content === 'class' && node.props?.some((p) => p.type === PROP.attribute && p.name === 'class') ? 'data-bound-class' : prop.arg.content;
        attributes.push(attribute(attributeName(name, { start: prop.arg.loc.start.offset, end: prop.arg.loc.end.offset }), container(expression, exp), propRange));
      }
    }
    if (conditional !== undefined) attributes.push(attribute(attributeName('data-valine-if', { start, end: start }), stringValue(this.text, { start: start + 1, end: start + 1 }, conditional), { start, end: start }));
    const children = html ? [container(html, { start: html.start ?? start, end: html.end ?? start }, true)] : this.children(node.children ?? []);
    // `<template #title>` (`v-slot:title`) passes its children to the component's slot `title`.
    const slot = tag === 'template' ? node.props?.find((p) => p.type === PROP.directive && p.name === 'slot') : undefined;
    if (slot) {
      const name = slot.arg && /^[\w-]+$/.test(slot.arg.content) ? slot.arg.content : 'default';
      const named = attribute(attributeName('slot', { start, end: start }), stringValue(this.text, { start: start + 1, end: start + 1 }, name), { start, end: start });
      return element(jsxName('template', { start: start + 1, end: opening.nameEnd }), [named], children, { element: { start, end }, opening: { start, end: opening.end }, selfClosing: false });
    }
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
  const names = new Map<string, t.Expression | undefined>();
  let defaults: t.ObjectExpression | undefined;
  for (const call of callsOf(project.ast(file)?.program, /^(?:withDefaults|defineProps)$/)) {
    if ((call.callee as t.Identifier).name === 'withDefaults') {
      if (call.arguments[1]?.type === 'ObjectExpression') defaults = call.arguments[1];
      continue;
    }
    const argument = call.arguments[0];
    if (argument?.type === 'ObjectExpression') for (const p of argument.properties) if (p.type === 'ObjectProperty' && p.key.type === 'Identifier') names.set(p.key.name, undefined);
    if (argument?.type === 'ArrayExpression') for (const e of argument.elements) if (e?.type === 'StringLiteral') names.set(e.value, undefined);
    const typed = call.typeParameters?.params[0];
    if (typed?.type === 'TSTypeLiteral') for (const m of typed.members) if (m.type === 'TSPropertySignature' && m.key.type === 'Identifier') names.set(m.key.name, undefined);
  }
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

/** Nuxt's source folder: `srcDir` in nuxt.config, else `app/` (Nuxt 4), `src/` or the repository root (Nuxt 3). */
function nuxtSourceDir(project: Project): string {
  const config = ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs'].map((f) => project.text(f)).find((text) => text !== undefined) ?? '';
  const configured = /\bsrcDir\s*:\s*['"`]\.?\/?([^'"`]*)['"`]/.exec(config)?.[1];
  if (configured !== undefined) return configured === '' ? '' : `${configured.replace(/\/$/, '')}/`;
  const files = [...project.files.keys()];
  return ['app/', 'src/'].find((dir) => project.files.has(`${dir}app.vue`) || files.some((f) => f.startsWith(`${dir}pages/`))) ?? '';
}

/** Nuxt's components folder: `components/AppHeader.vue` is `<AppHeader>`, `components/base/Button.vue` is `<BaseButton>`. */
function registerNuxtComponents(project: Project, dir: string): void {
  for (const file of project.files.keys()) {
    if (!file.startsWith(`${dir}components/`) || !file.endsWith('.vue')) continue;
    const parts = file.slice(`${dir}components/`.length, -'.vue'.length).split('/').map(pascal);
    const name = parts.reduce((joined, part) => (joined.endsWith(part) ? joined : joined && part.startsWith(joined) ? part : joined + part), '').replace(/Index$/, '') || parts[parts.length - 1];
    if (!project.autoComponents.has(name)) project.autoComponents.set(name, file);
  }
}

function stylesheets(project: Project, files: readonly string[]): string[] {
  const reached = [...project.reachable(files)].filter((f) => /\.(?:css|scss)$/.test(f));
  const assets = [...project.files.keys()].filter((f) => /^(?:src\/|app\/)?assets\/.*\.(?:css|scss)$/.test(f));
  return [...new Set([...reached, ...assets])];
}

/** `definePageMeta({ layout: 'marketing' })` in a page: the layout's name, `false` for none, undefined when the page does not say. */
function pageLayoutName(project: Project, file: string): string | false | undefined {
  const meta = callsOf(project.ast(file)?.program, /^definePageMeta$/)[0]?.arguments[0];
  const layout = meta?.type === 'ObjectExpression' ? unwrap(objectProperty(meta, 'layout')?.value) : undefined;
  if (layout?.type === 'StringLiteral') return layout.value;
  return layout?.type === 'BooleanLiteral' && !layout.value ? false : undefined;
}

/**
 * The layout a page is shown in: none when `app.vue` renders no `<NuxtLayout>` (a `layouts/` folder
 * it never uses is dead code), else the page's `definePageMeta` layout, the `<NuxtLayout name>`, or `default`.
 */
function nuxtLayout(project: Project, dir: string, app: string | undefined, page: string | undefined): string | undefined {
  const appText = app ? (project.text(app) ?? '') : undefined;
  const tag = appText === undefined ? '' : /<(?:NuxtLayout|nuxt-layout)\b([^>]*)>/.exec(appText)?.[1];
  // Without an app.vue, Nuxt's own renders `<NuxtLayout><NuxtPage /></NuxtLayout>`.
  if (tag === undefined) return undefined;
  const chosen = page ? pageLayoutName(project, page) : undefined;
  if (chosen === false) return undefined;
  const name = chosen ?? /\bname=["']([\w-]+)["']/.exec(tag)?.[1] ?? 'default';
  return [`${dir}layouts/${name}.vue`, `${dir}layouts/${name.replace(/-/g, '/')}.vue`].find((f) => project.files.has(f));
}

export const nuxt: StackAdapter = {
  name: 'Nuxt',
  detect: (project) => dependsOn(project, 'nuxt') || [...project.files.keys()].some((f) => /^nuxt\.config\.[cm]?[jt]s$/.test(f)),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.vue': VUE_LANGUAGE });
    const dir = nuxtSourceDir(project);
    registerNuxtComponents(project, dir);
    const pages = pageFiles(project, `${dir}pages`, ['.vue']);
    const home = pages.find((p) => p.route === '/');
    const app = [`${dir}app.vue`, `${dir}App.vue`].find((f) => project.files.has(f));
    if (!home && !app) return undefined;
    const trees = (page: string | undefined) => [app, nuxtLayout(project, dir, app, page), page].filter((f): f is string => f !== undefined);
    const files = trees(home?.file);
    const roots = renderPageRoots(project, files);
    const seo = [...files.slice(0, home ? -1 : undefined).flatMap((f) => vueHeadCalls(project, f)), ...(home ? vueHeadCalls(project, home.file, '/') : []), ...nuxtConfigHead(project)];
    return {
      seo,
      framework: 'Nuxt',
      roots,
      ...(home ? { homeFile: home.file } : {}),
      entries: files,
      stylesheets: stylesheets(project, files),
      pages,
      renderPage: (page) => renderPageRoots(project, trees(page.file)),
    };
  },
};

/** A vue-router route record as files: its whole path, the component it renders and the records nested in it. */
interface RouteRecord {
  path: string;
  file?: string;
  redirect?: string;
  children: RouteRecord[];
}

/** `component: Home`, `component: () => import('../views/Home.vue')`, `components: { default: Home }`: the file. */
function routeComponent(project: Project, file: string, record: t.ObjectExpression): string | undefined {
  const components = unwrap(objectProperty(record, 'components')?.value);
  const value = unwrap(objectProperty(record, 'component')?.value ?? (components?.type === 'ObjectExpression' ? objectProperty(components, 'default')?.value : undefined));
  if (value?.type === 'Identifier') return project.importsOf(file).get(value.name)?.file;
  const body = value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression' ? value.body : undefined;
  const returned = body?.type === 'BlockStatement' ? body.body.find((s): s is t.ReturnStatement => s.type === 'ReturnStatement')?.argument : body;
  const lazy = returned?.type === 'CallExpression' && returned.callee.type === 'Import' ? returned.arguments[0] : undefined;
  return lazy?.type === 'StringLiteral' ? project.resolve(file, lazy.value) : undefined;
}

const joinRoute = (base: string, path: string) => (path.startsWith('/') ? path : `${base.replace(/\/$/, '')}/${path}`.replace(/\/$/, '') || '/');

function routeRecords(project: Project, file: string, list: t.Node, base: string, depth = 0): RouteRecord[] {
  const resolved = resolveExpression(project, file, list);
  const array = unwrap(resolved?.node);
  if (!resolved || array?.type !== 'ArrayExpression' || depth > 6) return [];
  const records: RouteRecord[] = [];
  for (const element of array.elements) {
    // `...adminRoutes`: records kept in another array.
    if (element?.type === 'SpreadElement') records.push(...routeRecords(project, resolved.file, element.argument, base, depth + 1));
    const record = unwrap(element);
    if (record?.type !== 'ObjectExpression') continue;
    const path = unwrap(objectProperty(record, 'path')?.value);
    if (path?.type !== 'StringLiteral') continue;
    const whole = joinRoute(base, path.value);
    const redirect = unwrap(objectProperty(record, 'redirect')?.value);
    const children = objectProperty(record, 'children')?.value;
    const component = routeComponent(project, resolved.file, record);
    records.push({
      path: whole,
      ...(component ? { file: component } : {}),
      ...(redirect?.type === 'StringLiteral' ? { redirect: joinRoute(base, redirect.value) } : {}),
      children: children ? routeRecords(project, resolved.file, children, whole, depth + 1) : [],
    });
  }
  return records;
}

/** The records of `createRouter({ routes })`: written there, in a `const routes`, or imported from a module of their own. */
function vueRouterRecords(project: Project, files: Iterable<string>): RouteRecord[] | undefined {
  for (const file of files) {
    if (!SCRIPT_FILE.test(file) || !/\bcreateRouter\s*\(/.test(project.text(file) ?? '')) continue;
    const options = callsOf(project.ast(file)?.program, /^createRouter$/)[0]?.arguments[0];
    const routes = options?.type === 'ObjectExpression' ? objectProperty(options, 'routes')?.value : undefined;
    const records = routes ? routeRecords(project, file, routes, '/') : [];
    if (records.length > 0) return records;
  }
  return undefined;
}

/** Every page the records render, each with the components of the records around it (its layouts). A catch-all (`/:pathMatch(.*)*`) is no page. */
function routedPages(records: readonly RouteRecord[], layouts: readonly string[] = [], out: Array<PageFile & { layouts: string[] }> = []): Array<PageFile & { layouts: string[] }> {
  for (const record of records) {
    // A child at the record's own path (`path: ''`) is what the record shows there; the record is then a layout.
    const shownHere = record.children.some((c) => c.path === record.path);
    if (record.file && !shownHere && !/[*(]/.test(record.path)) out.push({ route: record.path, file: record.file, layouts: [...layouts] });
    routedPages(record.children, record.file ? [...layouts, record.file] : layouts, out);
  }
  return out;
}

/** Vue 3 + Vite: `index.html` → `src/main.ts` → `createApp(App)`, with the pages of vue-router's routes (or of a `src/pages/` folder) inside `App`. */
export const vueSpa: StackAdapter = {
  name: 'Vue',
  detect: (project) => dependsOn(project, 'vue') && !dependsOn(project, 'nuxt'),
  discover(project): SiteEntry | undefined {
    project.useTemplates({ '.vue': VUE_LANGUAGE });
    const entry = ['src/main.ts', 'src/main.js', 'src/main.mts'].find((f) => project.files.has(f));
    if (!entry) return undefined;
    const app = /\b(?:createApp|createSSRApp|ViteSSG)\(\s*([A-Z]\w*)/.exec(project.text(entry) ?? '')?.[1];
    const appFile = app ? project.importsOf(entry).get(app)?.file : undefined;
    if (!appFile) return undefined;
    const reached = project.reachable([entry]);
    const records = vueRouterRecords(project, reached);
    // File-based routes (unplugin-vue-router, vite-plugin-pages): `src/pages/index.vue` is `/`.
    const routed = records ? routedPages(records) : pageFiles(project, 'src/pages', ['.vue']).map((p) => ({ ...p, layouts: [] as string[] }));
    const redirect = records?.find((r) => r.path === '/' && r.redirect)?.redirect;
    const home = routed.find((p) => p.route === (redirect ?? '/'));
    const trees = (page: { file: string; layouts: readonly string[] } | undefined) => [appFile, ...(page?.layouts ?? []), ...(page ? [page.file] : [])];
    const files = trees(home);
    const pages = routed.map(({ route, file }) => ({ route, file }));
    return {
      framework: 'Vue',
      roots: renderPageRoots(project, files),
      homeFile: files[files.length - 1],
      entries: [entry],
      stylesheets: stylesheets(project, [entry]),
      pages: home ? [{ route: '/', file: home.file }, ...pages.filter((p) => p.file !== home.file)] : pages,
      renderPage: (page) => renderPageRoots(project, trees(routed.find((p) => p.file === page.file) ?? { file: page.file, layouts: [] })),
      // `useHead` in App and the layouts is the whole site's; in the home view, the home page's.
      seo: [...indexHtmlSeo(project), ...(home ? files.slice(0, -1) : files).flatMap((f) => vueHeadCalls(project, f)), ...(home ? vueHeadCalls(project, home.file, '/') : [])],
    };
  },
};
