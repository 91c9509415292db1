import { childNodes } from './ast';
import type * as t from '@babel/types';
import { shorten } from '../../../domain/discord-text';
import type { Project } from './project';
import type { LinkEntry, LinksArray, SourceRange, StringSlot } from './ui-tree';

/**
 * Follows an expression to the literal it stands for, across files: `siteMetadata.headerTitle`
 * → the `headerTitle: 'TailwindBlog'` string in data/siteMetadata.js; `headerNavLinks` → the
 * array literal in data/headerNavLinks.ts. Only plain data is followed: never a call result.
 */
export interface Resolved {
  file: string;
  node: t.Node;
}

const MAX_DEPTH = 8;

export function unwrap(node: t.Node | null | undefined): t.Node | null | undefined {
  let current = node;
  while (
    current &&
    (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSTypeAssertion')
  ) {
    current = current.expression;
  }
  return current;
}

/** Program-level (or any-level, first found) `const name = …` initialiser in a file. */
export function localInit(project: Project, file: string, name: string): t.Node | undefined {
  const ast = project.ast(file);
  if (!ast) return undefined;
  for (const statement of ast.program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
    }
    if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id?.name === name) return declaration;
  }
  return undefined;
}

/** The names a function's parameters bind (`title`, `{ title, items = [] }`, `...rest`). */
export function parameterNames(fn: t.Node): Set<string> {
  const names = new Set<string>();
  const visit = (pattern: t.Node | null | undefined) => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') names.add(pattern.name);
    else if (pattern.type === 'AssignmentPattern') visit(pattern.left);
    else if (pattern.type === 'RestElement') visit(pattern.argument);
    else if (pattern.type === 'ArrayPattern') pattern.elements.forEach(visit);
    else if (pattern.type === 'ObjectPattern') for (const property of pattern.properties) visit(property.type === 'RestElement' ? property.argument : (property.value as t.Node));
    else if (pattern.type === 'TSParameterProperty') visit(pattern.parameter);
  };
  if ('params' in fn && Array.isArray(fn.params)) for (const param of fn.params) visit(param as t.Node);
  return names;
}

/** Every `const`/`let` declared inside a function, first declaration per name; built once per function. */
const nestedDeclarations = new WeakMap<t.Node, Map<string, t.Node>>();

/**
 * What a name means inside the component function `scope` (e.g. `let headerClass = '…'` in it):
 * its own declaration, `shadowed` when it is one of the function's parameters (a prop, whose
 * value comes from wherever the component is used), or nothing when the function does not bind it.
 */
export function scopedInit(scope: t.Node, name: string): t.Node | 'shadowed' | undefined {
  if (parameterNames(scope).has(name)) return 'shadowed';
  let table = nestedDeclarations.get(scope);
  if (!table) {
    table = collectDeclarations(scope);
    nestedDeclarations.set(scope, table);
  }
  return table.get(name);
}

function collectDeclarations(root: t.Node): Map<string, t.Node> {
  const found = new Map<string, t.Node>();
  const visit = (node: t.Node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && !found.has(node.id.name)) found.set(node.id.name, node.init);
    // `const { siteConfig } = useDocusaurusContext()`: each name is that property of the value.
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init) {
      for (const property of node.id.properties) {
        if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier' || property.value.type !== 'Identifier' || found.has(property.value.name)) continue;
        found.set(property.value.name, { type: 'MemberExpression', object: node.init, property: { type: 'Identifier', name: property.key.name }, computed: false } as t.MemberExpression);
      }
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(root);
  return found;
}

/** What a module exports under `name` (`default` included, `module.exports = …` too). */
export function exported(project: Project, file: string, name: string, depth = 0): Resolved | undefined {
  if (name === 'default') {
    const component = project.templateComponent(file);
    if (component) return { file, node: component };
    const data = file.endsWith('.json') ? project.json(file) : undefined;
    if (data) return { file, node: data };
  }
  const ast = project.ast(file);
  if (!ast || depth > MAX_DEPTH) return undefined;
  for (const statement of ast.program.body) {
    if (name === 'default' && statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') return resolveIdentifier(project, file, declaration.name, depth + 1) ?? undefined;
      return { file, node: declaration };
    }
    if (name === 'default' && statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports') {
        return resolveExpression(project, file, right, depth + 1) ?? { file, node: right };
      }
    }
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return { file, node: d.init };
      }
      if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id?.name === name) return { file, node: declaration };
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ExportSpecifier') continue;
        const exportedName = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (exportedName !== name) continue;
        if (statement.source) {
          const target = project.resolve(file, statement.source.value);
          return target ? exported(project, target, specifier.local.name, depth + 1) : undefined;
        }
        return resolveIdentifier(project, file, specifier.local.name, depth + 1);
      }
    }
    if (statement.type === 'ExportAllDeclaration' && name !== 'default') {
      const target = project.resolve(file, statement.source.value);
      const found = target ? exported(project, target, name, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

export function resolveIdentifier(project: Project, file: string, name: string, depth = 0, scope?: t.Node): Resolved | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (scope) {
    const inner = scopedInit(scope, name);
    if (inner === 'shadowed') return undefined;
    if (inner) return resolveExpression(project, file, inner, depth + 1, scope) ?? { file, node: inner };
  }
  const init = localInit(project, file, name);
  if (init) return resolveExpression(project, file, init, depth + 1) ?? { file, node: init };
  const binding = project.importsOf(file).get(name);
  if (binding?.file) {
    if (binding.imported === '*') return { file: binding.file, node: { type: 'Program' } as t.Node };
    return exported(project, binding.file, binding.imported, depth + 1);
  }
  return undefined;
}

function propertyName(property: t.ObjectProperty | t.ObjectMethod): string | undefined {
  if (property.computed) return property.key.type === 'StringLiteral' ? property.key.value : undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'StringLiteral') return property.key.value;
  if (property.key.type === 'NumericLiteral') return String(property.key.value);
  return undefined;
}

export function objectProperty(object: t.ObjectExpression, name: string): t.ObjectProperty | undefined {
  for (const property of object.properties) {
    if (property.type === 'ObjectProperty' && propertyName(property) === name) return property;
  }
  return undefined;
}

/**
 * Resolves identifiers and member chains to the node they denote; literals resolve to themselves.
 * `scope` is the component function the expression is written in: its locals and parameters
 * shadow the module's names; nothing outside it and the module level is looked at.
 */
export function resolveExpression(project: Project, file: string, expression: t.Node, depth = 0, scope?: t.Node): Resolved | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(expression);
  if (!node) return undefined;
  switch (node.type) {
    case 'StringLiteral':
    case 'TemplateLiteral':
    case 'ArrayExpression':
    case 'ObjectExpression':
      return { file, node };
    case 'Identifier':
      return resolveIdentifier(project, file, node.name, depth + 1, scope);
    case 'ConditionalExpression': {
      // `locale === 'fr' ? frStrings : enStrings`: the site's default language is what a visitor sees first.
      const branch = defaultLanguageBranch(node);
      return branch ? resolveExpression(project, file, branch, depth + 1, scope) : undefined;
    }
    case 'CallExpression': {
      // A framework hook that returns the site's configuration.
      const hook = node.callee.type === 'Identifier' ? project.hooks.get(node.callee.name) : undefined;
      return hook?.();
    }
    case 'LogicalExpression':
      // `customDescription || SITE.description`, `title ?? siteConfig.title`: what it falls back to.
      if (node.operator === '&&') return undefined;
      return resolveExpression(project, file, node.left, depth + 1, scope) ?? resolveExpression(project, file, node.right, depth + 1, scope);
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const key = node.computed ? (node.property.type === 'StringLiteral' ? node.property.value : undefined) : node.property.type === 'Identifier' ? node.property.name : undefined;
      if (key === undefined) return undefined;
      if (node.object.type === 'Identifier' && !(scope && scopedInit(scope, node.object.name))) {
        const binding = project.importsOf(file).get(node.object.name);
        if (binding?.imported === '*' && binding.file) return exported(project, binding.file, key, depth + 1);
      }
      const base = resolveExpression(project, file, node.object, depth + 1, scope);
      const object = unwrap(base?.node);
      if (!base || object?.type !== 'ObjectExpression') return undefined;
      const property = objectProperty(object, key);
      if (!property) return undefined;
      return resolveExpression(project, base.file, property.value, depth + 1) ?? { file: base.file, node: property.value };
    }
    default:
      return undefined;
  }
}

/** A language code such as `fr` or `pt-BR`. */
const LANGUAGE = /^[a-z]{2}(?:[-_][A-Za-z]{2})?$/;

/**
 * The branch of `lang === 'fr' ? french : english` a visitor of the default language sees: the
 * other branch when the test compares something with a language code; undefined otherwise (a
 * state such as `scrolled ? a : b` is not one value).
 */
export function defaultLanguageBranch(node: t.ConditionalExpression): t.Node | undefined {
  const test = node.test;
  if (test.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(test.operator)) return undefined;
  const code = [test.left, test.right].find((side): side is t.StringLiteral => side.type === 'StringLiteral' && LANGUAGE.test(side.value));
  if (!code) return undefined;
  const english = /^en(?:[-_]|$)/.test(code.value);
  const whenEqual = english ? node.consequent : node.alternate;
  const whenDifferent = english ? node.alternate : node.consequent;
  return test.operator.startsWith('!') ? whenDifferent : whenEqual;
}

/** String literals written as a JSX or template attribute's value (`title="Ship faster"`): they take no escapes. */
const attributeValues = new WeakSet<t.Node>();
export const markAttributeValue = (node: t.Node): void => void attributeValues.add(node);

/** The characters between a literal's quotes as a replaceable slot. */
export function stringSlot(project: Project, file: string, node: t.StringLiteral | t.TemplateLiteral, inJsxAttribute = attributeValues.has(node)): StringSlot | undefined {
  // A string from a data file (YAML, TOML, front matter) brings the slot its own parser made.
  const own = (node.extra as { valineSlot?: StringSlot } | undefined)?.valineSlot;
  if (own) return own;
  const text = project.text(file) ?? '';
  const start = node.start ?? 0;
  const end = node.end ?? 0;
  if (node.type === 'TemplateLiteral') {
    if (node.expressions.length > 0) return undefined;
    return { file, start: start + 1, end: end - 1, raw: text.slice(start + 1, end - 1), syntax: 'js-template' };
  }
  const quote = text[start];
  // Svelte reads `{` inside an attribute value as code: its values take entities instead.
  const syntax = inJsxAttribute ? (file.endsWith('.svelte') ? 'svelte-attribute' : 'jsx-attribute') : quote === '"' ? 'js-double' : 'js-single';
  return { file, start: start + 1, end: end - 1, raw: text.slice(start + 1, end - 1), syntax, ...(inJsxAttribute && (quote === '"' || quote === "'") ? { delimiter: quote } : {}) };
}

const LABEL_KEYS = ['label', 'title', 'name', 'text'];
const TARGET_KEYS = ['href', 'to', 'path', 'url', 'link', 'id', 'slug'];
/** Docusaurus navbar items that link to a document or a sidebar by its id: `{ type: 'docSidebar', sidebarId, label }`. */
const REFERENCE_KEYS: Readonly<Record<string, string>> = { docSidebar: 'sidebarId', doc: 'docId' };

type EntryTarget = { targetKey: string; targetValue: string; target?: StringSlot; wrapper?: SourceRange; reference?: boolean };

/**
 * Where an entry links to: a string (`href: '/about'`), a string passed through one call
 * (`href: getPermalink('/about')`, copied in that form), a call that computes it
 * (`href: getBlogPermalink()`: the entry can be renamed or removed, not copied), or the
 * document a Docusaurus `doc`/`docSidebar` item names.
 */
function entryTarget(project: Project, file: string, element: t.ObjectExpression, keys: readonly string[]): EntryTarget | undefined {
  const type = unwrap(objectProperty(element, 'type')?.value);
  const referenceKey = type?.type === 'StringLiteral' ? REFERENCE_KEYS[type.value] : undefined;
  if (referenceKey) {
    const id = unwrap(objectProperty(element, referenceKey)?.value);
    const slot = id?.type === 'StringLiteral' ? stringSlot(project, file, id) : undefined;
    return id?.type === 'StringLiteral' && slot ? { targetKey: referenceKey, targetValue: id.value, target: slot, reference: true } : undefined;
  }
  const targetKey = TARGET_KEYS.find((k) => keys.includes(k));
  const value = targetKey ? unwrap(objectProperty(element, targetKey)?.value) : undefined;
  if (!targetKey || !value) return undefined;
  if (value.type === 'StringLiteral') {
    const slot = stringSlot(project, file, value);
    return slot ? { targetKey, targetValue: value.value, target: slot } : undefined;
  }
  if (value.type !== 'CallExpression') return undefined;
  const code = (project.text(file) ?? '').slice(value.start ?? 0, value.end ?? 0);
  const [first, ...rest] = value.arguments;
  if (first?.type === 'StringLiteral' && rest.length === 0) {
    const slot = stringSlot(project, file, first);
    if (slot) return { targetKey, targetValue: first.value, target: slot, wrapper: { file, start: value.start ?? 0, end: value.end ?? 0 } };
  }
  return { targetKey, targetValue: code };
}

/**
 * An array literal of link objects (any of the usual key names), or undefined when it is not one.
 * Entries that are not links (Docusaurus's `{ type: 'dropdown', … }`) are kept in place and
 * left alone, as long as most entries are links.
 */
export function linksArray(project: Project, file: string, array: t.ArrayExpression, name: string): LinksArray | undefined {
  if (array.elements.length === 0) return undefined;
  const keysOf = (object: t.ObjectExpression) => object.properties.flatMap((p) => (p.type === 'ObjectProperty' ? [propertyName(p) ?? ''] : ['…']));
  const entries: LinkEntry[] = [];
  let others = 0;
  for (const element of array.elements) {
    if (element?.type !== 'ObjectExpression') return undefined;
    const keys = keysOf(element);
    const labelKey = LABEL_KEYS.find((k) => keys.includes(k));
    const label = labelKey ? objectProperty(element, labelKey)?.value : undefined;
    const target = label?.type === 'StringLiteral' ? entryTarget(project, file, element, keys) : undefined;
    if (!labelKey || label?.type !== 'StringLiteral' || !target) {
      others++;
      continue;
    }
    const labelSlot = stringSlot(project, file, label);
    if (!labelSlot) return undefined;
    entries.push({ range: { file, start: element.start ?? 0, end: element.end ?? 0 }, label: labelSlot, labelValue: label.value, ...target, keys });
  }
  if (entries.length === 0 || others > entries.length || entries.every((e) => !e.target)) return undefined;
  const plain = entries.find((e) => !e.reference) ?? entries[0];
  return {
    range: { file, start: array.start ?? 0, end: array.end ?? 0 },
    line: project.line(file, array.start ?? 0),
    labelKey: LABEL_KEYS.find((k) => plain.keys.includes(k)) ?? 'label',
    targetKey: plain.targetKey,
    targetIsAnchorId: entries.every((e) => e.targetKey === 'id'),
    entries,
    name,
    ...(others > 0 ? { others: array.elements.map((e) => ({ file, start: e?.start ?? 0, end: e?.end ?? 0 })) } : {}),
  };
}

/** The source of an expression, shortened for display (`{siteMetadata.title}`). */
export function sourceOf(project: Project, file: string, node: t.Node): string {
  const text = (project.text(file) ?? '').slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ');
  return shorten(text, 58);
}
