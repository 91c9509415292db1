import { childNodes } from '../ast';
import type * as t from '@babel/types';
import { indexHtmlSeo, gatsbySiteMetadata } from './seo-places';
import { nextMetadata } from '../seo';
import { moduleScripts } from '../html-tree';
import { renderComponent, renderFile, renderTag } from '../jsx-tree';
import { SCRIPT_FILE, type Project } from '../project';
import type { UiNode } from '../ui-tree';
import { pageFiles, type SiteEntry, type StackAdapter } from './stack';

/**
 * The React family: Next.js (app router: `app/(group)/page.tsx` inside `app/layout.tsx`; pages
 * router), Remix, and React with react-router (`<Route element={<Layout/>}><Route index
 * element={<Home/>}/>` or route objects) or a single component mounted from `index.html`.
 */
const ORDERED_SCRIPT = (base: string) => ['tsx', 'jsx', 'ts', 'js', 'mjs'].map((e) => `${base}.${e}`);

/** A page or layout module: its default export rendered, or its JSX when it exports no component. */
const renderPage = (project: Project, file: string): UiNode | undefined => renderComponent(project, file) ?? renderFile(project, file);

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
    const roots = [...layouts, page].map((file) => renderPage(project, file)).filter((n): n is UiNode => n !== undefined);
    const entries = [...project.files.keys()].filter((p) => p.startsWith(`${prefix}/`) && /\/(?:page|layout)\.(?:tsx|jsx|ts|js)$/.test(p));
    const seo = [...layouts.flatMap((layout) => nextMetadata(project, layout)), ...nextMetadata(project, page, '/')];
    // Every `page.*` under the app folder is a route: `app/(marketing)/pricing/page.tsx` is /pricing.
    const routes = pageFiles(project, prefix, ['.tsx', '.jsx', '.ts', '.js'], (relative) => (/(?:^|\/)page$/.test(relative) ? relative.replace(/\/?page$/, '') || 'index' : undefined));
    return { framework: 'Next.js (app router)', roots, homeFile: page, entries, stylesheets: [], seo, pages: routes };
  }
  return undefined;
}

function nextPagesRouter(project: Project): SiteEntry | undefined {
  for (const prefix of ['pages', 'src/pages']) {
    const page = firstExisting(project, ORDERED_SCRIPT(`${prefix}/index`));
    const packageJson = project.text('package.json') ?? '';
    if (!page || (!firstExisting(project, ORDERED_SCRIPT(`${prefix}/_app`)) && !/"(?:next|gatsby)"\s*:/.test(packageJson))) continue;
    const app = firstExisting(project, ORDERED_SCRIPT(`${prefix}/_app`));
    const roots = [app, page].filter((f): f is string => f !== undefined).map((file) => renderPage(project, file)).filter((n): n is UiNode => n !== undefined);
    const entries = [...project.files.keys()].filter((p) => p.startsWith(`${prefix}/`) && SCRIPT_FILE.test(p) && !p.startsWith(`${prefix}/api/`));
    const routes = pageFiles(project, prefix, ['.tsx', '.jsx', '.ts', '.js', '.md', '.mdx'], (relative) => (/^(?:_app|_document|_error|404|500|api\/.*)$/.test(relative) || relative.includes('[') ? undefined : relative));
    return { framework: /"gatsby"\s*:/.test(packageJson) ? 'Gatsby' : 'Next.js (pages router)', roots, homeFile: page, entries, stylesheets: [], seo: gatsbySiteMetadata(project), pages: routes };
  }
  return undefined;
}

/** Remix / React Router framework mode: `app/root.tsx` around `app/routes/_index.tsx`. */
function remixRoutes(project: Project): SiteEntry | undefined {
  const page = firstExisting(project, [...ORDERED_SCRIPT('app/routes/_index'), ...ORDERED_SCRIPT('app/routes/index')]);
  if (!page) return undefined;
  const root = firstExisting(project, ORDERED_SCRIPT('app/root'));
  // The root module's `Layout` export wraps every route (its default export is often just <Outlet/>).
  const rootTrees = root ? [renderComponent(project, root, 'Layout'), renderPage(project, root)] : [];
  const roots = [...rootTrees, renderPage(project, page)].filter((n): n is UiNode => n !== undefined);
  const entries = [...project.files.keys()].filter((p) => p.startsWith('app/routes/') && SCRIPT_FILE.test(p));
  // Flat routes: `app/routes/pricing.tsx` and `app/routes/about._index.tsx` are /pricing and /about.
  const routes = pageFiles(project, 'app/routes', ['.tsx', '.jsx', '.ts', '.js'], (relative) => (relative.startsWith('_') && relative !== '_index' ? undefined : relative.replace(/(?:^|\.)_index$/, '').replace(/\./g, '/') || 'index'));
  return { framework: 'Remix', roots, homeFile: page, entries: root ? [root, ...entries] : entries, stylesheets: [], pages: routes };
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
    for (const child of childNodes(node)) visit(child, layouts, atRoot);
  };
  visit(ast.program, [], true);
  return found;
}

/** The home route of object routes (`createBrowserRouter([{ path: '/', element: <Layout/>, children: [{ index: true, element: <Home/> }] }])`). */
function homeObjectRoute(ast: t.File): { page: string; layouts: string[] } | undefined {
  const key = (p: t.ObjectProperty) => (p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : '');
  const tagOf = (object: t.ObjectExpression): string | undefined => {
    for (const p of object.properties) {
      if (p.type !== 'ObjectProperty') continue;
      if (key(p) === 'element' && p.value.type === 'JSXElement' && p.value.openingElement.name.type === 'JSXIdentifier') return p.value.openingElement.name.name;
      if ((key(p) === 'Component' || key(p) === 'component') && p.value.type === 'Identifier') return p.value.name;
      // `component: () => import('../views/Home.vue')`
      const lazy = (key(p) === 'component' || key(p) === 'lazy') && (p.value.type === 'ArrowFunctionExpression' || p.value.type === 'FunctionExpression') && p.value.body.type === 'CallExpression' && p.value.body.callee.type === 'Import' ? p.value.body.arguments[0] : undefined;
      if (lazy?.type === 'StringLiteral') return `import:${lazy.value}`;
    }
    return undefined;
  };
  const visitRoutes = (array: t.ArrayExpression, layouts: string[]): { page: string; layouts: string[] } | undefined => {
    for (const element of array.elements) {
      if (element?.type !== 'ObjectExpression') continue;
      const props = element.properties.filter((p): p is t.ObjectProperty => p.type === 'ObjectProperty');
      const path = props.find((p) => key(p) === 'path')?.value;
      const pathValue = path?.type === 'StringLiteral' ? path.value : undefined;
      const isIndex = props.some((p) => key(p) === 'index' && p.value.type === 'BooleanLiteral' && p.value.value);
      const children = props.find((p) => key(p) === 'children')?.value;
      const tag = tagOf(element);
      const rootPath = pathValue === undefined || pathValue === '/' || pathValue === '';
      if (children?.type === 'ArrayExpression' && rootPath) {
        const found = visitRoutes(children, tag ? [...layouts, tag] : layouts);
        if (found) return found;
        if (tag && pathValue === '/' && !children.elements.length) return { page: tag, layouts };
      } else if ((isIndex || pathValue === '/' || pathValue === '') && tag) {
        return { page: tag, layouts };
      }
    }
    return undefined;
  };
  let found: { page: string; layouts: string[] } | undefined;
  const visit = (node: t.Node) => {
    if (found) return;
    if (node.type === 'ArrayExpression' && node.elements.some((e) => e?.type === 'ObjectExpression' && e.properties.some((p) => p.type === 'ObjectProperty' && ['element', 'Component'].includes(key(p))))) {
      found = visitRoutes(node, []);
      if (found) return;
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(ast.program);
  return found;
}

/**
 * The home route of a router configured as data (react-router objects, vue-router's
 * `routes: [{ path: '/', component: Home }]`), as files: the page and its layouts. Lazy
 * components (`component: () => import('./views/Home.vue')`) are followed.
 */
export function routeHomes(project: Project, files: readonly string[]): { page: string; layouts: string[] } | undefined {
  for (const file of files) {
    const text = project.text(file) ?? '';
    if (!SCRIPT_FILE.test(file) || !/\broutes\b|createRouter|createBrowserRouter|useRoutes/.test(text)) continue;
    const ast = project.ast(file);
    const route = ast ? homeObjectRoute(ast) : undefined;
    if (!route) continue;
    const toFile = (tag: string) => (tag.startsWith('import:') ? project.resolve(file, tag.slice('import:'.length)) : project.importsOf(file).get(tag)?.file);
    const page = toFile(route.page);
    if (!page) continue;
    return { page, layouts: route.layouts.map(toFile).filter((f): f is string => f !== undefined) };
  }
  return undefined;
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
    const jsxRoutes = text.includes('<Route');
    const objectRoutes = /create(?:Browser|Hash|Memory)Router|useRoutes|RouteObject/.test(text);
    if (!SCRIPT_FILE.test(file) || (!jsxRoutes && !objectRoutes)) continue;
    const ast = project.ast(file);
    const route = ast ? ((jsxRoutes ? homeRoute(ast) : undefined) ?? (objectRoutes ? homeObjectRoute(ast) : undefined)) : undefined;
    if (!route) continue;
    const routed = [...route.layouts, route.page].map((tag) => renderTag(project, file, tag)).filter((n): n is UiNode => n !== undefined);
    if (routed.length === 0) continue;
    const page = routed[routed.length - 1];
    // What the routes file renders around <Routes> (`<Layout><Routes>…</Routes></Layout>`) is on every page too.
    const around = renderFile(project, file);
    return { framework: 'React (react-router)', roots: around ? [around, ...routed] : routed, homeFile: page.file, entries: [entry], stylesheets, seo: indexHtmlSeo(project) };
  }
  const root = renderFile(project, entry);
  return { framework: 'React', roots: root ? [root] : [], entries: [entry], stylesheets, seo: indexHtmlSeo(project) };
}

/** Next.js (app or pages router) and Remix: stylesheets are those their pages and layouts import. */
export const nextOrRemix: StackAdapter = {
  name: 'Next.js or Remix',
  detect: () => true,
  discover(project) {
    const next = nextAppRouter(project) ?? nextPagesRouter(project) ?? remixRoutes(project);
    if (next) next.stylesheets = [...project.reachable(next.entries.slice(0, 40))].filter((f) => f.endsWith('.css'));
    return next;
  },
};

/** React (with or without react-router) mounted from `index.html` or `src/main.*`: only when it renders something. */
export const reactSpa: StackAdapter = {
  name: 'React',
  detect: () => true,
  discover(project) {
    const spa = spaEntry(project);
    return spa && spa.roots.some((root) => root.children.length > 0) ? spa : undefined;
  },
};
