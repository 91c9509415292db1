import { childNodes } from './ast';
import type * as t from '@babel/types';
import { decodeHTML } from 'entities';
import { htmlText } from './html-text';
import type { Project } from './project';
import { exported, linksArray, localInit, markAttributeValue, objectProperty, parameterNames, scopedInit, resolveExpression, resolveIdentifier, sourceOf, stringSlot, unwrap, type Resolved } from './resolve';
import { translated, translationKey } from './translations';
import type { LinksArray, MarkupSyntax, StringSlot, UiChild, UiNode } from './ui-tree';

/**
 * Renders components into the neutral tree: starting from a component (a page or a layout),
 * every project component it uses is expanded where it is used, so a header that lives in
 * `MarketingLayout.jsx`, or a hero in `HeroSection.jsx` used by the landing page, is found
 * where the visitor sees it. Files nothing renders are never looked at.
 */
const MAX_EXPANSION_DEPTH = 6;
const MAX_NODES = 20000;
const STRING_ATTRIBUTES = ['id', 'className', 'class', 'href', 'to', 'aria-label', 'role', 'type', 'alt', 'title', 'variant', 'data-testid', 'aria-labelledby', 'data-valine-if', 'as', 'slot'];

type FunctionLike = t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression | t.ClassDeclaration | t.ClassExpression;

interface BuildState {
  project: Project;
  nodes: number;
  stack: string[];
  /** CSS-module classes met while reading the current element's class attribute. */
  modules: Array<{ file: string; name: string }>;
  /** The component functions being rendered, innermost last: names are resolved in the innermost. */
  scopes: t.Node[];
  /** Per rendered function (same order as `scopes`): the props its caller passed, and where the caller is. */
  frames: Frame[];
}

/** A prop as the caller wrote it: `<Hero title="Ship faster" />` → title ↦ the string, in the caller's file and frame. */
interface PassedProp {
  file: string;
  expression: t.Node;
  /** Index of the caller's frame in `frames` (-1: a root component). */
  frame: number;
}

interface Frame {
  props: Map<string, PassedProp>;
  /**
   * What the caller passed inside the component's tag, built where the caller wrote it, by slot
   * name (`default`, or `title` for `<Fragment slot="title">`, `<template #title>`,
   * `{#snippet title()}`): placed where the component renders that slot, each once.
   */
  slots?: Map<string, UiChild[]>;
}

/** Wrappers that only name the slot their children fill: `<Fragment slot="title">`, `<template #title>`, `<svelte:fragment slot="title">`. */
const SLOT_WRAPPERS = new Set(['Fragment', 'template', 'svelte:fragment', '']);
/** Svelte 5 names the default slot's snippet `children`. */
const slotName = (name: string) => (name === 'children' ? 'default' : name);

/** The children a caller passed, by the slot each fills. */
function slotsOf(children: readonly UiChild[]): Map<string, UiChild[]> {
  const slots = new Map<string, UiChild[]>();
  const add = (name: string, items: UiChild[]) => slots.set(name, [...(slots.get(name) ?? []), ...items]);
  for (const child of children) {
    const named = child.kind === 'element' ? child.node.attributes.slot : undefined;
    if (child.kind === 'element' && named) add(slotName(named), SLOT_WRAPPERS.has(child.node.tag) ? child.node.children : [child]);
    else add('default', [child]);
  }
  return slots;
}

/** The content passed for a slot of the component being rendered, taken once (undefined when none was passed). */
function takeSlot(state: BuildState, name: string): UiChild[] | undefined {
  const frame = state.frames[state.frames.length - 1];
  const content = frame?.slots?.get(slotName(name));
  if (!content || !content.some((c) => c.kind !== 'text' || c.value.trim() !== '')) return undefined;
  frame?.slots?.delete(slotName(name));
  return content;
}

/**
 * The slot an expression renders: `Astro.slots.render('title')` (also awaited, or as the default
 * of a prop the caller did not pass), React's `{children}` / `{props.children}`, Svelte's
 * `{@render title()}` (read as `<slot name="title">`).
 */
function renderedSlot(state: BuildState, expression: t.Node, depth = 0): string | undefined {
  const node = unwrap(expression.type === 'AwaitExpression' ? expression.argument : expression);
  if (!node || depth > 3) return undefined;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.arguments[0]?.type === 'StringLiteral') {
    const callee = node.callee;
    const slots = callee.object;
    if (slots.type === 'MemberExpression' && slots.object.type === 'Identifier' && slots.object.name === 'Astro' && slots.property.type === 'Identifier' && slots.property.name === 'slots' && callee.property.type === 'Identifier' && callee.property.name === 'render') return node.arguments[0].value;
    return undefined;
  }
  const scope = state.scopes[state.scopes.length - 1];
  const frame = state.frames[state.frames.length - 1];
  if (!scope || !frame) return undefined;
  const params = parameterNames(scope);
  if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && /^props$/i.test(node.object.name) && params.has(node.object.name) && node.property.type === 'Identifier' && node.property.name === 'children') return 'default';
  if (node.type !== 'Identifier') return undefined;
  if (params.has(node.name)) {
    if (frame.props.has(node.name)) return undefined;
    if (node.name === 'children') return 'default';
    const fallback = propDefault(scope, node.name);
    return fallback ? renderedSlot(state, fallback, depth + 1) : undefined;
  }
  const local = scopedInit(scope, node.name);
  return local && local !== 'shadowed' ? renderedSlot(state, local, depth + 1) : undefined;
}

/**
 * Resolves an expression written in the current component, following props to what the caller
 * passed (`{title}` in Hero → `<Hero title="…" />` in the page, through several levels).
 */
function resolveInState(state: BuildState, file: string, expression: t.Node, level = state.scopes.length - 1, depth = 0): Resolved | undefined {
  const scope = level >= 0 ? state.scopes[level] : undefined;
  const frame = level >= 0 ? state.frames[level] : undefined;
  const node = unwrap(expression);
  if (scope && frame && node && depth < 6) {
    const params = parameterNames(scope);
    const member = node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression' ? node : undefined;
    const memberName = member && !member.computed && member.property.type === 'Identifier' ? member.property.name : undefined;
    const propName =
      node.type === 'Identifier' && params.has(node.name)
        ? node.name
        : member && memberName && member.object.type === 'Identifier' && params.has(member.object.name) && /^props$/i.test(member.object.name)
          ? memberName
          : // Astro reads props as `Astro.props.title` too.
            member && memberName && member.object.type === 'MemberExpression' && member.object.object.type === 'Identifier' && member.object.object.name === 'Astro' && member.object.property.type === 'Identifier' && member.object.property.name === 'props'
            ? memberName
            : undefined;
    // `data.headline` where `data` is a prop, or a local taken from one (`const { frontmatter } = data.markdownRemark`):
    // the prop's value, then the fields named after it.
    const chain = !propName ? (node.type === 'Identifier' ? { base: node.name, keys: [] } : memberChain(node)) : undefined;
    const local = chain && !params.has(chain.base) ? scopedInit(scope, chain.base) : undefined;
    const fromProp = chain && ((params.has(chain.base) && !/^props$/i.test(chain.base) && chain.keys.length > 0) || (local !== undefined && local !== 'shadowed' && mentionsParam(local, params)));
    if (chain && fromProp) {
      const passed = params.has(chain.base) ? frame.props.get(chain.base) : undefined;
      let current = passed ? resolveInState(state, passed.file, passed.expression, passed.frame, depth + 1) : local && local !== 'shadowed' ? resolveInState(state, file, local, level, depth + 1) : undefined;
      for (const key of chain.keys) {
        const object = unwrap(current?.node);
        if (!current || object?.type !== 'ObjectExpression') return undefined;
        const property = objectProperty(object, key);
        if (!property) return undefined;
        current = resolveExpression(state.project, current.file, property.value) ?? { file: current.file, node: property.value };
      }
      return current;
    }
    if (propName) {
      const passed = frame.props.get(propName);
      if (passed) return resolveInState(state, passed.file, passed.expression, passed.frame, depth + 1);
      // Not passed: the default the component declares (`{ title = SITE.title }`), read in its own module.
      const fallback = propDefault(scope, propName);
      return fallback ? resolveInState(state, file, fallback, level, depth + 1) : undefined;
    }
  }
  return resolveExpression(state.project, file, expression, 0, scope);
}

/** The expression starts from one of the function's parameters (`data.markdownRemark`). */
function mentionsParam(node: t.Node, params: ReadonlySet<string>): boolean {
  const chain = node.type === 'Identifier' ? { base: node.name } : memberChain(node);
  return chain !== undefined && params.has(chain.base);
}

/** `a.b.c` (also `a?.b!.c`) as its base name and keys, when every key is a plain name. */
function memberChain(node: t.Node): { base: string; keys: string[] } | undefined {
  const keys: string[] = [];
  let current: t.Node | null | undefined = node;
  while (current && (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression')) {
    if (current.computed || current.property.type !== 'Identifier') return undefined;
    keys.unshift(current.property.name);
    current = unwrap(current.object);
  }
  return current?.type === 'Identifier' && keys.length > 0 ? { base: current.name, keys } : undefined;
}

/** The default value a component declares for a prop in its parameters (`function Hero({ title = 'Hi' })`). */
function propDefault(scope: t.Node, name: string): t.Node | undefined {
  const params = 'params' in scope && Array.isArray(scope.params) ? (scope.params as t.Node[]) : [];
  for (const param of params) {
    const pattern = param.type === 'AssignmentPattern' ? param.left : param;
    if (pattern.type !== 'ObjectPattern') continue;
    for (const property of pattern.properties) {
      if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier' || property.key.name !== name) continue;
      if (property.value.type === 'AssignmentPattern') return property.value.right;
    }
  }
  return undefined;
}

/** A resolved string literal (or template without expressions), as value and slot. */
function stringInState(state: BuildState, file: string, expression: t.Node): { value: string; slot: StringSlot } | undefined {
  const resolved = resolveInState(state, file, expression);
  const node = unwrap(resolved?.node);
  if (!resolved || !node) return undefined;
  if (node.type === 'StringLiteral' || (node.type === 'TemplateLiteral' && node.expressions.length === 0)) {
    const slot = stringSlot(state.project, resolved.file, node);
    const value = node.type === 'StringLiteral' ? node.value : (node.quasis[0]?.value.cooked ?? '');
    return slot ? { value, slot } : undefined;
  }
  return undefined;
}

/** JSX text escapes braces; so does a template language's markup (its `{…}` or `{{…}}` would read them as code). */
const markupSyntax = (project: Project, file: string): MarkupSyntax => (project.templateOf(file) ? 'template' : 'jsx');

/** Attributes holding words a search engine or a visitor reads: a meta tag's content, an SEO component's title and description. */
const WORDED_ATTRIBUTES = new Set(['content', 'title', 'description', 'metaDescription', 'name', 'property']);

/** Functions that join class strings, to which one more string argument can be given. */
const CLASS_JOINERS = new Set(['cn', 'clsx', 'classnames', 'classNames', 'cx', 'twMerge', 'twJoin', 'ctl']);


/** A function component, or a class component (its `render()` is found inside the class body). */
const isFunction = (node: t.Node | null | undefined): node is FunctionLike =>
  node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression' || node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';

/** The function a component name stands for (local, imported, `memo()`/`forwardRef()`/`lazy(() => import())`). */
function componentFunction(project: Project, resolved: Resolved | undefined, depth = 0): { file: string; fn: FunctionLike } | undefined {
  if (!resolved || depth > 4) return undefined;
  const node = unwrap(resolved.node);
  if (isFunction(node)) return { file: resolved.file, fn: node };
  if (node?.type === 'CallExpression') {
    const callee = node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' ? node.callee.property.name : node.callee.type === 'Identifier' ? node.callee.name : '';
    const argument = node.arguments[0];
    if ((callee === 'memo' || callee === 'forwardRef' || callee === 'observer') && argument) {
      return componentFunction(project, argument.type === 'Identifier' ? resolveIdentifier(project, resolved.file, argument.name) : { file: resolved.file, node: argument }, depth + 1);
    }
    if ((callee === 'lazy' || callee === 'loadable' || callee === 'dynamic') && (argument?.type === 'ArrowFunctionExpression' || argument?.type === 'FunctionExpression')) {
      const body = argument.body;
      const call = body.type === 'CallExpression' ? body : undefined;
      const source = call?.callee.type === 'Import' && call.arguments[0]?.type === 'StringLiteral' ? call.arguments[0].value : undefined;
      const file = source ? project.resolve(resolved.file, source) : undefined;
      return file ? componentFunction(project, exported(project, file, 'default'), depth + 1) : undefined;
    }
  }
  return undefined;
}

/** The component a JSX tag names in `file`, when it is defined in this repository. */
export function findComponent(project: Project, file: string, name: string): { file: string; fn: FunctionLike } | undefined {
  if (!/^[A-Z]/.test(name) || name.includes('.')) return undefined;
  if (!localInit(project, file, name) && !project.importsOf(file).get(name)?.file) {
    // Components a framework provides without an import (Nuxt's `components/` folder).
    const auto = project.autoComponents.get(name);
    return auto ? componentFunction(project, exported(project, auto, 'default')) : undefined;
  }
  return componentFunction(project, resolveIdentifier(project, file, name));
}

/** The default (or named) export of a file, as a component. */
export function exportedComponent(project: Project, file: string, name = 'default'): { file: string; fn: FunctionLike } | undefined {
  return componentFunction(project, exported(project, file, name));
}

function tagName(name: t.JSXOpeningElement['name']): string {
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type === 'JSXNamespacedName') return `${name.namespace.name}:${name.name.name}`;
  return `${tagName(name.object as t.JSXOpeningElement['name'])}.${name.property.name}`;
}

/** Every string the class expression is made of, following variables and class helpers. */
function classSlots(state: BuildState, file: string, node: t.Node, conditional: boolean, out: StringSlot[], depth = 0): boolean {
  const { project } = state;
  const expression = unwrap(node);
  if (!expression || depth > 6) return false;
  switch (expression.type) {
    case 'StringLiteral': {
      const slot = stringSlot(project, file, expression);
      if (slot) out.push({ ...slot, ...(conditional ? { conditional } : {}) });
      return true;
    }
    case 'TemplateLiteral': {
      const text = project.text(file) ?? '';
      for (const quasi of expression.quasis) {
        const start = quasi.start ?? 0;
        const end = quasi.end ?? 0;
        out.push({ file, start, end, raw: text.slice(start, end), syntax: 'js-template', ...(conditional ? { conditional } : {}) });
      }
      let ok = true;
      for (const inner of expression.expressions) ok = classSlots(state, file, inner, true, out, depth + 1) && ok;
      return ok;
    }
    case 'ConditionalExpression':
      return classSlots(state, file, expression.consequent, true, out, depth + 1) && classSlots(state, file, expression.alternate, true, out, depth + 1);
    case 'LogicalExpression':
      return classSlots(state, file, expression.right, true, out, depth + 1);
    case 'BinaryExpression':
      if (expression.operator !== '+') return false;
      return classSlots(state, file, expression.left, conditional, out, depth + 1) && classSlots(state, file, expression.right, conditional, out, depth + 1);
    case 'CallExpression': {
      let ok = true;
      for (const argument of expression.arguments) {
        if (argument.type === 'ObjectExpression') {
          for (const property of argument.properties) {
            if (property.type === 'ObjectProperty' && property.key.type === 'StringLiteral') classSlots(state, file, property.key, true, out, depth + 1);
          }
          continue;
        }
        if (argument.type === 'CallExpression') continue; // e.g. buttonVariants({ … }): styled elsewhere
        ok = classSlots(state, file, argument, conditional, out, depth + 1) && ok;
      }
      return ok;
    }
    case 'Identifier':
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      if (expression.type !== 'Identifier' && expression.object.type === 'Identifier') {
        const binding = project.importsOf(file).get(expression.object.name);
        const name = expression.computed ? (expression.property.type === 'StringLiteral' ? expression.property.value : undefined) : expression.property.type === 'Identifier' ? expression.property.name : undefined;
        if (binding?.file?.endsWith('.css') && name) {
          state.modules.push({ file: binding.file, name });
          return true;
        }
      }
      const resolved = resolveInState(state, file, expression);
      if (!resolved || resolved.node === expression) return false;
      return classSlots(state, resolved.file, resolved.node, conditional, out, depth + 1);
    }
    default:
      return false;
  }
}

/** A `.map(…)` over a resolvable array of link objects (`links.filter(…).map(…)` included). */
function mappedLinks(state: BuildState, file: string, expression: t.Node): LinksArray | undefined {
  const node = unwrap(expression);
  if (node?.type !== 'CallExpression' && node?.type !== 'OptionalCallExpression') return undefined;
  const callee = node.callee;
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.property.type !== 'Identifier' || callee.property.name !== 'map') return undefined;
  let base: t.Node = callee.object;
  while ((base.type === 'CallExpression' || base.type === 'OptionalCallExpression') && (base.callee.type === 'MemberExpression' || base.callee.type === 'OptionalMemberExpression')) {
    base = base.callee.object;
  }
  return arrayOfLinks(state, file, base);
}

function arrayOfLinks(state: BuildState, file: string, expression: t.Node): LinksArray | undefined {
  const resolved = resolveInState(state, file, expression);
  const node = unwrap(resolved?.node);
  if (!resolved || node?.type !== 'ArrayExpression') return undefined;
  return linksArray(state.project, resolved.file, node, sourceOf(state.project, file, expression));
}

/** JSX elements inside an expression (branches of `a ? <X/> : <Y/>`, `cond && <X/>`, `.map(() => <X/>)`), in source order. */
function jsxInside(node: t.Node, out: Array<t.JSXElement | t.JSXFragment>): void {
  if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
    out.push(node);
    return;
  }
  for (const child of childNodes(node)) jsxInside(child, out);
}

function childrenOf(state: BuildState, file: string, children: t.JSXElement['children'], depth: number): UiChild[] {
  const { project } = state;
  const text = project.text(file) ?? '';
  const out: UiChild[] = [];
  for (const child of children) {
    if (state.nodes > MAX_NODES) break;
    if (child.type === 'JSXText') {
      const start = child.start ?? 0;
      const end = child.end ?? 0;
      const raw = text.slice(start, end);
      out.push({ kind: 'text', range: { file, start, end }, raw, value: decodeHTML(raw), syntax: markupSyntax(project, file) });
    } else if (child.type === 'JSXElement') {
      out.push(...elementChildren(state, file, child, depth));
    } else if (child.type === 'JSXFragment') {
      out.push(...childrenOf(state, file, child.children, depth));
    } else if (child.type === 'JSXExpressionContainer') {
      const expression = child.expression;
      if (expression.type === 'JSXEmptyExpression') continue;
      const slot = renderedSlot(state, expression);
      const slotted = slot !== undefined ? takeSlot(state, slot) : undefined;
      if (slotted) {
        out.push(...slotted);
        continue;
      }
      if (expression.type === 'StringLiteral' || (expression.type === 'TemplateLiteral' && expression.expressions.length === 0)) {
        const slot = stringSlot(project, file, expression);
        const value = expression.type === 'StringLiteral' ? expression.value : (expression.quasis[0]?.value.cooked ?? '');
        if (slot) out.push({ kind: 'string', slot, value, display: value, container: { file, start: child.start ?? 0, end: child.end ?? 0 } });
        continue;
      }
      const links = mappedLinks(state, file, expression);
      const linksChild: UiChild | undefined = links ? { kind: 'links-array', array: links } : undefined;
      if (linksChild) out.push(linksChild);
      const inner: Array<t.JSXElement | t.JSXFragment> = [];
      jsxInside(expression, inner);
      if (inner.length > 0) {
        // `{user && <li>…</li>}`, `{a ? <X/> : <Y/>}`: shown only sometimes.
        const conditional = expression.type === 'LogicalExpression' || expression.type === 'ConditionalExpression';
        const rendered: UiNode[] = [];
        for (const element of inner) {
          const children = element.type === 'JSXElement' ? elementChildren(state, file, element, depth) : childrenOf(state, file, element.children, depth);
          if (conditional) for (const c of children) if (c.kind === 'element') c.node.conditional = true;
          for (const c of children) if (c.kind === 'element') rendered.push(c.node);
          out.push(...children);
        }
        if (linksChild?.kind === 'links-array') linksChild.rendered = rendered;
        continue;
      }
      if (links) continue;
      const key = translationKey(expression);
      // `{data.headline!}`, `{title as string}`: the value behind the type assertion.
      const plain = unwrap(expression) ?? expression;
      const configured =
        plain.type === 'Identifier' || plain.type === 'MemberExpression' || plain.type === 'OptionalMemberExpression' || plain.type === 'ConditionalExpression' || plain.type === 'LogicalExpression'
          ? stringInState(state, file, plain)
          : key !== undefined
            ? translated(project, key)
            : undefined;
      const display = `{${sourceOf(project, file, expression)}}`;
      const container = { file, start: child.start ?? 0, end: child.end ?? 0 };
      const html = (child.extra as { valineHtml?: boolean } | undefined)?.valineHtml === true;
      if (configured && html) out.push({ kind: 'string', slot: { ...configured.slot, html: true }, value: htmlText(configured.value), viaConfig: true, display, container });
      else if (configured) out.push({ kind: 'string', slot: configured.slot, value: configured.value, viaConfig: true, display, container });
      else out.push({ kind: 'expression', range: { file, start: child.start ?? 0, end: child.end ?? 0 }, display });
    }
  }
  return out;
}

function attributeString(state: BuildState, file: string, value: t.JSXAttribute['value']): string | undefined {
  if (!value) return 'true';
  if (value.type === 'StringLiteral') return value.value;
  if (value.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
    const resolved = stringInState(state, file, value.expression);
    return resolved?.value;
  }
  return undefined;
}

/** One JSX element as tree children: itself, or, for a project component, its rendered output. */
function elementChildren(state: BuildState, file: string, element: t.JSXElement, depth: number): UiChild[] {
  // `<slot />`, `<slot name="title" />`: what the caller passed for it, else the slot's own fallback content.
  if (element.openingElement.name.type === 'JSXIdentifier' && element.openingElement.name.name === 'slot') {
    const name = element.openingElement.attributes.find((a): a is t.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === 'name');
    const content = takeSlot(state, name?.value?.type === 'StringLiteral' ? name.value.value : 'default');
    if (content) return content;
  }
  const node = buildNode(state, file, element, depth);
  return node ? [{ kind: 'element', node }] : [];
}

function buildNode(state: BuildState, file: string, element: t.JSXElement, depth: number): UiNode | undefined {
  const { project } = state;
  state.nodes++;
  const opening = element.openingElement;
  const tag = tagName(opening.name);
  const attributes: Record<string, string> = {};
  const slots: StringSlot[] = [];
  let classUnresolved = false;
  let link: StringSlot | undefined;
  const extra: UiChild[] = [];
  const moduleClasses: Array<{ file: string; name: string }> = [];
  let hasClassAttribute = false;
  let classCallAt: number | undefined;
  const wordedSlots: Record<string, { slot: StringSlot; value: string }> = {};
  for (const attribute of opening.attributes) {
    if (attribute.type !== 'JSXAttribute') continue;
    if (attribute.value?.type === 'StringLiteral') markAttributeValue(attribute.value);
    const name = attribute.name.type === 'JSXIdentifier' ? attribute.name.name : `${attribute.name.namespace.name}:${attribute.name.name.name}`;
    if (name === 'className' || name === 'class' || name === 'class:list') {
      hasClassAttribute = true;
      const value = attribute.value;
      if (value?.type === 'JSXExpressionContainer' && value.expression.type === 'CallExpression' && value.expression.arguments.length > 0 && value.expression.callee.type === 'Identifier' && CLASS_JOINERS.has(value.expression.callee.name)) {
        classCallAt = (value.expression.end ?? 1) - 1;
      }
      if (value?.type === 'StringLiteral') {
        const slot = stringSlot(project, file, value, true);
        if (slot) slots.push(slot);
      } else if (value?.type === 'JSXExpressionContainer' && value.expression.type !== 'JSXEmptyExpression') {
        state.modules = [];
        classUnresolved = !classSlots(state, file, value.expression, false, slots);
        if (state.modules.length > 0) moduleClasses.push(...state.modules);
        // Styled by a button helper (`buttonVariants()`, `btn()`): a button even without visible classes.
        if (/\b(?:\w*[bB]utton\w*|btn\w*)\s*\(/.test(sourceOf(project, file, value.expression))) attributes['data-styled-as'] = 'button';
      }
    }
    if (STRING_ATTRIBUTES.includes(name)) {
      const value = attributeString(state, file, attribute.value);
      if (value !== undefined) attributes[name] = value;
    }
    if ((name === 'href' || name === 'to') && attribute.value?.type === 'StringLiteral') link = stringSlot(project, file, attribute.value, true);
    if (WORDED_ATTRIBUTES.has(name) && attribute.value) {
      const value = attribute.value.type === 'JSXExpressionContainer' ? attribute.value.expression : attribute.value;
      const found = value.type === 'JSXEmptyExpression' ? undefined : stringInState(state, file, value);
      if (found) wordedSlots[name] = found;
    }
    // Link lists handed to a component: `<MainNav items={marketingConfig.mainNav} />`.
    if (attribute.value?.type === 'JSXExpressionContainer' && attribute.value.expression.type !== 'JSXEmptyExpression' && name !== 'className') {
      const expression = attribute.value.expression;
      if (expression.type === 'Identifier' || expression.type === 'MemberExpression') {
        const links = arrayOfLinks(state, file, expression);
        if (links) extra.push({ kind: 'links-array', array: links });
      }
    }
  }
  const start = element.start ?? 0;
  const node: UiNode = {
    file,
    tag,
    range: { file, start, end: element.end ?? 0 },
    attributeInsertAt: opening.name.end ?? start + 1,
    openingEnd: opening.end ?? start,
    line: project.line(file, start),
    attributes,
    classSlots: slots,
    classUnresolved,
    hasClassAttribute,
    ...(classCallAt !== undefined ? { classCallAt } : {}),
    ...(moduleClasses.length > 0 ? { moduleClasses } : {}),
    ...(link ? { link } : {}),
    ...(Object.keys(wordedSlots).length > 0 ? { attributeSlots: wordedSlots } : {}),
    children: [...extra, ...childrenOf(state, file, element.children, depth)],
    syntax: markupSyntax(project, file),
    selfClosing: opening.selfClosing,
    ...('data-valine-if' in attributes ? { conditional: true } : {}),
  };
  // A library component rendered as another tag (`<Heading as="h1">` from a theme): it is that tag.
  if (attributes.as && /^(?:h[1-6]|p|a|button|header|nav|footer|section|span|div)$/.test(attributes.as)) {
    node.tag = attributes.as;
    node.componentTag = tag;
  }
  const linkLike = 'href' in attributes || 'to' in attributes;
  const key = `${file}#${tag}`;
  if (!linkLike && depth < MAX_EXPANSION_DEPTH && !state.stack.includes(key)) {
    const component = findComponent(project, file, tag);
    if (component) {
      state.stack.push(key);
      const props = new Map<string, PassedProp>();
      const callerFrame = state.scopes.length - 1;
      for (const attribute of opening.attributes) {
        if (attribute.type === 'JSXSpreadAttribute') {
          for (const [name, prop] of spreadProps(state, file, attribute.argument, callerFrame)) props.set(name, prop);
          continue;
        }
        if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier' || !attribute.value) continue;
        const value = attribute.value.type === 'JSXExpressionContainer' ? attribute.value.expression : attribute.value;
        if (value.type !== 'JSXEmptyExpression') props.set(attribute.name.name, { file, expression: value, frame: callerFrame });
      }
      const extras = node.children.filter((c) => c.kind === 'links-array' && extra.includes(c));
      const slots = slotsOf(node.children.filter((c) => !extras.includes(c)));
      const rendered = renderFunction(state, component.file, component.fn, depth + 1, { props, slots });
      state.stack.pop();
      for (const child of rendered) {
        if (child.kind !== 'element') continue;
        child.node.component ??= tag;
        child.node.rendered = true;
      }
      // What no slot of the component took stays after its output, as the caller wrote it.
      node.children = [...rendered, ...extras, ...[...slots.values()].flat()];
    }
  }
  return node;
}

/**
 * `<Header {...headerData} />`: each property of the object spread (written in place, a constant,
 * or imported data) is a prop, read where the object is written.
 */
function spreadProps(state: BuildState, file: string, argument: t.Node, callerFrame: number): Array<[string, PassedProp]> {
  const resolved = resolveInState(state, file, argument);
  const object = unwrap(resolved?.node);
  if (!resolved || object?.type !== 'ObjectExpression') return [];
  const scope = callerFrame >= 0 ? state.scopes[callerFrame] : undefined;
  // Written inside the calling component: its names are the caller's; elsewhere (a module's data), the module's.
  const inCaller = resolved.file === file && scope !== undefined && (object.start ?? 0) >= (scope.start ?? 0) && (object.end ?? 0) <= (scope.end ?? 0);
  const out: Array<[string, PassedProp]> = [];
  for (const property of object.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    if (name !== undefined) out.push([name, { file: resolved.file, expression: property.value, frame: inCaller ? callerFrame : -1 }]);
  }
  return out;
}

/** The JSX a component function renders, as tree children (every return, in source order). */
function renderFunction(state: BuildState, file: string, fn: FunctionLike, depth: number, frame: Frame = { props: new Map() }): UiChild[] {
  const found: Array<t.JSXElement | t.JSXFragment> = [];
  jsxInside(fn.body, found);
  const out: UiChild[] = [];
  state.scopes.push(fn);
  state.frames.push(frame);
  try {
    for (const element of found) {
      if (element.type === 'JSXElement') out.push(...elementChildren(state, file, element, depth));
      else out.push(...childrenOf(state, file, element.children, depth));
    }
  } finally {
    state.scopes.pop();
    state.frames.pop();
  }
  return out;
}

/** The rendered tree of a component (a page or a layout): a root node named after it. */
export function renderComponent(project: Project, file: string, name = 'default'): UiNode | undefined {
  const component = exportedComponent(project, file, name);
  return component ? renderFound(project, component, file) : undefined;
}

/**
 * A component rendered with props given as data (a CMS block's fields from a page's front
 * matter): each prop is an expression, read where `file` says it is written.
 */
export function renderComponentWith(project: Project, file: string, name: string, props: ReadonlyMap<string, { file: string; expression: t.Node }>): UiNode | undefined {
  const component = exportedComponent(project, file, name);
  if (!component) return undefined;
  const state: BuildState = { project, nodes: 0, stack: [`${component.file}#${name}`], modules: [], scopes: [], frames: [] };
  const frame: Frame = { props: new Map([...props].map(([key, value]) => [key, { ...value, frame: -1 }])) };
  const children = renderFunction(state, component.file, component.fn, 0, frame);
  const start = component.fn.start ?? 0;
  return { file: component.file, tag: '#component', range: { file: component.file, start, end: component.fn.end ?? 0 }, attributeInsertAt: start, openingEnd: start, line: project.line(component.file, start), attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: false, children, component: name, rendered: true, syntax: markupSyntax(project, component.file), selfClosing: false };
}

/** The rendered tree of the component a tag names where it is used (`<Landing />` in the routes file). */
export function renderTag(project: Project, file: string, tag: string): UiNode | undefined {
  const component = findComponent(project, file, tag);
  return component ? renderFound(project, component, tag) : undefined;
}

function renderFound(project: Project, component: { file: string; fn: FunctionLike }, name: string): UiNode {
  const state: BuildState = { project, nodes: 0, stack: [`${component.file}#${name}`], modules: [], scopes: [], frames: [] };
  const children = renderFunction(state, component.file, component.fn, 0);
  const start = component.fn.start ?? 0;
  return {
    file: component.file,
    tag: '#component',
    range: { file: component.file, start, end: component.fn.end ?? 0 },
    attributeInsertAt: start,
    openingEnd: start,
    line: project.line(component.file, start),
    attributes: {},
    classSlots: [],
    classUnresolved: false,
    hasClassAttribute: false,
    children,
    component: name,
    syntax: markupSyntax(project, component.file),
    selfClosing: false,
  };
}

/** Every JSX element of a file at top level (for files whose components are not found as exports). */
export function renderFile(project: Project, file: string): UiNode | undefined {
  const ast = project.ast(file);
  if (!ast) return undefined;
  const state: BuildState = { project, nodes: 0, stack: [], modules: [], scopes: [], frames: [] };
  const found: Array<t.JSXElement | t.JSXFragment> = [];
  jsxInside(ast.program, found);
  const children: UiChild[] = [];
  for (const element of found) {
    if (element.type === 'JSXElement') children.push(...elementChildren(state, file, element, 0));
    else children.push(...childrenOf(state, file, element.children, 0));
  }
  return { file, tag: '#file', range: { file, start: 0, end: (project.text(file) ?? '').length }, attributeInsertAt: 0, openingEnd: 0, line: 1, attributes: {}, classSlots: [], classUnresolved: false, hasClassAttribute: false, children, syntax: markupSyntax(project, file), selfClosing: false };
}
