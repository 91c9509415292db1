import { decodeHTML } from 'entities';
import { inlineCode, shorten } from '../../domain/discord-text';
import type { SiteModel } from './discovery/site-model';
import { findPage, pageTexts, sharedData, type SiteText } from './discovery/site-texts';
import type { TextBlock } from './discovery/text-blocks';
import { renameLinkSplice } from './edits/link-list';
import { EditError } from './edits/edit-error';
import type { Splice } from './edits/splice';
import { textChange } from './edits/text-change';
import { markupText, slotText } from './edits/write-text';
import type { AnswerChange, EmailChange, PriceChange } from './intent';
import { fail, normalise, replaceStep, type Alternative, type Step } from './plan';
import { listOr } from './suggest';

/**
 * Changes found by what a page says rather than by a landmark: a quoted text on any page, a
 * plan's price, a FAQ answer, the contact e-mail. Texts are looked for on the home page first,
 * then on every page and in the site's content data; a text found on several pages is a
 * question naming them, never a guess.
 */
const pageLabel = (page: string) => (page === '*' ? 'the site\'s data' : page === '/' ? 'the home page' : `the ${page} page`);

const slotKey = (block: TextBlock): string => {
  const edit = block.edit;
  return edit?.kind === 'string' ? `${edit.slot.file}:${edit.slot.start}` : edit ? `${edit.file}:${edit.start}` : `${block.node.file}:${block.node.range.start}`;
};

function distinct(texts: readonly SiteText[]): SiteText[] {
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = slotKey(t.block);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The texts to search: one page's (the home page's landmarks too when it is the home page), or every page's and the shared data. */
function searched(model: SiteModel, page: string | undefined): { texts: SiteText[]; scope: string } | { error: string } {
  const home = model.pages.find((p) => p.route === '/');
  const homeTexts: SiteText[] = model.blocks.map(({ block }) => ({ block, page: '/', kind: 'markup' as const }));
  if (page) {
    const found = findPage(model.pages, page);
    if (!found) {
      const names = model.pages.slice(0, 12).map((p) => p.route);
      return { error: `I found no page ${inlineCode(page)} on the site.${names.length > 0 ? ` Its pages: ${listOr(names)}.` : ''} Name the page by its path, e.g. ${inlineCode('on the /about page, …')}.` };
    }
    return { texts: [...(found.route === '/' ? homeTexts : []), ...pageTexts(model, found)], scope: pageLabel(found.route) };
  }
  const others = model.pages.filter((p) => p !== home).flatMap((p) => pageTexts(model, p));
  return { texts: [...homeTexts, ...(home ? pageTexts(model, home) : []), ...others, ...sharedData(model)], scope: 'the site' };
}

/** A line of a multi-line data value that reads as the quote (`# What is this?` in a page body kept as one string). */
function lineMatch(text: SiteText, wanted: string): { line: string } | undefined {
  if (text.kind !== 'data' || text.block.edit?.kind !== 'string') return undefined;
  const value = text.block.edit.replaced;
  if (!value.includes('\n')) return undefined;
  const line = value.split('\n').find((l) => normalise(l.replace(/^\s*(?:#{1,6}|[-*+]|\d+\.)\s+/, '')) === wanted);
  return line ? { line } : undefined;
}

/** The change of one found text: its words replaced (a link label renamed, a line of a long value rewritten); a sentence when its place cannot take them. */
function replaceFound(model: SiteModel, found: SiteText, from: string, to: string): { splice: Splice; from: string; note?: string; removes: boolean } | { error: string } {
  try {
    return replaceFoundOrThrow(model, found, from, to);
  } catch (error) {
    if (error instanceof EditError) return { error: error.message };
    throw error;
  }
}

function replaceFoundOrThrow(model: SiteModel, found: SiteText, from: string, to: string): { splice: Splice; from: string; note?: string; removes: boolean } | { error: string } {
  if (found.link) {
    const group = { kind: 'array' as const, array: found.link.array, file: found.link.array.range.file, line: found.link.array.line, name: found.link.array.name };
    const renamed = renameLinkSplice(group, found.link.array.entries[found.link.index].labelValue, to);
    return { splice: renamed.splice, from: renamed.renamed, removes: false, note: `It is a link's label in ${found.link.array.name}, so the link is renamed there.` };
  }
  const line = lineMatch(found, normalise(from));
  const edit = found.block.edit;
  if (line && edit?.kind === 'string') {
    const heading = /^(\s*(?:#{1,6}|[-*+]|\d+\.)\s+)/.exec(line.line)?.[1] ?? '';
    const value = edit.replaced.replace(line.line, `${heading}${markupText(to, 'markdown')}`);
    return { splice: { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(value, edit.slot) }, from: line.line.trim(), removes: false };
  }
  const result = textChange(model.project, found.block, to, { copyright: false });
  if (!result.ok) return { error: result.message };
  return { splice: result.splice, from: result.from, ...(result.note ? { note: result.note } : {}), removes: result.removed.length > 0 };
}

/** "a, b and c". */
const listAnd = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The file whose characters a text's edit changes. */
const fileOf = (block: TextBlock): string => {
  const edit = block.edit;
  return edit?.kind === 'string' ? edit.slot.file : edit ? edit.file : block.node.file;
};

/** A place a quoted text was found: how to change it there, on which page, and whether that removes more than words. */
interface Place {
  alternative: Alternative;
  page: string;
  removes?: boolean;
}

/** The change of one found text as a place, labelled with its page; an error for a text that cannot be changed where it is written. */
function foundPlace(model: SiteModel, found: SiteText, from: string, to: string, several: boolean): Place | { error: string } {
  const made = replaceFound(model, found, from, to);
  if ('error' in made) return made;
  const file = made.splice.file;
  const line = model.project.line(file, made.splice.start);
  const alternative: Alternative = {
    splices: [made.splice],
    line: { property: 'text', kind: 'text', from: made.from, to, at: `${file}:${line}` },
    label: `${JSON.stringify(shorten(found.block.text, 40))} on ${pageLabel(found.page)}`,
    description: `${file}:${line}`,
    ...(made.removes || several ? { needsChoice: true } : {}),
    ...(made.note ? { note: made.note } : {}),
    section: 'page',
  };
  return { alternative, page: found.page, ...(made.removes ? { removes: true } : {}) };
}

/** Every place as its own choice, and all of them at once when each is a plain change of words in its own place. */
function placesStep(from: string, places: readonly Place[], found: number, shownOn: readonly string[] = places.map((p) => p.page)): Step {
  const alternatives = places.map((p) => p.alternative);
  if (alternatives.length <= 1) return { ok: true, alternatives, ...(found > alternatives.length ? { found } : {}) };
  const pages = [...new Set(shownOn)];
  const plain = places.every((p) => !p.removes && p.alternative.splices.length === 1);
  const distinctPlaces = new Set(alternatives.map((a) => `${a.splices[0].file}:${a.splices[0].start}`)).size === alternatives.length;
  const all: Alternative[] =
    plain && distinctPlaces && alternatives.length <= 10
      ? [{
          splices: alternatives.flatMap((a) => a.splices),
          line: { ...alternatives[0].line },
          label: `All ${alternatives.length} places`,
          description: alternatives.map((a) => a.description).join(', ').slice(0, 100),
          needsChoice: true,
          note: `Changed in ${alternatives.length} places: ${places.map((p) => `${pageLabel(p.page)} (${p.alternative.description})`).join(', ')}.`,
          section: 'page',
        }]
      : [];
  const where = pages.length > 3 ? `on ${pages.length} pages (${pages.slice(0, 4).map(pageLabel).join(', ')}, …)` : pages.length > 1 ? `on ${listAnd(pages.map(pageLabel))}` : `on ${pageLabel(pages[0])} ${alternatives.length} times`;
  return {
    ok: true,
    alternatives: [...alternatives.map((a) => ({ ...a, needsChoice: true })), ...all],
    ...(found > alternatives.length ? { found } : {}),
    question: `The text ${JSON.stringify(shorten(from, 60))} is ${where}. Which should change? Pick one below${all.length > 0 ? ', or all of them' : ''} to see its preview.`,
  };
}

/** A quoted price the page shows with more after it (`$29<span>/month</span>`): the texts that show that amount, its number replaced. */
function priceTexts(model: SiteModel, texts: readonly SiteText[], from: string, to: string): Array<{ text: SiteText; splice: Splice; from: string }> {
  const quoted = MONEY.exec(from);
  const wanted = newNumber(to);
  if (!quoted || quoted[0].trim() !== from.trim() || !wanted) return [];
  const sameCurrency = (MONEY.exec(to)?.[1] ?? MONEY.exec(to)?.[4] ?? (quoted[1] ?? quoted[4])) === (quoted[1] ?? quoted[4]);
  const out: Array<{ text: SiteText; splice: Splice; from: string }> = [];
  for (const text of texts) {
    const found = priceIn(text);
    const shown = MONEY.exec(text.block.edit?.kind === 'string' ? text.block.edit.replaced : text.block.text);
    if (!found || !shown || shown[0].replace(/\s+/g, '') !== from.replace(/\s+/g, '') || text.block.text.length > 80) continue;
    try {
      const splice = sameCurrency ? priceSplice(model, text, found, wanted) : undefined;
      if (splice) out.push({ text, splice, from: text.block.text });
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
    }
  }
  return out;
}

/** `change "X" to "Y"`, also `on the about page, …`: the home page first (as before), then every page and the content data. */
export function siteReplaceStep(model: SiteModel, from: string, to: string, section: string, where: string, named?: string): Step {
  const wanted = normalise(from);
  // A site read as one page (no routes) has its home page in its landmarks alone.
  const page = named === '/' && !model.pages.some((p) => p.route === '/') ? undefined : named;
  const onHome = page !== undefined && findPage(model.pages, page)?.route === '/';
  if (!page || onHome) {
    const home = replaceStep(model, from, to, section, where);
    if (section || (!home.ok && home.question)) return home;
    // Found on the home page: asked when other pages show it too, unless the home page was named (then they are named in a note).
    if (home.ok) return withOtherPages(model, home, from, to, wanted, !onHome);
  }
  const scope = searched(model, page);
  if ('error' in scope) return fail(scope.error);
  const matches = distinct(scope.texts.filter((t) => normalise(t.block.text) === wanted || lineMatch(t, wanted) !== undefined));
  if (matches.length === 0) {
    const prices = priceTexts(model, distinct(scope.texts), from, to);
    if (prices.length > 0) {
      const places = prices.slice(0, 25).map(({ text, splice, from: shown }) => {
        const line = model.project.line(splice.file, splice.start);
        return { page: text.page, alternative: { splices: [splice], line: { property: 'price', kind: 'text' as const, from: shown, to: shown.replace(from.trim(), to.trim()), at: `${splice.file}:${line}` }, label: `${JSON.stringify(shorten(shown, 40))} on ${pageLabel(text.page)}`, description: `${splice.file}:${line}`, section: 'pricing' } };
      });
      return placesStep(from, places, prices.length);
    }
    // Not on the home page named (or meant by "the … button"), but on other pages: which of them is a question, never a guess.
    if (onHome) {
      const elsewhere = otherPages(model, wanted);
      const places = elsewhere.slice(0, 25).map((found) => foundPlace(model, found, from, to, true)).filter((p): p is Place => !('error' in p));
      if (places.length === 1 && !places[0].removes) {
        const only = places[0].alternative;
        return { ok: true, alternatives: [{ ...only, needsChoice: false, note: [only.note, `It is on ${pageLabel(places[0].page)}, not the home page.`].filter(Boolean).join(' ') }] };
      }
      if (places.length > 0) {
        const step = placesStep(from, places, elsewhere.length, elsewhere.map((e) => e.page));
        const pages = [...new Set(elsewhere.map((e) => e.page))];
        return step.ok ? { ...step, alternatives: step.alternatives.map((a) => ({ ...a, needsChoice: true })), question: `I did not find ${JSON.stringify(shorten(from, 60))} on the home page, but it is on ${listAnd(pages.slice(0, 4).map(pageLabel))}${pages.length > 4 ? ` and ${pages.length - 4} more pages` : ''}. ${places.length > 1 ? 'Which should change? Pick one below to see its preview.' : 'Change it there? Pick it below to see the preview.'}` } : step;
      }
    }
    const near = distinct(scope.texts.filter((t) => normalise(t.block.text).includes(wanted))).map((t) => `${JSON.stringify(shorten(t.block.text, 60))} (${pageLabel(t.page)})`);
    return fail(`I did not find the text ${inlineCode(shorten(from, 80))} on ${scope.scope} (${where}).${near.length > 0 ? ` Texts that contain it: ${listOr(near.slice(0, 3))}; quote the whole text.` : ' Quote the text exactly as the page shows it.'}`);
  }
  const places: Place[] = [];
  let message = '';
  for (const found of matches.slice(0, 25)) {
    const made = foundPlace(model, found, from, to, matches.length > 1);
    if ('error' in made) {
      message ||= made.error;
      continue;
    }
    places.push(made);
  }
  if (places.length === 0) return fail(message || `The text ${inlineCode(shorten(from, 80))} cannot be changed where it is written.`);
  return placesStep(from, places, matches.length, matches.map((m) => m.page));
}

/** Files that render markup: components, templates and HTML layouts. */
const MARKUP_FILE = /\.(?:[jt]sx|astro|vue|svelte|html?|liquid|njk|hbs)$/;

/** Texts reading `wanted` on pages other than the home page, in files the home page does not render (its layouts and components are the home page's own). */
function otherPages(model: SiteModel, wanted: string): SiteText[] {
  // Rendering every page is the slow part: only pages that reach a file showing the quote as a whole text (not inside a
  // longer sentence; tags, entities and line breaks aside) are rendered.
  const word = (wanted.match(/[\p{L}\p{N}]{3,}/gu) ?? []).sort((a, b) => b.length - a.length)[0] ?? '';
  const words = wanted.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const whole = new RegExp(`(?:^|[^\\p{L}\\p{N} \\t])[ \\t]*${words.join('(?:\\s|\\u0001)+')}[.!:?]*[ \\t]*(?:[^\\p{L}\\p{N} \\t]|$)`, 'u');
  const landmarks = new Set(model.blocks.flatMap(({ block }) => [fileOf(block), block.node.file]));
  const holding = new Set<string>();
  for (const [file, text] of model.project.files) {
    if (landmarks.has(file) || !text.toLowerCase().includes(word)) continue;
    if (whole.test(decodeHTML(text.replace(/<[^>]*>/g, '\u0001')).toLowerCase())) holding.add(file);
  }
  if (holding.size === 0) return [];
  const homePage = model.pages.find((p) => p.route === '/');
  const reached = new Map(model.pages.filter((p) => p !== homePage).map((p) => [p, model.project.reachable([p.file], 200)]));
  // A layout or template no page imports (a folder's layout.tsx, a theme's single.html) holding the words: every page is read.
  const unreached = [...holding].some((f) => MARKUP_FILE.test(f) && ![...reached.values()].some((files) => files.has(f)));
  const candidates = [...reached].filter(([, files]) => unreached || [...files].some((f) => holding.has(f))).map(([page]) => page);
  if (candidates.length === 0) return [];
  const homeFiles = new Set<string>([...landmarks, ...(homePage ? pageTexts(model, homePage).map((t) => fileOf(t.block)) : [])]);
  return distinct(candidates.flatMap((p) => pageTexts(model, p)).filter((t) => !homeFiles.has(fileOf(t.block)) && (normalise(t.block.text) === wanted || lineMatch(t, wanted) !== undefined)));
}

/**
 * The home page's text, and the same words on other pages: one place is changed, several are a
 * question naming them (home first), or, when the home page was meant, a note naming the others.
 */
function withOtherPages(model: SiteModel, home: Extract<Step, { ok: true }>, from: string, to: string, wanted: string, ask: boolean): Step {
  const others = otherPages(model, wanted);
  if (others.length === 0) return home;
  const names = [...new Set(others.map((o) => o.page))].map(pageLabel);
  // A home-page change that is already a question (it removes a link, the text only begins so) stays that question.
  if (!ask || home.question || home.alternatives.length !== 1 || home.alternatives[0].needsChoice) {
    const note = `The same text is also on ${listAnd(names.slice(0, 4))}${names.length > 4 ? ` and ${names.length - 4} more pages` : ''}; ${others.length === 1 ? 'it is' : 'those are'} unchanged.`;
    return { ...home, alternatives: home.alternatives.map((a) => ({ ...a, note: [a.note, note].filter(Boolean).join(' ') })) };
  }
  const first = home.alternatives[0];
  const places: Place[] = [{ page: '/', alternative: { ...first, label: `${JSON.stringify(shorten(from, 40))} on the home page`, description: first.line.at ?? first.description } }];
  for (const found of others.slice(0, 24)) {
    const made = foundPlace(model, found, from, to, true);
    if (!('error' in made)) places.push(made);
  }
  return placesStep(from, places, others.length + 1, ['/', ...others.map((o) => o.page)]);
}

/** A price as a site writes it: `$15`, `€9.50`, `15 €`, `49` in a `price` field. */
const MONEY = /(?:([$€£¥₹])\s?(\d[\d,]*(?:\.\d{1,2})?)|(\d[\d,]*(?:\.\d{1,2})?)\s?([$€£¥₹]))/;
/** A field holding a price: `price`, `cost`, `monthly`, also `priceMonthly` or `price_yearly`. */
const PRICE_KEY = /price|amount|cost|^fee$|^(?:monthly|yearly|annual|annually)$/i;
const PLAN_KEY = /^(?:name|title|plan|label|heading|tier)$/i;

/** The number of the new price, written the site's way: `$29` into `$15`, `129` into `$99 per month`'s `99`. */
function newNumber(amount: string): string | undefined {
  return /\d[\d,]*(?:\.\d{1,2})?/.exec(amount)?.[0];
}

const samePlan = (shown: string, plan: string) => {
  const clean = (s: string) => s.toLowerCase().replace(/\bplan\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return clean(shown) === clean(plan);
};

/** A price text's number, or a price field holding only a number (`price: 22`). */
function priceIn(text: SiteText): { number: string; at: number } | undefined {
  const value = text.block.edit?.kind === 'string' ? text.block.edit.replaced : text.block.text;
  const money = MONEY.exec(value);
  if (money) {
    const number = money[2] ?? money[3];
    return { number, at: (money.index ?? 0) + money[0].indexOf(number) };
  }
  const key = text.path?.[text.path.length - 1];
  if (typeof key === 'string' && PRICE_KEY.test(key) && /^\s*\d[\d,]*(?:\.\d{1,2})?\s*$/.test(value)) return { number: value.trim(), at: value.indexOf(value.trim()) };
  return undefined;
}

/** The splice writing a new number in place of a price's: inside its string (in the string's quoting), its data number, or the markup's digits. */
function priceSplice(model: SiteModel, text: SiteText, found: { number: string; at: number }, number: string): Splice | undefined {
  const edit = text.block.edit;
  if (!edit) return undefined;
  if (edit.kind === 'string') {
    const value = edit.slot.syntax === 'number' ? number : edit.replaced.slice(0, found.at) + number + edit.replaced.slice(found.at + found.number.length);
    return { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(value, edit.slot) };
  }
  const source = model.project.text(edit.file) ?? '';
  const at = source.indexOf(found.number, edit.start);
  if (at < 0 || at > edit.end) return undefined;
  return { file: edit.file, start: at, end: at + found.number.length, text: number };
}

/** The plan a data price belongs to: a `name`/`title` in the same object or one of its parents. */
function dataPlan(text: SiteText, all: readonly SiteText[]): string | undefined {
  if (text.kind !== 'data' || !text.path) return undefined;
  for (let depth = text.path.length - 1; depth > 0; depth--) {
    const prefix = text.path.slice(0, depth);
    const name = all.find((t) => t.kind === 'data' && t.block.edit?.kind === 'string' && t.block.edit.slot.file === (text.block.edit?.kind === 'string' ? text.block.edit.slot.file : '') && t.path?.length === depth + 1 && prefix.every((p, i) => t.path?.[i] === p) && PLAN_KEY.test(String(t.path?.[depth])));
    if (name) return name.block.text;
  }
  return undefined;
}

/** A plan heading's name: its own words, without a badge beside them (`Pro <span>Popular</span>` is the Pro plan). */
function headingName(heading: SiteText): string {
  const own = heading.block.node.children
    .map((c) => (c.kind === 'text' || c.kind === 'string' ? c.value : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(own) ? own : heading.block.text;
}

/** The plan a price shown in markup belongs to: the heading of the smallest part of the page holding both. */
function markupPlan(text: SiteText, headings: readonly SiteText[]): SiteText | undefined {
  const range = text.block.node.range;
  const around = headings
    .filter((h) => h.block.node.file === text.block.node.file)
    .map((h) => ({ h, distance: Math.abs(h.block.node.range.start - range.start) }))
    .filter(({ h }) => h.block.node.range.start < range.start)
    .sort((a, b) => a.distance - b.distance);
  return around[0]?.h;
}

/** "the Pro plan now costs $29": the price shown for that plan, its number replaced. */
export function priceStep(model: SiteModel, change: PriceChange, where: string, page?: string): Step {
  const scope = searched(model, page ?? (findPage(model.pages, 'pricing') ? 'pricing' : undefined));
  if ('error' in scope) return fail(scope.error);
  const texts = distinct(scope.texts.length > 0 ? scope.texts : []);
  const headings = texts.filter((t) => t.kind === 'markup' && /^h[1-6]$/.test(t.block.node.tag));
  const prices = texts.filter((t) => priceIn(t) !== undefined && t.block.text.length <= 80);
  const withPlan = prices.map((t) => {
    const heading = t.kind === 'markup' ? markupPlan(t, headings) : undefined;
    const names = heading ? [headingName(heading), heading.block.text] : [dataPlan(t, texts)].filter((n): n is string => n !== undefined);
    return { t, plan: names[0], names };
  });
  const chosen = change.plan ? withPlan.filter((p) => p.names.some((name) => samePlan(name, change.plan as string))) : withPlan;
  if (chosen.length === 0) {
    const plans = [...new Set(withPlan.map((p) => p.plan).filter((p): p is string => p !== undefined))];
    return fail(change.plan ? `I found no price for a plan called ${inlineCode(change.plan)} on ${scope.scope} (${where}).${plans.length > 0 ? ` Plans with a price: ${listOr(plans.slice(0, 6))}.` : ''}` : `I found no price on ${scope.scope} (${where}). Quote the price as the page shows it, e.g. ${inlineCode('on the pricing page, change "$19" to "$29"')}.`);
  }
  const number = newNumber(change.amount);
  if (!number) return fail(`The new price ${inlineCode(change.amount)} has no number.`);
  const alternatives: Alternative[] = [];
  let message = '';
  for (const { t, plan } of chosen.slice(0, 25)) {
    const found = priceIn(t);
    let splice: Splice | undefined;
    try {
      splice = found ? priceSplice(model, t, found, number) : undefined;
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      message ||= error.message;
    }
    if (!found || !splice) continue;
    const line = model.project.line(splice.file, splice.start);
    alternatives.push({ splices: [splice], line: { property: 'price', kind: 'text', from: t.block.text, to: t.block.text.replace(found.number, number), at: `${splice.file}:${line}` }, label: `${plan ? `${plan}: ` : ''}${shorten(t.block.text, 40)}`, description: `${splice.file}:${line}`, ...(chosen.length > 1 ? { needsChoice: true } : {}), section: 'pricing' });
  }
  if (alternatives.length === 0) return fail(message || `The price of ${change.plan ?? 'the plan'} is not written where it can be changed safely.`);
  return { ok: true, alternatives, ...(alternatives.length > 1 ? { question: `${change.plan ? `The ${change.plan} plan` : 'The site'} shows ${alternatives.length} prices. Which one should become ${number}?` } : {}) };
}

const ANSWER_KEY = /^(?:answer|a|content|text|description|body|reply)$/i;

/** Words that say nothing about a question's subject ("the FAQ answer about our refunds"). */
const TOPIC_FILLER = new Set(['a', 'an', 'the', 'about', 'on', 'for', 'of', 'to', 'in', 'our', 'your', 'my', 'their', 'faq', 'faqs', 'question', 'questions', 'answer', 'answers', 'one', 'do', 'does', 'did', 'you', 'we', 'i', 'can', 'is', 'are', 'how', 'what', 'when', 'why', 'which', 'there', 'any', 'page', 'section']);

/** A topic's words, each cut to its stem by dropping a plural's `s` (refunds → refund). */
const topicWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !TOPIC_FILLER.has(w))
    .map((w) => (w.length > 4 ? w.replace(/(?:es|s)$/, '') : w));

/** A question mentions every word of the topic (any form beginning with its stem: refund, refunds, refunded). */
function mentions(question: string, topic: readonly string[]): boolean {
  const words = question.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return topic.every((t) => words.some((w) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w))));
}

const QUESTION_KEY = /^(?:question|q|title|summary|heading|name)$/i;

/** "change the answer to "Can I cancel?" to "…"" or "the FAQ answer about refunds": the text that answers that question. */
export function answerStep(model: SiteModel, change: AnswerChange, where: string, page?: string): Step {
  const scope = searched(model, page);
  if ('error' in scope) return fail(scope.error);
  const texts = distinct(scope.texts);
  const wanted = normalise(change.question);
  const answerOf = (question: SiteText) => (question.kind === 'data' ? dataAnswer(question, texts) : markupAnswer(question, texts));
  let questions = texts.filter((t) => normalise(t.block.text) === wanted);
  // Not quoted as the page shows it: the questions that mention the topic ("refunds"), each with an answer beside it.
  const byTopic = questions.length === 0;
  if (byTopic) {
    const topic = topicWords(change.question);
    const asked = texts.filter((t) => (t.block.text.trim().endsWith('?') || (t.kind === 'data' && QUESTION_KEY.test(String(t.path?.[t.path.length - 1])) && dataAnswer(t, texts) !== undefined)) && answerOf(t) !== undefined);
    questions = topic.length > 0 ? asked.filter((t) => mentions(t.block.text, topic)) : [];
    if (questions.length === 0) {
      const listed = asked.slice(0, 4).map((t) => JSON.stringify(shorten(t.block.text, 60)));
      const quotedQuestion = change.question.trim().endsWith('?');
      return fail(
        quotedQuestion || topic.length === 0
          ? `I did not find the question ${inlineCode(shorten(change.question, 100))} on ${scope.scope} (${where}). ${listed.length > 0 ? `Questions I found: ${listOr(listed)}; quote one of them exactly.` : 'Quote it exactly as the page shows it.'}`
          : `I found no question about ${inlineCode(shorten(change.question, 60))} on ${scope.scope} (${where}). ${listed.length > 0 ? `Questions I found: ${listOr(listed)}; quote the one whose answer should change.` : 'Quote the question as the page shows it.'}`,
      );
    }
  }
  const alternatives: Alternative[] = [];
  for (const question of questions.slice(0, 25)) {
    const answer = answerOf(question);
    if (!answer) continue;
    const made = replaceFound(model, answer, answer.block.text, change.text);
    if ('error' in made) return fail(made.error);
    const line = model.project.line(made.splice.file, made.splice.start);
    // A question found by its topic, not by its words, is offered first when the request quoted a question of its own.
    const unsure = byTopic && (questions.length > 1 || change.question.trim().endsWith('?'));
    alternatives.push({ splices: [made.splice], line: { property: 'answer', kind: 'text', from: made.from, to: change.text, at: `${made.splice.file}:${line}` }, label: `The answer to ${JSON.stringify(shorten(question.block.text, 50))}`, description: `${made.splice.file}:${line}`, ...(unsure ? { needsChoice: true } : {}), section: 'faq' });
  }
  if (alternatives.length === 0) return fail(`I found the question ${inlineCode(shorten(change.question, 100))}, but no answer written next to it that I can change.`);
  if (!byTopic || !alternatives.some((a) => a.needsChoice)) return { ok: true, alternatives };
  return {
    ok: true,
    alternatives,
    question:
      alternatives.length > 1
        ? `${alternatives.length} questions on ${scope.scope} are about ${JSON.stringify(shorten(change.question, 60))}: ${listOr(questions.slice(0, 4).map((q) => JSON.stringify(shorten(q.block.text, 60))))}. Which answer should change? Pick it below to see its preview.`
        : `No question reads exactly ${JSON.stringify(shorten(change.question, 60))}; the closest is ${JSON.stringify(shorten(questions[0].block.text, 60))}. Change its answer? Pick it below to see the preview.`,
  };
}

/** In data: the answer field of the object holding the question. */
function dataAnswer(question: SiteText, texts: readonly SiteText[]): SiteText | undefined {
  const path = question.path ?? [];
  const file = question.block.edit?.kind === 'string' ? question.block.edit.slot.file : '';
  return texts.find((t) => t.kind === 'data' && t.block.edit?.kind === 'string' && t.block.edit.slot.file === file && t.path?.length === path.length && path.slice(0, -1).every((p, i) => t.path?.[i] === p) && ANSWER_KEY.test(String(t.path?.[path.length - 1])));
}

/** In markup: the next text after the question, in the same file. */
function markupAnswer(question: SiteText, texts: readonly SiteText[]): SiteText | undefined {
  const file = question.block.node.file;
  const after = texts.filter((t) => t.kind === 'markup' && t.block.node.file === file && t.block.node.range.start > question.block.node.range.start).sort((a, b) => a.block.node.range.start - b.block.node.range.start);
  return after[0];
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** `name [at] domain [dot] tld`, the way sites hide an address from robots. */
const OBFUSCATED = /([\w.+-]+)\s*[[(]\s*at\s*[\])]\s*([\w-]+(?:\s*[[(]\s*dot\s*[\])]\s*[\w-]+)+)/gi;

interface EmailPlace {
  splice: Splice;
  address: string;
  shown: string;
}

/** Every address in a file's texts and links, with the splice that writes the new one in the same style. */
function emailPlaces(model: SiteModel, texts: readonly SiteText[], to: string): EmailPlace[] {
  const out: EmailPlace[] = [];
  const seen = new Set<string>();
  const files = new Set(texts.map((t) => (t.block.edit?.kind === 'string' ? t.block.edit.slot.file : t.block.node.file)));
  for (const file of files) {
    const source = model.project.text(file) ?? '';
    for (const match of source.matchAll(EMAIL)) {
      const at = match.index ?? 0;
      const key = `${file}:${at}`;
      if (seen.has(key) || /[\w.-]$/.test(source.slice(Math.max(0, at - 1), at))) continue;
      seen.add(key);
      out.push({ splice: { file, start: at, end: at + match[0].length, text: to }, address: match[0].toLowerCase(), shown: match[0] });
    }
    for (const match of source.matchAll(OBFUSCATED)) {
      const at = match.index ?? 0;
      const dot = /\s*[[(]\s*dot\s*[\])]\s*/i.exec(match[0])?.[0] ?? ' [dot] ';
      const atWord = /\s*[[(]\s*at\s*[\])]\s*/i.exec(match[0])?.[0] ?? ' [at] ';
      const [name, domain] = to.split('@');
      const written = `${name}${atWord}${domain.split('.').join(dot)}`;
      const address = `${match[1]}@${match[2].split(/\s*[[(]\s*dot\s*[\])]\s*/i).join('.')}`.toLowerCase();
      out.push({ splice: { file, start: at, end: at + match[0].length, text: written }, address, shown: match[0] });
    }
  }
  return out;
}

function hasAddress(model: SiteModel, page: string): boolean {
  const scope = searched(model, page);
  return !('error' in scope) && emailPlaces(model, scope.texts.filter((t) => t.page !== '*'), 'x@example.com').length > 0;
}

/** "change the contact email to hello@acme.com": the address shown on the contact page (or the site), everywhere it is written there. */
export function emailStep(model: SiteModel, change: EmailChange, where: string, page?: string): Step {
  const contactPage = page ?? (findPage(model.pages, 'contact') ? 'contact' : findPage(model.pages, 'contact-us') ? 'contact-us' : undefined);
  // A contact page that shows no address (a form, a postal address) leaves the one the whole site shows (a theme's footer).
  const contact = contactPage && !page && !hasAddress(model, contactPage) ? undefined : contactPage;
  const scope = searched(model, contact);
  if ('error' in scope) return fail(scope.error);
  // The page's own files: its markup, its components and the data it reads.
  const texts = scope.texts.filter((t) => t.page !== '*' || !contact);
  const places = emailPlaces(model, texts, change.address);
  const addresses = [...new Set(places.map((p) => p.address))];
  const wanted = change.from?.toLowerCase();
  const chosen = wanted ? places.filter((p) => p.address === wanted) : addresses.length === 1 ? places : [];
  if (places.length === 0) return fail(`I found no e-mail address on ${scope.scope} (${where})${contact ? '' : ' (there is no contact page)'}. Say where it should go, or add it to the page first.`);
  if (chosen.length === 0) {
    return wanted
      ? fail(`The address ${inlineCode(change.from ?? '')} is not on ${scope.scope}; it shows ${listOr(addresses.map((a) => inlineCode(a)))}.`)
      : fail(`${scope.scope === 'the site' ? 'The site' : `${scope.scope.charAt(0).toUpperCase()}${scope.scope.slice(1)}`} shows several e-mail addresses (${listOr(addresses.map((a) => inlineCode(a)))}). Which one becomes ${inlineCode(change.address)}? Say e.g. ${inlineCode(`change ${addresses[0]} to ${change.address}`)}.`);
  }
  if (chosen.every((p) => p.address === change.address.toLowerCase())) return fail(`Nothing would change: ${scope.scope} already shows ${inlineCode(change.address)}.`);
  const first = chosen[0];
  const written = chosen.map((p) => `${p.splice.file}:${model.project.line(p.splice.file, p.splice.start)}`).join(', ');
  // The count goes in a sentence of its own: the change line shows the address alone, as code.
  const note = [chosen.length > 1 ? `The address is written in ${chosen.length} places, all changed: ${written}.` : undefined, chosen.some((p) => p.splice.text !== change.address) ? 'The address is written the way the page hides it from robots, as before.' : undefined].filter(Boolean).join(' ');
  return {
    ok: true,
    alternatives: [
      {
        splices: chosen.map((p) => p.splice),
        line: { property: 'email', kind: 'text', from: first.shown, to: change.address, at: `${first.splice.file}:${model.project.line(first.splice.file, first.splice.start)}` },
        label: first.shown,
        description: written,
        ...(note ? { note } : {}),
        section: 'contact',
      },
    ],
  };
}
