import type * as t from '@babel/types';
import { linkedStylesheets, moduleScripts, renderHtml } from './html-tree';
import { renderComponent, renderFile, renderTag } from './jsx-tree';
import { dirname, joinPath, SCRIPT_FILE, type Project } from './project';
import type { UiNode } from './ui-tree';

/**
 * Where a visitor lands: the home page and the layouts around it, per framework. Next.js app
 * router (`app/(group)/page.tsx` inside `app/layout.tsx`), pages router, react-router
 * (`<Route element={<Layout/>}><Route index element={<Home/>}/>`), a single-component app,
 * or plain HTML. Landmarks are looked for in these trees first.
 */
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
}

const ORDERED_SCRIPT = (base: string) => ['tsx', 'jsx', 'ts', 'js', 'mjs'].map((e) => `${base}.${e}`);

function firstExisting(project: Project, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => project.files.has(c));
}

function nextAppRouter(project: Project): SiteEntry | undefined {
  for (const prefix of ['app', 'src/app']) {
    const pages = [...project.files.keys()].filter((p) => new RegExp(`^${prefix}/(?:\\([^/)]+\\)/)*page\\.(?:tsx|jsx|ts|js)$`).test(p)).sort((a, b) => a.length - b.length);
    const page = pages[0];
    if (!page) continue;
    const layouts: string[] = [];
    let folder = prefix;
    const groups = page.slice(prefix.length + 1).split('/').slice(0, -1);
    const rootLayout = firstExisting(project, ORDERED_SCRIPT(`${folder}/layout`));
    if (rootLayout) layouts.push(rootLayout);
    for (const group of groups) {
      folder = `${folder}/${group}`;
      const layout = firstExisting(project, ORDERED_SCRIPT(`${folder}/layout`));
      if (layout) layouts.push(layout);
    }
    const roots = [...layouts, page].map((file) => renderComponent(project, file) ?? renderFile(project, file)).filter((n): n is UiNode => n !== undefined);
    const entries = [...project.files.keys()].filter((p) => p.startsWith(`${prefix}/`) && /\/(?:page|layout)\.(?:tsx|jsx|ts|js)$/.test(p));
    return { framework: 'Next.js (app router)', roots, homeFile: page, entries, stylesheets: [] };
  }
  return undefined;
}

function nextPagesRouter(project: Project): SiteEntry | undefined {
  for (const prefix of ['pages', 'src/pages']) {
    const page = firstExisting(project, ORDERED_SCRIPT(`${prefix}/index`));
    if (!page || !project.files.has(`${prefix}/_app.tsx`) && !project.files.has(`${prefix}/_app.jsx`) && !project.files.has(`${prefix}/_app.js`) && !project.text('package.json')?.includes('"next"')) continue;
    const app = firstExisting(project, ORDERED_SCRIPT(`${prefix}/_app`));
    const roots = [app, page].filter((f): f is string => f !== undefined).map((file) => renderComponent(project, file) ?? renderFile(project, file)).filter((n): n is UiNode => n !== undefined);
    const entries = [...project.files.keys()].filter((p) => p.startsWith(`${prefix}/`) && SCRIPT_FILE.test(p) && !p.startsWith(`${prefix}/api/`));
    return { framework: 'Next.js (pages router)', roots, homeFile: page, entries, stylesheets: [] };
  }
  return undefined;
}

function attribute(element: t.JSXElement, name: string): t.JSXAttribute | undefined {
  return element.openingElement.attributes.find((a): a is t.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name);
}

function elementTag(element: t.JSXElement): string | undefined {
  for (const name of ['element', 'component', 'Component']) {
    const value = attribute(element, name)?.value;
    if (value?.type !== 'JSXExpressionContainer') continue;
    const expression = value.expression;
    if (expression.type === 'JSXElement' && expression.openingElement.name.type === 'JSXIdentifier') return expression.openingElement.name.name;
    if (expression.type === 'Identifier') return expression.name;
  }
  return undefined;
}

/** The home route of react-router JSX routes: its component and the layout routes around it. */
function homeRoute(ast: t.File): { page: string; layouts: string[] } | undefined {
  let found: { page: string; layouts: string[] } | undefined;
  const visit = (node: t.Node, layouts: string[], atRoot: boolean) => {
    if (found) return;
    if (node.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' && node.openingElement.name.name === 'Route') {
      const path = attribute(node, 'path')?.value;
      const pathValue = path?.type === 'StringLiteral' ? path.value : undefined;
      const isIndex = attribute(node, 'index') !== undefined;
      const rootPath = pathValue === undefined || pathValue === '/' || pathValue === '' || pathValue === '/*';
      const tag = elementTag(node);
      const childRoutes = node.children.filter((c): c is t.JSXElement => c.type === 'JSXElement');
      if (atRoot && (isIndex || pathValue === '/' || pathValue === '') && tag && childRoutes.length === 0) {
        found = { page: tag, layouts };
        return;
      }
      for (const child of childRoutes) visit(child, tag && rootPath ? [...layouts, tag] : layouts, atRoot && rootPath);
      return;
    }
    for (const key of Object.keys(node) as Array<keyof t.Node>) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && typeof (item as t.Node).type === 'string') visit(item as t.Node, layouts, atRoot);
      } else if (value && typeof value === 'object' && typeof (value as t.Node).type === 'string') visit(value as t.Node, layouts, atRoot);
    }
  };
  visit(ast.program, [], true);
  return found;
}

function spaEntry(project: Project): SiteEntry | undefined {
  const html = firstExisting(project, ['index.html', 'public/index.html']);
  const fromHtml = html ? moduleScripts(project.text(html) ?? '').map((src) => project.resolve(html, src.startsWith('/') ? src : `./${src}`) ?? project.resolve('', src.replace(/^\//, ''))) : [];
  const entry = fromHtml.find((f): f is string => f !== undefined && SCRIPT_FILE.test(f)) ?? firstExisting(project, [...ORDERED_SCRIPT('src/main'), ...ORDERED_SCRIPT('src/index'), ...ORDERED_SCRIPT('src/App')]);
  if (!entry) return undefined;
  const reachable = project.reachable([entry]);
  const stylesheets = [...reachable].filter((f) => f.endsWith('.css'));
  for (const file of reachable) {
    const text = project.text(file) ?? '';
    if (!SCRIPT_FILE.test(file) || !text.includes('<Route')) continue;
    const ast = project.ast(file);
    const route = ast ? homeRoute(ast) : undefined;
    if (!route) continue;
    const roots = [...route.layouts, route.page].map((tag) => renderTag(project, file, tag)).filter((n): n is UiNode => n !== undefined);
    if (roots.length === 0) continue;
    const page = roots[roots.length - 1];
    return { framework: 'React (react-router)', roots, homeFile: page.file, entries: [entry], stylesheets };
  }
  const root = renderFile(project, entry);
  return { framework: 'React', roots: root ? [root] : [], entries: [entry], stylesheets };
}

function plainHtml(project: Project): SiteEntry | undefined {
  const page = firstExisting(project, ['index.html', 'public/index.html', 'docs/index.html', 'site/index.html']);
  if (!page) return undefined;
  const html = project.text(page) ?? '';
  const root = renderHtml(html, page, (offset) => project.line(page, offset));
  if (!root) return undefined;
  const stylesheets = linkedStylesheets(html)
    .map((href) => (href.startsWith('/') ? href.slice(1) : joinPath(dirname(page), href)))
    .filter((f) => project.files.has(f));
  return { framework: 'plain HTML', roots: [root], homeFile: page, entries: [page], stylesheets };
}

/** The first framework whose home page is found. */
export function findSiteEntry(project: Project): SiteEntry | undefined {
  const next = nextAppRouter(project) ?? nextPagesRouter(project);
  if (next) {
    next.stylesheets = [...project.reachable(next.entries.slice(0, 40))].filter((f) => f.endsWith('.css'));
    return next;
  }
  const spa = spaEntry(project);
  if (spa && spa.roots.length > 0) return spa;
  return plainHtml(project) ?? spa;
}
