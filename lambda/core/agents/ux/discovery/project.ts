import { parse, parseExpression } from '@babel/parser';
import type * as t from '@babel/types';
import { maskOutside } from './templates/source-scan';

/**
 * A website repository at one commit, as discovery reads it: its text files, a parse cache,
 * module resolution (relative paths, tsconfig/jsconfig `paths`, `@/` and `~/` aliases) and the
 * imports of each module. Nothing here reads the network: the snapshot is already in memory.
 */
export const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?)$/;
const RESOLVE_EXTENSIONS = ['', '.tsx', '.ts', '.jsx', '.js', '.mjs', '.cjs', '.astro', '.vue', '.svelte', '/index.tsx', '/index.ts', '/index.jsx', '/index.js'];
/** Tests, stories and mocks are never part of the live site, whatever imports them. */
const NOT_THE_SITE = /(?:^|\/)(?:__tests__|__mocks__|__snapshots__|tests?|e2e|cypress|playwright|stories|_archived|node_modules|dist|build|out|\.next)(?:\/|$)|\.(?:test|spec|stories|story)\.[cm]?[jt]sx?$/;

export const isSiteFile = (path: string): boolean => !NOT_THE_SITE.test(path);

/**
 * A component file written in a template language (`.astro`, `.vue`, `.svelte`): its script
 * parts are its module scope, and its template is rendered as JSX with the file's own offsets,
 * so resolution, rendering and edits treat it like any other component. Stack adapters register
 * the languages they need (`Project.useTemplates`), so the project itself names no stack.
 */
export interface TemplateLanguage {
  /** The script parts (front matter, `<script>` blocks), with whether they are TypeScript or JSX. */
  scripts(text: string, file: string): Array<{ start: number; end: number; jsx?: boolean }>;
  /** The component as an arrow function: its params name the props, its body is the template as JSX. */
  component(project: Project, file: string): t.ArrowFunctionExpression | undefined;
}

export interface ImportBinding {
  /** The local name in the importing module. */
  local: string;
  /** `default`, `*`, or the exported name. */
  imported: string;
  /** The resolved repository path, when it is a file of this repository. */
  file?: string;
}

export class Project {
  private readonly asts = new Map<string, t.File | null>();
  private readonly bindings = new Map<string, Map<string, ImportBinding>>();
  private readonly aliasRoots: Array<{ prefix: string; targets: string[] }>;
  private readonly templates = new Map<string, TemplateLanguage>();
  private readonly components = new Map<string, t.ArrowFunctionExpression | null>();
  /** Components a framework makes available without an import (Nuxt's `components/`), by tag name. */
  readonly autoComponents = new Map<string, string>();
  /** Files of the site that did not parse, with the line and the parser's words: nothing is proposed from them. */
  readonly problems = new Map<string, { line?: number; message: string }>();

  /** Records why a file could not be read (Babel and postcss errors carry a line; others a message). */
  noteProblem(path: string, error: unknown): void {
    if (this.problems.has(path)) return;
    const located = error as { loc?: { line?: number }; line?: number; message?: string };
    const line = located.loc?.line ?? located.line;
    const message = String(located.message ?? error).split('\n')[0].replace(/\s*\(\d+:\d+\)$/, '');
    this.problems.set(path, { ...(typeof line === 'number' ? { line } : {}), message });
  }

  /**
   * Framework hooks whose result is the site's own data (`useDocusaurusContext()` is
   * `{ siteConfig }` from docusaurus.config.js), by function name: the value and its file.
   */
  readonly hooks = new Map<string, () => { file: string; node: t.Node } | undefined>();

  constructor(readonly files: ReadonlyMap<string, string>) {
    this.aliasRoots = readAliases(files);
  }

  /** Registers template languages by file extension (`.astro` → Astro's). */
  useTemplates(languages: Readonly<Record<string, TemplateLanguage>>): void {
    for (const [extension, language] of Object.entries(languages)) this.templates.set(extension, language);
  }

  /** The template language of a file, when one is registered for its extension. */
  templateOf(path: string): TemplateLanguage | undefined {
    const at = path.lastIndexOf('.');
    return at < 0 ? undefined : this.templates.get(path.slice(at));
  }

  /** A template file's component (cached), or undefined when the file is not one or does not parse. */
  templateComponent(path: string): t.ArrowFunctionExpression | undefined {
    if (this.components.has(path)) return this.components.get(path) ?? undefined;
    const language = this.templateOf(path);
    this.components.set(path, null);
    let component: t.ArrowFunctionExpression | undefined;
    try {
      component = language && this.files.has(path) ? language.component(this, path) : undefined;
    } catch (error) {
      this.noteProblem(path, error);
      component = undefined;
    }
    this.components.set(path, component ?? null);
    return component;
  }

  text(path: string): string | undefined {
    return this.files.get(path);
  }

  /** The Babel AST of a script file (JSX + TypeScript), or null when it does not parse. Cached. */
  ast(path: string): t.File | null {
    if (this.asts.has(path)) return this.asts.get(path) ?? null;
    const text = this.files.get(path);
    let ast: t.File | null = null;
    const language = this.templateOf(path);
    if (text !== undefined && language) {
      // The script parts only, at their own offsets: imports and declarations are the component's scope.
      try {
        const scripts = language.scripts(text, path);
        ast = parse(maskOutside(text, scripts), { sourceType: 'module', plugins: scripts.some((s) => s.jsx) ? ['jsx', 'typescript'] : ['typescript'], errorRecovery: false });
      } catch (error) {
        this.noteProblem(path, error);
        ast = null;
      }
    } else if (text !== undefined && SCRIPT_FILE.test(path)) {
      try {
        ast = parse(text, { sourceType: 'module', plugins: /\.[cm]?ts$/.test(path) ? ['typescript'] : ['jsx', 'typescript'], errorRecovery: false });
      } catch (error) {
        this.noteProblem(path, error);
        ast = null;
      }
    }
    this.asts.set(path, ast);
    return ast;
  }

  private readonly jsonValues = new Map<string, t.Expression | null>();

  /** A JSON file as an expression with the file's own offsets (objects, arrays and strings are then data like a JS module's). */
  json(path: string): t.Expression | undefined {
    if (this.jsonValues.has(path)) return this.jsonValues.get(path) ?? undefined;
    let value: t.Expression | null = null;
    const text = this.files.get(path);
    if (text !== undefined) {
      try {
        value = parseExpression(text, { sourceType: 'module' });
      } catch (error) {
        this.noteProblem(path, error);
        value = null;
      }
    }
    this.jsonValues.set(path, value);
    return value ?? undefined;
  }

  /** Resolves an import specifier written in `from` to a file of the repository. */
  resolve(from: string, specifier: string): string | undefined {
    const bases: string[] = [];
    if (specifier.startsWith('.')) bases.push(joinPath(dirname(from), specifier));
    else if (specifier.startsWith('/')) bases.push(specifier.slice(1));
    else {
      for (const alias of this.aliasRoots) {
        if (specifier === alias.prefix.replace(/\/$/, '') || specifier.startsWith(alias.prefix)) {
          for (const target of alias.targets) bases.push(joinPath(target, specifier.slice(alias.prefix.length)));
        }
      }
    }
    for (const base of bases) {
      for (const extension of RESOLVE_EXTENSIONS) {
        const candidate = base + extension;
        if (this.files.has(candidate)) return candidate;
      }
    }
    return undefined;
  }

  /** Import specifiers of a module found by a fast scan (no parse): static, dynamic, re-exports and require(). */
  scanImports(path: string): string[] {
    const text = this.files.get(path);
    if (text === undefined) return [];
    const found = new Set<string>();
    const patterns = [
      /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?(?:[\w*${},\s]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
      /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
      /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    ];
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]);
    return [...found];
  }

  /** Repository files a module imports (by the fast scan). */
  importedFiles(path: string): string[] {
    return this.scanImports(path)
      .map((specifier) => this.resolve(path, specifier))
      .filter((file): file is string => file !== undefined && isSiteFile(file));
  }

  /** The module's import bindings by local name, resolved to files (from the AST). */
  importsOf(path: string): Map<string, ImportBinding> {
    const cached = this.bindings.get(path);
    if (cached) return cached;
    const result = new Map<string, ImportBinding>();
    const ast = this.ast(path);
    for (const statement of ast?.program.body ?? []) {
      if (statement.type !== 'ImportDeclaration') continue;
      const file = this.resolve(path, statement.source.value);
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : specifier.type === 'ImportNamespaceSpecifier'
              ? '*'
              : specifier.imported.type === 'Identifier'
                ? specifier.imported.name
                : specifier.imported.value;
        result.set(specifier.local.name, { local: specifier.local.name, imported, ...(file ? { file } : {}) });
      }
    }
    this.bindings.set(path, result);
    return result;
  }

  /** Files reachable from `entries` through imports (fast scan), tests and stories excluded. */
  reachable(entries: readonly string[], limit = 5000): Set<string> {
    const seen = new Set<string>();
    const queue = entries.filter((e) => this.files.has(e));
    while (queue.length > 0 && seen.size < limit) {
      const next = queue.shift() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      if (SCRIPT_FILE.test(next) || this.templateOf(next)) for (const file of this.importedFiles(next)) if (!seen.has(file)) queue.push(file);
    }
    return seen;
  }

  private readonly lineStarts = new Map<string, number[]>();

  /** 1-based line of an offset in a file (line starts computed once per file, then a binary search). */
  line(path: string, offset: number): number {
    let starts = this.lineStarts.get(path);
    if (!starts) {
      const text = this.files.get(path) ?? '';
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts.set(path, starts);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/** Joins and normalises a repository-relative path (`a/b` + `../c` → `a/c`). */
export function joinPath(base: string, relative: string): string {
  const parts = (base ? `${base}/${relative}` : relative).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Path aliases from tsconfig.json / jsconfig.json (`compilerOptions.paths`, `baseUrl`), plus the usual `@/` and `~/`. */
function readAliases(files: ReadonlyMap<string, string>): Array<{ prefix: string; targets: string[] }> {
  const aliases: Array<{ prefix: string; targets: string[] }> = [];
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const text = files.get(name);
    if (!text) continue;
    const config = parseJsonWithComments(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
    const baseUrl = joinPath('', config?.compilerOptions?.baseUrl ?? '.');
    for (const [pattern, targets] of Object.entries(config?.compilerOptions?.paths ?? {})) {
      if (!Array.isArray(targets)) continue;
      const prefix = pattern.replace(/\*$/, '');
      aliases.push({ prefix, targets: targets.map((target) => joinPath(baseUrl, String(target).replace(/\*$/, ''))) });
    }
    if (config?.compilerOptions?.baseUrl) aliases.push({ prefix: '', targets: [baseUrl] });
  }
  const hasSrc = [...files.keys()].some((p) => p.startsWith('src/'));
  for (const prefix of ['@/', '~/']) {
    if (!aliases.some((a) => a.prefix === prefix)) aliases.push({ prefix, targets: hasSrc ? ['src', ''] : [''] });
  }
  return aliases;
}

/** tsconfig files allow comments and trailing commas. */
function parseJsonWithComments(text: string): unknown {
  const stripped = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, quoted: string | undefined) => quoted ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    return JSON.parse(stripped);
  } catch {
    return undefined;
  }
}
