import type * as t from '@babel/types';
import { frontMatterSeo, placeFromSlot } from '../seo';
import { renderComponent } from '../jsx-tree';
import type { Project } from '../project';
import { exported, linksArray, objectProperty, resolveExpression, stringSlot, unwrap } from '../resolve';
import { element, syntheticNode } from '../templates/synthetic';
import type { SourceRange, UiChild, UiNode } from '../ui-tree';
import { pageFiles, type SiteEntry, type StackAdapter } from './stack';

/**
 * Docusaurus: the theme renders the navbar and footer from `docusaurus.config.js`
 * (`themeConfig.navbar.title`, `.items`; `themeConfig.footer.links`, `.copyright`), so they are
 * described as the tree the theme renders, each text and link pointing at its value in the
 * config. Their colours are Infima's custom properties, set in the site's `customCss` (in `:root`,
 * or in the rule of the navbar's or footer's style class when it has one). The home
 * page is `src/pages/index.*`, React, where `useDocusaurusContext().siteConfig` is the config.
 */
const CONFIG_FILES = ['docusaurus.config.ts', 'docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.mts'];

/** A config value and the file it is written in. */
interface Located<T extends t.Node = t.Node> {
  file: string;
  node: T;
}

/** A value followed through names and imports (`items: navbarItems`, `footer` from `./config/footer`) to its literal. */
function follow(project: Project, file: string, node: t.Node | null | undefined): Located | undefined {
  const value = unwrap(node);
  if (!value) return undefined;
  return resolveExpression(project, file, value) ?? { file, node: value };
}

/** A property of a config object, followed to its literal. */
function propertyOf(project: Project, object: Located<t.ObjectExpression>, key: string): Located | undefined {
  return follow(project, object.file, objectProperty(object.node, key)?.value);
}

function objectAt(project: Project, start: Located<t.ObjectExpression>, ...path: string[]): Located<t.ObjectExpression> | undefined {
  let current: Located | undefined = start;
  for (const key of path) {
    if (current?.node.type !== 'ObjectExpression') return undefined;
    current = propertyOf(project, current as Located<t.ObjectExpression>, key);
  }
  return current?.node.type === 'ObjectExpression' ? (current as Located<t.ObjectExpression>) : undefined;
}

const rangeOf = (file: string, node: t.Node): SourceRange => ({ file, start: node.start ?? 0, end: node.end ?? 0 });

/** A config string as text shown by the theme: a plain string, or a template literal with `${…}` parts kept (the copyright year). */
function configText(project: Project, located: Located | undefined): UiChild[] {
  if (!located) return [];
  const { file, node: value } = located;
  if (value.type === 'StringLiteral' || (value.type === 'TemplateLiteral' && value.expressions.length === 0)) {
    const slot = stringSlot(project, file, value);
    const text = value.type === 'StringLiteral' ? value.value : (value.quasis[0]?.value.cooked ?? '');
    return slot ? [{ kind: 'string', slot, value: text, viaConfig: true, display: text }] : [];
  }
  if (value.type === 'TemplateLiteral') {
    const source = project.text(file) ?? '';
    const out: UiChild[] = [];
    value.quasis.forEach((quasi, i) => {
      const range = { file, start: quasi.start ?? 0, end: quasi.end ?? 0 };
      const raw = source.slice(range.start, range.end);
      if (raw !== '') out.push({ kind: 'text', range, raw, value: quasi.value.cooked ?? raw, syntax: 'js-template' });
      const expression = value.expressions[i];
      if (expression) out.push({ kind: 'expression', range: { file, start: (expression.start ?? 0) - 2, end: (expression.end ?? 0) + 1 }, display: source.slice((expression.start ?? 0) - 2, (expression.end ?? 0) + 1) });
    });
    return out;
  }
  return [];
}

function linksChild(project: Project, located: Located | undefined, name: string): UiChild[] {
  const array = located?.node.type === 'ArrayExpression' ? linksArray(project, located.file, located.node, name) : undefined;
  return array ? [{ kind: 'links-array', array }] : [];
}

function customCss(project: Project, file: string, config: t.ObjectExpression): string[] {
  const found: string[] = [];
  const visit = (node: t.Node | null | undefined) => {
    const value = unwrap(node);
    if (!value) return;
    if (value.type === 'ObjectExpression') {
      for (const property of value.properties) {
        if (property.type !== 'ObjectProperty') continue;
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : '';
        const inner = unwrap(property.value);
        if (key === 'customCss') {
          const paths = inner?.type === 'ArrayExpression' ? inner.elements : [inner];
          for (const p of paths) if (p?.type === 'StringLiteral') found.push(project.resolve(file, p.value.startsWith('.') ? p.value : `./${p.value}`) ?? p.value.replace(/^\.\//, ''));
        } else visit(inner);
      }
    } else if (value.type === 'ArrayExpression') value.elements.forEach((e) => visit(e));
  };
  visit(config);
  return found.filter((f) => project.files.has(f));
}

/** A part of the page the theme renders, placed at the config value it shows (its file and line). */
function configNode(project: Project, at: Located, tag: string, children: UiChild[], options: Parameters<typeof syntheticNode>[3] = {}): UiNode {
  return syntheticNode(tag, rangeOf(at.file, at.node), children, { ...options, line: project.line(at.file, at.node.start ?? 0) });
}

/** `navbar.style` / `footer.style` (`'dark'`, `'primary'`), when written as a string. */
function styleOf(project: Project, object: Located<t.ObjectExpression>): string | undefined {
  const value = propertyOf(project, object, 'style')?.node;
  return value?.type === 'StringLiteral' ? value.value : undefined;
}

/**
 * The Infima variables that colour a landmark. A style class (`.navbar--dark`, `.navbar--primary`,
 * `.footer--dark`) sets some of them on the element itself, where a `:root` value never shows: those
 * are written in a rule for that class (`.footer--dark { --ifm-footer-background-color: … }`), which
 * the site's `customCss` (loaded after Infima) wins with. `overridden` maps each style to the roles
 * its class sets, and to the variable that carries the role under it.
 */
function colorVariables(style: string | undefined, block: string, variables: { background: string; text: string }, overridden: Record<string, Partial<Record<'background' | 'text', string>>>, stylesheets: string[]): NonNullable<UiNode['styleVariables']> {
  const under = style ? overridden[style] : undefined;
  if (!under) return { ...variables, stylesheets };
  const scope = Object.fromEntries(Object.keys(under).map((role) => [role, `.${block}--${style}`]));
  return { background: under.background ?? variables.background, text: under.text ?? variables.text, stylesheets, scope };
}

/** The navbar and footer as the theme renders them from the config. */
function themeTrees(project: Project, config: Located<t.ObjectExpression>, stylesheets: string[]): UiNode[] {
  const trees: UiNode[] = [];
  const navbar = objectAt(project, config, 'themeConfig', 'navbar');
  if (navbar) {
    const title = propertyOf(project, navbar, 'title');
    const brand = configNode(project, title ?? navbar, 'a', configText(project, title), { attributes: { href: '/', class: 'navbar__brand' } });
    const items = linksChild(project, propertyOf(project, navbar, 'items'), 'themeConfig.navbar.items');
    const style = styleOf(project, navbar);
    // Infima: `.navbar--dark` sets the background and the link colour, `.navbar--primary` the background (the brand colour).
    const styleVariables = colorVariables(
      style,
      'navbar',
      { background: '--ifm-navbar-background-color', text: '--ifm-navbar-link-color' },
      { dark: { background: '--ifm-navbar-background-color', text: '--ifm-navbar-link-color' }, primary: { background: '--ifm-navbar-background-color' } },
      stylesheets,
    );
    const nav = configNode(project, navbar, 'nav', [element(brand), ...items], { attributes: { class: style ? `navbar navbar--${style}` : 'navbar' }, styleVariables });
    // The theme's header is the navbar itself: its colours are the navbar's.
    trees.push(configNode(project, navbar, 'header', [element(nav)], { styleVariables }));
  }
  const footer = objectAt(project, config, 'themeConfig', 'footer');
  if (footer) {
    const children: UiChild[] = [];
    const links = propertyOf(project, footer, 'links');
    const entries = links?.node.type === 'ArrayExpression' ? links.node.elements.map((e) => follow(project, links.file, e)) : [];
    const columns = entries.filter((e): e is Located<t.ObjectExpression> => e?.node.type === 'ObjectExpression' && objectProperty(e.node, 'items') !== undefined);
    columns.forEach((column, i) => {
      const title = propertyOf(project, column, 'title');
      const heading = title ? [element(configNode(project, title, 'h4', configText(project, title)))] : [];
      // Named as a visitor sees the column, so a question about which list reads "footer column "Community"".
      const name = title?.node.type === 'StringLiteral' ? `footer column ${JSON.stringify(title.node.value)}` : `themeConfig.footer.links[${i}].items`;
      children.push(element(configNode(project, column, 'div', [...heading, ...linksChild(project, propertyOf(project, column, 'items'), name)], { attributes: { class: 'footer__col' } })));
    });
    // A simple footer: one row of `{ label, to | href }` links, no columns.
    if (columns.length === 0) children.push(...linksChild(project, links, 'themeConfig.footer.links'));
    const copyright = propertyOf(project, footer, 'copyright');
    if (copyright) children.push(element(configNode(project, copyright, 'div', configText(project, copyright), { attributes: { class: 'footer__copyright' } })));
    const style = styleOf(project, footer);
    // Infima: `.footer--dark` sets the background, and its text takes the link colour (`--ifm-footer-color: var(--ifm-footer-link-color)`).
    const styleVariables = colorVariables(
      style,
      'footer',
      { background: '--ifm-footer-background-color', text: '--ifm-footer-color' },
      { dark: { background: '--ifm-footer-background-color', text: '--ifm-footer-link-color' } },
      stylesheets,
    );
    trees.push(configNode(project, footer, 'footer', children, { attributes: { class: style ? `footer footer--${style}` : 'footer' }, styleVariables }));
  }
  return trees;
}

export const docusaurus: StackAdapter = {
  name: 'Docusaurus',
  detect: (project) => CONFIG_FILES.some((f) => project.files.has(f)),
  discover(project): SiteEntry | undefined {
    const file = CONFIG_FILES.find((f) => project.files.has(f)) as string;
    const resolved = exported(project, file, 'default');
    const config = unwrap(resolved?.node);
    if (config?.type !== 'ObjectExpression') return undefined;
    const configRef: Located<t.ObjectExpression> = { file: resolved?.file ?? file, node: config };
    project.hooks.set('useDocusaurusContext', () => ({ file: configRef.file, node: { type: 'ObjectExpression', properties: [{ type: 'ObjectProperty', key: { type: 'Identifier', name: 'siteConfig' }, value: configRef.node, computed: false, shorthand: false }] } as unknown as t.Node }));
    const stylesheets = customCss(project, configRef.file, config);
    const pages = pageFiles(project, 'src/pages', ['.js', '.jsx', '.ts', '.tsx', '.md', '.mdx']);
    const home = pages.find((p) => p.route === '/');
    const homeTree = home ? renderComponent(project, home.file) : undefined;
    const roots = [...themeTrees(project, configRef, stylesheets), ...(homeTree ? [homeTree] : [])];
    const title = objectProperty(config, 'title')?.value;
    const titleSlot = title?.type === 'StringLiteral' ? stringSlot(project, configRef.file, title) : undefined;
    return {
      // The site's title ends every page's <title> ("Page | My Site").
      seo: titleSlot && title?.type === 'StringLiteral' ? [placeFromSlot(project, 'title', titleSlot, title.value, 'title')] : [],
      framework: 'Docusaurus',
      roots,
      ...(home ? { homeFile: home.file } : {}),
      entries: [configRef.file, ...pages.map((p) => p.file)],
      stylesheets: [...new Set([...stylesheets, ...[...project.reachable(home ? [home.file] : [])].filter((f) => f.endsWith('.css'))])],
      pages,
      // A Markdown page's front matter `title` and `description` are its <title> and meta description.
      pageSeo: (page) => ({ places: /\.mdx?$/.test(page.file) ? frontMatterSeo(project, page.file, page.route) : [] }),
    };
  },
};
