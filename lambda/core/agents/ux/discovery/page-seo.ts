import { childNodes } from './ast';
import { renderComponent } from './jsx-tree';
import { dirname, SCRIPT_FILE } from './project';
import type * as t from '@babel/types';
import { resolveExpression, stringSlot, unwrap } from './resolve';
import { nextMetadata, placeFromSlot, seoInTrees, vueHeadCalls, type SeoField, type SeoPlace } from './seo';
import type { SiteModel } from './site-model';
import { cachedForPage, pageTrees } from './site-texts';
import type { PageFile } from './stacks';
import { textBlock, type TextBlock } from './text-blocks';
import type { UiNode } from './ui-tree';

/**
 * The title and description one page sets for itself, beside the site's: its own `<title>` and
 * meta description (HTML, `<svelte:head>`, Next's `<Head>`), the props it passes its layout
 * (`<BaseLayout title="Pricing" description="…">`, Docusaurus's `<Layout description>`), Next's
 * `metadata`/`generateMetadata()` in the page file (or a layout of its own folder), Vue's
 * `useSeoMeta`/`useHead` in the page, and what its stack reads from the page's front matter.
 * A page with none of its own shows the site's values.
 */
export interface PageSeo {
  /** The page's own places, each field's in the order found. */
  own: SeoPlace[];
  /** A field the page sets itself in a way that cannot be changed safely (`title={`Contact | ${SITE.title}`}`): where. */
  unreadable: Partial<Record<SeoField, string>>;
  /** What a visitor reads on the page (outside its `<head>`), for texts that are also an SEO value. */
  visible: TextBlock[];
}

/** Where a place's words are written: the setting's slot, or the markup. */
export function placeKey(place: SeoPlace): string {
  const edit = place.block.edit;
  return edit?.kind === 'string' ? `${edit.slot.file}:${edit.slot.start}` : edit ? `${edit.file}:${edit.start}` : place.where;
}

export function placeFile(place: SeoPlace): string {
  const edit = place.block.edit;
  return edit?.kind === 'string' ? edit.slot.file : edit ? edit.file : place.block.node.file;
}

/** Places of one slot found twice (a layout's `<title>` and the setting it prints) are one place; where each can be written apart is kept. */
export function distinctSeoPlaces(places: readonly SeoPlace[]): SeoPlace[] {
  const byKey = new Map<string, SeoPlace>();
  for (const place of places) {
    const key = placeKey(place);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...place, ...(place.apart ? { apart: [...place.apart] } : {}) });
      continue;
    }
    if (place.apart) seen.apart = [...(seen.apart ?? []), ...place.apart.filter((a) => !seen.apart?.some((b) => b.file === a.file && b.start === a.start))];
  }
  return [...byKey.values()];
}

const HEAD_TAGS = /^(?:head|svelte:head|Head|Helmet|title|meta)$/;

/** The texts a visitor reads in the trees: every element's text block, outside what the document's head holds. */
export function visibleBlocks(trees: readonly UiNode[]): TextBlock[] {
  const out: TextBlock[] = [];
  const visit = (node: UiNode) => {
    if (HEAD_TAGS.test(node.tag)) return;
    const block = textBlock(node);
    if (block?.edit) out.push(block);
    for (const child of node.children) if (child.kind === 'element') visit(child.node);
  };
  trees.forEach(visit);
  return out;
}

const cache = new WeakMap<SiteModel, Map<string, PageSeo>>();

export function pageSeo(model: SiteModel, page: PageFile): PageSeo {
  return cachedForPage(cache, model, page.file, () => computePageSeo(model, page));
}

function computePageSeo(model: SiteModel, page: PageFile): PageSeo {
  const { project } = model;
  const settings = model.entry.pageSeo?.(page);
  const rendered = settings?.trees && settings.trees.length > 0 ? settings.trees : pageTrees(model, page);
  // Gatsby's Head API: `export const Head = () => <Seo title="About" />` beside the page.
  const head = SCRIPT_FILE.test(page.file) ? renderComponent(project, page.file, 'Head') : undefined;
  const trees = head ? [...rendered, head] : rendered;
  const homeFolder = model.homeFile ? dirname(model.homeFile) : undefined;
  const folder = dirname(page.file);
  // A layout in the page's own folder (Next's `app/pricing/layout.tsx`) is the page's too.
  const ownLayouts = folder !== homeFolder ? [...project.files.keys()].filter((f) => dirname(f) === folder && /^layout\.[cm]?[jt]sx?$/.test(f.slice(folder.length + 1))) : [];
  const found = [
    ...(settings?.places ?? []),
    ...seoInTrees(project, trees, page.file),
    ...[page.file, ...ownLayouts].flatMap((file) => nextMetadata(project, file, page.route)),
    ...(/\.vue$/.test(page.file) ? vueHeadCalls(project, page.file, page.route) : []),
  ];
  const ownFound = found.filter((p) => placeFile(p) === page.file || ownLayouts.includes(placeFile(p)));
  const passed = passedToLayout(model, page, new Set(ownFound.map((p) => p.field)));
  const own = distinctSeoPlaces([...ownFound, ...passed.places]).map((p) => ({ ...p, page: page.route }));
  const result = { own, unreadable: passed.unreadable, visible: visibleBlocks(rendered) };
  return result;
}

const SEO_PROP = /^(?:custom|meta|page|seo|og)?_?(title|description)$/i;
/** The components a page hands its head values to (its layout, an SEO component), never a card's `title`. */
const HEAD_COMPONENT = /^[A-Z]\w*(?:Layout|Seo|SEO|Head|Meta|Metadata|Helmet)$|^(?:Layout|Seo|SEO|Head|Meta|Metadata|Helmet)$/;
const DESCRIPTION_NAME = /^(?:description|og:description|twitter:description)$/i;

/**
 * What the page file itself hands its layout or head for a field not found otherwise: a prop named
 * for it on its layout or SEO component (`<MainLayout customDescription={metaDescription}>`), or a `<title>` /
 * `<meta name="description">` written in the page. Read when it is a string (followed through a
 * `const` of the page); otherwise the page still sets its own value, only not one that can be
 * changed safely, and it is never said to show the site's.
 */
function passedToLayout(model: SiteModel, page: PageFile, known: ReadonlySet<SeoField>): { places: SeoPlace[]; unreadable: Partial<Record<SeoField, string>> } {
  const { project } = model;
  const file = page.file;
  const root = project.templateOf(file) ? project.templateComponent(file) : SCRIPT_FILE.test(file) ? project.ast(file)?.program : undefined;
  const places: SeoPlace[] = [];
  const unreadable: Partial<Record<SeoField, string>> = {};
  const where = (node: t.Node) => `${file}:${project.line(file, node.start ?? 0)}`;
  const take = (field: SeoField, value: t.Node | null | undefined, at: t.Node, label: string) => {
    if (known.has(field) || places.some((p) => p.field === field) || !value) return;
    const literal = value.type === 'StringLiteral' ? value : undefined;
    const resolved = literal ? { file, node: literal as t.Node } : value.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression' ? resolveExpression(project, file, value.expression) : undefined;
    const target = unwrap(resolved?.node);
    const text = target?.type === 'StringLiteral' ? target.value : target?.type === 'TemplateLiteral' && target.expressions.length === 0 ? (target.quasis[0]?.value.cooked ?? '') : undefined;
    const slot = resolved && text !== undefined && (target?.type === 'StringLiteral' || target?.type === 'TemplateLiteral') ? stringSlot(project, resolved.file, target, target === literal) : undefined;
    if (slot && text !== undefined && slot.file === file) places.push(placeFromSlot(project, field, slot, text, label, page.route));
    else unreadable[field] ??= where(at);
  };
  const visit = (node: t.Node | null | undefined) => {
    if (!node || typeof node !== 'object') return;
    // An icon's `<svg><title>` names the icon.
    if (node.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' && node.openingElement.name.name === 'svg') return;
    if (node.type === 'JSXOpeningElement' && node.name.type === 'JSXIdentifier') {
      const name = node.name.name;
      const attribute = (wanted: RegExp) => node.attributes.find((a): a is t.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && wanted.test(a.name.name));
      if (name === 'meta') {
        const named = attribute(/^(?:name|property)$/);
        if (named?.value?.type === 'StringLiteral' && DESCRIPTION_NAME.test(named.value.value)) take('description', attribute(/^content$/)?.value, node, `<meta name="${named.value.value}">`);
      } else if (HEAD_COMPONENT.test(name)) {
        for (const a of node.attributes) {
          if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier') continue;
          const field = SEO_PROP.exec(a.name.name)?.[1]?.toLowerCase() as SeoField | undefined;
          if (field) take(field, a.value, a, `<${name} ${a.name.name}>`);
        }
      }
    }
    if (node.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' && node.openingElement.name.name === 'title' && !known.has('title') && !places.some((p) => p.field === 'title')) {
      unreadable.title ??= where(node);
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(root);
  return { places, unreadable };
}

/** At most this many pages are rendered to say which show the site's value. */
const PAGES_LISTED = 40;

/** The pages that set no `field` of their own (so they show the site's), as far as the first pages tell; `more` when not all were looked at. */
export function pagesWithout(model: SiteModel, field: SeoField): { routes: string[]; more: boolean } {
  const looked = model.pages.slice(0, PAGES_LISTED);
  const routes = looked.filter((page) => {
    if (page.route === '/') return !model.seo.some((p) => p.field === field && p.page === '/');
    return !pageSeo(model, page).own.some((p) => p.field === field);
  }).map((p) => p.route);
  return { routes, more: model.pages.length > looked.length };
}
