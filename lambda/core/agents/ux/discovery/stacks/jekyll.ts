import type { Directive } from '../html-tree';
import { dataSeo, frontMatterSeo } from '../seo';
import type { Project } from '../project';
import { dataDocument, frontMatter, valueAt, type DataDocument, type DataValue } from '../templates/data-files';
import { renderMarkdown } from '../templates/markdown';
import { includeNode, renderLayout, renderPart, type Scope, type SiteTemplates, type TemplateDialect } from '../templates/static-site';
import type { UiChild, UiNode } from '../ui-tree';
import { directiveFile } from './hugo';
import { jekyllTheme, namesTheme, themeSite } from './jekyll-theme';
import { byRoute, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * Jekyll (and GitHub Pages): `_config.yml`, Liquid layouts in `_layouts/` wrapping each other
 * through `layout:` in their front matter down to the page (`{{ content }}`), includes in
 * `_includes/`, data in `_data/*.yml` (`site.data.navigation`), pages with front matter.
 */
const CONFIGS = ['_config.yml', '_config.yaml', '_config.toml'];

export const LIQUID: TemplateDialect = {
  opens: (code) => /^(?:if|unless|for|case|capture|raw|comment|tablerow)\b/.test(code),
  closes: (code) => /^end(?:if|unless|for|case|capture|raw|comment|tablerow)\b/.test(code),
  loop(code) {
    const match = /^for\s+(\w+)\s+in\s+([\w.[\]'"-]+)/.exec(code);
    return match ? { item: match[1], list: match[2] } : undefined;
  },
};

const FORMATTING = /^(?:escape|escape_once|markdownify|strip_html|strip|smartify|xml_escape)$/;

export class JekyllSite implements SiteTemplates {
  readonly dialect = LIQUID;
  readonly config?: DataDocument;
  /** The layout being rendered and what lies inside it, down to the page (last). */
  private chain: Array<{ file: string; bodyStart: number; front?: DataDocument }> = [];
  /** The files being rendered, outermost first (layouts, includes, the page), for finding the file a directive sits in. */
  private rendering: string[] = [];

  private within<T>(file: string, render: () => T): T {
    this.rendering.push(file);
    try {
      return render();
    } finally {
      this.rendering.pop();
    }
  }

  constructor(
    readonly project: Project,
    configPath: string,
  ) {
    this.config = dataDocument(project, configPath);
  }

  private page(): { file: string; bodyStart: number; front?: DataDocument } | undefined {
    return this.chain[this.chain.length - 1];
  }

  list(expression: string, scope: Scope): DataValue | undefined {
    return this.value(expression, scope);
  }

  /** `site.title`, `site.data.navigation`, `page.title`, `layout.x`, a loop variable's field. */
  value(expression: string, scope: Scope): DataValue | undefined {
    const path = expression.trim().split('.').filter(Boolean);
    const [first, ...rest] = path;
    if (first && scope.has(first)) return valueAt(scope.get(first), rest);
    if (first === 'site') {
      if (rest[0] === 'data' && rest.length > 1) {
        const [, name, ...inner] = rest;
        const file = ['yml', 'yaml', 'json', 'toml'].map((e) => `_data/${name}.${e}`).find((f) => this.project.files.has(f));
        return file ? valueAt(dataDocument(this.project, file)?.root, inner) : undefined;
      }
      return valueAt(this.config?.root, rest);
    }
    if (first === 'page') return valueAt(this.page()?.front?.root, rest);
    return undefined;
  }

  render(directive: Directive, scope: Scope): UiChild[] | undefined {
    const code = directive.code;
    const include = /^include(?:_relative)?\s+([\w./-]+)/.exec(code);
    if (include && directive.kind === '{%') {
      const file = code.startsWith('include_relative') ? undefined : `_includes/${include[1]}`;
      if (!file || !this.project.files.has(file)) return undefined;
      return [includeNode(file, include[1], this.within(file, () => renderPart(this, file, 1, scope)), { start: directive.start, end: directive.end }, 1)];
    }
    if (directive.kind !== '{{') return undefined;
    if (code === 'content') return this.content();
    const [head, ...filters] = code.split('|').map((p) => p.trim());
    if (!/^[\w.]+$/.test(head) || filters.some((f) => !FORMATTING.test(f))) return undefined;
    const value = this.value(head, scope);
    if (value?.kind !== 'string' || !value.slot) return undefined;
    const markup = directiveFile(this.project, this.rendering, directive);
    return [{ kind: 'string', slot: value.slot, value: value.value, viaConfig: true, display: `{{ ${code} }}`, ...(markup ? { container: { file: markup, start: directive.start, end: directive.end } } : {}) }];
  }

  /** `{{ content }}` in a layout: what the next layout inward renders, down to the page's own body. */
  private content(): UiChild[] | undefined {
    const inner = this.chain.slice(1);
    if (inner.length === 0) return undefined;
    const [next] = inner;
    const saved = this.chain;
    this.chain = inner;
    try {
      const text = this.project.text(next.file) ?? '';
      if (/\.(?:md|markdown)$/.test(next.file)) return renderMarkdown(next.file, text, next.bodyStart, (o) => this.project.line(next.file, o));
      return this.within(next.file, () => renderPart(this, next.file, 1, new Map(), next.bodyStart));
    } finally {
      this.chain = saved;
    }
  }

  /** The layout a page names, or the one `_config.yml`'s `defaults` give its path. */
  layoutOf(file: string, front: DataDocument | undefined): string | undefined {
    const own = valueAt(front?.root, ['layout']);
    if (own?.kind === 'string') return own.value;
    const defaults = valueAt(this.config?.root, ['defaults']);
    let best: { length: number; layout: string } | undefined;
    if (defaults?.kind === 'list') {
      for (const entry of defaults.items) {
        const path = valueAt(entry, ['scope', 'path']);
        const type = valueAt(entry, ['scope', 'type']);
        const layout = valueAt(entry, ['values', 'layout']);
        const prefix = path?.kind === 'string' ? path.value : path?.kind === 'other' && path.value === null ? '' : undefined;
        if (prefix === undefined || layout?.kind !== 'string' || (type?.kind === 'string' && type.value !== 'pages')) continue;
        if (file.startsWith(prefix) && (!best || prefix.length >= best.length)) best = { length: prefix.length, layout: layout.value };
      }
    }
    return best?.layout;
  }

  /** The first layout a page's chain names that is not in the repository (a theme's, from a gem or `remote_theme`), if any. */
  missingLayout(file: string): string | undefined {
    let current: string | undefined = file;
    const seen = new Set<string>();
    for (let depth = 0; current && depth < 6; depth++) {
      seen.add(current);
      const front: DataDocument | undefined = frontMatter(this.project, current).document;
      const named = valueAt(front?.root, ['layout']);
      const layout: string | undefined = current === file ? this.layoutOf(file, front) : named?.kind === 'string' ? named.value : undefined;
      if (!layout || layout === 'none' || layout === 'null') return undefined;
      const next: string | undefined = [`_layouts/${layout}.html`, `_layouts/${layout}`].find((f) => this.project.files.has(f));
      if (!next) return layout;
      if (seen.has(next)) return undefined;
      current = next;
    }
    return undefined;
  }

  /** An include of the site's own `_includes/`, rendered for the page rendered last (its `page.*` values). */
  renderInclude(name: string): UiChild | undefined {
    const file = `_includes/${name}`;
    if (!this.project.files.has(file)) return undefined;
    return includeNode(file, name, this.within(file, () => renderPart(this, file, 1, new Map())), { start: 0, end: (this.project.text(file) ?? '').length }, 1);
  }

  /** The page inside its layouts, outermost first rendered as a tree (its `<head>` included). */
  renderPage(file: string): UiNode | undefined {
    const chain: Array<{ file: string; bodyStart: number; front?: DataDocument }> = [];
    let current: string | undefined = file;
    for (let depth = 0; current && depth < 6; depth++) {
      const front = frontMatter(this.project, current);
      chain.unshift({ file: current, bodyStart: front.bodyStart, ...(front.document ? { front: front.document } : {}) });
      // `_config.yml` defaults give pages a layout; a layout names its own parent or none.
      const named = valueAt(front.document?.root, ['layout']);
      const layout: string | undefined = current === file ? this.layoutOf(file, front.document) : named?.kind === 'string' ? named.value : undefined;
      current = layout ? [`_layouts/${layout}.html`, `_layouts/${layout}`].find((f) => this.project.files.has(f) && !chain.some((c) => c.file === f)) : undefined;
    }
    return this.renderFrom(chain);
  }

  private renderFrom(chain: Array<{ file: string; bodyStart: number; front?: DataDocument }>): UiNode | undefined {
    // `content()` reads `this.chain[1…]` as what lies inside the layout being rendered.
    this.chain = chain;
    const outer = chain[0];
    if (chain.length === 1) {
      const text = this.project.text(outer.file) ?? '';
      const children = /\.(?:md|markdown)$/.test(outer.file) ? renderMarkdown(outer.file, text, outer.bodyStart, (o) => this.project.line(outer.file, o)) : this.within(outer.file, () => renderPart(this, outer.file, 0, new Map(), outer.bodyStart));
      return { file: outer.file, tag: '#page', range: { file: outer.file, start: outer.bodyStart, end: text.length }, attributeInsertAt: 0, openingEnd: 0, line: 1, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: true, children, syntax: 'template', selfClosing: false };
    }
    return this.within(outer.file, () => renderLayout(this, outer.file, new Map(), outer.bodyStart));
  }
}

function pages(project: Project): PageFile[] {
  const out: PageFile[] = [];
  for (const file of project.files.keys()) {
    if (file.startsWith('_') || file.includes('/_') || !/\.(?:html|md|markdown)$/.test(file) || file.startsWith('node_modules/') || file.startsWith('vendor/')) continue;
    if (!/^(---)[ \t]*\r?\n/.test(project.text(file) ?? '')) continue;
    const route = `/${file.replace(/(?:^|\/)index\.(?:html|md|markdown)$/, '').replace(/\.(?:html|md|markdown)$/, '')}`;
    out.push({ route: route === '/' ? '/' : route.replace(/\/$/, ''), file });
  }
  return out.sort(byRoute);
}

export const jekyll: StackAdapter = {
  name: 'Jekyll',
  // Its layouts are in the repository, or come from a theme the settings or the Gemfile name (minima, as `jekyll new` writes it).
  detect: (project) => CONFIGS.some((f) => project.files.has(f)) && ([...project.files.keys()].some((f) => f.startsWith('_layouts/')) || namesTheme(project)),
  discover(project): SiteEntry | undefined {
    const config = CONFIGS.find((f) => project.files.has(f)) as string;
    const site = new JekyllSite(project, config);
    const found = pages(project);
    // GitHub Pages builds a theme site's README.md (or index.md) without front matter as its home page.
    const readme = !found.some((p) => p.route === '/') && namesTheme(project) ? ['index.md', 'index.markdown', 'README.md', 'readme.md'].find((f) => project.files.has(f)) : undefined;
    if (readme) found.unshift({ route: '/', file: readme });
    const home = found.find((p) => p.route === '/');
    if (!home) return undefined;
    const stylesheets = [...project.files.keys()].filter((f) => /\.(?:s?css|sass)$/.test(f) && !f.startsWith('node_modules/'));
    // jekyll-seo-tag (`{% seo %}`) writes the title and description from the site's settings and each page's front matter.
    const seo = [...dataSeo(project, site.config?.root, { title: [['title']], description: [['description']] }), ...frontMatterSeo(project, home.file, '/')];
    const entry = { framework: 'Jekyll', homeFile: home.file, entries: [config, ...found.map((p) => p.file)], stylesheets, pages: found, seo, pageSeo: (page: PageFile) => ({ places: frontMatterSeo(project, page.file, page.route), trees: [site.renderPage(page.file)].filter((n): n is UiNode => n !== undefined) }) };
    // A layout the home page names that the repository does not hold is the theme's: its landmarks are drawn from the settings.
    const themed = site.missingLayout(home.file) !== undefined || (home.file === readme && !project.files.has('_layouts/default.html'));
    const theme = themed ? jekyllTheme(site.config) : undefined;
    if (theme) return { ...entry, ...themeSite(project, site, theme, home.file, found) };
    const root = site.renderPage(home.file);
    if (!root) return undefined;
    return { ...entry, roots: [root] };
  },
  missingHome(project) {
    const theme = jekyllTheme(dataDocument(project, CONFIGS.find((f) => project.files.has(f)) ?? '_config.yml'));
    const drawn = theme ? `; its layouts come from ${theme.label} (${theme.from}), which is not in this repository` : '';
    return `This is a Jekyll site (_config.yml)${drawn}, but I found no home page: no index.md, index.html or README.md at the top of the repository. Add one (\`---\` lines around \`layout: home\`), then ask again.`;
  },
};
