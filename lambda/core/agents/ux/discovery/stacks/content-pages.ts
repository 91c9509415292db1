import { childNodes } from '../ast';
import type * as t from '@babel/types';
import { gatsbySiteMetadata } from './seo-places';
import { renderComponentWith } from '../jsx-tree';
import type { Project } from '../project';
import { dataDocument, frontMatter, valueAt, type DataValue } from '../templates/data-files';
import type { UiNode } from '../ui-tree';
import { nextOrRemix } from './react';
import { dependsOn, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * Pages whose words live in content files and are rendered by the site's components: TinaCMS
 * (a page's `blocks:` in its front matter, each rendered by the block component its `_template`
 * names; `content/global/index.json` read through the layout's context) and Gatsby with a
 * Markdown CMS such as Decap (`templateKey:` naming the template that renders the front matter).
 * The content's values become the components' data, so texts and links are found in the
 * content file where an editor would change them.
 */

/** Content data as the expressions a component reads (`data.headline`), each string keeping its slot in the content file. */
export function dataExpression(value: DataValue): t.Expression {
  const at = { start: value.range.start, end: value.range.end };
  switch (value.kind) {
    case 'map':
      return {
        type: 'ObjectExpression',
        properties: value.entries.map((e) => ({ type: 'ObjectProperty', key: { type: 'Identifier', name: e.key }, value: dataExpression(e.value), computed: false, shorthand: false })),
        ...at,
      } as unknown as t.ObjectExpression;
    case 'list':
      return { type: 'ArrayExpression', elements: value.items.map(dataExpression), ...at } as t.ArrayExpression;
    case 'string':
      // A string its parser gave no slot (a value data-files.ts cannot write back) is never rewritten: as a literal
      // it would be written back as if it were a quoted JS string. It is shown as an expression instead.
      if (!value.slot) return { type: 'NullLiteral', ...at } as t.NullLiteral;
      return { type: 'StringLiteral', value: value.value, extra: { valineSlot: value.slot }, ...at } as unknown as t.StringLiteral;
    default:
      return { type: 'NullLiteral', ...at } as t.NullLiteral;
  }
}

const pascal = (name: string) => name.replace(/(?:^|[-_\s])(\w)/g, (_, c: string) => c.toUpperCase());


/** The first component a piece of JSX renders (`<Hero … />`, also inside a wrapping `<div>`), skipping intrinsic elements. */
function firstComponent(nodes: readonly t.Node[]): string | undefined {
  for (const node of nodes) {
    if (node.type === 'JSXElement' && node.openingElement.name.type === 'JSXIdentifier' && /^[A-Z]/.test(node.openingElement.name.name)) return node.openingElement.name.name;
    const inner = firstComponent(childNodes(node));
    if (inner) return inner;
  }
  return undefined;
}

interface BlockSwitch {
  /** Block type (`hero`) → the component rendering it. */
  components: Map<string, { file: string; name: string }>;
  /** The files that switch over block types. */
  renderers: Set<string>;
}

/**
 * Each block type's component, from the site's block renderer: `case "PageBlocksHero": return <Hero data={block} />`,
 * the same wrapped in a `<div data-tina-field>` (`return (<div …><Hero … /></div>)`) or in braces, and a lookup
 * object `{ PageBlocksHero: Hero }`.
 */
function blockComponents(project: Project): BlockSwitch {
  const components = new Map<string, { file: string; name: string }>();
  const renderers = new Set<string>();
  for (const file of project.files.keys()) {
    const text = project.text(file) ?? '';
    if (!/\.[jt]sx$/.test(file) || !/\w*Blocks\w+["']?\s*:/.test(text)) continue;
    const imports = project.importsOf(file);
    const add = (typename: string, component: string | undefined) => {
      const type = /^\w*?Blocks(\w+)$/.exec(typename)?.[1];
      const binding = component ? imports.get(component) : undefined;
      if (!type || !binding?.file) return;
      renderers.add(file);
      if (!components.has(type.toLowerCase())) components.set(type.toLowerCase(), { file: binding.file, name: binding.imported });
    };
    const visit = (node: t.Node) => {
      if (node.type === 'SwitchCase' && node.test?.type === 'StringLiteral') add(node.test.value, firstComponent(node.consequent));
      if (node.type === 'ObjectProperty' && node.value.type === 'Identifier') add(node.key.type === 'Identifier' ? node.key.name : node.key.type === 'StringLiteral' ? node.key.value : '', node.value.name);
      childNodes(node).forEach(visit);
    };
    const program = project.ast(file)?.program;
    if (program) visit(program);
  }
  return { components, renderers };
}

function tinaHome(project: Project): PageFile | undefined {
  const file = ['content/pages/home.mdx', 'content/pages/home.md', 'content/pages/index.mdx', 'content/pages/index.md'].find((f) => project.files.has(f));
  return file ? { route: '/', file } : undefined;
}

function tinaPages(project: Project): PageFile[] {
  const home = tinaHome(project);
  const others = [...project.files.keys()].filter((f) => /^content\/pages\/.+\.mdx?$/.test(f) && f !== home?.file).map((file) => ({ route: `/${file.replace(/^content\/pages\//, '').replace(/\.mdx?$/, '')}`, file }));
  return [...(home ? [home] : []), ...others];
}

/** Components of the files that switch over block types (`Blocks` in `components/blocks/index.tsx`). */
function blockRenderers(project: Project, blockSwitch: BlockSwitch): Set<string> {
  const names = new Set<string>();
  for (const file of blockSwitch.renderers) {
    for (const match of (project.text(file) ?? '').matchAll(/export\s+(?:const|function)\s+([A-Z]\w*)/g)) names.add(match[1]);
  }
  return names;
}

function dropBlockRenderer(node: UiNode, names: ReadonlySet<string>): void {
  node.children = node.children.filter((c) => !(c.kind === 'element' && names.has(c.node.component && c.node.rendered ? c.node.component : c.node.tag)));
  for (const child of node.children) if (child.kind === 'element') dropBlockRenderer(child.node, names);
}

/** A page's blocks rendered by their components, as one tree. */
function renderBlocks(project: Project, page: PageFile, { components }: BlockSwitch): UiNode | undefined {
  const front = frontMatter(project, page.file).document;
  const blocks = valueAt(front?.root, ['blocks']);
  if (blocks?.kind !== 'list') return undefined;
  const children: UiNode['children'] = [];
  for (const block of blocks.items) {
    const template = valueAt(block, ['_template']);
    const component = template?.kind === 'string' ? components.get(pascal(template.value).toLowerCase()) : undefined;
    if (!component) continue;
    const node = renderComponentWith(project, component.file, component.name, new Map([['data', { file: page.file, expression: dataExpression(block) }]]));
    if (node) children.push({ kind: 'element', node });
  }
  return { file: page.file, tag: '#blocks', range: { file: page.file, start: 0, end: (project.text(page.file) ?? '').length }, attributeInsertAt: 0, openingEnd: 0, line: 1, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: true, children, syntax: 'jsx', selfClosing: false };
}

export const tina: StackAdapter = {
  name: 'TinaCMS',
  detect: (project) => dependsOn(project, 'tinacms') || [...project.files.keys()].some((f) => /^tina\/config\.[jt]sx?$/.test(f)),
  discover(project): SiteEntry | undefined {
    const global = ['content/global/index.json', 'content/global/index.md', 'content/global/index.yml'].find((f) => project.files.has(f));
    const settings = global ? (global.endsWith('.md') ? frontMatter(project, global).document : dataDocument(project, global)) : undefined;
    if (settings) {
      const value = dataExpression(settings.root);
      const theme = valueAt(settings.root, ['theme']);
      // The layout's context hands the global settings to the header and footer.
      const context = { type: 'ObjectExpression', properties: [{ type: 'ObjectProperty', key: { type: 'Identifier', name: 'globalSettings' }, value, computed: false, shorthand: false }, ...(theme ? [{ type: 'ObjectProperty', key: { type: 'Identifier', name: 'theme' }, value: dataExpression(theme), computed: false, shorthand: false }] : [])] } as unknown as t.Node;
      project.hooks.set('useLayout', () => ({ file: settings.file, node: context }));
    }
    const base = nextOrRemix.discover(project);
    const home = tinaHome(project);
    const blockSwitch = blockComponents(project);
    const blocks = home ? renderBlocks(project, home, blockSwitch) : undefined;
    // The page's block renderer, read without data, would show every kind of block: the blocks with their data stand for it.
    if (base && blocks) for (const root of base.roots) dropBlockRenderer(root, blockRenderers(project, blockSwitch));
    if (!base && !blocks) return undefined;
    const pages = tinaPages(project);
    return {
      framework: `TinaCMS${base ? ` on ${base.framework}` : ''}`,
      roots: [...(base?.roots ?? []), ...(blocks ? [blocks] : [])],
      ...(home ? { homeFile: home.file } : base?.homeFile ? { homeFile: base.homeFile } : {}),
      entries: [...(base?.entries ?? []), ...pages.map((p) => p.file)],
      stylesheets: base?.stylesheets ?? [],
      pages,
      seo: base?.seo ?? [],
    };
  },
};

/** Gatsby with Markdown pages (Decap/Netlify CMS): `src/pages/index.md` names its template (`templateKey: index-page`). */
export const gatsbyMarkdown: StackAdapter = {
  name: 'Gatsby (Markdown pages)',
  detect: (project) => dependsOn(project, 'gatsby') && ['src/pages/index.md', 'src/pages/index.mdx'].some((f) => project.files.has(f)),
  discover(project): SiteEntry | undefined {
    const page = ['src/pages/index.md', 'src/pages/index.mdx'].find((f) => project.files.has(f)) as string;
    const front = frontMatter(project, page).document;
    const key = valueAt(front?.root, ['templateKey']);
    if (!front || key?.kind !== 'string') return undefined;
    const template = ['js', 'jsx', 'tsx', 'ts'].map((e) => `src/templates/${key.value}.${e}`).find((f) => project.files.has(f));
    if (!template) return undefined;
    // The page query hands the template `data.markdownRemark.frontmatter`.
    const data = { type: 'ObjectExpression', properties: [{ type: 'ObjectProperty', key: { type: 'Identifier', name: 'markdownRemark' }, value: { type: 'ObjectExpression', properties: [{ type: 'ObjectProperty', key: { type: 'Identifier', name: 'frontmatter' }, value: dataExpression(front.root), computed: false, shorthand: false }] }, computed: false, shorthand: false }] } as unknown as t.Node;
    const root = renderComponentWith(project, template, 'default', new Map([['data', { file: page, expression: data }]]));
    if (!root) return undefined;
    const pages = [...project.files.keys()].filter((f) => /^src\/pages\/.+\.mdx?$/.test(f)).map((file) => ({ route: `/${file.replace(/^src\/pages\//, '').replace(/(?:\/?index)?\.mdx?$/, '')}`.replace(/\/$/, '') || '/', file }));
    return { seo: gatsbySiteMetadata(project), framework: 'Gatsby (Markdown pages)', roots: [root], homeFile: page, entries: [template, ...pages.map((p) => p.file)], stylesheets: [...project.reachable([template])].filter((f) => /\.(?:s?css|sass)$/.test(f)), pages };
  },
};
