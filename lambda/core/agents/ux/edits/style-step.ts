import type { SiteModel } from '../discovery/site-model';
import type { Theme } from '../discovery/theme';
import type { UiNode } from '../discovery/ui-tree';
import type { StyleStep } from '../intent';
import { addClassSplice } from './add-class';
import type { Splice } from './splice';

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
  rounded: { scale: 'radius', by: 2, add: 'rounded-lg' },
  square: { scale: 'radius', by: -99, add: 'rounded-none' },
};

export type StyleResult = { ok: true; splices: Splice[]; from: string; to: string; note?: string } | { ok: false; message: string };

export function styleEdit(model: SiteModel, node: UiNode, step: StyleStep, theme: Theme): StyleResult {
  const where = `<${node.tag}> in ${node.file}:${node.line}`;
  if (!theme.tailwind) return { ok: false, message: `The ${where} is styled by the site's CSS, not Tailwind classes; style steps are made on Tailwind classes only. Change it in the stylesheet.` };
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
  const inlineSize = scale === 'size' && /fontSize/.test(model.project.text(node.file)?.slice(node.range.start, node.attributeInsertAt + 400) ?? '');
  if (inlineSize) return { ok: false, message: `The size of the ${where} is set by an inline style (fontSize), not a class; change it there.` };
  const added = /^h[1-3]$/.test(node.tag) && headingAdd ? headingAdd : add;
  const splice = addClassSplice(node, added);
  if (splice) return { ok: true, splices: [splice], from: '(none)', to: added };
  return { ok: false, message: `The classes of the ${where} are computed in code the UX Agent cannot follow, so it cannot restyle it safely.` };
}
