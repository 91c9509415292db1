import { shorten } from '../../../domain/discord-text';
import { Project } from './project';
import { brandScales, type BrandScale } from './brand';
import { distinctSeoPlaces } from './page-seo';
import { seoInTrees, type SeoField, type SeoPlace } from './seo';
import { findSiteEntry, type PageFile, type SiteEntry } from './stacks';
import { textBlock, textBlocks, visibleText, type TextBlock } from './text-blocks';
import { readTheme, type Theme } from './theme';
import { elements, type LinksArray, type StringSlot, type UiNode } from './ui-tree';

/**
 * What discovery found on a site: its landmarks (header, navbar, footer, the hero) and, per
 * editable property, the places that hold it. A property with one place is edited there; with
 * several, the person is asked which. Built once per commit and cached by the agent.
 */
export type PropertyKindName = 'text' | 'color' | 'links' | 'style';

export interface LinkItem {
  /** The sibling repeated per link (an `<li>` or the link itself). */
  outer: UiNode;
  link: UiNode;
  label: TextBlock;
  target: StringSlot;
  targetValue: string;
}

export type LinkGroup =
  /** `rendered`: the elements drawn per entry, when known (an `actions` array drawn as `<Button>`s). */
  | { kind: 'array'; array: LinksArray; file: string; line: number; name: string; rendered?: UiNode[] }
  /**
   * `copies`: the same links written again by hand elsewhere in the bar (a mobile menu), same
   * labels and targets in the same order, changed with this list; `differing`: another copy that
   * is not the same, left as it is and named in the preview.
   */
  | { kind: 'markup'; items: LinkItem[]; container: UiNode; file: string; line: number; name: string; copies?: MarkupGroup[]; differing?: MarkupGroup[] }
  /** A bar with no links yet, only buttons (`Sign in`, `Get started`): where its first link goes. */
  | { kind: 'first'; before: UiNode; buttons: LinkItem[]; file: string; line: number; name: string };

export type MarkupGroup = Extract<LinkGroup, { kind: 'markup' }>;

export type TargetEdit =
  | { kind: 'text'; block: TextBlock }
  /** `fallbacks`: the elements around it (up to the header) whose CSS may set the colour instead. */
  | { kind: 'color'; node: UiNode; role: 'background' | 'text'; fallbacks: UiNode[] }
  | { kind: 'links'; group: LinkGroup }
  | { kind: 'style'; node: UiNode }
  /** The brand colour in the theme's tokens, with its shades and dark-mode twins. */
  | { kind: 'brand'; scale: BrandScale };

export interface Target {
  /** How the person tells this place from the others: `"Sign up" in src/layouts/MarketingLayout.jsx:125`. */
  label: string;
  file: string;
  line: number;
  /** The current value as a person reads it. */
  current: string;
  edit: TargetEdit;
}

export interface DiscoveredProperty {
  kind: PropertyKindName;
  /** When nothing was found: what was found instead and what to ask for, answered as a question. */
  hint?: string;
  /** When nothing was found because a theme outside the repository owns it: the sentence to refuse with. */
  refusal?: string;
  /** Every target is one place of the same value (a site title kept in several settings): all change together. */
  together?: boolean;
  aliases: string[];
  description: string;
  maxLength?: number;
  targets: Target[];
}

export interface DiscoveredSection {
  description: string;
  aliases: string[];
  /** Where the landmark itself is. */
  location?: { file: string; line: number; tag: string };
  properties: Record<string, DiscoveredProperty>;
}

export interface SiteModel {
  framework: string;
  homeFile?: string;
  theme: Theme;
  stylesheets: string[];
  sections: Record<string, DiscoveredSection>;
  /** Every text block on the home page and its layouts, in document order, for "change "X" to "Y"". */
  blocks: Array<{ block: TextBlock; where: Region }>;
  /** Files that were read to render the home page. */
  renderedFiles: string[];
  entries: string[];
  project: Project;
  /** Each rendered element's parent, for CSS selectors that name ancestors (`#home h1`). */
  parents: Map<UiNode, UiNode>;
  /** Every place a title or description for search engines was found (the `seo` section offers the site's). */
  seo: SeoPlace[];
  /** Every page found, the home page first. */
  pages: PageFile[];
  entry: SiteEntry;
}

/** The element's ancestors, nearest first. */
export function ancestorsOf(model: SiteModel, node: UiNode): UiNode[] {
  const out: UiNode[] = [];
  for (let current = model.parents.get(node); current; current = model.parents.get(current)) out.push(current);
  return out;
}

type Region = 'header' | 'nav' | 'footer' | 'hero' | 'main' | 'head';

interface Placed {
  node: UiNode;
  parent?: Placed;
  within: Set<Region>;
}

const HERO = /(?:^|[\s_-])(?:hero|jumbotron|splash)(?:$|[\s_-])|^(?:hero|jumbotron|splash)/i;
/** Sites without <header>/<nav>/<footer>: a component or class that names the landmark. */
const HEADER_NAME = /^(?:(?:site|main|top|page|app|the|global|layout)[-_]?)?(?:header|nav-?bar|navigation|top-?bar|masthead)$/i;
const FOOTER_NAME = /^(?:(?:site|page|main|app|the|global|layout)[-_]?)?footer$/i;
const named = (node: UiNode, pattern: RegExp): boolean =>
  pattern.test(node.component && node.rendered ? node.component : '') || classText(node).split(/\s+/).some((c) => pattern.test(c)) || pattern.test(node.attributes.id ?? '');
const BUTTON_CLASS = /(?:^|\s)(?:btn|button|cta)(?:[\s_-]|$)|__cta\b/;
const BACKGROUND_CLASS = /(?:^|\s)(?:bg-(?!clip|opacity|none|cover|contain|center|fixed|no-repeat)[\w[\]#/.%-]+|from-[\w[\]#/.%-]+)/;
const PADDED = /(?:^|\s)px-\S+/;
const LINK_TAGS = new Set(['a', 'Link', 'NavLink', 'RouterLink', 'NextLink']);

const classText = (node: UiNode): string => node.classSlots.map((s) => s.raw).join(' ');
const isLink = (node: UiNode): boolean => node.link !== undefined || (LINK_TAGS.has(node.tag) && ('href' in node.attributes || 'to' in node.attributes));
const isButton = (node: UiNode): boolean => {
  if (node.tag === 'button' || /Button$/.test(node.tag) || node.attributes.role === 'button') return true;
  if (!isLink(node)) return false;
  const classes = classText(node);
  // A link drawn as a button: a background, or a rounded outline, around padded words.
  const outlined = /(?:^|\s)border(?:-\d|-[a-z]+-\d+|\s|$)/.test(classes) && /(?:^|\s)rounded/.test(classes);
  return BUTTON_CLASS.test(classes) || node.attributes['data-styled-as'] === 'button' || 'variant' in node.attributes || ((BACKGROUND_CLASS.test(classes) || outlined) && PADDED.test(classes));
};
/** Drawers, dialogs and mobile-only menus repeat the real navigation: never the one to edit. */
const SECONDARY = /mobile|drawer|dialog|sheet|sidebar|offcanvas|modal|popover|dropdown|menu-?button/i;
/** Classes of the menus that repeat the navigation for small screens (daisyUI's `dropdown`, Bootstrap's `offcanvas`, a `mobile-menu`). */
const SECONDARY_CLASS = /(?:^|\s)(?:dropdown|dropdown-content|dropdown-menu|drawer|drawer-side|offcanvas|mobile-?menu|mobile-?nav|nav-?mobile|menu-?mobile|submenu|sub-menu)(?:\s|$)/;
const isSecondary = (node: UiNode): boolean =>
  SECONDARY.test(node.component ?? '') ||
  /Dialog|Transition|Sheet|Drawer|Popover|Dropdown|Menu(?:Items?|Button)/.test(node.tag) ||
  /(?:^|\s)(?:sm|md|lg):hidden(?:\s|$)/.test(classText(node)) ||
  /(?:^|\s)sr-only(?:\s|$)/.test(classText(node)) ||
  SECONDARY_CLASS.test(classText(node)) ||
  // Hidden until a parent is hovered or focused (`hidden group-hover:block`): a submenu.
  (/(?:^|\s)(?:hidden|invisible|opacity-0)(?:\s|$)/.test(classText(node)) && /(?:^|\s)(?:group|peer)-(?:hover|focus|focus-within|open|data-\[[^\]]*\]):/.test(classText(node))) ||
  SECONDARY.test(node.attributes.id ?? '');
const LIST_CONTAINERS = new Set(['nav', 'ul', 'ol', 'menu', 'div', 'header', 'footer', 'section', 'aside', '#component', 'li']);

function place(roots: readonly UiNode[]): Placed[] {
  const out: Placed[] = [];
  const visit = (node: UiNode, parent: Placed | undefined, within: Set<Region>) => {
    const here = new Set(within);
    const role = node.attributes.role;
    // A <header class="hero"> (Docusaurus, Bootstrap mastheads) is the page's hero, not its header.
    const heroHeader = node.tag === 'header' && (/(?:^|\s)hero(?:\s|$|-)/.test(classText(node)) || HERO.test(node.attributes.id ?? '') || HERO.test(node.component ?? ''));
    if (!heroHeader && (node.tag === 'header' || role === 'banner' || (!here.has('footer') && named(node, HEADER_NAME)))) here.add('header');
    if ((node.tag === 'nav' || role === 'navigation') && !here.has('footer')) here.add('nav');
    if (node.tag === 'footer' || role === 'contentinfo' || named(node, FOOTER_NAME)) here.add('footer');
    const heroName =
      ['section', 'div', 'header'].includes(node.tag) &&
      (['banner', 'intro', 'masthead', 'showcase', 'home'].includes((node.attributes.id ?? '').toLowerCase()) || classText(node).split(/\s+/).some((c) => /^(?:intro|masthead|showcase|jumbotron|splash|page-?intro|home-?intro)$/i.test(c)));
    if (!here.has('header') && !here.has('footer') && (heroName || HERO.test(node.attributes.id ?? '') || HERO.test(node.component ?? '') || /(?:^|\s)hero(?:\s|$|-)/.test(classText(node)))) here.add('hero');
    if (node.tag === 'main') here.add('main');
    // What the document's head holds (the title, meta tags) is read by browsers and search engines, not on the page.
    if (/^(?:head|svelte:head|Head|Helmet|title|meta)$/.test(node.tag)) here.add('head');
    const placed: Placed = { node, ...(parent ? { parent } : {}), within: here };
    out.push(placed);
    for (const child of node.children) if (child.kind === 'element') visit(child.node, placed, here);
  };
  for (const root of roots) visit(root, undefined, new Set());
  return out;
}

const where = (node: UiNode) => `${node.file}:${node.line}`;
const quote = (text: string, max = 50) => `"${shorten(text, max)}"`;

function textTarget(project: Project, block: TextBlock): Target {
  const file = block.edit?.kind === 'string' ? block.edit.slot.file : block.node.file;
  const line = block.edit?.kind === 'string' ? project.line(file, block.edit.slot.start) : block.node.line;
  return { label: `${quote(block.text)} in ${file}:${line}`, file, line, current: block.text, edit: { kind: 'text', block } };
}

function colorTarget(node: UiNode, role: 'background' | 'text', name: string, fallbacks: UiNode[] = []): Target {
  return { label: `the ${name} <${node.tag}> in ${where(node)}`, file: node.file, line: node.line, current: classText(node) || '(no classes)', edit: { kind: 'color', node, role, fallbacks } };
}

/** The elements from `start` (excluded) up to `stop` (included). */
function ancestorsUpTo(start: Placed, stop: UiNode | undefined): UiNode[] {
  const out: UiNode[] = [];
  if (!stop || start.node === stop) return out;
  for (let current = start.parent; current; current = current.parent) {
    out.push(current.node);
    if (current.node === stop) return out;
  }
  return [];
}

const COLOR_TOKEN = /(?:^|\s)bg-(?!clip|gradient|cover|contain|center|no-repeat|fixed|opacity|none|auto|bottom|top|left|right|repeat|scroll|local|origin|blend)[\w[\]#/.%-]+/;

/** A background class that paints nothing: `bg-transparent`, `bg-white/0`, `bg-none`. */
const CLEAR_TOKEN = /^(?:bg-transparent|bg-none|bg-inherit|bg-[\w[\]#.%-]+\/0)$/;
/** The element paints a background of its own with its classes (a transparent one does not count). */
const paints = (node: UiNode): boolean => classText(node).split(/\s+/).some((c) => COLOR_TOKEN.test(` ${c}`) && !CLEAR_TOKEN.test(c));

/**
 * The element whose background a visitor sees as the landmark's: itself, else the closest
 * ancestor (up to `stop`) that paints one, else the element inside it that does (the rounded
 * `bg-white/90` bar inside a transparent `<header>`). A transparent wrapper is never it.
 */
function backgroundCarrier(start: Placed, stop: UiNode | undefined, all: Placed[]): UiNode {
  for (let current: Placed | undefined = start; current; current = current.parent) {
    if (paints(current.node)) return current.node;
    if (current.node === stop) break;
  }
  // Inside: the outermost element that paints, a few levels down, outside menus and buttons.
  const depthOf = (p: Placed) => {
    let depth = 0;
    for (let c: Placed | undefined = p; c && c.node !== start.node; c = c.parent) depth++;
    return depth;
  };
  const inside = all
    .filter((p) => p !== start && isWithin(p, start.node) && !inSecondary(p, start.node) && !isButton(p.node) && !isLink(p.node) && paints(p.node) && depthOf(p) <= 3)
    .sort((a, b) => depthOf(a) - depthOf(b))[0];
  if (inside) return inside.node;
  // Nothing paints: the class that says so (`bg-transparent`) is still where a colour goes.
  for (let current: Placed | undefined = start; current; current = current.parent) {
    if (COLOR_TOKEN.test(classText(current.node))) return current.node;
    if (current.node === stop) break;
  }
  return start.node;
}

function linkItem(outer: UiNode): LinkItem | undefined {
  let link: UiNode | undefined = outer;
  while (link && !isLink(link)) {
    const children: UiNode[] = link.children.filter((c) => c.kind === 'element').map((c) => (c as { node: UiNode }).node);
    // `<li><a>Products</a><ul class="submenu">…</ul></li>`: the item is its own link; the submenu below it is not part of the list.
    const own = children.filter((c) => !isSecondary(c) && !/^(?:ul|ol|menu)$/.test(c.tag));
    link = own.length === 1 ? own[0] : children.length === 1 ? children[0] : undefined;
  }
  if (!link?.link) return undefined;
  const blocks = textBlocks(link).filter((b) => b.edit);
  if (blocks.length !== 1) return undefined;
  return { outer, link, label: blocks[0], target: link.link, targetValue: link.link.raw };
}

/** Link lists inside a subtree: arrays rendered with `.map`, lists handed to components, and hand-written sibling links. */
function linkGroups(root: UiNode): LinkGroup[] {
  // The lists a visitor sees; a menu that exists only in a mobile drawer is still a menu.
  const shown = groupsIn(shownElements(root));
  return shown.length > 0 ? shown : groupsIn(elements(root));
}

function groupsIn(nodes: Iterable<UiNode>): LinkGroup[] {
  const groups: LinkGroup[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    for (const child of node.children) {
      if (child.kind === 'links-array') {
        const key = `${child.array.range.file}:${child.array.range.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        groups.push({ kind: 'array', array: child.array, file: child.array.range.file, line: child.array.line, name: child.array.name, ...(child.rendered ? { rendered: child.rendered } : {}) });
      }
    }
    if (!LIST_CONTAINERS.has(node.tag) && !/^[A-Z]/.test(node.tag)) continue;
    const siblings = node.children.filter((c) => c.kind === 'element').map((c) => (c as { node: UiNode }).node);
    const items = siblings.map(linkItem);
    const runs: LinkItem[][] = [];
    let run: LinkItem[] = [];
    items.forEach((item, i) => {
      if (item && (run.length === 0 || ((run[0].outer.tag === item.outer.tag || (LINK_TAGS.has(run[0].outer.tag) && LINK_TAGS.has(item.outer.tag))) && run[0].outer.file === item.outer.file)) && !isButton(item.link)) {
        run.push(item);
      } else {
        if (run.length >= 2) runs.push(run);
        run = item && !isButton(item.link) ? [item] : [];
      }
      if (i === items.length - 1 && run.length >= 2) runs.push(run);
    });
    for (const items of runs) {
      const key = `${items[0].outer.file}:${items[0].outer.range.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ kind: 'markup', items, container: node, file: items[0].outer.file, line: items[0].outer.line, name: `the <${items[0].outer.tag}> links` });
    }
  }
  return groups;
}

const linkKey = (i: LinkItem) => `${i.label.text.toLowerCase()}→${i.targetValue}`;

/**
 * The navigation written twice by hand (a desktop bar and a mobile menu): the other hand-written
 * lists of the bar that repeat this one (same labels and targets, same order), and those that
 * share at least two of its links without being the same.
 */
function withCopies(group: LinkGroup, scope: UiNode | undefined): LinkGroup {
  if (group.kind !== 'markup' || !scope) return group;
  const own = group.items.map(linkKey);
  const others = groupsIn(elements(scope)).filter((g): g is MarkupGroup => g.kind === 'markup' && g.container !== group.container && !g.items.some((i) => group.items.some((j) => j.outer === i.outer)));
  const copies = others.filter((g) => g.items.map(linkKey).join('\n') === own.join('\n'));
  const differing = others.filter((g) => !copies.includes(g) && g.items.filter((i) => own.includes(linkKey(i)) || group.items.some((j) => j.targetValue === i.targetValue)).length >= 2);
  return { ...group, ...(copies.length > 0 ? { copies } : {}), ...(differing.length > 0 ? { differing } : {}) };
}

/** The bar's lists with their copies, a list that is a copy of an earlier one left out (it changes with it). */
function listsOnce(groups: readonly LinkGroup[], scope: UiNode): LinkGroup[] {
  const out: LinkGroup[] = [];
  for (const group of groups) {
    const copied = out.some((g) => g.kind === 'markup' && group.kind === 'markup' && (g.copies ?? []).some((c) => c.container === group.container));
    if (!copied) out.push(withCopies(group, scope));
  }
  return out;
}

function linksTarget(group: LinkGroup): Target {
  const labels = group.kind === 'array' ? group.array.entries.map((e) => e.labelValue) : group.kind === 'markup' ? group.items.map((i) => i.label.text) : [];
  return { label: `${group.name} (${labels.join(', ')}) in ${group.file}:${group.line}`, file: group.file, line: group.line, current: labels.join(', '), edit: { kind: 'links', group } };
}

const HEADER_TEXT_ALIASES = ['title', 'site title', 'site name', 'brand', 'brand name', 'logo', 'logo text', 'name', 'heading', 'wording', 'copy'];
const COLOR_ALIASES = ['colour', 'background', 'background color', 'background colour', 'bg'];
const TEXT_COLOR_ALIASES = ['text colour', 'font color', 'font colour', 'foreground'];

/** Elements a visitor sees in the bar: drawers, dialogs and mobile copies left out. */
function* shownElements(node: UiNode): Generator<UiNode> {
  yield node;
  for (const child of node.children) if (child.kind === 'element' && !isSecondary(child.node)) yield* shownElements(child.node);
}

/** A class or id that names the brand (`navbar-brand`, `logo`, `site-title`), not a utility that happens to say it (`text-brand-600`). */
const BRAND_NAME = /^(?![a-z]+:)(?!(?:text|bg|border|from|via|to|ring|fill|stroke|outline|shadow|decoration|divide|accent|caret|placeholder)-)[\w-]*(?:logo|brand|site-?title|site-?name)[\w-]*$/i;

function brandBlocks(scope: UiNode): TextBlock[] {
  const shown = [...shownElements(scope)];
  const homeLinks = shown.filter((n) => isLink(n) && ['/', './', '#', '#top', '/#', 'index.html', '/index.html'].includes(n.link?.raw ?? n.attributes.href ?? n.attributes.to ?? ''));
  for (const link of homeLinks) {
    const blocks = textBlocks(link).filter((b) => b.edit);
    if (blocks.length === 1) return blocks;
  }
  const named = shown.filter((n) => [...classText(n).split(/\s+/), n.attributes.id ?? ''].some((token) => token !== '' && BRAND_NAME.test(token)));
  const namedBlocks = named.flatMap((n) => textBlocks(n).filter((b) => b.edit));
  if (namedBlocks.length === 1) return namedBlocks;
  return [];
}

export function buildSiteModel(files: ReadonlyMap<string, string>): SiteModel {
  const project = new Project(files);
  const toTarget = (block: TextBlock) => textTarget(project, block);
  const entry: SiteEntry = findSiteEntry(project) ?? { framework: 'unknown', roots: [], entries: [], stylesheets: [] };
  const theme = readTheme(project, entry.stylesheets);
  const placed = place(entry.roots);
  const renderedFiles = [...new Set(placed.map((p) => p.node.file))];
  const sections: Record<string, DiscoveredSection> = {};

  const first = (test: (p: Placed) => boolean) => placed.find((p) => test(p) && !inSecondary(p));
  const isNav = (p: Placed) => p.node.tag === 'nav' || p.node.attributes.role === 'navigation';
  const headerTags = placed.filter((p) => (p.node.tag === 'header' || p.node.attributes.role === 'banner') && p.within.has('header') && !inSecondary(p));
  // A <header> holding only a headline (Bootstrap's "masthead") is the hero; the site's header has the navigation or the home link.
  const barLike = (p: Placed) =>
    linkGroups(p.node).length > 0 || placed.some((q) => isWithin(q, p.node) && (isNav(q) || (isLink(q.node) && ['/', '#', './', '/#', 'index.html'].includes(q.node.link?.raw ?? ''))));
  const header =
    headerTags.find(barLike) ??
    (headerTags.length > 0 && !placed.some((p) => isNav(p) && !p.within.has('footer') && !headerTags.some((h) => isWithin(p, h.node))) ? headerTags[0] : undefined) ??
    first((p) => isNav(p) && !p.within.has('footer')) ??
    first((p) => !p.within.has('footer') && named(p.node, HEADER_NAME) && !p.node.tag.startsWith('#'));
  const navInHeader = header ? first((p) => isNav(p) && isWithin(p, header.node)) : undefined;
  const nav = navInHeader ?? first((p) => isNav(p) && !p.within.has('footer') && !(header && isWithin(p, header.node)));
  /** Text blocks a visitor reads in a landmark, without button labels, screen-reader-only text or menus. */
  const readable = (scope: UiNode) =>
    placed
      .filter((p) => isWithin(p, scope) && !inSecondary(p, scope) && !insideControl(p, scope))
      .map((p) => textBlock(p.node))
      .filter((b): b is TextBlock => b?.edit !== undefined);
  const footer = first((p) => p.node.tag === 'footer' || p.node.attributes.role === 'contentinfo') ?? first((p) => named(p.node, FOOTER_NAME) && !p.node.tag.startsWith('#'));
  const home = entry.roots[entry.roots.length - 1];
  const heroPlaced = first((p) => p.within.has('hero'));

  const top = header ?? nav;
  if (top) {
    const brand = brandBlocks(top.node);
    const texts = brand.length > 0 ? brand : readable(top.node);
    const logo = [...elements(top.node)].find((n) => n.tag === 'img' || n.tag === 'Image' || n.tag === 'svg' || /Logo/.test(n.tag));
    const labels = placed.filter((p) => isWithin(p, top.node) && isLink(p.node) && !inSecondary(p, top.node)).map((p) => visibleText(p.node)).filter(Boolean);
    const headerHint =
      texts.length === 0
        ? `The ${top.node.tag} in ${top.node.file}:${top.node.line} shows no title or brand text${logo ? ` (its logo is ${logo.tag === 'img' || logo.tag === 'Image' ? `an image${logo.attributes.alt ? `, alt "${logo.attributes.alt}"` : ''}` : `<${logo.tag}>`}, changed in the code)` : ''}.${labels.length > 0 ? ` Its links are ${labels.slice(0, 6).map((l) => `"${l}"`).join(', ')}: rename one with e.g. \`rename the ${labels[0]} link to …\`, or change a button with \`change "${labels[labels.length - 1]}" to "…"\`.` : ''}`
        : undefined;
    const groups = prefer(linkGroups(top.node).filter((g) => !buttonsOutside(g, nav?.node)), (g) => (nav ? containsGroup(nav.node, g) : false));
    sections.header = {
      description: 'The page header: the site title or brand, its links and its background.',
      aliases: ['page header', 'masthead', 'banner', 'top of the page'],
      location: { file: top.node.file, line: top.node.line, tag: top.node.tag },
      properties: {
        text: { kind: 'text', aliases: HEADER_TEXT_ALIASES, description: 'the site title or brand text', maxLength: 80, targets: texts.map(toTarget), ...(headerHint ? { hint: headerHint } : {}) },
        color: { kind: 'color', aliases: COLOR_ALIASES, description: 'background colour', targets: [colorTarget(backgroundCarrier(top, top.node, placed), 'background', 'header')] },
        'text-color': { kind: 'color', aliases: TEXT_COLOR_ALIASES, description: 'text colour', targets: [colorTarget(top.node, 'text', 'header')] },
        ...(groups.length > 0 ? { links: { kind: 'links' as const, aliases: ['link', 'menu', 'menu items', 'nav links'], description: 'the links', targets: listsOnce(groups, top.node).map(linksTarget) } } : {}),
      },
    };
  }
  if (nav ?? top) {
    const bar = (nav ?? top) as Placed;
    const brand = brandBlocks(top?.node ?? bar.node);
    const groups = prefer(linkGroups(bar.node), () => true);
    const listed = groups.length > 0 ? groups : top ? linkGroups(top.node).filter((g) => !buttonsOutside(g, nav?.node)) : [];
    // No list yet, only buttons: the first link goes beside them (or is a copy of one), asked.
    const buttonLinks = placed.filter((p) => isWithin(p, (top ?? bar).node) && !inSecondary(p, (top ?? bar).node) && isLink(p.node) && isButton(p.node)).map((p) => linkItem(p.node)).filter((i): i is LinkItem => i !== undefined);
    const allGroups: LinkGroup[] = listed.length > 0 ? listed : buttonLinks.length > 0 ? [{ kind: 'first', before: buttonLinks[0].outer, buttons: buttonLinks, file: buttonLinks[0].outer.file, line: buttonLinks[0].outer.line, name: `the buttons (${buttonLinks.map((b) => b.label.text).join(', ')})` }] : [];
    sections.navbar = {
      description: 'The navigation bar: brand, links and background.',
      aliases: ['nav', 'nav bar', 'navigation', 'navigation bar', 'top bar', 'topbar', 'menu bar', 'menu', 'main navigation'],
      location: { file: bar.node.file, line: bar.node.line, tag: bar.node.tag },
      properties: {
        brand: { kind: 'text', aliases: ['brand name', 'logo', 'logo text', 'site name', 'name', 'title', 'site title', 'text', 'wording'], description: 'the brand text', maxLength: 60, targets: brand.map(toTarget), ...(brand.length === 0 && sections.header?.properties.text?.hint ? { hint: sections.header.properties.text.hint } : {}) },
        color: { kind: 'color', aliases: COLOR_ALIASES, description: 'background colour', targets: [colorTarget(backgroundCarrier(bar, top?.node, placed), 'background', 'navbar', ancestorsUpTo(bar, top?.node))] },
        'text-color': { kind: 'color', aliases: TEXT_COLOR_ALIASES, description: 'text colour', targets: [colorTarget(bar.node, 'text', 'navbar')] },
        ...(allGroups.length > 0 ? { links: { kind: 'links' as const, aliases: ['link', 'menu items', 'nav links', 'items'], description: 'the navigation links', targets: listsOnce(allGroups, (top ?? bar).node).map(linksTarget) } } : {}),
      },
    };
  }
  if (footer) {
    const blocks = readable(footer.node);
    const copyright = blocks.filter((b) => /©|\(c\)|copyright|all rights reserved/i.test(b.text));
    const wordy = copyright.filter((b) => b.edit && /[\p{L}]/u.test(b.edit.replaced));
    const texts = wordy.length > 0 ? wordy : blocks.filter((b) => !isLink(b.node));
    const groups = linkGroups(footer.node);
    const footerLabels = placed.filter((p) => isWithin(p, footer.node) && isLink(p.node) && !inSecondary(p, footer.node)).map((p) => visibleText(p.node)).filter(Boolean);
    const footerHint =
      texts.length === 0
        ? `The footer in ${footer.node.file}:${footer.node.line} has no copyright line or text of its own${footerLabels.length > 0 ? `, only links (${footerLabels.slice(0, 6).map((l) => `"${l}"`).join(', ')})` : ''}. Rename a link with e.g. \`rename the ${footerLabels[0] ?? 'Privacy'} link in the footer to …\`, or add a copyright line to ${footer.node.file} in the code first.`
        : undefined;
    sections.footer = {
      description: 'The page footer: the copyright line, its links and its background.',
      aliases: ['page footer', 'bottom', 'copyright', 'bottom of the page'],
      location: { file: footer.node.file, line: footer.node.line, tag: footer.node.tag },
      properties: {
        text: { kind: 'text', aliases: ['wording', 'copy', 'copyright', 'copyright line', 'copyright text', 'line', 'footer text'], description: 'the copyright line', maxLength: 200, targets: texts.map(toTarget), ...(footerHint ? { hint: footerHint } : {}) },
        color: { kind: 'color', aliases: COLOR_ALIASES, description: 'background colour', targets: [colorTarget(backgroundCarrier(footer, footer.node, placed), 'background', 'footer')] },
        'text-color': { kind: 'color', aliases: TEXT_COLOR_ALIASES, description: 'text colour', targets: [colorTarget(footer.node, 'text', 'footer')] },
        ...(groups.length > 0 ? { links: { kind: 'links' as const, aliases: ['link', 'footer links'], description: 'the footer links', targets: groups.map(linksTarget) } } : {}),
      },
    };
  }
  if (home) {
    const outside = (p: Placed) => ![top, nav, footer].some((landmark) => landmark && isWithin(p, landmark.node)) && !(p.within.has('nav') && !p.within.has('hero'));
    const homeNodes = placed.filter((p) => isWithin(p, home) && outside(p));
    const heroNodes = heroPlaced ? placed.filter((p) => p.within.has('hero') && outside(p)) : [];
    const headingTag = homeNodes.some((p) => p.node.tag === 'h1') ? 'h1' : 'h2';
    // A hero whose headline is styled, not tagged (`<div class="text-4xl md:text-6xl font-bold">`): the largest text in it.
    const styled = heroNodes.length > 0 && !heroNodes.some((p) => p.node.tag === 'h1' || p.node.tag === 'h2') ? displayHeadline(heroNodes) : undefined;
    const h1s = styled ? [styled] : (heroNodes.length > 0 ? heroNodes : homeNodes).filter((p) => p.node.tag === headingTag);
    const headlines = (h1s.length > 0 ? h1s : homeNodes.filter((p) => p.node.tag === headingTag)).map((p) => textBlocks(p.node).find((b) => b.edit) ?? textBlock(p.node)).filter((b): b is TextBlock => b?.edit !== undefined);
    const headline = h1s[0];
    // A home page a theme outside the repository draws around the page's Markdown: without a headline, its text is the whole page.
    const heroScope = heroNodes.length > 0 ? heroNodes : headline ? placed.filter((p) => headline.parent && isWithin(p, headline.parent.parent?.node ?? headline.parent.node) && outside(p)) : home.configured ? homeNodes : [];
    const afterHeadline = headline ? heroScope.filter((p) => placed.indexOf(p) > placed.indexOf(headline)) : heroScope;
    const buttonNodes = (afterHeadline.some((p) => isButton(p.node)) ? afterHeadline : heroScope).filter((p) => isButton(p.node));
    const buttons = buttonNodes.map((p) => textBlocks(p.node).find((b) => b.edit)).filter((b): b is TextBlock => b !== undefined);
    const buttonColors = buttonNodes.filter((p) => textBlocks(p.node).some((b) => b.edit)).map((p) => ({ ...colorTarget(p.node, 'background', 'button'), label: `the ${JSON.stringify(shorten(visibleText(p.node), 40))} button in ${where(p.node)}` }));
    // The paragraph under the headline, not an eyebrow above it (`<p class="uppercase">New</p><h1>…`): the first after it, else the last before it.
    const paragraphOf = (p: Placed) => paragraphBlock(p.node);
    const heroParagraphs = heroScope.filter((p) => p.node.tag === 'p' && paragraphOf(p) !== undefined);
    const below = headline ? heroParagraphs.filter((p) => placed.indexOf(p) > placed.indexOf(headline)) : heroParagraphs;
    const paragraphs = (below.length > 0 ? below : heroParagraphs.slice().reverse()).map(paragraphOf).filter((b): b is TextBlock => b !== undefined);
    sections.home = {
      description: 'The home page: the hero headline, its paragraph and call-to-action button.',
      aliases: ['home page', 'homepage', 'landing page', 'landing', 'hero', 'hero section', 'front page', 'index page'],
      location: { file: (heroPlaced ?? headline)?.node.file ?? home.file, line: (heroPlaced ?? headline)?.node.line ?? home.line, tag: (heroPlaced ?? headline)?.node.tag ?? 'page' },
      properties: {
        'hero-text': { kind: 'text', aliases: ['hero', 'headline', 'hero headline', 'hero title', 'heading', 'main heading', 'h1'], description: 'the hero headline', maxLength: 200, targets: (headlines.length > 0 ? [headlines[0]] : []).map(toTarget).concat(headlines.slice(1).filter(() => h1s.length > 1).map(toTarget)) },
        description: { kind: 'text', aliases: ['intro', 'subtitle', 'subheading', 'blurb', 'paragraph', 'hero text', 'hero paragraph', 'tagline', 'hero tagline', 'hero subtitle', 'hero description'], description: 'the paragraph under the headline', maxLength: 500, targets: paragraphs.slice(0, 1).map(toTarget) },
        'cta-text': { kind: 'text', aliases: ['cta', 'call to action', 'button', 'button text', 'button label', 'cta button', 'primary button'], description: 'the call-to-action button label', maxLength: 60, targets: buttons.map(toTarget) },
        'cta-color': { kind: 'color', aliases: ['button color', 'button colour', 'button background', 'cta color', 'cta colour', 'cta background'], description: 'the call-to-action button background', targets: buttonColors },
      },
    };
  }
  const seoPlaces = distinctSeoPlaces([...(entry.seo ?? []), ...seoInTrees(project, entry.roots, entry.homeFile)]);
  const seoTargets = (field: SeoField): Target[] => {
    const all = seoPlaces.filter((p) => p.field === field);
    const site = all.filter((p) => p.page === undefined);
    const pool = site.length > 0 ? site : all.filter((p) => p.page === '/');
    const primary = pool[0]?.block.text;
    // The site title is often kept in several settings (a `title` and an `ogTitle`, the config and the layout): those showing the same words change together.
    return pool.filter((p) => p.block.text === primary).map((p) => ({ label: p.where, file: p.block.node.file, line: p.block.node.line, current: p.block.text, edit: { kind: 'text' as const, block: p.block } }));
  };
  const scales = brandScales(project, theme);
  const outsideTheme = entry.outsideTheme;
  if (scales.length > 0 || outsideTheme?.brand) {
    sections.theme = {
      description: "The site's theme: its brand (primary) colour, used by every element that names it.",
      aliases: ['brand', 'site theme', 'colour scheme', 'color scheme', 'palette'],
      properties: {
        'primary-color': {
          kind: 'color',
          aliases: ['brand colour', 'brand color', 'primary colour', 'primary color', 'primary', 'brand', 'main colour', 'main color', 'accent', 'accent colour', 'accent color', 'theme colour', 'theme color', 'colour', 'color'],
          description: 'the brand colour, with its shades',
          targets: scales.map((scale) => {
            const base = scale.tokens.find((t) => t.base && !t.dark) ?? scale.tokens[0];
            return { label: scale.label, file: base.file, line: base.line, current: base.value, edit: { kind: 'brand' as const, scale } };
          }),
          ...(scales.length === 0 && outsideTheme?.brand ? { refusal: outsideTheme.brand } : {}),
        },
      },
    };
  }
  if (outsideTheme) refuseWhatTheThemeOwns(sections, outsideTheme, { header: top?.node, navbar: (nav ?? top)?.node, footer: footer?.node, home });
  if (seoPlaces.length > 0) {
    sections.seo = {
      description: 'What search engines and the browser tab show: the site title and the meta description.',
      aliases: ['search', 'search engine', 'search engines', 'search results', 'google', 'seo', 'meta', 'metadata', 'meta tags', 'browser tab', 'tab', 'head'],
      properties: {
        title: { kind: 'text', aliases: ['site title', 'page title', 'browser title', 'tab title', 'seo title', 'meta title', 'title tag', 'site name', 'name'], description: 'the title search engines and the browser tab show', maxLength: 70, targets: seoTargets('title'), together: true },
        description: { kind: 'text', aliases: ['meta description', 'site description', 'seo description', 'search description', 'page description', 'summary'], description: 'the description search engines show', maxLength: 300, targets: seoTargets('description'), together: true },
      },
    };
  }
  const blocks: SiteModel['blocks'] = [];
  for (const p of placed) {
    if (p.within.has('head')) continue;
    const block = textBlock(p.node);
    if (!block?.edit) continue;
    // Regions of the landmarks chosen above (a second <header> or <nav> elsewhere on the page is not the header).
    const region: Region = p.within.has('hero') ? 'hero' : top && isWithin(p, top.node) ? 'header' : nav && isWithin(p, nav.node) ? 'nav' : footer && isWithin(p, footer.node) ? 'footer' : 'main';
    blocks.push({ block, where: region });
  }
  const parents = new Map<UiNode, UiNode>();
  for (const p of placed) if (p.parent) parents.set(p.node, p.parent.node);
  return { framework: entry.framework, ...(entry.homeFile ? { homeFile: entry.homeFile } : {}), theme, stylesheets: entry.stylesheets, sections, blocks, renderedFiles, entries: entry.entries, project, parents, seo: seoPlaces, pages: entry.pages ?? [], entry };
}

/**
 * A landmark a theme outside the repository draws holds only what its configuration gives it: a
 * property with nothing there (the theme's own words, links the configuration does not list) is
 * answered with the theme's sentence rather than a question about markup the site does not have.
 */
function refuseWhatTheThemeOwns(sections: Record<string, DiscoveredSection>, outside: NonNullable<SiteEntry['outsideTheme']>, drawn: Record<string, UiNode | undefined>): void {
  for (const [name, node] of Object.entries(drawn)) {
    const section = sections[name];
    if (!section || !node?.configured) continue;
    if (name !== 'home' && !section.properties.links) section.properties.links = { kind: 'links', aliases: ['link', 'menu items', 'nav links', 'items', 'footer links'], description: 'the links', targets: [] };
    for (const [property, found] of Object.entries(section.properties)) {
      if (found.targets.length > 0) continue;
      found.refusal = outside.missing(name, property);
      delete found.hint;
    }
  }
}

/**
 * A paragraph's words as one text: its own, or those of the one element inside holding them all
 * (`<p><span slot="subtitle">…</span></p>`, where a page passes the words into a component's slot).
 */
function paragraphBlock(node: UiNode): TextBlock | undefined {
  const own = textBlock(node);
  if (own?.edit) return own;
  const inner = textBlocks(node).filter((b) => b.edit && b.node !== node);
  return inner.length === 1 && inner[0].text === visibleText(node) ? inner[0] : undefined;
}

const TEXT_SIZES = ['xs', 'sm', 'base', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl', '6xl', '7xl', '8xl', '9xl'];

/** How large an element's text is set: its largest Tailwind `text-*` size at any breakpoint, a `display-*`/`title` class. */
function textSize(node: UiNode): number {
  let size = 0;
  for (const token of classText(node).split(/\s+/)) {
    const tailwind = /^(?:[a-z0-9]+:)*text-(xs|sm|base|lg|xl|[2-9]xl)$/.exec(token);
    if (tailwind) size = Math.max(size, TEXT_SIZES.indexOf(tailwind[1]) + 1);
    if (/^display-\d$/.test(token) || /(?:^|[-_])(?:title|headline|heading)(?:$|[-_])/.test(token) && !/sub-?title|subheading/.test(token)) size = Math.max(size, 8);
  }
  return size;
}

/** The hero's headline when no element is tagged as one: the one text clearly set larger than all others. */
function displayHeadline(scope: readonly Placed[]): Placed | undefined {
  const candidates = scope.filter((p) => textBlock(p.node)?.edit !== undefined && !isButton(p.node) && !isLink(p.node)).map((p) => ({ p, size: textSize(p.node) }));
  const largest = Math.max(0, ...candidates.map((c) => c.size));
  const top = candidates.filter((c) => c.size === largest);
  return largest >= 6 && top.length === 1 ? top[0].p : undefined;
}

/** Inside a drawer, dialog or mobile-only copy (below `scope`, when given). */
function inSecondary(p: Placed, scope?: UiNode): boolean {
  for (let current: Placed | undefined = p; current && current.node !== scope; current = current.parent) if (isSecondary(current.node)) return true;
  return false;
}

/** Inside a button or a link (their labels are not the landmark's text). */
const FORM_CONTROLS = new Set(['select', 'option', 'optgroup', 'textarea', 'input', 'label', 'Select', 'SelectItem', 'Option']);

function insideControl(p: Placed, scope: UiNode): boolean {
  for (let current: Placed | undefined = p; current && current.node !== scope; current = current.parent) {
    if (isButton(current.node) || isLink(current.node) || FORM_CONTROLS.has(current.node.tag)) return true;
  }
  return false;
}

function isWithin(p: Placed, ancestor: UiNode): boolean {
  for (let current: Placed | undefined = p; current; current = current.parent) if (current.node === ancestor) return true;
  return false;
}

function containsGroup(scope: UiNode, group: LinkGroup): boolean {
  for (const node of elements(scope)) {
    if (group.kind === 'markup' && node === group.container) return true;
    if (group.kind === 'first' && node === group.before) return true;
    if (group.kind === 'array' && node.children.some((c) => c.kind === 'links-array' && c.array === group.array)) return true;
  }
  return false;
}

/**
 * An array drawn as buttons (AstroWind's `actions.map((btnProps) => <Button {...btnProps} />)`)
 * beside a <nav> that does not hold it: the bar's calls to action, never its navigation links.
 */
function buttonsOutside(group: LinkGroup, nav: UiNode | undefined): boolean {
  if (group.kind !== 'array' || !group.rendered || group.rendered.length === 0 || !group.rendered.every(isButton)) return false;
  return nav === undefined || !containsGroup(nav, group);
}

/** The preferred items when any is preferred, else all. */
function prefer<T>(items: T[], preferred: (item: T) => boolean): T[] {
  const best = items.filter(preferred);
  return best.length > 0 ? best : items;
}


