import postcss from 'postcss';
import { parseStylesheet } from '../discovery/stylesheet';
import type { Project } from '../discovery/project';
import { declarationValue } from './css-color';
import type { Splice } from './splice';

/**
 * A colour the site's theme reads from a CSS custom property (`--ifm-navbar-background-color`
 * for Docusaurus's navbar): its declaration in the site's own stylesheet changes, or, when the
 * site never set it, it is added to the stylesheet's `:root` rule (a new `:root` block at the end
 * when there is none). Declarations for a dark theme are named in the preview, not changed.
 */
export type CustomPropertyEdit = { ok: true; splices: Splice[]; from: string; to: string; file: string; line: number; note?: string } | { ok: false; message: string };

const DARK = /dark/i;

function parse(project: Project, file: string): postcss.Root | undefined {
  try {
    return parseStylesheet(project.text(file) ?? '', file);
  } catch {
    return undefined;
  }
}

export function customPropertyEdit(project: Project, stylesheets: readonly string[], variable: string, value: string): CustomPropertyEdit {
  const found: Array<{ file: string; decl: postcss.Declaration; selector: string }> = [];
  const roots = new Map<string, postcss.Root>();
  for (const file of stylesheets) {
    const root = parse(project, file);
    if (!root) continue;
    roots.set(file, root);
    root.walkDecls(variable, (decl) => {
      const rule = decl.parent?.type === 'rule' ? (decl.parent as postcss.Rule) : undefined;
      found.push({ file, decl, selector: rule?.selector ?? '' });
    });
  }
  const light = found.filter((f) => !DARK.test(f.selector));
  const dark = found.filter((f) => DARK.test(f.selector));
  const darkNote = dark.length > 0 ? `The dark theme sets ${variable} too (${dark.map((d) => `${d.selector}: ${d.decl.value}`).slice(0, 2).join(', ')}); it is unchanged.` : undefined;
  if (light.length > 0) {
    const target = light[light.length - 1];
    const range = declarationValue(project, target.file, target.decl);
    if (!range) return { ok: false, message: `${variable} in ${target.file} is written in a way the UX Agent cannot edit safely.` };
    return { ok: true, splices: [{ file: target.file, start: range.start, end: range.end, text: value }], from: target.decl.value, to: value, file: target.file, line: range.line, ...(darkNote ? { note: darkNote } : {}) };
  }
  const file = stylesheets.find((f) => roots.has(f));
  if (!file) return { ok: false, message: `The site's theme reads ${variable}, but no stylesheet of the site was found to set it in.` };
  const text = project.text(file) ?? '';
  let rootRule: postcss.Rule | undefined;
  roots.get(file)?.walkRules((rule) => {
    if (!rootRule && rule.parent?.type === 'root' && rule.selectors.some((s) => s.trim() === ':root')) rootRule = rule;
  });
  const note = [`${variable} was not set: it is added, so the theme uses it.`, darkNote].filter(Boolean).join(' ');
  const last = rootRule?.last;
  if (rootRule && last?.source?.end?.offset !== undefined) {
    const lastStart = last.source.start?.offset ?? 0;
    const lineStart = text.lastIndexOf('\n', lastStart) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '  ';
    // postcss's end offset is just past the node (its `;` included when written).
    const at = last.source.end.offset;
    if (last.type === 'decl' && text[at - 1] !== ';') return { ok: true, splices: [{ file, start: at, end: at, text: `;\n${indent}${variable}: ${value};` }], from: '(not set)', to: value, file, line: (last.source.end.line ?? 1) + 1, note };
    return { ok: true, splices: [{ file, start: at, end: at, text: `\n${indent}${variable}: ${value};` }], from: '(not set)', to: value, file, line: (last.source.end.line ?? 1) + 1, note };
  }
  const ending = text.endsWith('\n') ? '' : '\n';
  return { ok: true, splices: [{ file, start: text.length, end: text.length, text: `${ending}\n:root {\n  ${variable}: ${value};\n}\n` }], from: '(not set)', to: value, file, line: text.split('\n').length + 2, note };
}
