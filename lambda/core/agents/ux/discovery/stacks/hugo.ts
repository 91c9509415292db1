import { directivesIn, type Directive } from '../html-tree';
import { dataSeo, frontMatterSeo } from '../seo';
import type { Project } from '../project';
import { dataDocument, frontMatter, valueAt, type DataDocument, type DataValue } from '../templates/data-files';
import { renderMarkdown } from '../templates/markdown';
import { includeNode, renderLayout, renderPart, type Scope, type SiteTemplates, type TemplateDialect } from '../templates/static-site';
import type { UiChild, UiNode } from '../ui-tree';
import { hugoMissingHome, hugoTheme, hugoThemeSite, NAMES_THEME } from './hugo-theme';
import { byRoute, type PageFile, type SiteEntry, type StackAdapter } from './stack';

/**
 * Hugo: `hugo.toml` / `config.toml` (title, params, `[[menu.main]]`), Go templates in `layouts/`
 * or the theme's (`themes/<theme>/layouts/`, often committed and customised), content in
 * `content/**.md` with front matter. The home page is `layouts/index.html` inside
 * `_default/baseof.html` (its `{{ define "main" }}` filling the base's `{{ block "main" . }}`),
 * `{{ .Content }}` being `content/_index.md`.
 */
const CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json', 'config/_default/hugo.toml', 'config/_default/config.toml', 'config/_default/hugo.yaml', 'config/_default/config.yaml'];

export const GO_TEMPLATES: TemplateDialect = {
  opens: (code) => /^(?:if|range|with|block|define)\b/.test(code),
  closes: (code) => /^end\b/.test(code),
  loop(code) {
    const match = /^range\s+(?:\$\w+\s*(?:,\s*\$\w+\s*)?:=\s*)?(.+?)\s*$/.exec(code);
    return match ? { list: match[1].replace(/^\(|\)$/g, '').replace(/^(?:first\s+\d+|sort)\s+/, '') } : undefined;
  },
  block: (code) => /^block\s+"([^"]+)"/.exec(code)?.[1],
};

/** Pipes that only format what is printed (`{{ .Title | markdownify }}`): the value is still the data's. */
const FORMATTING = /^(?:markdownify|safeHTML|htmlUnescape|plainify|emojify|safeHTMLAttr|chomp|humanize)$/;

/**
 * The template a directive is written in. The renderer hands a directive's offsets only, so the
 * files being rendered are asked, innermost first, which one holds that very directive there.
 * (Shared with the Jekyll adapter.)
 */
export function directiveFile(project: Project, rendering: readonly string[], directive: Directive): string | undefined {
  for (let i = rendering.length - 1; i >= 0; i--) {
    const source = (project.text(rendering[i]) ?? '').slice(directive.start, directive.end);
    const [found] = directivesIn(source);
    if (found && found.start === 0 && found.end === source.length && found.kind === directive.kind && found.code === directive.code) return rendering[i];
  }
  return undefined;
}

function configFile(project: Project): string | undefined {
  return CONFIGS.find((f) => project.files.has(f));
}

class HugoSite implements SiteTemplates {
  readonly dialect = GO_TEMPLATES;
  readonly config?: DataDocument;
  readonly theme?: string;
  /** `{{ define }}` blocks of the page being rendered. */
  private defines = new Map<string, { file: string; text: string; offset: number }>();
  /** The templates being rendered, outermost first (base, partials), for finding the file a directive sits in. */
  private rendering: string[] = [];
  page?: { file: string; front?: DataDocument; bodyStart: number };

  constructor(
    readonly project: Project,
    readonly configPath: string,
  ) {
    this.config = dataDocument(project, configPath);
    const theme = valueAt(this.config?.root, ['theme']);
    this.theme = theme?.kind === 'string' ? theme.value : theme?.kind === 'list' && theme.items[0]?.kind === 'string' ? theme.items[0].value : undefined;
  }

  /** A template of the site, or of its theme. */
  layout(path: string): string | undefined {
    return [`layouts/${path}`, ...(this.theme ? [`themes/${this.theme}/layouts/${path}`] : [])].find((f) => this.project.files.has(f));
  }

  private within<T>(file: string, render: () => T): T {
    this.rendering.push(file);
    try {
      return render();
    } finally {
      this.rendering.pop();
    }
  }

  /** A layout rendered as a tree, its directives known to be in it. */
  renderTemplate(file: string): UiNode | undefined {
    return this.within(file, () => renderLayout(this, file));
  }

  usePage(template: string, content?: string): void {
    this.defines = new Map();
    const text = this.project.text(template) ?? '';
    for (const block of defineBlocks(text)) this.defines.set(block.name, { file: template, text: text.slice(block.start, block.end), offset: block.start });
    const front = content ? frontMatter(this.project, content) : undefined;
    this.page = content ? { file: content, ...(front?.document ? { front: front.document } : {}), bodyStart: front?.bodyStart ?? 0 } : undefined;
  }

  defined(name: string): { file: string; text: string; offset: number } | undefined {
    return this.defines.get(name);
  }

  list(expression: string, scope: Scope): DataValue | undefined {
    return this.value(expression, scope);
  }

  /** What `.Site.Title`, `.Site.Params.x`, `.Title`, `.Params.x`, `.Site.Data.x.y`, `.Site.Menus.main` stand for. */
  value(expression: string, scope: Scope): DataValue | undefined {
    const path = expression.trim().replace(/^\$\./, '.').split('.').filter(Boolean);
    if (path.length === 0) return undefined;
    const [first, ...rest] = path;
    const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
    if (scope.has(first)) return valueAt(scope.get(first), rest);
    if (first === 'Site' || first === 'site') {
      const [what, ...more] = rest;
      if (what === 'Title' || what === 'Copyright') return valueAt(this.config?.root, [what.toLowerCase()]);
      if (what === 'Params') return valueAt(this.config?.root, ['params', ...more]) ?? valueAt(this.config?.root, ['params', ...more.map(lower)]);
      if (what === 'Menus') return valueAt(this.config?.root, ['menu', ...more]) ?? valueAt(this.config?.root, ['menus', ...more]);
      if (what === 'Data' && more.length > 0) {
        const [name, ...inner] = more;
        const file = ['yaml', 'yml', 'toml', 'json'].map((e) => `data/${name}.${e}`).find((f) => this.project.files.has(f));
        return file ? valueAt(dataDocument(this.project, file)?.root, inner) : undefined;
      }
      return undefined;
    }
    if (first === 'Title') return valueAt(this.page?.front?.root, ['title']);
    if (first === 'Params') return valueAt(this.page?.front?.root, rest) ?? valueAt(this.page?.front?.root, rest.map(lower));
    if (first === 'Description') return valueAt(this.page?.front?.root, ['description']);
    return undefined;
  }

  render(directive: Directive, scope: Scope): UiChild[] | undefined {
    const code = directive.code.replace(/^-\s*|\s*-$/g, '');
    const include = /^partial(?:Cached)?\s+"([^"]+)"/.exec(code);
    if (include) {
      const name = include[1].endsWith('.html') ? include[1] : `${include[1]}.html`;
      const file = this.layout(`partials/${name}`);
      if (!file) return undefined;
      return [includeNode(file, name, this.within(file, () => renderPart(this, file, 1, scope)), { start: directive.start, end: directive.end }, this.project.line(file, 0))];
    }
    if (/^\.Content$/.test(code) && this.page) {
      const text = this.project.text(this.page.file) ?? '';
      return renderMarkdown(this.page.file, text, this.page.bodyStart, (o) => this.project.line(this.page?.file ?? '', o));
    }
    const [head, ...pipes] = code.split('|').map((p) => p.trim());
    // `.Site.Title`, `$.Site.Title` and the `site` function of current Hugo (`site.Title`, `site.Params.description`).
    if (!/^(?:\$?\.[\w.]+|site\.[\w.]+)$/.test(head) || pipes.some((p) => !FORMATTING.test(p))) return undefined;
    const value = this.value(head, scope);
    if (value?.kind !== 'string' || !value.slot) return undefined;
    const display = `{{ ${code} }}`;
    // The page's `{{ define }}` blocks are rendered inside the base, from the page's template.
    const markup = directiveFile(this.project, [...new Set([...this.defines.values()].map((d) => d.file)), ...this.rendering], directive);
    return [{ kind: 'string', slot: value.slot, value: value.value, viaConfig: true, display, ...(markup ? { container: { file: markup, start: directive.start, end: directive.end } } : {}) }];
  }
}

/** `{{ define "main" }}…{{ end }}` blocks of a page template: name and content range (nested blocks counted). */
export function defineBlocks(text: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  const tags = /\{\{-?\s*(define\s+"([^"]+)"|if\b|range\b|with\b|block\b|end\b)[^}]*?-?\}\}/g;
  let open: { name: string; start: number; depth: number } | undefined;
  let depth = 0;
  for (const match of text.matchAll(tags)) {
    const word = match[1];
    const at = match.index ?? 0;
    if (word.startsWith('define')) {
      if (depth === 0) open = { name: match[2], start: at + match[0].length, depth: 1 };
      depth++;
    } else if (word === 'end') {
      depth--;
      if (depth === 0 && open) {
        out.push({ name: open.name, start: open.start, end: at });
        open = undefined;
      }
    } else depth++;
  }
  return out;
}

/** Hugo pages: `content/**.md`; `_index.md` is a section's (the site's, at the top) page. */
function contentPages(project: Project): PageFile[] {
  const pages: PageFile[] = [];
  for (const file of project.files.keys()) {
    const match = /^content\/(.*?)(?:\/?_?index)?\.(?:md|markdown|html)$/.exec(file);
    if (!match) continue;
    pages.push({ route: `/${match[1]}`.replace(/\/$/, '') || '/', file });
  }
  return pages.sort(byRoute);
}

export const hugo: StackAdapter = {
  name: 'Hugo',
  detect(project) {
    const config = configFile(project);
    if (!config) return false;
    if (config.startsWith('hugo.')) return true;
    const keys = [...project.files.keys()];
    // A theme that is not checked out (a submodule, a Hugo module) leaves no themes/ folder: the setting naming it tells.
    const themed = keys.some((f) => f.startsWith('layouts/') || f.startsWith('themes/')) || NAMES_THEME.test(project.text(config) ?? '');
    return themed && keys.some((f) => f.startsWith('content/') || f.startsWith('archetypes/'));
  },
  discover(project): SiteEntry | undefined {
    const path = configFile(project);
    if (!path) return undefined;
    const site = new HugoSite(project, path);
    // Hugo's lookup order for the home page.
    const template = ['index.html', 'home.html', '_default/index.html', '_default/home.html', '_default/list.html'].map((t) => site.layout(t)).find((t) => t !== undefined);
    const base = site.layout('_default/baseof.html');
    const pages = contentPages(project);
    if (!template) {
      // The home page template is the theme's, which is not here: the theme draws the site from the settings and the content.
      const theme = site.config && !base ? hugoTheme(project, site.config) : undefined;
      if (!theme || !site.config) return undefined;
      const seo = [
        ...dataSeo(project, site.config.root, { title: [['title']], description: [['params', 'description'], ['params', 'Description']] }),
        ...(pages.some((p) => p.route === '/') ? dataSeo(project, frontMatter(project, pages[0].file).document?.root, { description: [['description']] }, '/') : []),
      ];
      return { framework: 'Hugo', seo, pageSeo: (page) => ({ places: frontMatterSeo(project, page.file, page.route) }), entries: [path, ...pages.map((p) => p.file)], stylesheets: [], pages, ...hugoThemeSite(project, site.config, theme, pages) };
    }
    const homeContent = pages.find((p) => p.route === '/')?.file;
    site.usePage(template, homeContent);
    const usesBase = base !== undefined && /\{\{-?\s*define\s+"main"/.test(project.text(template) ?? '');
    const root = site.renderTemplate(usesBase && base ? base : template);
    if (!root) return undefined;
    const stylesheets = [...project.files.keys()].filter((f) => /^(?:themes\/[^/]+\/)?(?:assets|static)\/.*\.(?:s?css|sass)$/.test(f));
    const seo = [
      ...dataSeo(project, site.config?.root, { title: [['title']], description: [['params', 'description'], ['params', 'Description']] }),
      ...(homeContent ? dataSeo(project, frontMatter(project, homeContent).document?.root, { description: [['description']] }, '/') : []),
    ];
    /** A content page inside its template (`layout:`/`type:` in its front matter, its section's, `_default/single.html`) and the base. */
    const renderPage = (page: PageFile): UiNode[] => {
      const front = frontMatter(project, page.file).document;
      const field = (key: string) => {
        const value = valueAt(front?.root, [key]);
        return value?.kind === 'string' ? value.value : undefined;
      };
      const section = page.file.replace(/^content\//, '').split('/').length > 1 ? page.file.replace(/^content\//, '').split('/')[0] : 'page';
      const type = field('type') ?? section;
      const layout = field('layout');
      const template = [layout ? `${type}/${layout}.html` : undefined, layout ? `_default/${layout}.html` : undefined, `${type}/single.html`, '_default/single.html'].filter((t): t is string => t !== undefined).map((t) => site.layout(t)).find((t) => t !== undefined);
      if (!template) return [];
      site.usePage(template, page.file);
      const tree = site.renderTemplate(base && /\{\{-?\s*define\s+"main"/.test(project.text(template) ?? '') ? base : template);
      site.usePage(template, homeContent);
      return tree ? [tree] : [];
    };
    return {
      seo,
      renderPage,
      // A page's `title` and `description` are its `.Title` and `.Description`, which the head template prints.
      pageSeo: (page) => ({ places: frontMatterSeo(project, page.file, page.route) }),
      framework: 'Hugo',
      roots: [root],
      homeFile: homeContent ?? template,
      entries: [path, template, ...pages.map((p) => p.file)],
      stylesheets,
      pages: pages.length > 0 ? pages : [{ route: '/', file: template }],
    };
  },
  missingHome(project) {
    const path = configFile(project);
    return path ? hugoMissingHome(project, path, dataDocument(project, path)) : undefined;
  },
};
