import { childNodes } from './ast';
import type * as t from '@babel/types';
import { shorten } from '../../../domain/discord-text';
import { renderHtmlFragment } from './html-tree';
import { renderComponent, renderFile } from './jsx-tree';
import type { Project } from './project';
import { resolveExpression, unwrap } from './resolve';
import { placeFromSlot } from './seo';
import type { SiteModel } from './site-model';
import type { PageFile } from './stacks';
import { dataDocument, frontMatter, scriptData, type DataValue } from './templates/data-files';
import { renderMarkdown } from './templates/markdown';
import { textBlock, type TextBlock } from './text-blocks';
import { elements, type LinksArray, type UiNode } from './ui-tree';

/**
 * Every text of the site a request may quote, beyond the home page: each page's own texts
 * (rendered on demand), the strings of its content data (front matter, `data/*.json`,
 * `_data/*.yml`, JSON a page imports), and the labels of link lists. Built once per snapshot,
 * page by page, only when a request looks beyond the home page.
 */
export interface SiteText {
  block: TextBlock;
  /** The page it is on (`/about`); `'*'` for content data no single page owns. */
  page: string;
  /** `markup` a visitor reads in the page, `data` a value of a content file, `link` a link list's label. */
  kind: 'markup' | 'data' | 'link';
  /** The data's path when it is data (`faqs[3].answer`), for finding what goes with it. */
  path?: Array<string | number>;
  /** The object the value sits in, for data (a plan, a FAQ entry). */
  parent?: DataValue;
  /** For a link label: the list and the entry's index, so the label is renamed as a link. */
  link?: { array: LinksArray; index: number };
}

/** Where a site keeps content data: the usual folders, and JSON or YAML a page imports. */
const DATA_FOLDER = /^(?:src\/)?(?:data|_data|content|data_files|src\/data_files|src\/content\/data)\//;
const DATA_FILE = /\.(?:json|ya?ml|toml)$/;
const NOT_CONTENT = /(?:^|\/)(?:package(?:-lock)?\.json|tsconfig[^/]*\.json|jsconfig\.json|\.eslintrc[^/]*|\.prettierrc[^/]*|components\.json|vercel\.json|netlify\.toml|renovate\.json|manifest\.json|composer\.json|tina-lock\.json|_config\.ya?ml|config\.(?:toml|ya?ml|json)|hugo\.(?:toml|ya?ml|json))$/;

/** Keys whose number is a price a visitor reads (`price: 22`, `monthly: 49`, `priceMonthly`); other numbers (`weight`, `order`) are not texts. */
const PRICE_NUMBER_KEY = /price|amount|cost|^fee$|^(?:monthly|yearly|annual|annually)$/i;

function dataStrings(project: Project, file: string, value: DataValue | undefined, page: string, out: SiteText[], path: Array<string | number> = [], parent?: DataValue): void {
  if (!value) return;
  const key = path[path.length - 1];
  if (value.kind === 'string' && value.slot && /[\p{L}\p{N}]/u.test(value.value)) {
    const place = placeFromSlot(project, 'title', value.slot, value.value, path.join('.'));
    out.push({ block: place.block, page, kind: 'data', path, ...(parent ? { parent } : {}) });
  } else if (value.kind === 'other' && value.slot && typeof key === 'string' && PRICE_NUMBER_KEY.test(key)) {
    const place = placeFromSlot(project, 'title', value.slot, value.slot.raw, path.join('.'));
    out.push({ block: place.block, page, kind: 'data', path, ...(parent ? { parent } : {}) });
  } else if (value.kind === 'map') {
    for (const entry of value.entries) dataStrings(project, file, entry.value, page, out, [...path, entry.key], value);
  } else if (value.kind === 'list') {
    value.items.forEach((item, i) => dataStrings(project, file, item, page, out, [...path, i], value));
  }
}

function markupTexts(project: Project, root: UiNode, page: string, out: SiteText[]): void {
  for (const node of elements(root)) {
    const block = textBlock(node);
    if (block?.edit) out.push({ block, page, kind: 'markup' });
    for (const child of node.children) {
      if (child.kind !== 'links-array') continue;
      child.array.entries.forEach((entry, index) => {
        const place = placeFromSlot(project, 'title', entry.label, entry.labelValue, child.array.name);
        out.push({ block: place.block, page, kind: 'link', link: { array: child.array, index } });
      });
    }
  }
}

/** A page's own tree: its component, template or Markdown, without the layouts every page shares. */
export function renderOwnPage(model: SiteModel, page: PageFile): UiNode[] {
  const { project: p } = model;
  const text = p.text(page.file) ?? '';
  if (/\.(?:md|markdown)$/.test(page.file) || (page.file.endsWith('.mdx') && !p.templateOf(page.file))) {
    const front = frontMatter(p, page.file);
    return [{ file: page.file, tag: '#page', range: { file: page.file, start: 0, end: text.length }, attributeInsertAt: 0, openingEnd: 0, line: 1, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: true, children: renderMarkdown(page.file, text, front.bodyStart, (o) => p.line(page.file, o)), syntax: 'markdown', selfClosing: false }];
  }
  if (page.file.endsWith('.html')) {
    const front = frontMatter(p, page.file);
    return [{ file: page.file, tag: '#page', range: { file: page.file, start: 0, end: text.length }, attributeInsertAt: 0, openingEnd: 0, line: 1, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: true, children: renderHtmlFragment(text.slice(front.bodyStart), page.file, (o) => p.line(page.file, o), { offset: front.bodyStart, syntax: /\{[{%]/.test(text) ? 'template' : 'html' }), syntax: 'html', selfClosing: false }];
  }
  const tree = renderComponent(p, page.file) ?? renderFile(p, page.file);
  return tree ? [tree] : [];
}

/** An array a file renders (`plans.map(…)`, `v-for`, `{#each}`): its literal in a script, or the data file it is read from. */
type RenderedArray = { name: string; file: string; array: t.ArrayExpression } | { dataFile: string };

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

const rendersMarkup = (node: t.Node): boolean => node.type === 'JSXElement' || node.type === 'JSXFragment' || childNodes(node).some(rendersMarkup);

/** `plans.filter(…).slice(0, 3)`: the array the chain starts from. */
function chainBase(node: t.Node): t.Node {
  let base = node;
  while ((base.type === 'CallExpression' || base.type === 'OptionalCallExpression') && (base.callee.type === 'MemberExpression' || base.callee.type === 'OptionalMemberExpression')) base = base.callee.object;
  return base;
}

const arraysByFile = new WeakMap<Project, Map<string, RenderedArray[]>>();

/**
 * The arrays a component or page file renders with `.map()` (templates' `v-for` and `{#each}`
 * are read as `.map()` too) or hands to a component (`<PlanGrid plans={plans} />`, Vue's
 * `:plans="plans"`), resolved to the literal they stand for: in the file's own script, in the
 * component function, or in a module or JSON/YAML file it imports. A prop or a loop variable is
 * never followed here: what it stands for is found where it is written.
 */
function renderedArrays(project: Project, file: string): RenderedArray[] {
  let byFile = arraysByFile.get(project);
  if (!byFile) {
    byFile = new Map();
    arraysByFile.set(project, byFile);
  }
  const cached = byFile.get(file);
  if (cached) return cached;
  const out: RenderedArray[] = [];
  byFile.set(file, out);
  const text = project.text(file) ?? '';
  const seen = new Set<string>();
  const add = (base: t.Node, scope: t.Node | undefined) => {
    const resolved = resolveExpression(project, file, base, 0, scope);
    const array = unwrap(resolved?.node);
    if (!resolved || array?.type !== 'ArrayExpression') return;
    const key = `${resolved.file}:${array.start ?? 0}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(DATA_FILE.test(resolved.file) ? { dataFile: resolved.file } : { name: shorten(text.slice(base.start ?? 0, base.end ?? 0).replace(/\s+/g, ''), 40), file: resolved.file, array });
  };
  const visit = (node: t.Node, scope: t.Node | undefined) => {
    const inner = FUNCTION_TYPES.has(node.type) ? node : scope;
    // `<PlanGrid plans={plans} />`: an array handed to a component, which renders it where the prop is read.
    if (node.type === 'JSXAttribute' && node.value?.type === 'JSXExpressionContainer' && (node.value.expression.type === 'Identifier' || node.value.expression.type === 'MemberExpression')) add(node.value.expression, scope);
    if ((node.type === 'CallExpression' || node.type === 'OptionalCallExpression') && (node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression') && node.callee.property.type === 'Identifier' && (node.callee.property.name === 'map' || node.callee.property.name === 'flatMap')) {
      const callback = node.arguments[0];
      if (callback && FUNCTION_TYPES.has(callback.type) && rendersMarkup(callback)) add(chainBase(node.callee.object), scope);
    }
    for (const child of childNodes(node)) visit(child, inner);
  };
  const root = project.templateComponent(file) ?? project.ast(file)?.program;
  if (root) visit(root, undefined);
  return out;
}

/** The strings (and price numbers) of the arrays the page's files render, as data with their paths (`plans.1.price`). */
function arrayTexts(project: Project, files: ReadonlySet<string>, page: string, out: SiteText[], done: Set<string>): void {
  for (const file of files) {
    for (const found of renderedArrays(project, file)) {
      if ('dataFile' in found) {
        if (done.has(found.dataFile)) continue;
        done.add(found.dataFile);
        dataStrings(project, found.dataFile, dataDocument(project, found.dataFile)?.root, page, out);
        continue;
      }
      const key = `${found.file}:${found.array.start ?? 0}`;
      if (done.has(key)) continue;
      done.add(key);
      dataStrings(project, found.file, scriptData(project, found.file, found.array), page, out, [found.name]);
    }
  }
}

const cache = new WeakMap<SiteModel, Map<string, SiteText[]>>();

/** What is worked out once per site model and page (or `*` for the whole site): found in `cache`, else computed and kept there. */
export function cachedForPage<T>(cache: WeakMap<SiteModel, Map<string, T>>, model: SiteModel, key: string, compute: () => T): T {
  let byPage = cache.get(model);
  if (!byPage) {
    byPage = new Map();
    cache.set(model, byPage);
  }
  const cached = byPage.get(key);
  if (cached !== undefined) return cached;
  const value = compute();
  byPage.set(key, value);
  return value;
}

const treesCache = new WeakMap<SiteModel, Map<string, UiNode[]>>();

/**
 * The page's trees as the site renders it (its template and layouts) when the stack has a
 * rendering, else its own file; none when it cannot be rendered. Rendered once per site model,
 * for its texts and its SEO places alike.
 */
export function pageTrees(model: SiteModel, page: PageFile): UiNode[] {
  return cachedForPage(treesCache, model, page.file, () => {
    try {
      const trees = model.entry.renderPage?.(page) ?? [];
      return trees.length > 0 ? trees : renderOwnPage(model, page);
    } catch {
      return [];
    }
  });
}

/** The texts of one page: its own markup, its front matter and the data files it imports. */
export function pageTexts(model: SiteModel, page: PageFile): SiteText[] {
  return cachedForPage(cache, model, page.file, () => {
    const out: SiteText[] = [];
    const rendered = new Set<string>([page.file]);
    try {
      for (const tree of pageTrees(model, page)) {
        markupTexts(model.project, tree, page.route, out);
        for (const node of elements(tree)) rendered.add(node.file);
      }
    } catch {
      // A page that cannot be rendered or read is searched by its data alone.
    }
    // Front matter is data in Markdown and HTML pages; an Astro component's `---` fence holds its script.
    const front = /\.(?:md|mdx|markdown|html?)$/.test(page.file) ? frontMatter(model.project, page.file).document : undefined;
    if (front) dataStrings(model.project, page.file, front.root, page.route, out);
    const done = new Set<string>();
    for (const imported of model.project.importedFiles(page.file)) {
      if (!DATA_FILE.test(imported)) continue;
      done.add(imported);
      dataStrings(model.project, imported, dataDocument(model.project, imported)?.root, page.route, out);
    }
    try {
      arrayTexts(model.project, rendered, page.route, out, done);
    } catch {
      // An array that cannot be read leaves the page's other texts as they are.
    }
    return out;
  });
}

/** Content data no page imports by name (a Hugo `data/` file, Jekyll's `_data/`, CMS content). */
export function sharedData(model: SiteModel): SiteText[] {
  return cachedForPage(cache, model, '*', () => {
    const out: SiteText[] = [];
    const pageFilesSet = new Set(model.pages.map((p) => p.file));
    for (const file of model.project.files.keys()) {
      if (!DATA_FILE.test(file) || !DATA_FOLDER.test(file) || NOT_CONTENT.test(file) || pageFilesSet.has(file)) continue;
      dataStrings(model.project, file, dataDocument(model.project, file)?.root, '*', out);
    }
    return out;
  });
}

/** The page a request names ("about", "/pricing", "the contact page"), or undefined. */
export function findPage(pages: readonly PageFile[], name: string): PageFile | undefined {
  const wanted = name.trim().toLowerCase().replace(/^\/+|\/+$/g, '').replace(/\s+page$/, '').replace(/\s+/g, '-');
  if (wanted === '' || wanted === 'home' || wanted === 'index') return pages.find((p) => p.route === '/');
  return (
    pages.find((p) => p.route.replace(/^\/+/, '').toLowerCase() === wanted) ??
    pages.find((p) => p.route.toLowerCase().split('/').pop() === wanted) ??
    pages.find((p) => p.route.toLowerCase().split('/').pop()?.replace(/[-_]/g, '') === wanted.replace(/[-_]/g, '')) ??
    pages.find((p) => (p.file.split('/').pop() ?? '').toLowerCase().replace(/\.[\w]+$/, '').replace(/^\+page$/, '') === wanted)
  );
}
