import type postcss from 'postcss';
import { colorDistance, cssColorHex } from '../color';
import type { Project } from '../discovery/project';
import { parseStylesheet } from '../discovery/stylesheet';
import type { UiNode } from '../discovery/ui-tree';
import { addClassSplice } from './add-class';
import { declarationValue } from './css-color';
import type { Splice } from './splice';

/**
 * Bulma paints its navbar, footer and hero from Sass variables (`$navbar-background-color`,
 * given before Bulma is imported) unless a colour modifier class (`navbar is-white`, `hero
 * is-primary`) paints the element with one of Bulma's colours, over the variable. A colour for
 * such an element is a question: one of Bulma's colour classes, or the Sass variable (without the
 * modifier that would cover it). Bulma's colours are the site's own when it sets them (`$primary`).
 */
const BULMA_COLORS: Readonly<Record<string, string>> = {
  white: '#ffffff',
  black: '#0a0a0a',
  light: '#f5f5f5',
  dark: '#363636',
  primary: '#00d1b2',
  link: '#485fc7',
  info: '#3e8ed0',
  success: '#48c78e',
  warning: '#ffe08a',
  danger: '#f14668',
};
/** Bulma's colour classes that give light text (the others, dark text). */
const LIGHT_TEXT = new Set(['black', 'dark', 'primary', 'link', 'info', 'success', 'danger']);

/** The Sass variables each Bulma component takes its colours from. */
const VARIABLES: Readonly<Record<string, Partial<Record<'background' | 'text', string>>>> = {
  navbar: { background: '$navbar-background-color', text: '$navbar-item-color' },
  footer: { background: '$footer-background-color', text: '$footer-color' },
  hero: {},
};

export interface BulmaAlternative {
  splices: Splice[];
  from: string;
  to: string;
  hex: string;
  label: string;
  at: string;
  note?: string;
}

export type BulmaColorResult =
  /** One place to change (the Sass variable, when no modifier covers it). */
  | { ok: true; alternative: BulmaAlternative }
  /** Bulma's colour classes and the Sass variable: the person picks. */
  | { ok: 'choice'; question: string; alternatives: BulmaAlternative[] }
  /** Nothing safe to propose: what to ask for instead. */
  | { ok: 'question'; question: string };

interface Modifier {
  name: string;
  /** The class itself, to replace. */
  token: Splice;
  /** The class and the space that separates it, to remove. */
  remove: Splice;
  at: string;
}

const classesOf = (node: UiNode): string[] => node.classSlots.flatMap((s) => s.raw.split(/\s+/)).filter(Boolean);

/** The element's `is-<colour>` class, with the splice that removes it (and the space before it). */
function modifierOf(project: Project, node: UiNode): Modifier | undefined {
  for (const slot of node.classSlots) {
    const match = /(^|\s+)is-(white|black|light|dark|primary|link|info|success|warning|danger)(?![\w-])/.exec(slot.raw);
    if (!match) continue;
    const start = slot.start + match.index;
    const tokenStart = start + match[1].length;
    const end = start + match[0].length;
    // The first class loses the space after it instead of the one before.
    const after = match[1] === '' ? (/^\s+/.exec(slot.raw.slice(match[0].length))?.[0].length ?? 0) : 0;
    return { name: match[2], token: { file: slot.file, start: tokenStart, end, text: '' }, remove: { file: slot.file, start, end: end + after, text: '' }, at: `${slot.file}:${project.line(slot.file, slot.start)}` };
  }
  return undefined;
}

/** Every declaration of the Sass variables in the site's stylesheets, in order. */
function sassVariables(project: Project, stylesheets: readonly string[]): Array<{ file: string; decl: postcss.Declaration }> {
  const out: Array<{ file: string; decl: postcss.Declaration }> = [];
  for (const file of stylesheets) {
    if (!/\.(?:sass|scss)$/.test(file)) continue;
    try {
      parseStylesheet(project.text(file) ?? '', file).walkDecls(/^\$/, (decl) => void out.push({ file, decl }));
    } catch {
      // A stylesheet that does not parse offers no variables.
    }
  }
  return out;
}

/** The colour a Sass value stands for, following `$other` names (the last declaration wins, as in Sass). */
function sassColor(value: string, variables: ReadonlyArray<{ decl: postcss.Declaration }>, depth = 0): string | undefined {
  const name = /^(\$[\w-]+)$/.exec(value.trim())?.[1];
  if (!name) return cssColorHex(value);
  const declared = variables.filter((v) => v.decl.prop === name).pop();
  return declared && depth < 5 ? sassColor(declared.decl.value.replace(/\s*!default\s*$/, ''), variables, depth + 1) : undefined;
}

export function bulmaColorEdit(project: Project, stylesheets: readonly string[], nodes: readonly UiNode[], role: 'background' | 'text', hex: string, named: string | undefined): BulmaColorResult | undefined {
  const node = nodes.find((n) => classesOf(n).some((c) => c in VARIABLES));
  if (!node) return undefined;
  const component = classesOf(node).find((c) => c in VARIABLES) as string;
  const modifier = modifierOf(project, node);
  const variables = sassVariables(project, stylesheets);
  const variableName = VARIABLES[component][role];
  const declaration = variableName ? variables.filter((v) => v.decl.prop === variableName).pop() : undefined;
  const wanted = named ?? hex;
  const where = `${component} (<${node.tag}> in ${node.file}:${node.line})`;

  // The Sass variable: set to the colour, without the modifier that would cover it.
  let variable: BulmaAlternative | undefined;
  if (declaration) {
    const range = declarationValue(project, declaration.file, declaration.decl);
    const value = declaration.decl.value.replace(/\s*!default\s*$/, '');
    if (range) {
      const at = `${declaration.file}:${range.line}`;
      variable = {
        splices: [{ file: declaration.file, start: range.start, end: range.start + value.length, text: hex }, ...(modifier ? [modifier.remove] : [])],
        from: value,
        to: hex,
        hex,
        label: `${variableName}: ${hex} in ${declaration.file}${modifier ? `, without is-${modifier.name}` : ''}`,
        at,
        note: `Bulma reads ${variableName} when it is imported${modifier ? `; the class is-${modifier.name} would paint over it, so it is removed from the ${component}` : ''}.`,
      };
    }
  }

  if (role === 'text') {
    if (modifier) {
      return { ok: 'question', question: `The ${where} takes its text colour from Bulma's colour class is-${modifier.name}, together with its background. Bulma's colour classes set both (is-dark, is-link or is-primary give light text): ask for the ${component} background instead, e.g. "make the ${component} background dark blue", to pick one${variableName ? `, or set ${variableName} in the Sass before Bulma is imported after removing is-${modifier.name}` : ''}.` };
    }
    if (variable) return { ok: true, alternative: variable };
    return { ok: 'question', question: `The ${where} takes its text colour from Bulma${variableName ? `'s Sass variable ${variableName}, which the site does not set; add \`${variableName}: ${hex}\` to the Sass before Bulma is imported` : ''}.` };
  }

  if (!modifier && variable) return { ok: true, alternative: variable };

  // Bulma's colour classes, the site's own values first (`$primary: #6f4e37`), nearest to the colour asked for.
  const palette = Object.entries(BULMA_COLORS).map(([name, fallback]) => ({ name, hex: sassColor(`$${name}`, variables) ?? fallback }));
  const nearest = palette.filter((c) => c.name !== modifier?.name).sort((a, b) => colorDistance(a.hex, hex) - colorDistance(b.hex, hex)).slice(0, 2);
  const classes: BulmaAlternative[] = [];
  for (const color of nearest) {
    const splice = modifier ? { ...modifier.token, text: `is-${color.name}` } : addClassSplice(node, `is-${color.name}`);
    if (!splice) continue;
    classes.push({
      splices: [splice],
      from: modifier ? `is-${modifier.name}` : '(none)',
      to: `is-${color.name}`,
      hex: color.hex,
      label: `is-${color.name}: Bulma's ${color.name} colour (${color.hex}), ${LIGHT_TEXT.has(color.name) ? 'light' : 'dark'} text`,
      at: modifier?.at ?? `${node.file}:${node.line}`,
      note: `Bulma's colour class is-${color.name} paints the ${component} ${color.hex} and sets its text colour to match.`,
    });
  }
  const alternatives = [...classes, ...(variable ? [variable] : [])];
  if (alternatives.length === 0) return undefined;
  const now = modifier ? `its class is-${modifier.name} paints it${declaration ? `, over ${variableName} (${declaration.file})` : ''}` : `no colour class paints it, and the site does not set ${variableName ?? 'a Sass variable for it'}`;
  return {
    ok: 'choice',
    question: `The ${where} is coloured by Bulma: ${now}. Bulma's colour classes nearest to ${wanted} are ${nearest.map((c) => `is-${c.name}`).join(' and ')}${variable ? `, or ${variableName} can be set to ${hex}` : variableName ? `; for exactly ${hex}, set ${variableName} in the Sass before Bulma is imported` : ''}. Which should it be? Pick it below to see its preview.`,
    alternatives,
  };
}
