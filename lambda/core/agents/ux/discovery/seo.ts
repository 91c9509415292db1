import { childNodes } from './ast';
import type * as t from '@babel/types';
import type { Project } from './project';
import { exported, objectProperty, resolveExpression, stringSlot, unwrap } from './resolve';
import { textBlock, type TextBlock } from './text-blocks';
import { frontMatter, stringAt, type DataValue } from './templates/data-files';
import type { MarkupSyntax, StringSlot, UiNode } from './ui-tree';

/**
 * The title and description search engines and the browser tab show, wherever the stack keeps
 * them: a `<title>` and `<meta name="description">` in a rendered `<head>` (HTML, Hugo, Jekyll,
 * Astro, `<svelte:head>`, Next's `<Head>`), the props of an SEO component (`<Seo title>`,
 * Docusaurus's `<Layout description>`), Next's `metadata` export, Nuxt's `useSeoMeta`/`useHead`
 * and `app.head`, and the site settings of Docusaurus, Hugo, Jekyll (jekyll-seo-tag) and Gatsby.
 * Never the visible hero paragraph.
 */
export type SeoField = 'title' | 'description';

export interface SeoPlace {
  field: SeoField;
  /** The page it belongs to (`/about`); undefined for the whole site (a layout, the site's settings). */
  page?: string;
  block: TextBlock;
  /** Where it is, for people: `metadata.description in app/layout.tsx:12`. */
  where: string;
  /**
   * Where new words can be written for search engines alone when the value is a setting the page
   * also shows (`title: siteConfig.name` in `metadata`): the expression that reads the setting, replaced
   * by the words themselves. Undefined when the value is written in place.
   */
  apart?: SeoApart[];
}

/** An expression that reads a shared setting, and how words are written in its place: as a JS string, inside a template literal, or as markup. */
export interface SeoApart {
  file: string;
  start: number;
  end: number;
  write: 'js-string' | MarkupSyntax;
}

/** A string slot as a text block of its own (no element shows it: it is read by browsers and search engines). */
function slotBlock(file: string, slot: StringSlot, value: string, line: number): TextBlock {
  const node: UiNode = { file, tag: '#meta', range: { file, start: slot.start, end: slot.end }, attributeInsertAt: slot.start, openingEnd: slot.start, line, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: true, children: [], syntax: 'html', selfClosing: true };
  return { node, text: value.replace(/\s+/g, ' ').trim(), inside: [], edit: { kind: 'string', slot, viaConfig: false, replaced: value } };
}

export function placeFromSlot(project: Project, field: SeoField, slot: StringSlot, value: string, where: string, page?: string, apart?: SeoApart[]): SeoPlace {
  const line = project.line(slot.file, slot.start);
  return { field, ...(page ? { page } : {}), block: slotBlock(slot.file, slot, value, line), where: `${where} in ${slot.file}:${line}`, ...(apart && apart.length > 0 ? { apart } : {}) };
}

const SEO_COMPONENT = /^(?:Seo|SEO|Head|Meta|Metadata|NextSeo|DefaultSeo|Helmet|PageMeta|PageHead|BaseHead|SiteHead|Layout|MainLayout|BaseLayout|PageLayout)$/;
const DESCRIPTION_META = /^(?:description|og:description|twitter:description)$/;
const TITLE_META = /^(?:og:title|twitter:title)$/;

/** Every element, except what an inline `<svg>` holds (its `<title>` names the icon, not the page). */
function* outsideSvg(node: UiNode): Generator<UiNode> {
  if (node.tag === 'svg') return;
  yield node;
  for (const child of node.children) if (child.kind === 'element') yield* outsideSvg(child.node);
}

/** `<title>`, description meta tags and SEO components' props in rendered trees. */
export function seoInTrees(project: Project, roots: readonly UiNode[], homeFile: string | undefined): SeoPlace[] {
  const places: SeoPlace[] = [];
  roots.forEach((root, index) => {
    // The last tree is the home page; the ones before it are layouts, shared by every page. In the home
    // page's tree, what a layout component writes from the site's settings (a `<title>{title}</title>`
    // whose title defaults to `SITE_TITLE`) is the site's too: only words written in the home page's
    // own file are the home page's.
    const homeTree = index === roots.length - 1 && root.file === homeFile;
    const pageOf = (...files: string[]) => (homeTree && files.includes(root.file) ? '/' : undefined);
    for (const node of outsideSvg(root)) {
      if (node.tag === 'title') {
        const block = textBlock(node);
        const edit = block?.edit;
        // Named where its words are written (the setting a `{title}` prints, a `{{ define "title" }}` of the page).
        const at = edit?.kind === 'string' ? { file: edit.slot.file, offset: edit.slot.start } : edit ? { file: edit.file, offset: edit.start } : undefined;
        const page = at ? pageOf(node.file, at.file) : undefined;
        if (block && at) places.push({ field: 'title', ...(page ? { page } : {}), block, where: `<title> in ${at.file}:${project.line(at.file, at.offset)}` });
        continue;
      }
      const slots = node.attributeSlots ?? {};
      if (node.tag === 'meta') {
        const name = (node.attributes.name ?? node.attributes.property ?? slots.name?.value ?? slots.property?.value ?? '').toLowerCase();
        const content = slots.content;
        if (!content) continue;
        const page = pageOf(node.file, content.slot.file);
        if (DESCRIPTION_META.test(name)) places.push(placeFromSlot(project, 'description', content.slot, content.value, `<meta name="${name}">`, page));
        else if (TITLE_META.test(name)) places.push(placeFromSlot(project, 'title', content.slot, content.value, `<meta name="${name}">`, page));
        continue;
      }
      const component = node.componentTag ?? node.tag;
      if (SEO_COMPONENT.test(component)) {
        if (slots.title) places.push(placeFromSlot(project, 'title', slots.title.slot, slots.title.value, `<${component} title>`, pageOf(node.file, slots.title.slot.file)));
        const description = slots.description ?? slots.metaDescription;
        if (description) places.push(placeFromSlot(project, 'description', description.slot, description.value, `<${component} description>`, pageOf(node.file, description.slot.file)));
      }
    }
  });
  return places;
}

/** A string the expression stands for (`'Acme'`, `siteConfig.title`), with its slot, and where the expression is when it reads a setting elsewhere. */
function stringOf(project: Project, file: string, node: t.Node | null | undefined): { slot: StringSlot; value: string; apart?: SeoApart[] } | undefined {
  if (!node) return undefined;
  const resolved = resolveExpression(project, file, node) ?? { file, node };
  const value = unwrap(resolved.node);
  if (value?.type === 'StringLiteral' || (value?.type === 'TemplateLiteral' && value.expressions.length === 0)) {
    const slot = stringSlot(project, resolved.file, value);
    if (!slot) return undefined;
    const expression = unwrap(node);
    // `title: siteConfig.name`: the words can be written here instead, for search engines alone.
    const reads = expression && expression.type !== 'StringLiteral' && expression.type !== 'TemplateLiteral' && expression.start != null && expression.end != null;
    return { slot, value: value.type === 'StringLiteral' ? value.value : (value.quasis[0]?.value.cooked ?? ''), ...(reads ? { apart: [{ file, start: expression.start as number, end: expression.end as number, write: 'js-string' as const }] } : {}) };
  }
  return undefined;
}

const sourceOf = (project: Project, file: string, node: t.Node): string => (project.text(file) ?? '').slice(node.start ?? 0, node.end ?? 0);

/**
 * Next.js's `title: { default, template }`: the site's name is also written in the template
 * (`'%s | Acme'`, `` `%s | ${siteConfig.name}` ``), around the `%s` each page's title fills. A literal
 * name there is a place of its own (the characters of the name only, `%s` kept); an expression that
 * reads the same setting as `default` is where the name is written apart.
 */
function titleTemplate(project: Project, file: string, template: t.Node | null | undefined, title: { value: string; apart?: SeoApart[] }, defaultNode: t.Node | null | undefined, page?: string): SeoPlace | undefined {
  const node = unwrap(template);
  if (!node || title.value.trim() === '') return undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length > 0) {
    const reading = unwrap(defaultNode);
    if (!reading || !title.apart) return undefined;
    const same = sourceOf(project, file, reading);
    for (const expression of node.expressions) {
      if (sourceOf(project, file, expression) !== same) continue;
      // `${` … `}` around the expression: the name is written as template text in its place.
      const start = (expression.start ?? 0) - 2;
      const end = (expression.end ?? 0) + 1;
      if ((project.text(file) ?? '').slice(start, start + 2) === '${') title.apart.push({ file, start, end, write: 'js-template' });
    }
    return undefined;
  }
  if (node.type !== 'StringLiteral' && !(node.type === 'TemplateLiteral' && node.expressions.length === 0)) return undefined;
  const slot = stringSlot(project, file, node);
  if (!slot || !slot.raw.includes('%s')) return undefined;
  // Only a name written as it reads (no escapes inside it), once.
  const at = slot.raw.indexOf(title.value);
  if (at < 0 || slot.raw.indexOf(title.value, at + 1) >= 0) return undefined;
  const inner: StringSlot = { ...slot, start: slot.start + at, end: slot.start + at + title.value.length, raw: title.value };
  return placeFromSlot(project, 'title', inner, title.value, 'metadata.title.template', page);
}

/** The object a `generateMetadata()` returns when it is written out (`return { title: 'Pricing', … }`). */
function generatedMetadata(project: Project, file: string): t.ObjectExpression | undefined {
  const fn = unwrap(exported(project, file, 'generateMetadata')?.node);
  if (!fn || (fn.type !== 'FunctionDeclaration' && fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  if (fn.body.type === 'ObjectExpression') return fn.body;
  const body = unwrap(fn.body.type === 'BlockStatement' ? fn.body.body.find((s): s is t.ReturnStatement => s.type === 'ReturnStatement')?.argument : undefined);
  return body?.type === 'ObjectExpression' ? body : undefined;
}

/**
 * Next.js: `export const metadata = { title, description }` (a `title: { default, template }` too), or
 * the object a `generateMetadata()` returns, in a layout (the site) or a page.
 */
export function nextMetadata(project: Project, file: string, page?: string): SeoPlace[] {
  let exportedObject = unwrap(exported(project, file, 'metadata')?.node);
  // `export const metadata = genPageMetadata({ title: 'About' })`: a helper filling in the rest from the site's settings.
  if (exportedObject?.type === 'CallExpression' && exportedObject.arguments[0]?.type === 'ObjectExpression') exportedObject = exportedObject.arguments[0];
  const metadata = exportedObject?.type === 'ObjectExpression' ? exportedObject : generatedMetadata(project, file);
  if (!metadata) return [];
  const places: SeoPlace[] = [];
  const title = unwrap(objectProperty(metadata, 'title')?.value);
  const defaultNode = title?.type === 'ObjectExpression' ? objectProperty(title, 'default')?.value : title;
  const titleString = stringOf(project, file, defaultNode);
  if (titleString) {
    const template = title?.type === 'ObjectExpression' ? titleTemplate(project, file, objectProperty(title, 'template')?.value, titleString, defaultNode, page) : undefined;
    places.push(placeFromSlot(project, 'title', titleString.slot, titleString.value, 'metadata.title', page, titleString.apart));
    if (template) places.push(template);
  }
  const description = stringOf(project, file, objectProperty(metadata, 'description')?.value);
  if (description) places.push(placeFromSlot(project, 'description', description.slot, description.value, 'metadata.description', page, description.apart));
  for (const group of ['openGraph', 'twitter']) {
    const inner = unwrap(objectProperty(metadata, group)?.value);
    if (inner?.type !== 'ObjectExpression') continue;
    const t2 = stringOf(project, file, objectProperty(inner, 'title')?.value);
    if (t2) places.push(placeFromSlot(project, 'title', t2.slot, t2.value, `metadata.${group}.title`, page, t2.apart));
    const d2 = stringOf(project, file, objectProperty(inner, 'description')?.value);
    if (d2) places.push(placeFromSlot(project, 'description', d2.slot, d2.value, `metadata.${group}.description`, page, d2.apart));
  }
  return places;
}

/** Vue/Nuxt: `useSeoMeta({ title, ogTitle, description, ogDescription })`, `useHead({ title, meta: [{ name: 'description', content }] })`. */
export function vueHeadCalls(project: Project, file: string, page?: string): SeoPlace[] {
  const ast = project.ast(file);
  const places: SeoPlace[] = [];
  const visit = (node: t.Node | null | undefined) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && /^(?:useSeoMeta|useHead|useServerSeoMeta|definePageMeta)$/.test(node.callee.name) && node.arguments[0]?.type === 'ObjectExpression') {
      places.push(...headObject(project, file, node.arguments[0], node.callee.name, page));
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(ast?.program);
  return places;
}

/** The keys of a head object: `title`, `ogTitle`, `description`, … and `meta: [{ name, content }]`. */
export function headObject(project: Project, file: string, object: t.ObjectExpression, where: string, page?: string): SeoPlace[] {
  const places: SeoPlace[] = [];
  for (const property of object.properties) {
    if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier') continue;
    const key = property.key.name;
    const field: SeoField | undefined = /^(?:title|ogTitle|twitterTitle)$/.test(key) ? 'title' : /^(?:description|ogDescription|twitterDescription)$/.test(key) ? 'description' : undefined;
    if (field) {
      const found = stringOf(project, file, property.value);
      if (found) places.push(placeFromSlot(project, field, found.slot, found.value, `${where} ${key}`, page, found.apart));
    }
    const meta = unwrap(property.value);
    if (key === 'meta' && meta?.type === 'ArrayExpression') {
      for (const entry of meta.elements) {
        if (entry?.type !== 'ObjectExpression') continue;
        const name = stringOf(project, file, objectProperty(entry, 'name')?.value ?? objectProperty(entry, 'property')?.value)?.value ?? '';
        const content = stringOf(project, file, objectProperty(entry, 'content')?.value);
        if (content && DESCRIPTION_META.test(name)) places.push(placeFromSlot(project, 'description', content.slot, content.value, `${where} meta ${name}`, page, content.apart));
        if (content && TITLE_META.test(name)) places.push(placeFromSlot(project, 'title', content.slot, content.value, `${where} meta ${name}`, page, content.apart));
      }
    }
  }
  return places;
}

/** Settings kept as data (`_config.yml`'s `title`, Hugo's `params.description`): each key that names the site's title or description. */
export function dataSeo(project: Project, root: DataValue | undefined, keys: { title?: string[][]; description?: string[][] }, page?: string): SeoPlace[] {
  const places: SeoPlace[] = [];
  for (const field of ['title', 'description'] as const) {
    for (const path of keys[field] ?? []) {
      const found = stringAt(root, path);
      const slot = found?.slot ?? (found ? foldedSlot(project, found) : undefined);
      if (found && slot) places.push(placeFromSlot(project, field, slot, found.value, path.join('.'), page));
    }
  }
  return places;
}

/**
 * A YAML folded scalar (`description: >-` and its indented lines, as `jekyll new` writes the site's
 * description) reads as one line: new words are written in its place as one plain (or quoted) scalar.
 * A literal block (`|`), whose line breaks are part of the value, is left alone.
 */
function foldedSlot(project: Project, found: { range: { file: string; start: number; end: number }; value: string }): StringSlot | undefined {
  const source = (project.text(found.range.file) ?? '').slice(found.range.start, found.range.end);
  const written = source.replace(/\s+$/, '');
  if (!/^>[-+]?[ \t]*(?:#[^\n]*)?\n/.test(written) || found.value.trim().includes('\n')) return undefined;
  return { file: found.range.file, start: found.range.start, end: found.range.start + written.length, raw: written, syntax: 'yaml-plain' };
}

/** A page's own front matter `title` and `description` (Hugo, Jekyll, Astro and Markdown pages). */
export function frontMatterSeo(project: Project, file: string, page: string): SeoPlace[] {
  const front = frontMatter(project, file).document;
  return dataSeo(project, front?.root, { title: [['title']], description: [['description']] }, page);
}
