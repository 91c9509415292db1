import type * as t from '@babel/types';
import { frontMatterSeo, placeFromSlot } from '../seo';
import type { Project } from '../project';
import { linksArray, objectProperty, resolveExpression, stringSlot, unwrap } from '../resolve';
import { frontMatter, stringAt, valueAt } from '../templates/data-files';
import { renderMarkdown } from '../templates/markdown';
import { fileStart, settingElement, settingText, themeChild, themeNode } from '../templates/theme-parts';
import type { SourceRange, UiChild, UiNode } from '../ui-tree';
import { byRoute, type OutsideTheme, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * Astro Starlight: the `starlight({ title, description, social, sidebar, customCss })` integration
 * in `astro.config.*` draws every page from `src/content/docs/**.md(x)`; its header (the title,
 * the social links), sidebar and home page (`template: splash` with `hero.title/tagline/actions`)
 * come from that call and the pages' front matter, and are described as Starlight draws them.
 * The brand colour is `--sl-color-accent` in a `customCss` file when the site sets one.
 */
const CONFIG = /^astro\.config\.[cm]?[jt]s$/;
const DOCS = 'src/content/docs/';

interface Located<T extends t.Node = t.Node> {
  file: string;
  node: T;
}

function configFile(project: Project): string | undefined {
  return [...project.files.keys()].find((f) => CONFIG.test(f) && /['"]@astrojs\/starlight['"]/.test(project.text(f) ?? ''));
}

/** The object passed to the integration imported from `@astrojs/starlight` (`starlight({ … })`). */
function starlightOptions(project: Project, file: string): Located<t.ObjectExpression> | undefined {
  const ast = project.ast(file);
  if (!ast) return undefined;
  const names = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== '@astrojs/starlight') continue;
    for (const specifier of statement.specifiers) if (specifier.type === 'ImportDefaultSpecifier') names.add(specifier.local.name);
  }
  let found: t.Node | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as t.Node;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && names.has(n.callee.name) && n.arguments[0]) {
      found = n.arguments[0];
      return;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'leadingComments' && key !== 'trailingComments' && typeof value === 'object') visit(value);
  };
  visit(ast.program);
  const options = unwrap(found);
  if (!options) return undefined;
  const located = options.type === 'ObjectExpression' ? { file, node: options } : resolveExpression(project, file, options);
  return located?.node.type === 'ObjectExpression' ? (located as Located<t.ObjectExpression>) : undefined;
}

function propertyOf(project: Project, object: Located<t.ObjectExpression>, key: string): Located | undefined {
  const value = unwrap(objectProperty(object.node, key)?.value);
  if (!value) return undefined;
  return resolveExpression(project, object.file, value) ?? { file: object.file, node: value };
}

const rangeOf = (located: Located): SourceRange => ({ file: located.file, start: located.node.start ?? 0, end: located.node.end ?? 0 });

function configText(project: Project, located: Located | undefined): UiChild[] {
  const node = located?.node;
  if (!located || node?.type !== 'StringLiteral') return [];
  const slot = stringSlot(project, located.file, node);
  return slot ? [{ kind: 'string', slot, value: node.value, viaConfig: true, display: node.value }] : [];
}

function linksOf(project: Project, located: Located | undefined, name: string): UiChild[] {
  const array = located?.node.type === 'ArrayExpression' ? linksArray(project, located.file, located.node, name) : undefined;
  return array ? [{ kind: 'links-array', array }] : [];
}

/** The sidebar: its top-level links, and each group's `items` as a list of its own (named by the group's label). */
function sidebar(project: Project, located: Located | undefined): UiChild[] {
  if (located?.node.type !== 'ArrayExpression') return [];
  const out: UiChild[] = [...linksOf(project, located, 'sidebar in the starlight() options')];
  for (const element of located.node.elements) {
    const group = element ? unwrap(element) : undefined;
    if (group?.type !== 'ObjectExpression') continue;
    const label = objectProperty(group, 'label')?.value;
    const items = propertyOf(project, { file: located.file, node: group }, 'items');
    const name = label?.type === 'StringLiteral' ? `sidebar group ${JSON.stringify(label.value)}` : 'a sidebar group';
    const heading = label?.type === 'StringLiteral' ? [themeChild(project, rangeOf({ file: located.file, node: label }), 'h2', configText(project, { file: located.file, node: label }))] : [];
    const list = linksOf(project, items, name);
    if (list.length > 0) out.push(themeChild(project, rangeOf({ file: located.file, node: group }), 'details', [...heading, themeChild(project, rangeOf(items as Located), 'ul', list)]));
  }
  return out;
}

/** `src/content/docs/guides/example.md` → `/guides/example`; `index.mdx` → `/`. */
function docsPages(project: Project): PageFile[] {
  const pages: PageFile[] = [];
  for (const file of project.files.keys()) {
    const match = new RegExp(`^${DOCS}(.+?)\\.(?:md|mdx|mdoc)$`).exec(file);
    if (!match) continue;
    const parts = match[1].split('/');
    if (parts[parts.length - 1] === 'index') parts.pop();
    pages.push({ route: `/${parts.join('/')}`, file });
  }
  return pages.sort(byRoute);
}

/** A page as Starlight draws it: the hero of a splash page (or the page's title as its heading), then its Markdown. */
function pageTree(project: Project, file: string): UiNode {
  const front = frontMatter(project, file);
  const root = front.document?.root;
  const hero = valueAt(root, ['hero']);
  const children: UiChild[] = [];
  if (hero) {
    const heroChildren: UiChild[] = [...settingElement(project, valueAt(hero, ['title']) ?? valueAt(root, ['title']), 'h1'), ...settingElement(project, valueAt(hero, ['tagline']), 'p', { class: 'tagline' })];
    const actions = valueAt(hero, ['actions']);
    if (actions?.kind === 'list') {
      for (const action of actions.items) {
        const label = stringAt(action, ['text']);
        if (label) heroChildren.push(themeChild(project, action.range, 'a', settingText(label), { class: `sl-link-button ${stringAt(action, ['variant'])?.value ?? 'primary'}`, role: 'button', href: stringAt(action, ['link'])?.value ?? '#' }));
      }
    }
    children.push(themeChild(project, hero.range, 'div', heroChildren, { class: 'hero' }));
  } else children.push(...settingElement(project, valueAt(root, ['title']), 'h1'));
  // MDX imports and components are not the page's words: only Markdown paragraphs and headings are read.
  const body = renderMarkdown(file, project.text(file) ?? '', front.bodyStart, (o) => project.line(file, o));
  children.push(themeChild(project, fileStart(file), 'div', body, { class: 'sl-markdown-content' }));
  return themeNode(project, fileStart(file), 'main', children);
}

function outside(configPath: string, stylesheets: readonly string[]): OutsideTheme {
  const drawnBy = 'Starlight (the @astrojs/starlight package, not in this repository)';
  const css = stylesheets[0] ? `${stylesheets[0]} (a \`customCss\` file of the starlight() options in ${configPath})` : `a stylesheet listed under \`customCss\` in the starlight() options in ${configPath} (e.g. src/styles/custom.css)`;
  return {
    color(section, role) {
      const variable = role === 'background' ? (section === 'footer' ? '--sl-color-bg' : '--sl-color-bg-nav') : '--sl-color-text';
      return `The ${section} of this Starlight site is drawn by ${drawnBy}, so its ${role === 'background' ? 'background' : 'text colour'} is the theme's own and no file here sets it. To change it, set \`${variable}\` in ${css}.`;
    },
    brand: `The accent (brand) colour of this Starlight site is Starlight's \`--sl-color-accent\` (with \`-low\` and \`-high\`), and the site sets none of them. To change it, set them in \`:root\` in ${css}; once the site sets them there, ask again and I will change them there.`,
    missing(section, property) {
      if (section === 'home') return `The home page of this Starlight site is drawn by ${drawnBy} from its front matter (\`template: splash\`, \`hero.title\`, \`hero.tagline\`, \`hero.actions\`), and it has no ${property === 'cta-text' || property === 'cta-color' ? 'action button (`hero.actions`)' : property === 'hero-text' ? 'hero title' : 'tagline'} yet; add it there, then ask again.`;
      if (section === 'footer') return `The footer of this Starlight site is drawn by ${drawnBy}: it shows the page's edit link, last update and pagination, none of them words kept in this site's files, so I cannot change them here.`;
      if (property === 'links') return `The ${section} of this Starlight site is drawn by ${drawnBy}, and the starlight() options in ${configPath} list no links for it (\`social\`, \`sidebar\`).`;
      return `The ${section} of this Starlight site is drawn by ${drawnBy}; its ${property === 'text' || property === 'brand' ? 'words' : property} there are the theme's own, not in this site's files, so I cannot change them here.`;
    },
  };
}

export const starlight: StackAdapter = {
  name: 'Starlight',
  detect: (project) => configFile(project) !== undefined,
  discover(project): SiteEntry | undefined {
    const file = configFile(project);
    const options = file ? starlightOptions(project, file) : undefined;
    if (!file || !options) return undefined;
    const pages = docsPages(project);
    const home = pages.find((p) => p.route === '/');
    // A site with its own home page in src/pages is read as the Astro site it also is.
    if (!home && [...project.files.keys()].some((f) => /^src\/pages\/index\.(?:astro|md|mdx)$/.test(f))) return undefined;
    const title = propertyOf(project, options, 'title');
    const titleAt = title ? rangeOf(title) : rangeOf(options);
    const social = propertyOf(project, options, 'social');
    const header = themeNode(project, titleAt, 'header', [themeChild(project, titleAt, 'a', configText(project, title), { class: 'site-title', href: '/' }), themeChild(project, social ? rangeOf(social) : titleAt, 'nav', [...linksOf(project, social, 'social in the starlight() options'), ...sidebar(project, propertyOf(project, options, 'sidebar'))])], { class: 'header' });
    const footer = themeNode(project, rangeOf(options), 'footer', [], { class: 'sl-footer' });
    const roots = [header, footer, ...(home ? [pageTree(project, home.file)] : [])];
    const css = propertyOf(project, options, 'customCss');
    const stylesheets = css?.node.type === 'ArrayExpression' ? css.node.elements.flatMap((e) => (e?.type === 'StringLiteral' ? [e.value.replace(/^\.\//, '')] : [])).filter((f) => project.files.has(f)) : [];
    const seo = (['title', 'description'] as const).flatMap((field) => {
      const value = propertyOf(project, options, field);
      const slot = value?.node.type === 'StringLiteral' ? stringSlot(project, value.file, value.node) : undefined;
      return slot && value?.node.type === 'StringLiteral' ? [placeFromSlot(project, field, slot, value.node.value, field)] : [];
    });
    return {
      framework: 'Starlight',
      roots,
      ...(home ? { homeFile: home.file } : {}),
      entries: [file, ...pages.map((p) => p.file)],
      stylesheets,
      pages,
      seo: [...seo, ...(home ? frontMatterSeo(project, home.file, '/') : [])],
      renderPage: (page) => [pageTree(project, page.file)],
      pageSeo: (page) => ({ places: frontMatterSeo(project, page.file, page.route) }),
      outsideTheme: outside(file, stylesheets),
    };
  },
  missingHome(project) {
    const file = configFile(project);
    return file ? `This is an Astro Starlight site (${file}), but I could not read the options of its starlight() integration or found no pages in ${DOCS}.` : undefined;
  },
};
