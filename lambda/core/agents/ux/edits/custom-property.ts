import postcss from 'postcss';
import { isDarkTheme, parseStylesheet } from '../discovery/stylesheet';
import type { Project } from '../discovery/project';
import { declarationValue } from './css-color';
import type { Splice } from './splice';

/**
 * A colour the site's theme reads from a CSS custom property (`--ifm-navbar-background-color`
 * for Docusaurus's navbar): its declaration in the site's own stylesheet changes, or, when the
 * site never set it, it is added to the stylesheet's `:root` rule (a new `:root` block at the end
 * when there is none). When the theme sets the property on the element itself (`.footer--dark`,
 * `scope`), it is written in a rule for that class instead, where it takes effect. Declarations
 * for a dark theme are named in the preview, not changed.
 */
export type CustomPropertyEdit = { ok: true; splices: Splice[]; from: string; to: string; file: string; line: number; note?: string } | { ok: false; message: string };

/** The rules and at-rules a declaration sits in, as one string (`@media (…) [data-theme='dark']`). */
function contextOf(decl: postcss.Declaration): string {
  const parts: string[] = [];
  for (let node = decl.parent as postcss.Node | undefined; node && node.type !== 'root'; node = node.parent as postcss.Node | undefined) {
    if (node.type === 'rule') parts.unshift((node as postcss.Rule).selector);
    if (node.type === 'atrule') parts.unshift(`@${(node as postcss.AtRule).name} ${(node as postcss.AtRule).params}`);
  }
  return parts.join(' ');
}

/** The selector names the class (`.footer--dark`, `html .footer--dark`), not a longer one (`.footer--darker`). */
const namesClass = (selector: string, className: string): boolean => new RegExp(`${className.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(selector);

function parse(project: Project, file: string): postcss.Root | undefined {
  try {
    return parseStylesheet(project.text(file) ?? '', file);
  } catch {
    return undefined;
  }
}

/** A declaration added as the last of a rule's, indented like the one before it. */
function addToRule(text: string, file: string, rule: postcss.Rule, variable: string, value: string): { splice: Splice; line: number } | undefined {
  const last = rule.last;
  if (last?.source?.end?.offset === undefined) return undefined;
  const lastStart = last.source.start?.offset ?? 0;
  const lineStart = text.lastIndexOf('\n', lastStart) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '  ';
  // postcss's end offset is just past the node (its `;` included when written).
  const at = last.source.end.offset;
  const semicolon = last.type === 'decl' && text[at - 1] !== ';' ? ';' : '';
  return { splice: { file, start: at, end: at, text: `${semicolon}\n${indent}${variable}: ${value};` }, line: (last.source.end.line ?? 1) + 1 };
}

export function customPropertyEdit(project: Project, stylesheets: readonly string[], variable: string, value: string, scope?: string): CustomPropertyEdit {
  const found: Array<{ file: string; decl: postcss.Declaration; selector: string }> = [];
  const roots = new Map<string, postcss.Root>();
  for (const file of stylesheets) {
    const root = parse(project, file);
    if (!root) continue;
    roots.set(file, root);
    root.walkDecls(variable, (decl) => void found.push({ file, decl, selector: contextOf(decl) }));
  }
  const dark = found.filter((f) => isDarkTheme(f.selector));
  const light = found.filter((f) => !isDarkTheme(f.selector) && (!scope || namesClass(f.selector, scope)));
  const darkNote = dark.length > 0 ? `The dark theme sets ${variable} too (${dark.map((d) => `${d.selector}: ${d.decl.value}`).slice(0, 2).join(', ')}); it is unchanged.` : undefined;
  const scopeNote = scope ? `The theme sets ${variable} on the element's ${scope} class, where a :root value would not show, so it is set for ${scope}.` : undefined;
  if (light.length > 0) {
    const target = light[light.length - 1];
    const range = declarationValue(project, target.file, target.decl);
    if (!range) return { ok: false, message: `${variable} in ${target.file} is written in a way the UX Agent cannot edit safely.` };
    const note = [scopeNote, darkNote].filter(Boolean).join(' ');
    return { ok: true, splices: [{ file: target.file, start: range.start, end: range.end, text: value }], from: target.decl.value, to: value, file: target.file, line: range.line, ...(note ? { note } : {}) };
  }
  const file = stylesheets.find((f) => roots.has(f));
  if (!file) return { ok: false, message: `The site's theme reads ${variable}, but no stylesheet of the site was found to set it in.` };
  const text = project.text(file) ?? '';
  const selector = scope ?? ':root';
  let rule: postcss.Rule | undefined;
  roots.get(file)?.walkRules((candidate) => {
    if (!rule && candidate.parent?.type === 'root' && candidate.selectors.some((s) => s.trim() === selector)) rule = candidate;
  });
  const added = scope ? `${variable} is added in a rule for ${scope}: the theme sets it on that class of the element, where a :root value would not show.` : `${variable} was not set: it is added, so the theme uses it.`;
  const note = [added, darkNote].filter(Boolean).join(' ');
  const inRule = rule ? addToRule(text, file, rule, variable, value) : undefined;
  if (inRule) return { ok: true, splices: [inRule.splice], from: '(not set)', to: value, file, line: inRule.line, note };
  const ending = text.endsWith('\n') ? '' : '\n';
  return { ok: true, splices: [{ file, start: text.length, end: text.length, text: `${ending}\n${selector} {\n  ${variable}: ${value};\n}\n` }], from: '(not set)', to: value, file, line: text.split('\n').length + (ending ? 3 : 2), note };
}
