import { inlineCode, shorten } from '../../domain/discord-text';
import type { SiteModel } from './discovery/site-model';
import { findPage, pageTexts, sharedData, type SiteText } from './discovery/site-texts';
import type { TextBlock } from './discovery/text-blocks';
import { renameLinkSplice } from './edits/link-list';
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

/** The change of one found text: its words replaced (a link label renamed, a line of a long value rewritten). */
function replaceFound(model: SiteModel, found: SiteText, from: string, to: string): { splice: Splice; from: string; note?: string; removes: boolean } | { error: string } {
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

/** `change "X" to "Y"`, also `on the about page, …`: the home page first (as before), then every page and the content data. */
export function siteReplaceStep(model: SiteModel, from: string, to: string, section: string, where: string, page?: string): Step {
  if (!page || findPage(model.pages, page)?.route === '/') {
    const home = replaceStep(model, from, to, section, where);
    if (home.ok || home.question || section || page) return home;
  }
  const scope = searched(model, page);
  if ('error' in scope) return fail(scope.error);
  const wanted = normalise(from);
  const matches = distinct(scope.texts.filter((t) => normalise(t.block.text) === wanted || lineMatch(t, wanted) !== undefined));
  if (matches.length === 0) {
    const near = distinct(scope.texts.filter((t) => normalise(t.block.text).includes(wanted))).map((t) => `${JSON.stringify(shorten(t.block.text, 60))} (${pageLabel(t.page)})`);
    return fail(`I did not find the text ${inlineCode(shorten(from, 80))} on ${scope.scope} (${where}).${near.length > 0 ? ` Texts that contain it: ${listOr(near.slice(0, 3))}; quote the whole text.` : ' Quote the text exactly as the page shows it.'}`);
  }
  const pages = [...new Set(matches.map((m) => m.page))];
  const alternatives: Alternative[] = [];
  let message = '';
  for (const found of matches.slice(0, 25)) {
    const made = replaceFound(model, found, from, to);
    if ('error' in made) {
      message ||= made.error;
      continue;
    }
    const file = made.splice.file;
    const line = model.project.line(file, made.splice.start);
    alternatives.push({
      splices: [made.splice],
      line: { property: 'text', kind: 'text', from: made.from, to, at: `${file}:${line}` },
      label: `${JSON.stringify(shorten(found.block.text, 40))} on ${pageLabel(found.page)}`,
      description: `${file}:${line}`,
      ...(made.removes || matches.length > 1 ? { needsChoice: true } : {}),
      ...(made.note ? { note: made.note } : {}),
      section: 'page',
    });
  }
  if (alternatives.length === 0) return fail(message || `The text ${inlineCode(shorten(from, 80))} cannot be changed where it is written.`);
  return {
    ok: true,
    alternatives,
    ...(matches.length > alternatives.length ? { found: matches.length } : {}),
    ...(alternatives.length > 1 ? { question: `The text ${JSON.stringify(shorten(from, 60))} is on ${pages.length > 1 ? `${pages.length} pages (${listOr(pages.slice(0, 5).map(pageLabel))})` : `${pageLabel(pages[0])} ${alternatives.length} times`}. Which one should change? Pick it below to see its preview.` } : {}),
  };
}

/** A price as a site writes it: `$15`, `€9.50`, `15 €`, `49` in a `price` field. */
const MONEY = /(?:([$€£¥₹])\s?(\d[\d,]*(?:\.\d{1,2})?)|(\d[\d,]*(?:\.\d{1,2})?)\s?([$€£¥₹]))/;
const PRICE_KEY = /^(?:price|amount|cost|monthly|yearly|annual|fee)$/i;
const PLAN_KEY = /^(?:name|title|plan|label|heading|tier)$/i;

/** The number of the new price, written the site's way: `$29` into `$15`, `129` into `$99 per month`'s `99`. */
function newNumber(amount: string): string | undefined {
  return /\d[\d,]*(?:\.\d{1,2})?/.exec(amount)?.[0];
}

const samePlan = (shown: string, plan: string) => {
  const clean = (s: string) => s.toLowerCase().replace(/\bplan\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return clean(shown) === clean(plan);
};

/** A price text's number, or a price field holding only a number. */
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

/** The plan a price shown in markup belongs to: the heading of the smallest part of the page holding both. */
function markupPlan(text: SiteText, headings: readonly SiteText[]): string | undefined {
  const range = text.block.node.range;
  const around = headings
    .filter((h) => h.block.node.file === text.block.node.file)
    .map((h) => ({ h, distance: Math.abs(h.block.node.range.start - range.start) }))
    .filter(({ h }) => h.block.node.range.start < range.start)
    .sort((a, b) => a.distance - b.distance);
  return around[0]?.h.block.text;
}

/** "the Pro plan now costs $29": the price shown for that plan, its number replaced. */
export function priceStep(model: SiteModel, change: PriceChange, where: string, page?: string): Step {
  const scope = searched(model, page ?? (findPage(model.pages, 'pricing') ? 'pricing' : undefined));
  if ('error' in scope) return fail(scope.error);
  const texts = distinct(scope.texts.length > 0 ? scope.texts : []);
  const headings = texts.filter((t) => t.kind === 'markup' && /^h[1-6]$/.test(t.block.node.tag));
  const prices = texts.filter((t) => priceIn(t) !== undefined && t.block.text.length <= 80);
  const withPlan = prices.map((t) => ({ t, plan: dataPlan(t, texts) ?? (t.kind === 'markup' ? markupPlan(t, headings) : undefined) }));
  const chosen = change.plan ? withPlan.filter((p) => p.plan !== undefined && samePlan(p.plan, change.plan as string)) : withPlan;
  if (chosen.length === 0) {
    const plans = [...new Set(withPlan.map((p) => p.plan).filter((p): p is string => p !== undefined))];
    return fail(change.plan ? `I found no price for a plan called ${inlineCode(change.plan)} on ${scope.scope} (${where}).${plans.length > 0 ? ` Plans with a price: ${listOr(plans.slice(0, 6))}.` : ''}` : `I found no price on ${scope.scope} (${where}). Quote the price as the page shows it, e.g. ${inlineCode('on the pricing page, change "$19" to "$29"')}.`);
  }
  const number = newNumber(change.amount);
  if (!number) return fail(`The new price ${inlineCode(change.amount)} has no number.`);
  const alternatives: Alternative[] = [];
  for (const { t, plan } of chosen.slice(0, 25)) {
    const found = priceIn(t);
    const edit = t.block.edit;
    if (!found || !edit) continue;
    let splice: Splice;
    if (edit.kind === 'string') {
      const value = edit.replaced.slice(0, found.at) + number + edit.replaced.slice(found.at + found.number.length);
      splice = { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(value, edit.slot) };
    } else {
      const source = model.project.text(edit.file) ?? '';
      const at = source.indexOf(found.number, edit.start);
      if (at < 0 || at > edit.end) continue;
      splice = { file: edit.file, start: at, end: at + found.number.length, text: number };
    }
    const line = model.project.line(splice.file, splice.start);
    alternatives.push({ splices: [splice], line: { property: 'price', kind: 'text', from: t.block.text, to: t.block.text.replace(found.number, number), at: `${splice.file}:${line}` }, label: `${plan ? `${plan}: ` : ''}${shorten(t.block.text, 40)}`, description: `${splice.file}:${line}`, ...(chosen.length > 1 ? { needsChoice: true } : {}), section: 'pricing' });
  }
  if (alternatives.length === 0) return fail(`The price of ${change.plan ?? 'the plan'} is not written where it can be changed safely.`);
  return { ok: true, alternatives, ...(alternatives.length > 1 ? { question: `${change.plan ? `The ${change.plan} plan` : 'The site'} shows ${alternatives.length} prices. Which one should become ${number}?` } : {}) };
}

const ANSWER_KEY = /^(?:answer|a|content|text|description|body|reply)$/i;

/** "change the answer to "Can I cancel?" to "…"": the text that answers that question. */
export function answerStep(model: SiteModel, change: AnswerChange, where: string, page?: string): Step {
  const scope = searched(model, page);
  if ('error' in scope) return fail(scope.error);
  const texts = distinct(scope.texts);
  const wanted = normalise(change.question);
  const questions = texts.filter((t) => normalise(t.block.text) === wanted);
  if (questions.length === 0) return fail(`I did not find the question ${inlineCode(shorten(change.question, 100))} on ${scope.scope} (${where}). Quote it exactly as the page shows it.`);
  const alternatives: Alternative[] = [];
  for (const question of questions) {
    const answer = question.kind === 'data' ? dataAnswer(question, texts) : markupAnswer(question, texts);
    if (!answer) continue;
    const made = replaceFound(model, answer, answer.block.text, change.text);
    if ('error' in made) return fail(made.error);
    const line = model.project.line(made.splice.file, made.splice.start);
    alternatives.push({ splices: [made.splice], line: { property: 'answer', kind: 'text', from: made.from, to: change.text, at: `${made.splice.file}:${line}` }, label: `The answer to ${JSON.stringify(shorten(question.block.text, 50))}`, description: `${made.splice.file}:${line}`, section: 'faq' });
  }
  if (alternatives.length === 0) return fail(`I found the question ${inlineCode(shorten(change.question, 100))}, but no answer written next to it that I can change.`);
  return { ok: true, alternatives };
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

/** "change the contact email to hello@acme.com": the address shown on the contact page (or the site), everywhere it is written there. */
export function emailStep(model: SiteModel, change: EmailChange, where: string, page?: string): Step {
  const contact = page ?? (findPage(model.pages, 'contact') ? 'contact' : findPage(model.pages, 'contact-us') ? 'contact-us' : undefined);
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
  return {
    ok: true,
    alternatives: [
      {
        splices: chosen.map((p) => p.splice),
        line: { property: 'email', kind: 'text', from: first.shown, to: chosen.length > 1 ? `${change.address} (${chosen.length} places)` : change.address, at: `${first.splice.file}:${model.project.line(first.splice.file, first.splice.start)}` },
        label: first.shown,
        description: chosen.map((p) => `${p.splice.file}:${model.project.line(p.splice.file, p.splice.start)}`).join(', '),
        ...(chosen.some((p) => p.splice.text !== change.address) ? { note: 'The address is written the way the page hides it from robots, as before.' } : {}),
        section: 'contact',
      },
    ],
  };
}
