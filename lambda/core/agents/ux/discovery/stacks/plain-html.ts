import { dirname, joinPath, type Project } from '../project';
import { linkedStylesheets, renderHtml } from '../html-tree';
import { seoInTrees } from '../seo';
import type { SiteEntry, StackAdapter } from './stack';

/** A plain HTML site (no build step): `index.html` (or in `public/`, `docs/`, `site/`) and the stylesheets it links. */
const ENTRY_PAGES = ['index.html', 'public/index.html', 'docs/index.html', 'site/index.html'];

function plainHtml(project: Project): SiteEntry | undefined {
  const page = ENTRY_PAGES.find((f) => project.files.has(f));
  if (!page) return undefined;
  const html = project.text(page) ?? '';
  const root = renderHtml(html, page, (offset) => project.line(page, offset));
  if (!root) return undefined;
  const stylesheets = linkedStylesheets(html)
    .map((href) => (href.startsWith('/') ? href.slice(1) : joinPath(dirname(page), href)))
    .filter((f) => project.files.has(f));
  // Every other page of the site is an `.html` file beside it (`about.html` is /about).
  const folder = dirname(page);
  const pages = [...project.files.keys()]
    .filter((f) => f.endsWith('.html') && dirname(f).startsWith(folder) && !/(?:^|\/)(?:node_modules|dist|build|_site)\//.test(f))
    .map((file) => ({ route: `/${file.slice(folder ? folder.length + 1 : 0).replace(/(?:^|\/)index\.html$/, '').replace(/\.html$/, '')}`.replace(/\/$/, '') || '/', file }))
    .sort((a, b) => (a.route === '/' ? -1 : b.route === '/' ? 1 : a.route.localeCompare(b.route)));
  return { framework: 'plain HTML', roots: [root], homeFile: page, entries: [page], stylesheets, pages, seo: seoInTrees(project, [renderHtml(html, page, (offset) => project.line(page, offset), { head: true }) ?? root], undefined) };
}

export const plainHtmlSite: StackAdapter = {
  name: 'plain HTML',
  detect: (project) => ENTRY_PAGES.some((f) => project.files.has(f)),
  discover: plainHtml,
};
