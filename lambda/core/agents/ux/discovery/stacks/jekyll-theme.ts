import type { Project } from '../project';
import { dataLinks, frontMatter, stringAt, valueAt, type DataDocument, type DataValue } from '../templates/data-files';
import { fileStart, settingText, themeChild, themeNode } from '../templates/theme-parts';
import type { Scope } from '../templates/static-site';
import type { LinkEntry, LinksArray, SourceRange, UiChild, UiNode } from '../ui-tree';
import type { OutsideTheme, PageFile, SiteEntry } from './stack';

/** What a theme site reads of the Jekyll site's own templates and settings (jekyll.ts's JekyllSite). */
export interface JekyllTemplates {
  readonly config?: DataDocument;
  value(expression: string, scope: Scope): DataValue | undefined;
  renderPage(file: string): UiNode | undefined;
  renderInclude(name: string): UiChild | undefined;
  missingLayout(file: string): string | undefined;
}

/**
 * A Jekyll site whose layouts come from a theme that is not in the repository: a gem named by
 * `theme:` (minima, which `jekyll new` writes; minimal-mistakes, just-the-docs, chirpy) or a
 * `remote_theme:` fetched when the site builds. The theme draws the header and footer from
 * `_config.yml` and `_data/`, so they are described as it draws them (minima exactly; other themes
 * from what their settings hold), each text pointing at its setting. A site's own
 * `_includes/header.html` or `footer.html` overrides the theme's and is read as written. What the
 * theme owns — its colours, its own words — is answered with a sentence naming it.
 */
export interface JekyllTheme {
  id: 'minima' | 'minimal-mistakes' | 'just-the-docs' | 'chirpy' | 'other';
  /** `the minima theme`. */
  label: string;
  /** Where it comes from: `the minima gem`, `remote_theme mmistakes/minimal-mistakes`. */
  from: string;
}

const THEME_SETTING = /^(?:theme|remote_theme)[ \t]*:[ \t]*\S/m;

/** Cheap: `_config.yml` names a theme (`theme: minima`, `remote_theme: owner/repo`). */
export function namesTheme(project: Project): boolean {
  return ['_config.yml', '_config.yaml'].some((f) => THEME_SETTING.test(project.text(f) ?? ''));
}

export function jekyllTheme(config: DataDocument | undefined): JekyllTheme | undefined {
  const gem = stringAt(config?.root, ['theme'])?.value.trim();
  const remote = stringAt(config?.root, ['remote_theme'])?.value.trim();
  const name = gem ?? remote?.replace(/@.*$/, '');
  if (!name) return undefined;
  const repo = name.split('/').pop()?.toLowerCase() ?? name.toLowerCase();
  const id: JekyllTheme['id'] = /^minima$/.test(repo) ? 'minima' : /minimal-mistakes/.test(repo) ? 'minimal-mistakes' : /just-the-docs/.test(repo) ? 'just-the-docs' : /chirpy/.test(repo) ? 'chirpy' : 'other';
  const shown = id === 'other' ? repo.replace(/^jekyll-theme-/, '') : id;
  return { id, label: `the ${shown} theme`, from: gem ? `the ${gem} gem` : `remote_theme ${remote}` };
}

/** Where a site overrides the theme's styles, per theme, for the sentences. */
function styleOverride(theme: JekyllTheme, selector: string, property: string): string {
  switch (theme.id) {
    case 'minima':
      return `add a rule such as \`${selector} { ${property}: …; }\` after \`@import "minima";\` in assets/main.scss (minima 2.5), or to _sass/minima/custom-styles.scss (minima 3)`;
    case 'minimal-mistakes':
      return `pick another \`minimal_mistakes_skin\` in _config.yml, or add a rule for ${selector} after \`@import "minimal-mistakes";\` in assets/css/main.scss`;
    case 'just-the-docs':
      return `add a rule for ${selector} to _sass/custom/custom.scss`;
    case 'chirpy':
      return `add a rule for ${selector} to assets/css/jekyll-theme-chirpy.scss after its \`@import "main"\``;
    default:
      // GitHub Pages' themes (jekyll-theme-cayman, pages-themes/minimal) read the site's assets/css/style.scss.
      return /jekyll-theme-|pages-themes\//.test(theme.from)
        ? `add a rule for ${selector} to assets/css/style.scss after its \`@import "{{ site.theme }}";\` line (with empty front matter \`---\` lines at its top)`
        : `override the theme's rule for ${selector} in the site's own stylesheet (the theme's documentation names the file)`;
  }
}

function brandOverride(theme: JekyllTheme): string | undefined {
  switch (theme.id) {
    case 'minima':
      return `The brand colour of this Jekyll site is minima's \`$brand-color\`, set inside ${theme.from}, which is not in this repository. To change it, set \`$brand-color: …;\` before \`@import "minima";\` in assets/main.scss (minima 2.5, with empty front matter \`---\` lines at its top), or in _sass/minima/custom-variables.scss (minima 3); once the site sets it there, ask again and I will change it there.`;
    case 'minimal-mistakes':
      return `The brand colour of this Jekyll site is minimal-mistakes' \`$primary-color\`, set by its skin inside ${theme.from}, which is not in this repository. Pick another \`minimal_mistakes_skin\` in _config.yml, or set \`$primary-color: …;\` before \`@import "minimal-mistakes";\` in assets/css/main.scss; once the site sets it there, ask again and I will change it there.`;
    default:
      return `The colours of this Jekyll site are set by ${theme.label} (${theme.from}), which is not in this repository, and the site sets no brand colour of its own; ${styleOverride(theme, 'the colour', 'color').replace(/^add a rule for the colour to/, 'set it in')}.`;
  }
}

const SELECTORS: Record<JekyllTheme['id'], Record<string, string>> = {
  minima: { header: '.site-header', navbar: '.site-header', footer: '.site-footer', home: '.home' },
  'minimal-mistakes': { header: '.masthead', navbar: '.masthead', footer: '.page__footer', home: '.page__content' },
  'just-the-docs': { header: '.site-header', navbar: '.site-nav', footer: '.site-footer', home: '.main-content' },
  chirpy: { header: '#sidebar', navbar: '#sidebar', footer: 'footer', home: '#main-wrapper' },
  other: { header: 'the header', navbar: 'the navigation', footer: 'the footer', home: 'the page' },
};

function outside(theme: JekyllTheme, homeFile: string): OutsideTheme {
  const drawnBy = `${theme.label} (${theme.from}), which is not in this repository`;
  return {
    color(section, role) {
      const selector = SELECTORS[theme.id][section] ?? SELECTORS[theme.id].header;
      const what = role === 'background' ? 'background-color' : 'color';
      return `The ${section} of this Jekyll site is drawn by ${drawnBy}, so its ${role === 'background' ? 'background' : 'text colour'} is the theme's own and no file here sets it. To change it, ${styleOverride(theme, selector, what)}.`;
    },
    ...(brandOverride(theme) ? { brand: brandOverride(theme) } : {}),
    missing(section, property) {
      if (section === 'home' && theme.id === 'minima' && property === 'hero-text')
        return `The home page of this Jekyll site is minima's home layout (${theme.from}, not in this repository): its headline is the \`title\` in ${homeFile}'s front matter, which is not set, and ${homeFile} has no heading of its own. Add \`title: …\` to its front matter, then ask again.`;
      if (section === 'home' && (property === 'cta-text' || property === 'cta-color'))
        return `The home page of this Jekyll site is drawn by ${drawnBy}, and it has no call-to-action button here: it shows ${homeFile}'s title and text${theme.id === 'minima' ? ', then the list of posts' : ''}.`;
      if (section === 'home') return `The home page of this Jekyll site is drawn by ${drawnBy}; it shows ${homeFile}'s title and text, and ${homeFile} has no ${property === 'description' ? 'paragraph' : property} yet. Write it in ${homeFile}, then ask again.`;
      if (property === 'links' && theme.id === 'minima' && section !== 'footer')
        return `minima's header links to the pages of this site that have a \`title\` (or to those listed under \`header_pages\` in _config.yml), and none has a title yet; give a page a \`title:\` in its front matter first.`;
      if (property === 'links')
        return `The ${section} of this Jekyll site is drawn by ${drawnBy}, and no links of it are kept in this site's settings${theme.id === 'minimal-mistakes' ? ' (minimal-mistakes reads its header links from `main` in _data/navigation.yml and its footer links from `footer.links` in _config.yml)' : ''}.`;
      return `The ${section} of this Jekyll site is drawn by ${drawnBy}; its ${property === 'text' || property === 'brand' ? 'words' : property} there are the theme's own, not in this site's files, so I cannot change them here.`;
    },
  };
}

const rangeOf = (value: DataValue | undefined, fallback: SourceRange): SourceRange => value?.range ?? fallback;

/** A page of the site by the path `header_pages` names it with (`about.md`, `_pages/about.md`). */
function pageByPath(pages: readonly PageFile[], path: string): PageFile | undefined {
  const wanted = path.replace(/^\.?\//, '');
  return pages.find((p) => p.file === wanted);
}

function pageTitle(project: Project, file: string): Extract<DataValue, { kind: 'string' }> | undefined {
  return stringAt(frontMatter(project, file).document?.root, ['title']);
}

/**
 * minima's header links: the pages `header_pages` lists (by file, each shown by its own title), or,
 * without that setting, every page that has a title. Added links are pages of the site; links of
 * the second kind can be renamed (the page's title) but not added or removed without the setting.
 */
function minimaLinks(project: Project, config: DataDocument, pages: readonly PageFile[]): LinksArray | undefined {
  const titled = pages.map((p) => ({ ...p, title: pageTitle(project, p.file) }));
  const known = titled.map((p) => ({ route: p.route, file: p.file, ...(p.title ? { title: p.title.value } : {}) }));
  const listed = valueAt(config.root, ['header_pages']);
  if (listed?.kind === 'list') {
    const entries: LinkEntry[] = [];
    for (const item of listed.items) {
      if (item.kind !== 'string' || !item.slot) return undefined;
      const page = pageByPath(pages, item.value);
      const title = page ? pageTitle(project, page.file) : undefined;
      // minima shows a listed page only when it has a title.
      if (!title?.slot) continue;
      entries.push({ range: item.range, label: title.slot, labelValue: title.value, target: item.slot, targetValue: item.value, targetKey: 'path', keys: [] });
    }
    if (entries.length === 0) return undefined;
    return { range: listed.range, line: project.line(config.file, listed.range.start), labelKey: 'title', targetKey: 'path', targetIsAnchorId: false, entries, name: 'header_pages', others: listed.items.map((i) => i.range), pages: known };
  }
  const shown = titled.filter((p) => p.route !== '/' && p.title?.slot).sort((a, b) => a.file.localeCompare(b.file));
  if (shown.length === 0) return undefined;
  const entries: LinkEntry[] = shown.map((p) => ({ range: p.title?.range as SourceRange, label: p.title?.slot as NonNullable<LinkEntry['label']>, labelValue: p.title?.value ?? '', targetValue: p.route, targetKey: 'path', keys: [] }));
  return {
    range: fileStart(config.file),
    line: 1,
    labelKey: 'title',
    targetKey: 'path',
    targetIsAnchorId: false,
    entries,
    name: 'the pages minima lists in its header',
    fixed: `minima's header lists every page of this site that has a title, because _config.yml has no \`header_pages\`; to choose which pages it shows, list their files under \`header_pages:\` in _config.yml (e.g. \`- about.md\`), then ask again.`,
  };
}

/** minima 2.5's header: the site title linking home, and the page links. */
function minimaHeader(project: Project, config: DataDocument, pages: readonly PageFile[]): UiNode {
  const title = valueAt(config.root, ['title']);
  const at = rangeOf(title, fileStart(config.file));
  const links = minimaLinks(project, config, pages);
  const nav: UiChild[] = links ? [themeChild(project, links.range, 'nav', [{ kind: 'links-array', array: links }], { class: 'site-nav' })] : [];
  return themeNode(project, at, 'header', [themeChild(project, at, 'a', settingText(title), { class: 'site-title', href: '/' }), ...nav], { class: 'site-header', role: 'banner' });
}

/** Accounts minima 2.5's footer links to by user name (`github_username: acme`). */
const SOCIAL = ['dribbble', 'facebook', 'flickr', 'github', 'instagram', 'linkedin', 'pinterest', 'twitter', 'youtube'];

/** minima 2.5's footer: the title, the author (or title) and e-mail, the social accounts, the description. */
function minimaFooter(project: Project, config: DataDocument): UiNode {
  const value = (key: string) => valueAt(config.root, [key]);
  const title = value('title');
  // minima 3 reads `author.name` and `author.email`; minima 2.5 `author` and `email`.
  const author = value('author')?.kind === 'map' ? valueAt(config.root, ['author', 'name']) : value('author');
  const email = value('author')?.kind === 'map' ? valueAt(config.root, ['author', 'email']) ?? value('email') : value('email');
  const description = value('description');
  const contact: UiChild[] = [];
  if (author?.kind === 'string') contact.push(themeChild(project, author.range, 'li', settingText(author)));
  if (email?.kind === 'string') contact.push(themeChild(project, email.range, 'li', [themeChild(project, email.range, 'a', settingText(email), { href: `mailto:${email.value}` })]));
  const social = SOCIAL.map((name) => value(`${name}_username`))
    .filter((v): v is Extract<DataValue, { kind: 'string' }> => v?.kind === 'string')
    .map((v) => themeChild(project, v.range, 'li', [themeChild(project, v.range, 'a', settingText(v), { href: '#social' })]));
  const children: UiChild[] = [
    ...(title ? [themeChild(project, title.range, 'h2', settingText(title))] : []),
    ...(contact.length > 0 ? [themeChild(project, fileStart(config.file), 'ul', contact)] : []),
    ...(social.length > 0 ? [themeChild(project, fileStart(config.file), 'ul', social)] : []),
    ...(description ? [themeChild(project, description.range, 'p', settingText(description))] : []),
  ];
  return themeNode(project, fileStart(config.file), 'footer', children, { class: 'site-footer' });
}

/** Another theme's header: the site title (minimal-mistakes' `masthead_title` first) and the `main` links of _data/navigation.yml. */
function genericHeader(project: Project, config: DataDocument, theme: JekyllTheme, site: JekyllTemplates): UiNode {
  const title = (theme.id === 'minimal-mistakes' ? stringAt(config.root, ['masthead_title']) : undefined) ?? valueAt(config.root, ['title']);
  const at = rangeOf(title, fileStart(config.file));
  const main = site.value('site.data.navigation.main', new Map());
  const links = main ? dataLinksOf(project, main, 'main in _data/navigation.yml') : undefined;
  const nav: UiChild[] = links ? [themeChild(project, links.range, 'nav', [{ kind: 'links-array', array: links }])] : [];
  return themeNode(project, at, 'header', [themeChild(project, at, 'a', settingText(title), { href: '/' }), ...nav]);
}

/** Another theme's footer, from what its settings hold: minimal-mistakes' `footer.links`, just-the-docs' `footer_content`. */
function genericFooter(project: Project, config: DataDocument, theme: JekyllTheme): UiNode {
  const children: UiChild[] = [];
  const links = theme.id === 'minimal-mistakes' ? dataLinksOf(project, valueAt(config.root, ['footer', 'links']), 'footer.links in _config.yml') : undefined;
  if (links) children.push(themeChild(project, links.range, 'ul', [{ kind: 'links-array', array: links }]));
  const content = theme.id === 'just-the-docs' ? valueAt(config.root, ['footer_content']) : undefined;
  if (content?.kind === 'string') children.push(themeChild(project, content.range, 'p', settingText(content)));
  return themeNode(project, fileStart(config.file), 'footer', children);
}

const dataLinksOf = (project: Project, list: DataValue | undefined, name: string): LinksArray | undefined => dataLinks(project, list, name);

/** The home page as the theme wraps it: minima's `home` and `page` layouts put the page's `title` above its text. */
function homeTree(project: Project, site: JekyllTemplates, theme: JekyllTheme, homeFile: string): UiNode {
  const page = site.renderPage(homeFile);
  const title = stringAt(frontMatter(project, homeFile).document?.root, ['title']);
  const layout = site.missingLayout(homeFile);
  const heading = theme.id === 'minima' && (layout === 'home' || layout === 'page') && title ? [themeChild(project, title.range, 'h1', settingText(title), { class: 'page-heading' })] : [];
  return themeNode(project, fileStart(homeFile), 'main', [...heading, ...(page ? [{ kind: 'element' as const, node: page }] : [])], { class: 'page-content' });
}

/** The roots of a theme site: header, footer (the site's own includes where it overrides them), then the home page. */
export function themeSite(project: Project, site: JekyllTemplates, theme: JekyllTheme, homeFile: string, pages: readonly PageFile[]): Pick<SiteEntry, 'roots' | 'outsideTheme'> {
  const config = site.config ?? { file: '_config.yml', format: 'yaml' as const, root: { kind: 'map' as const, range: fileStart('_config.yml'), entries: [] } };
  const home = homeTree(project, site, theme, homeFile);
  const ownHeader = site.renderInclude('header.html');
  const ownFooter = site.renderInclude('footer.html');
  const header = ownHeader ?? { kind: 'element' as const, node: theme.id === 'minima' ? minimaHeader(project, config, pages) : genericHeader(project, config, theme, site) };
  const footer = ownFooter ?? { kind: 'element' as const, node: theme.id === 'minima' ? minimaFooter(project, config) : genericFooter(project, config, theme) };
  const roots = [header, footer].filter((c): c is Extract<UiChild, { kind: 'element' }> => c.kind === 'element').map((c) => c.node);
  return { roots: [...roots, home], outsideTheme: outside(theme, homeFile) };
}
