import type { Theme } from '../discovery/theme';
import type { StringSlot, UiNode } from '../discovery/ui-tree';
import { addClassSplice } from './add-class';
import type { Splice } from './splice';
import { isColorValue, tailwindColor, type ColorChoice } from './tailwind-color';

/**
 * A background or text colour changed as Tailwind classes on the element: only the base class
 * (`bg-white/80` → `bg-blue-800/80`) changes; variants (`dark:`, `hover:`, `md:`) and the
 * opacity modifier are kept, every other class and character stays where it is.
 */
export interface ClassToken {
  slot: StringSlot;
  start: number;
  end: number;
  token: string;
  variants: string;
  utility: string;
  value: string;
  opacity: string;
}

const TOKEN = /^((?:[^\s:[\]]+(?:\[[^\]]*\])?:)*)(!?)(bg|text|from|via|to)-(.+?)(\/(?:\d+|\[[^\]]+\]))?$/;

export function classTokens(node: UiNode): ClassToken[] {
  const out: ClassToken[] = [];
  for (const slot of node.classSlots) {
    for (const match of slot.raw.matchAll(/\S+/g)) {
      const parsed = TOKEN.exec(match[0]);
      if (!parsed) continue;
      const start = slot.start + (match.index ?? 0);
      out.push({ slot, start, end: start + match[0].length, token: match[0], variants: parsed[1] + parsed[2], utility: parsed[3], value: parsed[4], opacity: parsed[5] ?? '' });
    }
  }
  return out;
}

export type ClassColorResult =
  | { ok: true; splices: Splice[]; from: string; to: string; choice: ColorChoice; kept: string[] }
  /** `stateful`: the colour classes that apply under a condition (`scrolled ? 'bg-white' : 'bg-transparent'`), when that is why. */
  | { ok: false; message: string; stateful?: ClassToken[] };

export function classColorEdit(node: UiNode, role: 'background' | 'text', hex: string, requested: string, theme: Theme, where: string): ClassColorResult {
  const utility = role === 'background' ? 'bg' : 'text';
  const tokens = classTokens(node).filter((t) => isColorValue(t.value, theme));
  // `supports-[backdrop-filter]:bg-white/60` applies in every current browser: it is the colour too.
  const alwaysOn = (t: ClassToken) => t.variants === '' || /^(?:supports-\[[^\]]*\]:)+$/.test(t.variants);
  const base = tokens.filter((t) => t.utility === utility && alwaysOn(t) && !t.slot.conditional);
  const kept = tokens.filter((t) => t.utility === utility && !(alwaysOn(t) && !t.slot.conditional)).map((t) => t.token);
  const stateful = tokens.filter((t) => t.utility === utility && t.variants === '' && t.slot.conditional);
  if (base.length > 0) {
    const splices: Splice[] = [];
    let to = '';
    for (const token of base) {
      const choice = tailwindColor(hex, requested, token.value, theme);
      to = `${utility}-${choice.value}${token.opacity}`;
      splices.push({ file: token.slot.file, start: token.start, end: token.end, text: to });
    }
    return { ok: true, splices, from: base.map((t) => t.token).join(' '), to, choice: tailwindColor(hex, requested, base[0].value, theme), kept };
  }
  if (stateful.length > 0) {
    return { ok: false, stateful, message: `The ${role === 'background' ? 'background' : 'text colour'} of the <${node.tag}> in ${node.file}:${node.line} (${where}) depends on its state (${stateful.map((t) => t.token).join(' or ')}); the UX Agent does not choose between them, so change them in the code.` };
  }
  const gradient = tokens.filter((t) => ['from', 'via', 'to'].includes(t.utility) && t.variants === '');
  if (role === 'background' && gradient.length > 0) {
    return { ok: false, message: `The background of the <${node.tag}> in ${node.file}:${node.line} (${where}) is a gradient (${gradient.map((t) => t.token).join(' ')}), not one colour; the UX Agent does not rewrite gradients, so change it there in the code.` };
  }
  const choice = tailwindColor(hex, requested, undefined, theme);
  const added = `${utility}-${choice.value}`;
  const splice = addClassSplice(node, added);
  if (splice) return { ok: true, splices: [splice], from: '(none)', to: added, choice, kept };
  return { ok: false, message: `The classes of the ${where} (${node.file}:${node.line}) are computed in code the UX Agent cannot follow, so it cannot change its colour safely.` };
}
