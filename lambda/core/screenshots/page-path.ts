import type { JsonValue } from '../domain/task';

/**
 * The page the edited component appears on. A plain HTML page edited directly is that page
 * (about.html → /about.html, blog/index.html → /blog/); a component, stylesheet or config file
 * shows on the home page the UX Agent's discovery starts from, so "/".
 */
export function pagePathOf(proposal: JsonValue | undefined): string {
  const files = typeof proposal === 'object' && proposal !== null && !Array.isArray(proposal) && Array.isArray(proposal.files) ? proposal.files : [];
  const pages = files
    .map((file) => (typeof file === 'object' && file !== null && !Array.isArray(file) && typeof file.path === 'string' ? file.path : ''))
    .filter((path) => /\.html?$/i.test(path) && !/(^|\/)(node_modules|src|dist|build)\//.test(path))
    .map((path) => path.replace(/^(public|static)\//, ''));
  const page = pages.find((path) => !/^index\.html?$/i.test(path));
  if (!page) return '/';
  return `/${page.replace(/(^|\/)index\.html?$/i, '$1')}`;
}

/** The branch the change was made from (the proposal's base branch), default "main". */
export function baseBranchOf(proposal: JsonValue | undefined): string {
  const base = typeof proposal === 'object' && proposal !== null && !Array.isArray(proposal) ? proposal.baseBranch : undefined;
  return typeof base === 'string' && base ? base : 'main';
}
