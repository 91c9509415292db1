import postcss from 'postcss';
import { isComponent, parseStylesheet, scopedToComponent } from '../discovery/stylesheet';
import type { Project } from '../discovery/project';
import type { UiNode } from '../discovery/ui-tree';
import type { Splice } from './splice';

/**
 * A colour set by the site's own CSS: the rule that styles the element by its class, id or tag
 * (`.site-header { background-color: #fff }`, `footer { background: var(--footer-bg) }`), in a
 * stylesheet or in a component's `<style>` block.
 * A `var(--x)` value is followed to the custom property's declaration, which is what changes.
 */
export type CssColorResult =
  | { ok: true; splices: Splice[]; from: string; to: string; file: string; line: number; note?: string; choices?: undefined }
  | { ok: false; message: string }
  /** The colour is a variable declared once per theme (`:root`, `[data-theme=dark]`): one option each, the person picks. */
  | { ok: 'choice'; choices: Array<{ label: string; result: Extract<CssColorResult, { ok: true }> }> };

const COLOR_IN_VALUE = /#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla|oklch|oklab|lab|lch|hwb)\([^)]*\)|\b(?:white|black|transparent|red|blue|green|gray|grey|navy|silver|maroon|purple|teal|orange|yellow)\b/gi;

export interface Found {
  file: string;
  selector: string;
  decl: postcss.Declaration;
  /** Inside `@media`/`@supports`: applies only sometimes. */
  conditional: string | undefined;
  /** A variant of the element's selector (`#mainNav.navbar-shrink`, `.site-header:hover`), not the element itself. */
  variant: boolean;
}

function classesOf(node: UiNode): Set<string> {
  return new Set([...node.classSlots.flatMap((slot) => slot.raw.split(/\s+/)).filter(Boolean), ...(node.moduleClasses ?? []).map((m) => m.name)]);
}

function selectorsFor(node: UiNode): Set<string> {
  const out = new Set<string>([node.tag.toLowerCase()]);
  for (const c of classesOf(node)) {
    out.add(`.${c}`);
    out.add(`${node.tag.toLowerCase()}.${c}`);
  }
  const id = node.attributes.id;
  if (id) out.add(`#${id}`);
  return out;
}

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  /** `:hover`, `[aria-current]`…: a state of the element. */
  state: boolean;
}

function parseCompound(text: string): Compound | undefined {
  const match = /^([a-zA-Z][\w-]*|\*)?((?:[#.][\w-]+)*)((?::{1,2}[\w-]+(?:\([^)]*\))?|\[[^\]]*\])*)$/.exec(text);
  if (!match) return undefined;
  const parts = match[2].match(/[#.][\w-]+/g) ?? [];
  return {
    ...(match[1] && match[1] !== '*' ? { tag: match[1].toLowerCase() } : {}),
    ...(parts.find((p) => p.startsWith('#')) ? { id: parts.find((p) => p.startsWith('#'))?.slice(1) } : {}),
    classes: parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1)),
    state: match[3] !== '',
  };
}

/** All of the compound's parts hold for the element. */
function holds(compound: Compound, node: UiNode): boolean {
  if (compound.tag && compound.tag !== node.tag.toLowerCase()) return false;
  if (compound.id && compound.id !== node.attributes.id) return false;
  const classes = classesOf(node);
  return compound.classes.every((c) => classes.has(c));
}

/**
 * How a selector relates to the element: `exact` when it styles it as it is (`.site-header`,
 * `#home h1`, `.hero > h1`), `variant` for a state of it (`#mainNav.navbar-shrink`, `a:hover`),
 * undefined otherwise. Descendant parts must match the element's ancestors, in order.
 */
export function selectorMatch(selector: string, node: UiNode, ancestors: readonly UiNode[]): 'exact' | 'variant' | undefined {
  if (/[+~]/.test(selector)) return undefined;
  const compounds = selector.trim().split(/\s*>\s*|\s+/).filter(Boolean).map(parseCompound);
  if (compounds.length === 0 || compounds.some((c) => c === undefined)) return undefined;
  const last = compounds[compounds.length - 1] as Compound;
  if (!last.tag && !last.id && last.classes.length === 0) return undefined;
  let kind: 'exact' | 'variant';
  if (holds(last, node)) kind = last.state ? 'variant' : 'exact';
  else {
    // The element's own name with a class it does not have now (a scrolled or open state).
    const classes = classesOf(node);
    const known = (last.id !== undefined && last.id === node.attributes.id) || last.classes.some((c) => classes.has(c));
    const contradicts = (last.tag !== undefined && last.tag !== node.tag.toLowerCase()) || (last.id !== undefined && last.id !== node.attributes.id);
    if (!known || contradicts) return undefined;
    kind = 'variant';
  }
  let at = 0;
  for (let i = compounds.length - 2; i >= 0; i--) {
    const compound = compounds[i] as Compound;
    if (compound.state) return undefined;
    while (at < ancestors.length && !holds(compound, ancestors[at])) at++;
    if (at >= ancestors.length) return undefined;
    at++;
  }
  return kind;
}

function parseCss(project: Project, file: string): postcss.Root | undefined {
  try {
    return parseStylesheet(project.text(file) ?? '', file);
  } catch {
    return undefined;
  }
}

/** The declarations of `properties` in rules that style the element by its tag, class or id, in cascade order. */
export function matchingDeclarations(project: Project, stylesheets: readonly string[], node: UiNode, properties: readonly string[], ancestors: readonly UiNode[] = []): { found: Found[]; roots: Map<string, postcss.Root>; selectors: Set<string> } {
  const wanted = selectorsFor(node);
  const found: Found[] = [];
  const roots = new Map<string, postcss.Root>();
  const modules = (node.moduleClasses ?? []).map((m) => m.file);
  // A CSS module's classes are local to it: look there for them, and only there.
  for (const file of modules.length > 0 ? [...new Set(modules)] : stylesheets) {
    const root = parseCss(project, file);
    if (!root) continue;
    roots.set(file, root);
    const text = project.text(file) ?? '';
    root.walkRules((rule) => {
      const parent = rule.parent?.type === 'atrule' ? (rule.parent as postcss.AtRule) : undefined;
      if (parent && !/^(media|supports|layer)$/i.test(parent.name)) return;
      // A component's scoped `<style>` (Svelte, Astro, Vue's `scoped`) styles only the elements written in that component.
      if (isComponent(file) && node.file !== file && scopedToComponent(text, file, rule.source?.start?.offset ?? 0)) return;
      const selectors = rule.selectors.map((sel) => sel.trim());
      const exact = selectors.find((sel) => selectorMatch(sel, node, ancestors) === 'exact');
      const variant = exact ? undefined : selectors.find((sel) => selectorMatch(sel, node, ancestors) === 'variant');
      const matching = exact ?? variant;
      if (!matching) return;
      const conditional = parent && parent.name.toLowerCase() !== 'layer' ? `@${parent.name} ${parent.params}` : undefined;
      rule.each((child) => {
        if (child.type === 'decl' && properties.includes(child.prop.toLowerCase())) found.push({ file, selector: matching, decl: child, conditional, variant: variant !== undefined });
      });
    });
  }
  return { found, roots, selectors: wanted };
}

/** Where a declaration's value is in its file, or undefined when it is written in a way that cannot be edited safely. */
export function declarationValue(project: Project, file: string, decl: postcss.Declaration): { start: number; end: number; line: number } | undefined {
  const text = project.text(file) ?? '';
  const start = decl.source?.start?.offset;
  const end = decl.source?.end?.offset;
  if (start === undefined || end === undefined) return undefined;
  const source = text.slice(start, end + 1);
  const colon = source.indexOf(':');
  const after = source.slice(colon + 1);
  const valueAt = start + colon + 1 + (after.length - after.trimStart().length);
  if (text.slice(valueAt, valueAt + decl.value.length) !== decl.value) return undefined;
  return { start: valueAt, end: valueAt + decl.value.length, line: decl.source?.start?.line ?? 1 };
}

/** [ids, classes, tags] of a simple selector such as `header.site-header` or `#mainNav`. */
function specificity(selector: string): [number, number, number] {
  const ids = (selector.match(/#[\w-]+/g) ?? []).length;
  const classes = (selector.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+/g) ?? []).length;
  const tags = /^[a-z]/i.test(selector) ? 1 : 0;
  return [ids, classes, tags];
}

export function mostSpecific(found: readonly Found[]): Found | undefined {
  let best: Found | undefined;
  for (const f of found) {
    if (!best) {
      best = f;
      continue;
    }
    const [a, b] = [specificity(f.selector), specificity(best.selector)];
    const compare = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    if (compare >= 0) best = f;
  }
  return best;
}

export function cssColorEdit(project: Project, stylesheets: readonly string[], node: UiNode, role: 'background' | 'text', hex: string, where: string, ancestors: readonly UiNode[] = []): CssColorResult {
  const properties = role === 'background' ? ['background-color', 'background'] : ['color'];
  const { found, roots, selectors: wanted } = matchingDeclarations(project, stylesheets, node, properties, ancestors);
  if (found.length === 0) {
    return { ok: false, message: `No CSS rule sets the ${role === 'background' ? 'background' : 'text'} colour of the ${where} (${[...wanted].slice(0, 4).join(', ')}) in ${stylesheets.length > 0 ? stylesheets.join(', ') : 'the site’s stylesheets'}.` };
  }
  // The element's own, unconditional rule is its colour; later ones that apply only sometimes (a media query, a scrolled or hover state) are named, not changed.
  // As a browser decides: the most specific selector (id, then class, then tag), then the later rule.
  const base = found.filter((f) => !f.conditional && !f.variant);
  const target = mostSpecific(base) ?? mostSpecific(found.filter((f) => !f.variant));
  if (!target) {
    return { ok: false, message: `The ${where} colour is only set for some states (${found.map((f) => `${f.conditional ? `${f.conditional} ` : ''}${f.selector}`).slice(0, 3).join(', ')}); change it in the stylesheet.` };
  }
  const others = found.filter((f) => f !== target && f.decl.value !== target.decl.value);
  const othersNote = others.length > 0 ? `Also set, and unchanged: ${others.slice(0, 3).map((f) => `${f.conditional ? `${f.conditional} ` : ''}${f.selector} (${f.decl.value})`).join(', ')}${others.length > 3 ? '…' : ''}.` : undefined;
  const value = target.decl.value;
  // A custom property (`var(--footer-bg)`) or a Sass variable (`$navbar-bg`): its declaration is what changes.
  const variable = /^var\(\s*(--[\w-]+)\s*(?:,[^)]*)?\)$/.exec(value.trim()) ?? /^(\$[\w-]+)$/.exec(value.trim());
  if (variable) {
    const declarations: Array<{ file: string; decl: postcss.Declaration }> = [];
    let uses = 0;
    const used = variable[1].startsWith('$') ? new RegExp(`\\${variable[1]}(?![\\w-])`) : undefined;
    for (const [file, root] of roots) {
      root.walkDecls((d) => {
        if (d.prop === variable[1]) declarations.push({ file, decl: d });
        if (used ? used.test(d.value) : d.value.includes(`var(${variable[1]}`)) uses++;
      });
    }
    if (declarations.length === 0) {
      return { ok: false, message: `The ${where} colour comes from ${variable[1]}, which is declared nowhere the UX Agent can see; change it in the stylesheet or name the exact colour rule in .valine/ux-map.json.` };
    }
    if (declarations.length > 1) {
      const choices: Array<{ label: string; result: Extract<CssColorResult, { ok: true }> }> = [];
      for (const d of declarations.slice(0, 10)) {
        const result = valueSplice(project, d.file, d.decl, hex, `${variable[1]} is declared ${declarations.length} times; only the one in ${(d.decl.parent as postcss.Rule | undefined)?.selector ?? 'this rule'} changes.`);
        const scope = d.decl.parent?.type === 'rule' ? (d.decl.parent as postcss.Rule).selector : 'the stylesheet';
        if (result.ok === true) choices.push({ label: `${variable[1]} in ${scope} (now ${d.decl.value})`, result });
      }
      return choices.length > 0 ? { ok: 'choice', choices } : { ok: false, message: `The ${where} colour comes from ${variable[1]}, declared ${declarations.length} times in ways the UX Agent cannot edit safely.` };
    }
    const declaration = declarations[0];
    return valueSplice(project, declaration.file, declaration.decl, hex, [uses > 1 ? `${variable[1]} is used in ${uses} places; all of them change.` : undefined, othersNote].filter(Boolean).join(' ') || undefined);
  }
  return valueSplice(project, target.file, target.decl, hex, othersNote);
}

function valueSplice(project: Project, file: string, decl: postcss.Declaration, hex: string, note?: string): CssColorResult {
  const range = declarationValue(project, file, decl);
  if (!range) return { ok: false, message: `The declaration ${decl.prop} in ${file} is written in a way the UX Agent cannot edit safely.` };
  const value = decl.value;
  const colors = [...value.matchAll(COLOR_IN_VALUE)];
  const line = range.line;
  if (colors.length === 1 && colors[0][0] !== value.trim()) {
    const at = range.start + (colors[0].index ?? 0);
    return { ok: true, splices: [{ file, start: at, end: at + colors[0][0].length, text: hex }], from: colors[0][0], to: hex, file, line, ...(note ? { note } : {}) };
  }
  if (colors.length > 1) return { ok: false, message: `${decl.prop} in ${file}:${line} holds several colours (${value}); change it in the stylesheet.` };
  // `darken($primary, 10%)`, `v-bind(color)`, `theme('colors.blue')`: a colour computed by a function, not one to overwrite (a gradient or image gives way to the colour, as before).
  if (colors.length === 0 && /^[a-z][\w.-]*\(/i.test(value.trim()) && !/gradient\(|url\(|image-set\(/i.test(value)) return { ok: false, message: `${decl.prop} in ${file}:${line} is computed (${value}), not written as a colour, so the UX Agent does not overwrite it; change it in the stylesheet.` };
  return { ok: true, splices: [{ file, start: range.start, end: range.end, text: hex }], from: value, to: hex, file, line, ...(note ? { note } : {}) };
}
