import { ancestorsOf, type SiteModel } from '../discovery/site-model';
import type { Theme } from '../discovery/theme';
import type { UiNode } from '../discovery/ui-tree';
import type { StyleStep } from '../intent';
import { addClassSplice } from './add-class';
import { declarationValue, matchingDeclarations, mostSpecific } from './css-color';
import type { Splice } from './splice';
import { componentStylesheets } from '../discovery/stylesheet';

/**
 * "Make the hero headline bigger", "round the sign-up button": one step along Tailwind's own
 * scales, for every responsive variant the element already has (`text-3xl sm:text-5xl` →
 * `text-4xl sm:text-6xl`), or one class added when it has none.
 */
const SCALES: Readonly<Record<'size' | 'weight' | 'radius', readonly string[]>> = {
  size: ['text-xs', 'text-sm', 'text-base', 'text-lg', 'text-xl', 'text-2xl', 'text-3xl', 'text-4xl', 'text-5xl', 'text-6xl', 'text-7xl', 'text-8xl', 'text-9xl'],
  weight: ['font-thin', 'font-extralight', 'font-light', 'font-normal', 'font-medium', 'font-semibold', 'font-bold', 'font-extrabold', 'font-black'],
  radius: ['rounded-none', 'rounded-sm', 'rounded', 'rounded-md', 'rounded-lg', 'rounded-xl', 'rounded-2xl', 'rounded-3xl', 'rounded-full'],
};

const STEP: Readonly<Record<StyleStep, { scale: keyof typeof SCALES; by: number; add: string; headingAdd?: string }>> = {
  bigger: { scale: 'size', by: 1, add: 'text-lg', headingAdd: 'text-4xl' },
  smaller: { scale: 'size', by: -1, add: 'text-sm', headingAdd: 'text-2xl' },
  bolder: { scale: 'weight', by: 1, add: 'font-semibold' },
  rounded: { scale: 'radius', by: 1, add: 'rounded-lg' },
  square: { scale: 'radius', by: -99, add: 'rounded-none' },
};

export type StyleResult = { ok: true; splices: Splice[]; from: string; to: string; note?: string } | { ok: false; message: string };

/** The CSS property a step changes, and how a length in it is scaled. */
const CSS_STEP: Readonly<Record<StyleStep, { property: string; factor: number; add: string }>> = {
  bigger: { property: 'font-size', factor: 1.25, add: '1.25em' },
  smaller: { property: 'font-size', factor: 0.8, add: '0.8em' },
  bolder: { property: 'font-weight', factor: 1, add: '700' },
  rounded: { property: 'border-radius', factor: 1.5, add: '0.5rem' },
  square: { property: 'border-radius', factor: 0, add: '0' },
};

/** `clamp(2.6rem, 6.5vw, 5.5rem)` × 1.25 → `clamp(3.25rem, 8.13vw, 6.88rem)`: every length, nothing else. */
export function scaleLengths(value: string, factor: number): string {
  return value.replace(/(\d*\.?\d+)(rem|em|px|vw|vh|vmin|vmax|pt|%)/g, (_m, number: string, unit: string) => `${Number((Number(number) * factor).toFixed(unit === 'px' ? 0 : 2))}${unit}`);
}

function cssStep(model: SiteModel, node: UiNode, step: StyleStep, where: string): StyleResult {
  const { property, factor } = CSS_STEP[step];
  const opening = (model.project.text(node.file) ?? '').slice(node.range.start, node.openingEnd);
  // An inline style on the element itself: `style={{ fontSize: 'clamp(…)' }}` or `style="font-size: 2rem"`.
  const camel = property.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const inline = new RegExp(`(?:${camel}\\s*:\\s*(['"\`])([^'"\`]+)\\1|${property}\\s*:\\s*([^;"']+))`).exec(opening);
  if (inline && (step === 'bigger' || step === 'smaller' || step === 'rounded')) {
    const value = inline[2] ?? inline[3];
    const scaled = scaleLengths(value, factor);
    if (scaled === value) return { ok: false, message: `The ${property} of the ${where} (${value.trim()}) has no length to scale.` };
    const at = node.range.start + inline.index + inline[0].indexOf(value);
    return { ok: true, splices: [{ file: node.file, start: at, end: at + value.length, text: scaled }], from: value.trim(), to: scaled.trim(), note: `The inline ${property} is scaled by ${factor}.` };
  }
  if (model.theme.tailwind) return { ok: false, message: `No Tailwind class or inline style sets the ${property} of the ${where}.` };
  const sheets = [...(model.stylesheets.length > 0 ? model.stylesheets : [...model.project.files.keys()].filter((f) => f.endsWith('.css'))), ...componentStylesheets(model.renderedFiles, (file) => model.project.text(file))];
  const { found } = matchingDeclarations(model.project, sheets, node, [property], ancestorsOf(model, node));
  const declaration = mostSpecific(found.filter((f) => !f.conditional && !f.variant)) ?? mostSpecific(found);
  if (!declaration) return { ok: false, message: `No CSS rule sets the ${property} of the ${where}; add one in the stylesheet.` };
  const range = declarationValue(model.project, declaration.file, declaration.decl);
  if (!range) return { ok: false, message: `The ${property} of the ${where} in ${declaration.file} is written in a way the UX Agent cannot edit safely.` };
  const value = declaration.decl.value;
  const next = step === 'bolder' ? (/^\d+$/.test(value) ? String(Math.min(900, Number(value) + 200)) : value === 'normal' ? '700' : undefined) : step === 'square' ? '0' : scaleLengths(value, factor);
  if (!next || next === value) return { ok: false, message: `The ${property} of the ${where} (${value}) cannot be made ${step}.` };
  return { ok: true, splices: [{ file: declaration.file, start: range.start, end: range.end, text: next }], from: value, to: next, note: `Changed in ${declaration.file}:${range.line} (${declaration.selector}).` };
}

export function styleEdit(model: SiteModel, node: UiNode, step: StyleStep, theme: Theme): StyleResult {
  const where = `<${node.tag}> in ${node.file}:${node.line}`;
  if (!theme.tailwind) return cssStep(model, node, step, where);
  const { scale, by, add, headingAdd } = STEP[step];
  const values = SCALES[scale];
  const splices: Splice[] = [];
  const from: string[] = [];
  const to: string[] = [];
  const onScale: string[] = [];
  for (const slot of node.classSlots) {
    for (const match of slot.raw.matchAll(/\S+/g)) {
      const token = match[0];
      const at = token.lastIndexOf(':');
      const variants = token.slice(0, at + 1);
      const base = token.slice(at + 1);
      const index = values.indexOf(base);
      if (index < 0) continue;
      const next = values[Math.max(0, Math.min(values.length - 1, step === 'square' ? 0 : index + by))];
      onScale.push(token);
      if (next === base) continue;
      const start = slot.start + (match.index ?? 0);
      splices.push({ file: slot.file, start, end: start + token.length, text: variants + next });
      from.push(token);
      to.push(variants + next);
    }
  }
  if (splices.length > 0) return { ok: true, splices, from: from.join(' '), to: to.join(' ') };
  if (onScale.length > 0) return { ok: false, message: `The ${where} is already at the end of Tailwind's scale (${onScale.join(' ')}), so it cannot be made ${step}.` };
  if (step === 'square') return { ok: false, message: `The ${where} has no rounded corners to remove.` };
  const opening = model.project.text(node.file)?.slice(node.range.start, node.openingEnd) ?? '';
  if (scale === 'size' && /fontSize|font-size/.test(opening)) return cssStep(model, node, step, where);
  if (scale === 'radius' && /borderRadius|border-radius/.test(opening)) return cssStep(model, node, step, where);
  const added = /^h[1-3]$/.test(node.tag) && headingAdd ? headingAdd : add;
  const splice = addClassSplice(node, added);
  if (splice) return { ok: true, splices: [splice], from: '(none)', to: added };
  return { ok: false, message: `The classes of the ${where} are computed in code the UX Agent cannot follow, so it cannot restyle it safely.` };
}

/** A class of a step's Tailwind scale moved `steps` further along it (`text-5xl`, bigger, 1 → `text-6xl`), clamped at its ends; undefined off the scale. */
export function furtherOnScale(token: string, step: StyleStep, steps: number): string | undefined {
  const values = SCALES[STEP[step].scale];
  const index = values.indexOf(token);
  return index < 0 ? undefined : values[Math.max(0, Math.min(values.length - 1, index + STEP[step].by * steps))];
}

/** What one step multiplies a CSS length by (bigger: 1.25). */
export const cssStepFactor = (step: StyleStep): number => CSS_STEP[step].factor;
