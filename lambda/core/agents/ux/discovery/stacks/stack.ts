import { renderComponent, renderFile } from '../jsx-tree';
import type { Project } from '../project';
import type { SeoPlace } from '../seo';
import type { UiNode } from '../ui-tree';

/**
 * One adapter per website stack. Each reads the repository with its stack's own parser and
 * hands back the same thing: the site's pages, the home page rendered as a tree (layouts first)
 * with source ranges, the stylesheets it loads and, where the stack keeps them in configuration,
 * the parts of the page the theme renders (a navbar in `docusaurus.config.js`, a Hugo menu).
 * Landmarks, texts, links and colours are then found the same way for every stack
 * (`site-model.ts`), and the edits never ask which stack a file belongs to.
 */
export interface StackAdapter {
  /** Shown by /ux-map and in messages: "Astro", "Hugo". */
  name: string;
  /** Cheap: file names and package.json only. */
  detect(project: Project): boolean;
  /** The site as this stack lays it out, or undefined when its home page is not found. */
  discover(project: Project): SiteEntry | undefined;
  /** Why a site of this stack has no home page discovery can read: one sentence naming the stack and what is missing. */
  missingHome?(project: Project): string | undefined;
}

/**
 * A theme that draws parts of the site from files outside the repository (a Jekyll theme gem, a
 * Hugo theme submodule, VitePress's or Starlight's own theme): what those parts own and the
 * repository does not hold is answered with a sentence naming the theme, never with an edit.
 */
export interface OutsideTheme {
  /** A colour of a landmark the theme draws: why it is not changed here, and where the site can set it. */
  color(section: string, role: 'background' | 'text'): string;
  /** The brand colour, when the site sets none of the theme's brand variables. */
  brand?: string;
  /** A property of a landmark the theme draws that holds nothing the repository keeps (its words are the theme's). */
  missing(section: string, property: string): string;
}

export interface PageFile {
  /** The path a visitor opens: `/`, `/pricing`, `/blog/[slug]`. */
  route: string;
  file: string;
}

export interface SiteEntry {
  framework: string;
  /** Layouts (outermost first) then the home page. */
  roots: UiNode[];
  /** The file of the home page, when known. */
  homeFile?: string;
  /** Files every other page is reached from (for text searched beyond the home page). */
  entries: string[];
  /** Stylesheets the site loads (linked from HTML or imported by its modules). */
  stylesheets: string[];
  /** Every page found, the home page first when known. */
  pages?: PageFile[];
  /** The trees of another page (its layouts and itself), rendered on demand. */
  renderPage?: (page: PageFile) => UiNode[];
  /** Where the stack keeps the title and description search engines show, besides a rendered `<head>`. */
  seo?: SeoPlace[];
  /**
   * A page's own title and description kept in its settings (its front matter), where the stack
   * makes them the page's `<title>` and meta description, and the page rendered in its layouts when
   * `renderPage` does not render it (to see whether the page's heading prints the same setting).
   */
  pageSeo?: (page: PageFile) => { places: SeoPlace[]; trees?: UiNode[] };
  /** A file the stack needs does not parse: the sentence to answer every request with. */
  problem?: string;
  /** The theme outside the repository that draws the landmarks marked `configured`. */
  outsideTheme?: OutsideTheme;
}

export function packageJson(project: Project): { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> } {
  try {
    return JSON.parse(project.text('package.json') ?? '{}') as ReturnType<typeof packageJson>;
  } catch {
    return {};
  }
}

/** The root package.json lists the package (as a dependency or a dev dependency). */
export function dependsOn(project: Project, name: string): boolean {
  const pkg = packageJson(project);
  return Object.prototype.hasOwnProperty.call(pkg.dependencies ?? {}, name) || Object.prototype.hasOwnProperty.call(pkg.devDependencies ?? {}, name);
}

/**
 * Pages of a file-based router under `folder`: `index.astro` is `/`, `pricing.astro` or
 * `pricing/index.astro` is `/pricing`, route groups `(marketing)` add nothing. The home page first.
 */
export function pageFiles(project: Project, folder: string, extensions: readonly string[], name?: (file: string) => string | undefined): PageFile[] {
  const pages: PageFile[] = [];
  for (const file of project.files.keys()) {
    if (!file.startsWith(`${folder}/`)) continue;
    const extension = extensions.find((e) => file.endsWith(e));
    if (!extension) continue;
    const relative = file.slice(folder.length + 1, file.length - extension.length);
    const base = name ? name(relative) : relative;
    if (base === undefined) continue;
    const parts = base.split('/').filter((p) => p !== '' && !/^\(.*\)$/.test(p));
    if (parts.some((p) => p.startsWith('_') || p.startsWith('.'))) continue;
    if (parts[parts.length - 1] === 'index') parts.pop();
    pages.push({ route: `/${parts.join('/')}`, file });
  }
  return pages.sort(byRoute);
}

/** Each file rendered as a tree (its default-exported component, else its markup). */
export function renderPageRoots(project: Project, files: readonly string[]): UiNode[] {
  return files.map((file) => renderComponent(project, file) ?? renderFile(project, file)).filter((n): n is UiNode => n !== undefined);
}

/** Pages in the order discovery reads them: the home page first, then shorter routes, then by name. */
export const byRoute = (a: PageFile, b: PageFile): number => (a.route === '/' ? -1 : b.route === '/' ? 1 : a.route.length - b.route.length || a.route.localeCompare(b.route));
