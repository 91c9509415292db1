import type { Project } from '../project';
import { dataLinks, frontMatter, stringAt, valueAt, type DataDocument, type DataValue } from '../templates/data-files';
import { renderMarkdown } from '../templates/markdown';
import { fileStart, settingText, themeChild, themeNode } from '../templates/theme-parts';
import type { LinksArray, UiChild, UiNode } from '../ui-tree';
import type { OutsideTheme, PageFile, SiteEntry } from './stack';

/**
 * A Hugo site whose layouts come from a theme that is not in the repository: `theme = "PaperMod"`
 * with `themes/PaperMod` a git submodule that is not checked out (or absent), or a Hugo module
 * import. The theme draws the header from the site title and `[[menu.main]]`, the home page from
 * `[params]` (PaperMod's `homeInfoParams` or `profileMode`) and `content/_index.md`, and the
 * footer from `copyright`; those are described as it draws them, each text pointing at its
 * setting. What the theme owns — its colours, its own words — is answered with a sentence naming it.
 */
export interface HugoTheme {
  id: 'papermod' | 'other';
  /** The theme's name as the site names it (`PaperMod`). */
  name: string;
  /** Where it lives: `a git submodule at themes/PaperMod, not checked out here`. */
  where: string;
}

/** The theme a Hugo configuration names (`theme`, or the first `[[module.imports]]` path). */
export function hugoTheme(project: Project, config: DataDocument | undefined): HugoTheme | undefined {
  const theme = valueAt(config?.root, ['theme']);
  const named = theme?.kind === 'string' ? theme.value : theme?.kind === 'list' && theme.items[0]?.kind === 'string' ? theme.items[0].value : undefined;
  const imports = valueAt(config?.root, ['module', 'imports']);
  const first = imports?.kind === 'list' ? imports.items.map((i) => stringAt(i, ['path'])?.value).find((p): p is string => p !== undefined) : undefined;
  if (!named && !first) return undefined;
  const name = named ?? (first as string).split('/').pop()?.replace(/^hugo-theme-|^hugo-|-hugo-theme$|-theme$/g, '') ?? (first as string);
  const submodule = named ? submodulePath(project, `themes/${named}`) : undefined;
  const present = named ? [...project.files.keys()].some((f) => f.startsWith(`themes/${named}/`)) : false;
  const where = named
    ? present
      ? `themes/${named}, in this repository`
      : submodule
        ? `a git submodule at themes/${named}, not checked out here`
        : `themes/${named}, which is not in this repository`
    : `the Hugo module ${first}, fetched when the site builds`;
  return { id: /^(?:hugo-)?papermod$/i.test(name) ? 'papermod' : 'other', name, where };
}

/** `.gitmodules` names a submodule at this path. */
function submodulePath(project: Project, path: string): boolean {
  const text = project.text('.gitmodules') ?? '';
  return text.split('\n').some((line) => /^\s*path\s*=/.test(line) && line.split('=')[1].trim() === path);
}

/** Cheap, for detection: the configuration names a theme or a module import. */
export const NAMES_THEME = /^\s*(?:theme\s*[=:]|\[\[?module\.imports\]\]?|\s*-?\s*path\s*[=:]\s*["']?github\.com\/)/m;

function outside(theme: HugoTheme, config: string, homeFile: string | undefined): OutsideTheme {
  const drawnBy = `the Hugo theme ${theme.name} (${theme.where})`;
  const css = theme.id === 'papermod' ? 'a file in assets/css/extended/ (PaperMod adds every file there to its stylesheet)' : `a stylesheet of the site's own that ${theme.name} loads (its documentation names the file, often under assets/)`;
  return {
    color(section, role) {
      return `The ${section} of this Hugo site is drawn by ${drawnBy}, so its ${role === 'background' ? 'background' : 'text colour'} is the theme's own and no file here sets it. To change it, add a rule for it to ${css}.`;
    },
    brand:
      theme.id === 'papermod'
        ? `The colours of this Hugo site are PaperMod's (${theme.where}): its \`--primary\`, \`--theme\` and \`--entry\` variables. To change them, set them in :root in a file in assets/css/extended/ (e.g. assets/css/extended/custom.css); once the site sets them there, ask again and I will change them there.`
        : `The colours of this Hugo site are set by ${drawnBy}, and the site sets no colour of its own; to change them, override the theme's styles in ${css}.`,
    missing(section, property) {
      if (section === 'home' && (property === 'hero-text' || property === 'description'))
        return theme.id === 'papermod'
          ? `The home page of this Hugo site is drawn by ${drawnBy}: its headline and text are \`Title\` and \`Content\` under \`[params.homeInfoParams]\` in ${config} (or \`title\`/\`subtitle\` under \`[params.profileMode]\`), which are not set. Add them there, then ask again.`
          : `The home page of this Hugo site is drawn by ${drawnBy}${homeFile ? `; it shows ${homeFile}'s title and text, and it has no ${property === 'hero-text' ? 'title' : 'text'} yet. Write it in ${homeFile}, then ask again.` : ', and there is no content/_index.md for its text. Add one (with a `title` in its front matter), then ask again.'}`;
      if (section === 'home') return `The home page of this Hugo site is drawn by ${drawnBy}, and it has no call-to-action button kept in this repository.`;
      if (section === 'footer' && property === 'text')
        return `The footer of this Hugo site is drawn by ${drawnBy}, and ${config} sets no \`copyright\`, so the footer shows the theme's own line${theme.id === 'papermod' ? ' (© the year and the site title)' : ''}. To choose its words, add \`copyright = "…"\` to ${config}, then ask again.`;
      if (property === 'links') return `The ${section} of this Hugo site is drawn by ${drawnBy}, and ${section === 'footer' ? 'it takes no links from this site\'s settings' : `${config} has no \`[[menu.main]]\` entries; add one (\`name\` and \`url\`), then ask again`}.`;
      return `The ${section} of this Hugo site is drawn by ${drawnBy}; its ${property === 'text' || property === 'brand' ? 'words' : property} there are the theme's own, not in this site's files, so I cannot change them here.`;
    },
  };
}

/** `[[menu.main]]` (or `[[menus.main]]`) entries of the configuration. */
function mainMenu(project: Project, config: DataDocument): LinksArray | undefined {
  const list = valueAt(config.root, ['menu', 'main']) ?? valueAt(config.root, ['menus', 'main']);
  return dataLinks(project, list, `[[menu.main]] in ${config.file}`);
}

function header(project: Project, config: DataDocument): UiNode {
  const title = valueAt(config.root, ['params', 'label', 'text']) ?? valueAt(config.root, ['title']);
  const at = title?.range ?? fileStart(config.file);
  const menu = mainMenu(project, config);
  const nav: UiChild[] = menu ? [themeChild(project, menu.range, 'nav', [{ kind: 'links-array', array: menu }])] : [];
  return themeNode(project, at, 'header', [themeChild(project, at, 'a', settingText(title), { class: 'logo', href: '/' }), ...nav], { class: 'header' });
}

function footer(project: Project, config: DataDocument): UiNode {
  const copyright = valueAt(config.root, ['copyright']);
  const children: UiChild[] = copyright?.kind === 'string' ? [themeChild(project, copyright.range, 'span', settingText(copyright))] : [];
  return themeNode(project, copyright?.range ?? fileStart(config.file), 'footer', children, { class: 'footer' });
}

const text = (value: DataValue | undefined, tag: string, project: Project, attributes: Record<string, string> = {}): UiChild[] => (value?.kind === 'string' ? [themeChild(project, value.range, tag, settingText(value), attributes)] : []);

/** The home page: PaperMod's profile or home-info texts from `[params]`, then `content/_index.md` (its title and text). */
function home(project: Project, config: DataDocument, theme: HugoTheme, homeFile: string | undefined): UiNode {
  const children: UiChild[] = [];
  if (theme.id === 'papermod') {
    const profile = valueAt(config.root, ['params', 'profileMode']);
    const enabled = valueAt(profile, ['enabled']);
    if (enabled?.kind === 'other' && enabled.value === true) {
      children.push(...text(valueAt(profile, ['title']), 'h1', project), ...text(valueAt(profile, ['subtitle']), 'p', project));
      const buttons = dataLinks(project, valueAt(profile, ['buttons']), `[[params.profileMode.buttons]] in ${config.file}`);
      if (buttons) children.push(themeChild(project, buttons.range, 'div', [{ kind: 'links-array', array: buttons }], { class: 'buttons' }));
    } else {
      const info = valueAt(config.root, ['params', 'homeInfoParams']);
      const title = valueAt(info, ['Title']) ?? valueAt(info, ['title']);
      const content = valueAt(info, ['Content']) ?? valueAt(info, ['content']);
      children.push(...text(title, 'h1', project), ...text(content, 'p', project));
    }
  }
  if (homeFile) {
    const front = frontMatter(project, homeFile);
    if (children.length === 0) children.push(...text(stringAt(front.document?.root, ['title']), 'h1', project));
    const body = renderMarkdown(homeFile, project.text(homeFile) ?? '', front.bodyStart, (o) => project.line(homeFile, o));
    children.push(themeChild(project, fileStart(homeFile), 'div', body, { class: 'post-content' }));
  }
  return themeNode(project, homeFile ? fileStart(homeFile) : fileStart(config.file), 'main', children, { class: 'main' });
}

/** The roots of a Hugo site drawn by a theme outside the repository, and the sentences for what it owns. */
export function hugoThemeSite(project: Project, config: DataDocument, theme: HugoTheme, pages: readonly PageFile[]): Pick<SiteEntry, 'roots' | 'outsideTheme' | 'homeFile'> {
  const homeFile = pages.find((p) => p.route === '/')?.file;
  return {
    roots: [header(project, config), footer(project, config), home(project, config, theme, homeFile)],
    outsideTheme: outside(theme, config.file, homeFile),
    homeFile: homeFile ?? config.file,
  };
}

/** Why a Hugo site has no home page to read: its configuration, and the theme it names (or none). */
export function hugoMissingHome(project: Project, configPath: string, config: DataDocument | undefined): string {
  const theme = hugoTheme(project, config);
  return theme
    ? `This is a Hugo site (${configPath}); its layouts come from the theme ${theme.name} (${theme.where}), but I found no home page template I can read there (index.html, home.html or _default/list.html under layouts/).`
    : `This is a Hugo site (${configPath}), but it names no theme and has no home page template (layouts/index.html or layouts/_default/baseof.html), so I found nothing its home page draws. Add the theme it uses (\`theme = "…"\` in ${configPath}), then ask again.`;
}
