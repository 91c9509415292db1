import type * as t from '@babel/types';
import { frontMatterSeo, placeFromSlot } from '../seo';
import type { Project } from '../project';
import { exported, linksArray, objectProperty, resolveExpression, stringSlot, unwrap } from '../resolve';
import { frontMatter, stringAt, valueAt } from '../templates/data-files';
import { renderMarkdown } from '../templates/markdown';
import { fileStart, settingElement, settingText, themeChild, themeNode } from '../templates/theme-parts';
import type { SourceRange, UiChild, UiNode } from '../ui-tree';
import { byRoute, type OutsideTheme, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * VitePress: its default theme (inside the `vitepress` package, not in the repository) draws the
 * navbar from `.vitepress/config.{js,ts,mts}` (`title` or `themeConfig.siteTitle`,
 * `themeConfig.nav`), the footer from `themeConfig.footer` (`message`, `copyright`), and a home
 * page from `index.md`'s front matter (`layout: home`, `hero.name/text/tagline/actions`,
 * `features`). Those are described as the theme draws them, each text pointing at its value; the
 * brand colour is `--vp-c-brand-1` in the site's `.vitepress/theme/*.css` when it sets one.
 */
const CONFIG = /^(?:(.+)\/)?\.vitepress\/config\.(?:[cm]?[jt]s)$/;

interface Located<T extends t.Node = t.Node> {
  file: string;
  node: T;
}

function configFile(project: Project): { file: string; root: string } | undefined {
  const found = [...project.files.keys()].filter((f) => !f.includes('node_modules/') && CONFIG.test(f)).sort((a, b) => a.length - b.length)[0];
  return found ? { file: found, root: CONFIG.exec(found)?.[1] ?? '' } : undefined;
}

/** `defineConfig({...})`, `withMermaid(defineConfig({...}))`, or the object itself. */
function configObject(project: Project, file: string): Located<t.ObjectExpression> | undefined {
  const resolved = exported(project, file, 'default');
  let node = unwrap(resolved?.node);
  let at = resolved?.file ?? file;
  for (let depth = 0; depth < 4 && node?.type === 'CallExpression'; depth++) {
    const argument = node.arguments[0];
    const followed = argument && argument.type !== 'SpreadElement' && argument.type !== 'ArgumentPlaceholder' ? resolveExpression(project, at, argument) : undefined;
    at = followed?.file ?? at;
    node = unwrap(followed?.node ?? (argument as t.Node | undefined));
  }
  return node?.type === 'ObjectExpression' ? { file: at, node } : undefined;
}

function propertyOf(project: Project, object: Located<t.ObjectExpression>, key: string): Located | undefined {
  const value = unwrap(objectProperty(object.node, key)?.value);
  if (!value) return undefined;
  return resolveExpression(project, object.file, value) ?? { file: object.file, node: value };
}

const asObject = (located: Located | undefined): Located<t.ObjectExpression> | undefined => (located?.node.type === 'ObjectExpression' ? (located as Located<t.ObjectExpression>) : undefined);
const rangeOf = (located: Located): SourceRange => ({ file: located.file, start: located.node.start ?? 0, end: located.node.end ?? 0 });

/** A config string shown as text: its slot, so an edit changes it in the config. */
function configText(project: Project, located: Located | undefined): UiChild[] {
  const node = located?.node;
  if (!located || !(node?.type === 'StringLiteral' || (node?.type === 'TemplateLiteral' && node.expressions.length === 0))) return [];
  const slot = stringSlot(project, located.file, node);
  const value = node.type === 'StringLiteral' ? node.value : (node.quasis[0]?.value.cooked ?? '');
  return slot ? [{ kind: 'string', slot, value, viaConfig: true, display: value }] : [];
}

function linksChild(project: Project, located: Located | undefined, name: string): UiChild[] {
  const array = located?.node.type === 'ArrayExpression' ? linksArray(project, located.file, located.node, name) : undefined;
  return array ? [{ kind: 'links-array', array }] : [];
}

/** Markdown pages under the source folder (`docs/guide/intro.md` → `/guide/intro`), `.vitepress` and `public` left out. */
function markdownPages(project: Project, root: string): PageFile[] {
  const prefix = root ? `${root}/` : '';
  const pages: PageFile[] = [];
  for (const file of project.files.keys()) {
    if (!file.startsWith(prefix) || !file.endsWith('.md') || file.includes('node_modules/')) continue;
    const relative = file.slice(prefix.length, -'.md'.length);
    const parts = relative.split('/');
    if (parts.some((p) => p.startsWith('.')) || parts[0] === 'public') continue;
    // A repository's own README and CHANGELOG beside a docs folder are not pages.
    if (!root && parts.length === 1 && /^(?:README|CHANGELOG|LICENSE|CONTRIBUTING)$/i.test(parts[0])) continue;
    if (parts[parts.length - 1] === 'index') parts.pop();
    pages.push({ route: `/${parts.join('/')}`, file });
  }
  return pages.sort(byRoute);
}

/** The home page: the hero and features of its front matter (`layout: home`), then its Markdown. */
function homeTree(project: Project, file: string): UiNode {
  const front = frontMatter(project, file);
  const root = front.document?.root;
  const children: UiChild[] = [];
  const hero = valueAt(root, ['hero']);
  if (stringAt(root, ['layout'])?.value === 'home' && hero) {
    const heroChildren: UiChild[] = [...settingElement(project, valueAt(hero, ['name']), 'h1', { class: 'name' }), ...settingElement(project, valueAt(hero, ['text']), 'h1', { class: 'text' }), ...settingElement(project, valueAt(hero, ['tagline']), 'p', { class: 'tagline' })];
    const actions = valueAt(hero, ['actions']);
    if (actions?.kind === 'list') {
      for (const action of actions.items) {
        const label = stringAt(action, ['text']);
        const link = stringAt(action, ['link']);
        if (label) heroChildren.push(themeChild(project, action.range, 'a', settingText(label), { class: `VPButton ${stringAt(action, ['theme'])?.value ?? 'brand'}`, role: 'button', href: link?.value ?? '#' }));
      }
    }
    children.push(themeChild(project, hero.range, 'section', heroChildren, { class: 'VPHero hero' }));
    const features = valueAt(root, ['features']);
    if (features?.kind === 'list') {
      const items = features.items.map((feature) => themeChild(project, feature.range, 'article', [...settingElement(project, valueAt(feature, ['title']), 'h2'), ...settingElement(project, valueAt(feature, ['details']), 'p')], { class: 'VPFeature' }));
      children.push(themeChild(project, features.range, 'div', items, { class: 'VPFeatures' }));
    }
  }
  const body = renderMarkdown(file, project.text(file) ?? '', front.bodyStart, (o) => project.line(file, o));
  children.push(themeChild(project, fileStart(file), 'div', body, { class: 'vp-doc' }));
  return themeNode(project, fileStart(file), 'main', children, { class: 'VPContent' });
}

function outside(configPath: string, themeFolder: string, stylesheets: readonly string[]): OutsideTheme {
  const drawnBy = `VitePress's default theme (inside the vitepress package, not in this repository)`;
  // The site's own theme stylesheet when it has one (`vitepress init` writes style.css), else the one the docs name.
  const own = stylesheets.find((f) => f.startsWith(`${themeFolder}/`) && f.endsWith('.css'));
  const css = own ?? `${themeFolder}/custom.css (imported by ${themeFolder}/index.ts, which extends the default theme)`;
  return {
    color(section, role) {
      const variable = section === 'footer' ? (role === 'background' ? '--vp-c-bg' : '--vp-c-text-2') : role === 'background' ? '--vp-nav-bg-color' : '--vp-c-text-1';
      return `The ${section} of this VitePress site is drawn by ${drawnBy}, so its ${role === 'background' ? 'background' : 'text colour'} is the theme's own and no file here sets it. To change it, set \`${variable}\` (or a rule for the ${section === 'footer' ? '.VPFooter' : '.VPNav'} class) in ${css}.`;
    },
    brand: `The brand colour of this VitePress site is the default theme's \`--vp-c-brand-1\` (with \`--vp-c-brand-2\`, \`-3\` and \`-soft\`), and the site sets none of them. To change it, add \`:root { --vp-c-brand-1: …; }\` to ${css}; once the site sets it there, ask again and I will change it there.`,
    missing(section, property) {
      if (section === 'home') return `The home page of this VitePress site is drawn by ${drawnBy} from its front matter (\`layout: home\`, \`hero\`, \`features\`), and it has no ${property === 'cta-text' || property === 'cta-color' ? 'action button (`hero.actions`)' : property === 'hero-text' ? '`hero.name` or `hero.text`' : '`hero.tagline`'} yet; add it there, then ask again.`;
      if (property === 'links') return section === 'footer' ? `The footer of this VitePress site is drawn by ${drawnBy} from \`themeConfig.footer\` in ${configPath}, which holds only a message and a copyright line, no links.` : `${configPath} has no \`themeConfig.nav\` links for the ${section}; add the list there (\`{ text, link }\` items), then ask again.`;
      if (section === 'footer') return `The footer of this VitePress site is drawn by ${drawnBy}, and ${configPath} sets no \`themeConfig.footer\` (\`message\`, \`copyright\`); add it there, then ask again.`;
      return `The ${section} of this VitePress site is drawn by ${drawnBy}; its ${property === 'text' || property === 'brand' ? 'words' : property} there are the theme's own, not in this site's files, so I cannot change them here.`;
    },
  };
}

export const vitepress: StackAdapter = {
  name: 'VitePress',
  detect: (project) => configFile(project) !== undefined,
  discover(project): SiteEntry | undefined {
    const found = configFile(project);
    if (!found) return undefined;
    const config = configObject(project, found.file);
    if (!config) return undefined;
    const srcDir = propertyOf(project, config, 'srcDir');
    const root = srcDir?.node.type === 'StringLiteral' ? [found.root, srcDir.node.value.replace(/^\.\/?|\/$/g, '')].filter(Boolean).join('/') : found.root;
    const pages = markdownPages(project, root);
    const home = pages.find((p) => p.route === '/');
    const themeConfig = asObject(propertyOf(project, config, 'themeConfig'));
    const title = propertyOf(project, config, 'title');
    const siteTitle = themeConfig ? propertyOf(project, themeConfig, 'siteTitle') : undefined;
    const shownTitle = siteTitle?.node.type === 'StringLiteral' ? siteTitle : title;
    const nav = themeConfig ? propertyOf(project, themeConfig, 'nav') : undefined;
    const brand = themeChild(project, shownTitle ? rangeOf(shownTitle) : fileStart(config.file), 'a', configText(project, shownTitle), { class: 'VPNavBarTitle title', href: '/' });
    const navAt = nav ? rangeOf(nav) : rangeOf(config);
    const header = themeNode(project, shownTitle ? rangeOf(shownTitle) : rangeOf(config), 'header', [brand, themeChild(project, navAt, 'nav', linksChild(project, nav, 'themeConfig.nav'), { class: 'VPNavBarMenu' })], { class: 'VPNav' });
    const footerConfig = themeConfig ? asObject(propertyOf(project, themeConfig, 'footer')) : undefined;
    const footerChildren = footerConfig ? ['message', 'copyright'].flatMap((key) => {
      const value = propertyOf(project, footerConfig, key);
      return value ? [themeChild(project, rangeOf(value), 'p', configText(project, value), { class: key })] : [];
    }) : [];
    const footer = themeNode(project, footerConfig ? rangeOf(footerConfig) : rangeOf(config), 'footer', footerChildren, { class: 'VPFooter' });
    const configDir = found.file.replace(/\/config\.[^/]+$/, '');
    // A theme of the site's own (`.vitepress/theme/index.*` not built on `vitepress/theme`) draws no default navbar or footer.
    const themeIndex = [...project.files.keys()].find((f) => f.startsWith(`${configDir}/theme/`) && /^index\.[cm]?[jt]s$/.test(f.slice(`${configDir}/theme/`.length)));
    const ownTheme = themeIndex !== undefined && !/['"]vitepress\/theme(?:-without-fonts)?['"]/.test(project.text(themeIndex) ?? '');
    const roots = [...(ownTheme ? [] : [header, footer]), ...(home ? [homeTree(project, home.file)] : [])];
    const stylesheets = [...project.files.keys()].filter((f) => f.startsWith(`${configDir}/`) && /\.(?:css|scss)$/.test(f));
    const seo = (['title', 'description'] as const).flatMap((field) => {
      const value = propertyOf(project, config, field);
      const slot = value?.node.type === 'StringLiteral' ? stringSlot(project, value.file, value.node) : undefined;
      return slot && value?.node.type === 'StringLiteral' ? [placeFromSlot(project, field, slot, value.node.value, field)] : [];
    });
    return {
      framework: 'VitePress',
      roots,
      ...(home ? { homeFile: home.file } : {}),
      entries: [config.file, ...pages.map((p) => p.file)],
      stylesheets,
      pages,
      seo: [...seo, ...(home ? frontMatterSeo(project, home.file, '/') : [])],
      pageSeo: (page) => ({ places: frontMatterSeo(project, page.file, page.route) }),
      ...(ownTheme ? {} : { outsideTheme: outside(config.file, `${configDir}/theme`, stylesheets) }),
    };
  },
  missingHome(project) {
    const found = configFile(project);
    return found ? `This is a VitePress site (${found.file}), but I could not read its configuration (an object exported by default, usually \`defineConfig({ … })\`) or found no index.md beside it.` : undefined;
  },
};
