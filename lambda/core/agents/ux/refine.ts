import { inlineCode, shorten } from '../../domain/discord-text';
import { isUndoRequest } from '../../domain/undo-request';
import { itemName } from './bundle';
import { culori, parseColor } from './color';
import { paletteHex } from './edits/tailwind-color';
import type { UxIntent } from './intent';
import { MAX_BUNDLE_CHANGES, type BundleItem, type StoredIntent } from './proposal';
import { propertyKind, type SiteMap } from './site-map';
import { listOr } from './suggest';
import { resolveSection, validateIntent } from './validate';

/**
 * Refining the open preview (issue 17): a few words read against the changes the task holds,
 * by rules. "darker", "call it Plans", "no, the footer", "use #1e3a8a instead" amend one change;
 * "also make the footer blue" adds one (parsed like a /ux-update description); "drop the footer
 * change" removes one. Words that fit none of the task's changes are answered with a sentence
 * naming what the task holds and what would fit. "undo that" and "cancel" are the platform's.
 */
export type Refinement =
  | { kind: 'shade'; direction: 'darker' | 'lighter'; steps: number; about?: string }
  | { kind: 'size'; direction: 'bigger' | 'smaller'; about?: string }
  /** New words for the last text or link change ("call it Plans"). */
  | { kind: 'text'; value: string }
  /** A new colour for the last colour change ("use #1e3a8a instead"). */
  | { kind: 'color'; value: string }
  /** "use X instead" / "change it to X": a colour when X is one and the task holds a colour change, else new words. */
  | { kind: 'value'; value: string }
  /** The same change in another section ("no, the footer"; "the footer, not the navbar"). */
  | { kind: 'move'; to: string; from?: string }
  | { kind: 'add'; description: string }
  | { kind: 'drop'; about: string }
  | { kind: 'undo' }
  | { kind: 'unknown' };

/** Words that may stand around a refinement without changing it. */
const LEADING = /^(?:(?:ok(?:ay)?|hmm+|great|nice|cool|thanks|hey|looks\s+good|perfect|good)[,!.]?\s+)+/i;
const TRAILING = /(?:[,\s]+(?:please|pls|thanks|thank\s+you|now))+$/i;
const QUOTED = /^["“”„'‘’`]+([^]*?)["“”'‘’`]+$/;
const SHADE_WORDS = /^(?:(a\s+(?:bit|little(?:\s+bit)?|touch|tad|shade)|slightly|somewhat)\s+|(much|a\s+lot|way|far|two\s+shades)\s+|(?:even|still|more)\s+)?(darker|lighter|brighter)(?:\s+(?:still|again|shade|colou?r|one))?$/i;
const SIZE_WORDS = /^(?:(?:a\s+(?:bit|little(?:\s+bit)?|touch|tad)|slightly|somewhat|much|a\s+lot|way|far|even|still|more)\s+)?(bigger|larger|smaller|tinier)(?:\s+(?:still|again|one))?$/i;
const PRONOUN = /^(?:it|them|that|this|those|these)$/i;

const unquote = (text: string): string => QUOTED.exec(text.trim())?.[1] ?? text.trim();
const isQuoted = (text: string): boolean => QUOTED.test(text.trim());

/** The section a phrase names ("the footer", "footer", "the top bar"), when it is one. */
function sectionNamed(phrase: string, vocabulary: SiteMap): string | undefined {
  const words = phrase.trim().toLowerCase().replace(/^(?:in|on|to)\s+/, '').replace(/^the\s+/, '').replace(/\s+(?:section|one|instead|please)$/, '').trim();
  return words ? resolveSection(vocabulary, words) : undefined;
}

/** What the words ask, read by rules against the site's names. */
export function readRefinement(text: string, vocabulary: SiteMap): Refinement {
  const said = text.trim().replace(LEADING, '').replace(TRAILING, '').replace(/[.!]+$/, '').trim();
  if (isUndoRequest(said)) return { kind: 'undo' };

  // "also make the footer blue", "and change the footer text to "…" too": a change added.
  const also = /^(?:also|and(?:\s+also)?|plus|additionally)\b[,:]?\s+(.+)$/i.exec(said);
  if (also) {
    const rest = also[1].replace(/[,\s]+(?:too|as\s+well|also)$/i, '').trim();
    const inner = readRefinement(rest, vocabulary);
    if ((inner.kind === 'shade' || inner.kind === 'size') && !inner.about) return inner;
    return { kind: 'add', description: rest };
  }
  const too = /^(.+?)[,\s]+(?:too|as\s+well)$/i.exec(said);
  if (too && /^(?:make|change|set|add|remove|rename|turn|put|replace|update)\b/i.test(too[1])) return { kind: 'add', description: too[1].trim() };

  // "drop the footer change", "never mind the footer", "remove change 2".
  const drop = /^(?:drop|remove|delete|undo|forget(?:\s+about)?|skip|scrap|lose|never\s*mind(?:\s+about)?|get\s+rid\s+of|leave\s+out|take\s+out|no\s+need\s+for|without)\s+(.+)$/i.exec(said);
  if (drop) {
    const about = drop[1].trim();
    // "remove the Blog link" is a new change to the site, not a change of this task dropped.
    const namesAChange = /\b(?:change|changes|edit|edits|one|part)$/i.test(about) || /^(?:change\s+|#|number\s+)?\d+$/i.test(about) || /^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)(?:\s+(?:change|one))?$/i.test(about);
    if (namesAChange || (!/^(?:remove|delete|take\s+out|get\s+rid\s+of)\b/i.test(said) && sectionNamed(about, vocabulary))) return { kind: 'drop', about };
  }

  // darker / lighter, "a bit darker", "make the footer darker", "too dark".
  const shadeOf = (words: string, about?: string): Refinement | undefined => {
    const shade = SHADE_WORDS.exec(words);
    if (!shade) return undefined;
    const direction = shade[3].toLowerCase() === 'darker' ? 'darker' : 'lighter';
    return { kind: 'shade', direction, steps: shade[2] ? 2 : 1, ...(about ? { about } : {}) };
  };
  const sizeOf = (words: string, about?: string): Refinement | undefined => {
    const size = SIZE_WORDS.exec(words);
    if (!size) return undefined;
    return { kind: 'size', direction: /^(?:bigger|larger)$/i.test(size[1]) ? 'bigger' : 'smaller', ...(about ? { about } : {}) };
  };
  const made = /^(?:make|turn|go|get)\s+(.+?)\s+((?:(?:a\s+(?:bit|little(?:\s+bit)?|touch|tad|shade)|slightly|somewhat|much|a\s+lot|way|far|even|still|more)\s+)?(?:darker|lighter|brighter|bigger|larger|smaller|tinier)(?:\s+(?:still|again))?)$/i.exec(said);
  if (made) {
    const about = PRONOUN.test(made[1]) ? undefined : made[1].replace(/^the\s+/i, '');
    return shadeOf(made[2], about) ?? sizeOf(made[2], about) ?? { kind: 'unknown' };
  }
  const plain = shadeOf(said) ?? sizeOf(said);
  if (plain) return plain;
  const verb = /^(darken|lighten|enlarge|shrink)(?:\s+(.+?))?(?:\s+(?:a\s+bit|slightly|a\s+little))?$/i.exec(said);
  if (verb) {
    const about = verb[2] && !PRONOUN.test(verb[2]) ? verb[2].replace(/^the\s+/i, '') : undefined;
    const kind = verb[1].toLowerCase();
    if (kind === 'darken' || kind === 'lighten') return { kind: 'shade', direction: kind === 'darken' ? 'darker' : 'lighter', steps: 1, ...(about ? { about } : {}) };
    return { kind: 'size', direction: kind === 'enlarge' ? 'bigger' : 'smaller', ...(about ? { about } : {}) };
  }
  const tooMuch = /^(?:(?:it'?s|that'?s|it\s+is|this\s+is|the\s+(.+?)\s+is)\s+)?(?:a\s+bit\s+|a\s+little\s+|slightly\s+|way\s+|much\s+|far\s+)?too\s+(dark|light|bright|pale|big|large|small|tiny)$/i.exec(said);
  if (tooMuch) {
    const about = tooMuch[1];
    const word = tooMuch[2].toLowerCase();
    if (word === 'dark') return { kind: 'shade', direction: 'lighter', steps: 1, ...(about ? { about } : {}) };
    if (word === 'light' || word === 'bright' || word === 'pale') return { kind: 'shade', direction: 'darker', steps: 1, ...(about ? { about } : {}) };
    return { kind: 'size', direction: word === 'big' || word === 'large' ? 'smaller' : 'bigger', ...(about ? { about } : {}) };
  }

  // "call it Plans", "make it say "Start free"", "rename it to Plans".
  const words = /^(?:(?:no|nope|actually|sorry|oops|wait)[,!.]?\s+)*(?:call\s+it|name\s+it|rename\s+it(?:\s+to)?|label\s+it|title\s+it|make\s+it\s+(?:say|read)|have\s+it\s+(?:say|read)|let\s+it\s+(?:say|read)|it\s+should\s+(?:say|read)|(?:change|set)\s+the\s+(?:text|wording|words|label|title|name)\s+to|say)\s*:?\s+(.+)$/i.exec(said);
  if (words && unquote(words[1])) return { kind: 'text', value: unquote(words[1]) };

  // "the footer, not the navbar"; "navy, not blue"; ""Plans", not "Pricing"".
  const not = /^(?:(?:no|nope|actually|sorry)[,!.]?\s+)?(?:(?:in|on)\s+)?(.+?),?\s+not\s+(?:(?:in|on)\s+)?(.+)$/i.exec(said);
  if (not) {
    const to = sectionNamed(not[1], vocabulary);
    if (to) return { kind: 'move', to, ...(sectionNamed(not[2], vocabulary) ? { from: sectionNamed(not[2], vocabulary) } : {}) };
    if (isQuoted(not[1])) return { kind: 'text', value: unquote(not[1]) };
    if (colorOf(not[1])) return { kind: 'color', value: not[1].trim() };
  }
  const notFirst = /^not\s+(?:(?:in|on)\s+)?(?:the\s+)?(.+?),\s*(?:but\s+)?(?:(?:in|on)\s+)?(.+)$/i.exec(said);
  if (notFirst && sectionNamed(notFirst[2], vocabulary)) return { kind: 'move', to: sectionNamed(notFirst[2], vocabulary) as string, ...(sectionNamed(notFirst[1], vocabulary) ? { from: sectionNamed(notFirst[1], vocabulary) } : {}) };

  // "use #1e3a8a instead", "blue instead", "go with "Plans" instead".
  const instead = /^(?:(?:no|nope|actually|sorry)[,!.]?\s+)?(?:use|try|go\s+with|make\s+it|change\s+it\s+to|set\s+it\s+to|switch\s+to|with)?\s*(.+?)\s+instead(?:\s+of\s+.+)?$/i.exec(said);
  if (instead) return valueOrPlace(instead[1], vocabulary);

  // "no, the footer", "no, "Plans"", "I meant the footer", "actually navy".
  const correction = /^(?:(?:no|nope|actually|sorry|oops|wait)[,!.]?\s+)+(.+)$/i.exec(said) ?? /^i\s+(?:meant|mean|wanted)\s+(.+)$/i.exec(said);
  if (correction) {
    const rest = correction[1].replace(/^(?:i\s+(?:meant|mean|wanted)|it'?s|it\s+should\s+be)\s+/i, '').trim();
    const place = sectionNamed(rest, vocabulary);
    if (place) return { kind: 'move', to: place };
    if (isQuoted(rest)) return { kind: 'text', value: unquote(rest) };
    if (colorOf(rest)) return { kind: 'color', value: rest };
    const inner = readRefinement(rest, vocabulary);
    return inner.kind === 'add' ? { kind: 'unknown' } : inner;
  }
  const there = /^(?:(?:do|put|change|make)\s+(?:it|this|that)\s+)?(?:in|on)\s+the\s+(.+)$/i.exec(said) ?? /^the\s+(.+)$/i.exec(said);
  if (there && sectionNamed(there[1], vocabulary)) return { kind: 'move', to: sectionNamed(there[1], vocabulary) as string };

  // "change it to Plans", "make it navy", "use #1e3a8a".
  const generic = /^(?:change\s+it\s+to|set\s+it\s+to|make\s+it|use|try|go\s+with|switch\s+to)\s+(.+)$/i.exec(said);
  if (generic) {
    if (/^make\s+it\b/i.test(said) && !isQuoted(generic[1]) && !colorOf(generic[1])) return { kind: 'unknown' };
    return valueOrPlace(generic[1], vocabulary);
  }
  if (isQuoted(said) && unquote(said)) return { kind: 'text', value: unquote(said) };
  return { kind: 'unknown' };
}

function valueOrPlace(value: string, vocabulary: SiteMap): Refinement {
  const place = sectionNamed(value, vocabulary);
  if (place && !isQuoted(value)) return { kind: 'move', to: place };
  if (isQuoted(value)) return { kind: 'text', value: unquote(value) };
  return { kind: 'value', value: value.trim() };
}

/** A colour the words name: a hex, a CSS name ("navy", "dark blue") or a Tailwind palette name ("blue-900"). */
export function colorOf(words: string): { hex: string; requested: string } | undefined {
  const value = unquote(words).trim();
  const palette = /^[a-z]+-\d{2,3}$/i.test(value) ? paletteHex(value.toLowerCase()) : undefined;
  if (palette) return { hex: palette, requested: palette };
  const parsed = parseColor(value);
  return parsed.ok ? { hex: parsed.hex, requested: value } : undefined;
}

/** What a refinement makes of the task's changes. */
export type Amendment =
  /** The changes, one of them amended (`changed`): planned again. */
  | { kind: 'items'; items: BundleItem[]; changed: number }
  | { kind: 'add'; description: string }
  /** The changes that could be dropped; several: which one is asked. */
  | { kind: 'drop'; indexes: number[] }
  | { kind: 'refused'; message: string };

const SHADES = ['50', '100', '200', '300', '400', '500', '600', '700', '800', '900', '950'];
const PALETTE_CLASS = /^!?(?:bg|text|border|from|via|to|fill|stroke|ring|outline|decoration|accent|divide|placeholder|caret|shadow)-([a-z]+)-(\d{2,3})(?:\/\S+)?$/;
const HEX = /^#[0-9a-f]{6}$/i;

const colorChangeOf = (item: BundleItem) => item.intent.changes.findIndex((c) => c.kind === 'color');
const sizeStyleOf = (item: BundleItem) => {
  const { intent } = item;
  const only = intent.styles.length === 1 && intent.changes.length === 0 && intent.addLinks.length + intent.removeLinks.length + intent.renameLinks.length === 0 && !intent.replaceText;
  const style = only ? intent.styles[0] : undefined;
  return style && (style.step === 'bigger' || style.step === 'smaller') ? style : undefined;
};

/** The intent with new words in its last text or link change; undefined when it has none. */
function withText(intent: StoredIntent, value: string): StoredIntent | undefined {
  const last = intent.changes.map((c) => c.kind).lastIndexOf('text');
  if (last >= 0) return { ...intent, changes: intent.changes.map((c, i) => (i === last ? { ...c, value, requested: value } : c)) };
  if (intent.replaceText) return { ...intent, replaceText: { ...intent.replaceText, to: value } };
  if (intent.renameLinks.length > 0) return { ...intent, renameLinks: intent.renameLinks.map((r, i) => (i === intent.renameLinks.length - 1 ? { ...r, to: value } : r)) };
  if (intent.addLinks.length > 0) return { ...intent, addLinks: intent.addLinks.map((l, i) => (i === intent.addLinks.length - 1 ? { ...l, label: value } : l)) };
  if (intent.answer) return { ...intent, answer: { ...intent.answer, text: value } };
  if (intent.price) return { ...intent, price: { ...intent.price, amount: value } };
  if (intent.email) return { ...intent, email: { ...intent.email, address: value } };
  return undefined;
}

/** Back to what a parser hands validation, so the amended intent is checked like a new request. */
export function toUxIntent(intent: StoredIntent): UxIntent {
  return {
    section: intent.section,
    changes: intent.changes.map((c) => ({ property: c.property, value: c.kind === 'color' ? c.requested : c.value })),
    addLinks: intent.addLinks,
    removeLinks: intent.removeLinks,
    renameLinks: intent.renameLinks,
    styles: intent.styles,
    ...(intent.replaceText ? { replaceText: intent.replaceText } : {}),
    ...(intent.page ? { page: intent.page } : {}),
    ...(intent.price ? { price: intent.price } : {}),
    ...(intent.answer ? { answer: intent.answer } : {}),
    ...(intent.email ? { email: intent.email } : {}),
  };
}

/** The colour one shade darker or lighter: the next Tailwind palette shade when a palette class is written, else 10 % of OKLCH lightness. */
function shaded(item: BundleItem, direction: 'darker' | 'lighter', steps: number): { hex: string; requested: string } | { message: string } {
  const change = item.intent.changes[colorChangeOf(item)];
  const line = item.lines.find((l) => l.kind === 'color' && l.property === change.property) ?? item.lines.find((l) => l.kind === 'color');
  const written = (line?.to ?? '').split(/\s+/).map((token) => PALETTE_CLASS.exec(token.slice(token.lastIndexOf(':') + 1))).filter((m): m is RegExpExecArray => m !== null && paletteHex(`${m[1]}-${m[2]}`) !== undefined).pop();
  if (written) {
    const [, hue, shade] = written;
    const next = SHADES.indexOf(shade) + (direction === 'darker' ? steps : -steps);
    if (next < 0 || next >= SHADES.length) {
      const end = direction === 'darker' ? '950' : '50';
      return { message: `${inlineCode(`${hue}-${shade}`)} is already ${shade === end ? 'the' : 'near the'} ${direction === 'darker' ? 'darkest' : 'lightest'} shade of Tailwind's palette (${hue}-${end}). Give the colour itself instead, e.g. ${inlineCode(`use ${direction === 'darker' ? '#0f172a' : '#f8fafc'} instead`)}.` };
    }
    const hex = paletteHex(`${hue}-${SHADES[next]}`) as string;
    return { hex, requested: hex };
  }
  const from = line?.hex && HEX.test(line.hex) ? line.hex : HEX.test(line?.to ?? '') ? (line?.to as string) : change.value;
  const c = culori();
  const oklch = c.converter('oklch')(from);
  if (!oklch) return { message: `The colour ${inlineCode(from)} cannot be made ${direction}; give the colour itself instead, e.g. ${inlineCode('use #1e3a8a instead')}.` };
  const l = Math.min(1, Math.max(0, oklch.l + (direction === 'darker' ? -0.1 : 0.1) * steps));
  const hex = c.formatHex(c.clampChroma({ mode: 'oklch', l, c: oklch.c ?? 0, ...(oklch.h !== undefined ? { h: oklch.h } : {}) }, 'oklch'));
  if (hex.toLowerCase() === from.toLowerCase()) return { message: `${inlineCode(from)} is already as ${direction === 'darker' ? 'dark' : 'light'} as a colour gets; give another colour instead, e.g. ${inlineCode('use #1e3a8a instead')}.` };
  return { hex, requested: hex };
}

/** Which of the task's changes a phrase is about ("the footer", "the link change", "change 2"); every change when it names none. */
export function changesAbout(about: string | undefined, items: readonly BundleItem[], vocabulary: SiteMap): number[] | undefined {
  const all = items.map((_, i) => i);
  if (!about) return all;
  let rest = ` ${about.toLowerCase().replace(/[.,!?]/g, ' ')} `;
  const ordinal = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b/.exec(rest);
  const number = /(?:\bchange\s*|#|\bnumber\s+|\bno\.?\s*|\s)(\d{1,2})\b/.exec(rest);
  let index: number | undefined;
  if (number) {
    index = Number(number[1]) - 1;
    rest = rest.replace(number[0], ' ');
  } else if (ordinal) {
    index = ordinal[1] === 'last' ? items.length - 1 : ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'].indexOf(ordinal[1]);
    rest = rest.replace(ordinal[0], ' ');
  }
  const sections = new Set<string>();
  const terms = Object.entries(vocabulary.sections).flatMap(([name, spec]) => [name, ...(spec.aliases ?? [])].map((term) => ({ name, term }))).sort((a, b) => b.term.length - a.term.length);
  for (const { name, term } of terms) {
    const pattern = new RegExp(`(?<![\\w-])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    if (pattern.test(rest)) {
      sections.add(name);
      rest = rest.replace(pattern, ' ');
    }
  }
  const kinds = new Set<string>();
  const KIND_WORDS: ReadonlyArray<[RegExp, string]> = [
    [/\b(?:links?|menu|nav\s+items?|menu\s+items?)\b/g, 'links'],
    [/\b(?:colou?rs?|background|shade)\b/g, 'color'],
    [/\b(?:texts?|wording|words|label|title|name|copy|headline|heading)\b/g, 'text'],
    [/\b(?:styles?|size|font)\b/g, 'style'],
    [/\b(?:prices?|pricing)\b/g, 'price'],
    [/\b(?:answers?|faq)\b/g, 'answer'],
    [/\b(?:e-?mail|address)\b/g, 'email'],
  ];
  for (const [pattern, kind] of KIND_WORDS) {
    if (pattern.test(rest)) {
      kinds.add(kind);
      rest = rest.replace(pattern, ' ');
    }
  }
  // Whatever is left must be filler: a phrase with other words names something this task does not hold.
  if (rest.replace(/\b(?:the|a|an|change|changes|edit|edits|one|part|bit|to|of|in|on|that|this|it|new|request|please)\b/g, ' ').trim() !== '') return undefined;
  const kindOf = (item: BundleItem): Set<string> => {
    const out = new Set<string>(item.lines.map((l) => l.kind));
    if (item.intent.replaceText) out.add('text');
    if (item.intent.price) out.add('price');
    if (item.intent.answer) out.add('answer');
    if (item.intent.email) out.add('email');
    return out;
  };
  return all.filter((i) => {
    if (index !== undefined && i !== index) return false;
    if (sections.size > 0 && !sections.has(items[i].section) && !sections.has(items[i].intent.section)) return false;
    if (kinds.size > 0 && ![...kinds].some((k) => kindOf(items[i]).has(k))) return false;
    return true;
  });
}

/** "1. the navbar colour; 2. the footer text". */
export function heldChanges(items: readonly BundleItem[]): string {
  return items.map((item, n) => `${n + 1}. ${itemName(item)}`).join('; ');
}

/** Refinements that would fit what the task holds, as examples. */
function fitting(items: readonly BundleItem[], vocabulary: SiteMap): string[] {
  const out: string[] = [];
  if (items.some((i) => colorChangeOf(i) >= 0)) out.push('darker', 'use #1e3a8a instead');
  if (items.some((i) => withText(i.intent, 'x') !== undefined)) out.push('call it "Plans"');
  if (items.some((i) => sizeStyleOf(i))) out.push('bigger', 'smaller');
  const last = items[items.length - 1];
  const other = Object.keys(vocabulary.sections).find((s) => s !== last.section && s !== 'seo');
  if (other && !last.intent.price && !last.intent.answer && !last.intent.email) out.push(`no, the ${other}`);
  const colored = Object.entries(vocabulary.sections).find(([name, s]) => name !== last.section && Object.values(s.properties).some((p) => propertyKind(p) === 'color'))?.[0];
  if (items.length < MAX_BUNDLE_CHANGES) out.push(`also make the ${colored ?? other ?? 'footer'} blue`);
  if (items.length > 1) out.push(`drop change ${items.length}`);
  return out.slice(0, 5);
}

/** The sentence for words that fit none of the task's changes. */
export function misfit(what: string, items: readonly BundleItem[], vocabulary: SiteMap): string {
  return `${what} This task holds ${heldChanges(items)}. What would fit: ${listOr(fitting(items, vocabulary).map((e) => inlineCode(e)))}.`;
}

const saidAs = (text: string) => inlineCode(shorten(text.trim(), 60));

/** The task's changes after the refinement, or what to do instead. */
export function amend(refinement: Refinement, items: readonly BundleItem[], vocabulary: SiteMap, text: string): Amendment {
  const refused = (message: string): Amendment => ({ kind: 'refused', message });
  const about = (phrase: string | undefined) => changesAbout(phrase, items, vocabulary);
  const lastOf = (indexes: readonly number[], fits: (item: BundleItem) => boolean) => [...indexes].reverse().find((i) => fits(items[i]));
  /** The change at `index` with a new intent (checked like a new request), the refinement recorded; a moved change loses its picked place. */
  const amended = (index: number, intent: StoredIntent, options: { steps?: number; keepPick?: boolean } = {}): Amendment => {
    const checked = validateIntent(toUxIntent(intent), vocabulary);
    if (!checked.ok) return refused(checked.message);
    const { pick, steps: _steps, ...item } = items[index];
    const refinements = [...(item.refinements ?? []), shorten(text.trim(), 300)].slice(-10);
    const steps = 'steps' in options ? options.steps : items[index].steps;
    const next: BundleItem = { ...item, intent: checked.intent, refinements, ...(steps !== undefined && steps > 1 ? { steps } : {}), ...(options.keepPick !== false && pick ? { pick } : {}) };
    return { kind: 'items', items: items.map((it, i) => (i === index ? next : it)), changed: index };
  };
  const unknownAbout = (phrase: string) => refused(`This task holds no change about ${saidAs(phrase)}: it holds ${heldChanges(items)}.`);

  switch (refinement.kind) {
    case 'undo':
      return refused('To drop the whole task, press Cancel (or say "undo that" in its thread); a refinement changes one of its changes. The preview is as it was.');
    case 'unknown':
      // "remove the Blog link", "make the footer blue": a request of its own, which "also" adds to the task.
      if (/^(?:please\s+)?(?:make|change|set|add|remove|delete|rename|turn|put|replace|update|hide)\b/i.test(text.trim()) && items.length < MAX_BUNDLE_CHANGES) {
        return refused(`${saidAs(text)} reads as a change of its own. To add it to this task, start with "also": ${inlineCode(shorten(`also ${text.trim()}`, 80))}. To change what this task holds (${heldChanges(items)}), say e.g. ${listOr(fitting(items, vocabulary).filter((e) => !e.startsWith('also ')).slice(0, 3).map((e) => inlineCode(e)))}.`);
      }
      return refused(misfit(`I did not understand ${saidAs(text)} as a change to this preview.`, items, vocabulary));
    case 'add':
      if (items.length >= MAX_BUNDLE_CHANGES) {
        return refused(`This task already holds ${MAX_BUNDLE_CHANGES} changes, the most one task can hold. Confirm it (or drop one, e.g. ${inlineCode('drop change 1')}), then ask for ${saidAs(refinement.description)} with a new /ux-update.`);
      }
      return { kind: 'add', description: refinement.description };
    case 'drop': {
      const indexes = about(refinement.about);
      if (!indexes || indexes.length === 0) return unknownAbout(refinement.about);
      if (items.length === 1) return refused(`${itemName(items[0])[0].toUpperCase()}${itemName(items[0]).slice(1)} is the only change of this task; to drop it, press Cancel.`);
      return { kind: 'drop', indexes };
    }
    case 'shade': {
      const indexes = about(refinement.about);
      if (!indexes) return unknownAbout(refinement.about as string);
      const index = lastOf(indexes, (item) => colorChangeOf(item) >= 0);
      if (index === undefined) return refused(misfit(`${saidAs(text)} changes a colour, and ${refinement.about ? `no colour change of this task is about ${saidAs(refinement.about)}` : 'this task changes none'}.`, items, vocabulary));
      const next = shaded(items[index], refinement.direction, refinement.steps);
      if ('message' in next) return refused(next.message);
      const at = colorChangeOf(items[index]);
      const intent = { ...items[index].intent, changes: items[index].intent.changes.map((c, i) => (i === at ? { ...c, value: next.hex, requested: next.requested } : c)) };
      return amended(index, intent);
    }
    case 'size': {
      const indexes = about(refinement.about);
      if (!indexes) return unknownAbout(refinement.about as string);
      const index = lastOf(indexes, (item) => sizeStyleOf(item) !== undefined);
      if (index === undefined) return refused(misfit(`${saidAs(text)} takes a text this task resizes one step further, and ${refinement.about ? `no change of it resizes ${saidAs(refinement.about)}` : 'it resizes none'}; to resize a text, add it, e.g. ${inlineCode(`also make the hero headline ${refinement.direction}`)}.`, items, vocabulary));
      const item = items[index];
      const style = sizeStyleOf(item) as NonNullable<ReturnType<typeof sizeStyleOf>>;
      const signed = (style.step === 'bigger' ? 1 : -1) * (item.steps ?? 1) + (refinement.direction === 'bigger' ? 1 : -1);
      if (signed === 0) return refused(`That takes ${itemName(item)} back to how it is on the base branch. To leave it as it is, drop the change (${inlineCode(`drop change ${index + 1}`)})${items.length === 1 ? ', or press Cancel' : ''}.`);
      const step = signed > 0 ? 'bigger' : 'smaller';
      const intent: StoredIntent = { ...item.intent, styles: [{ ...style, step }] };
      return amended(index, intent, { steps: Math.abs(signed) });
    }
    case 'text': {
      const index = lastOf(items.map((_, i) => i), (item) => withText(item.intent, refinement.value) !== undefined);
      if (index === undefined) return refused(misfit(`${saidAs(text)} gives new words, and this task changes no text or link.`, items, vocabulary));
      return amended(index, withText(items[index].intent, refinement.value) as StoredIntent);
    }
    case 'value':
    case 'color': {
      const color = colorOf(refinement.value);
      const colorIndex = lastOf(items.map((_, i) => i), (item) => colorChangeOf(item) >= 0);
      if (refinement.kind === 'value' && !(color && colorIndex !== undefined)) {
        const textIndex = lastOf(items.map((_, i) => i), (item) => withText(item.intent, refinement.value) !== undefined);
        if (textIndex !== undefined) return amended(textIndex, withText(items[textIndex].intent, unquote(refinement.value)) as StoredIntent);
      }
      if (!color) {
        const parsed = parseColor(unquote(refinement.value));
        return refused(parsed.ok ? misfit(`I did not understand ${saidAs(text)}.`, items, vocabulary) : colorIndex === undefined ? misfit(`I did not understand ${saidAs(text)} as a change to this preview.`, items, vocabulary) : parsed.message);
      }
      if (colorIndex === undefined) return refused(misfit(`${saidAs(text)} gives a colour, and this task changes no colour.`, items, vocabulary));
      const at = colorChangeOf(items[colorIndex]);
      const intent = { ...items[colorIndex].intent, changes: items[colorIndex].intent.changes.map((c, i) => (i === at ? { ...c, value: color.hex, requested: color.requested } : c)) };
      return amended(colorIndex, intent);
    }
    case 'move': {
      const movable = (item: BundleItem) => !item.intent.price && !item.intent.answer && !item.intent.email && item.intent.section !== 'seo';
      const indexes = refinement.from ? items.map((_, i) => i).filter((i) => items[i].section === refinement.from || items[i].intent.section === refinement.from) : items.map((_, i) => i);
      const index = lastOf(indexes, movable);
      if (index === undefined) {
        return refused(refinement.from ? `No change of this task is in the ${refinement.from}: it holds ${heldChanges(items)}.` : misfit(`${saidAs(text)} moves a change to another section, and this task's changes are not in one.`, items, vocabulary));
      }
      const item = items[index];
      if (item.section === refinement.to && (item.intent.section === refinement.to || item.intent.section === '')) return refused(`Change ${index + 1} (${itemName(item)}) is already in the ${refinement.to}; the preview is as it was.`);
      return amended(index, { ...item.intent, section: refinement.to }, { keepPick: false });
    }
  }
}
