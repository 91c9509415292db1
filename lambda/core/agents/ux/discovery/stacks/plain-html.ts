import { dirname, joinPath, type Project } from '../project';
import { linkedStylesheets, renderHtml } from '../html-tree';
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
  return { framework: 'plain HTML', roots: [root], homeFile: page, entries: [page], stylesheets };
}

export const plainHtmlSite: StackAdapter = {
  name: 'plain HTML',
  detect: (project) => ENTRY_PAGES.some((f) => project.files.has(f)),
  discover: plainHtml,
};
