import { inlineCode, shorten } from '../../domain/discord-text';
import type { ParseOutcome, UxIntent } from './intent';
import type { SiteMap } from './site-map';

/**
 * Plain-language requests about the site as a whole rather than one landmark, read before the
 * section rules: the title and description search engines show, the brand colour, a plan's
 * price, a FAQ answer, the contact e-mail, and the page a change is on ("on the about page").
 * Each either becomes an intent or one precise question; none guesses between readings.
 */
export interface Masked {
  /** Lower-cased, quotes as `\u0000n\u0000`. */
  lower: string;
  original: string;
  quotes: readonly string[];
}

const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** A link's address or path (`https://google.com/search`, `/search`) names no section or SEO field: blanked before words are read. */
export const withoutAddresses = (text: string): string => text.replace(/https?:\/\/\S+|(^|[\s(])\/[^\s)]*/g, '$1 ');
const has = (map: SiteMap, section: string) => Object.prototype.hasOwnProperty.call(map.sections, section);
const clarify = (question: string): ParseOutcome => ({ kind: 'clarification', question, parser: 'rules' });
const intent = (value: UxIntent): ParseOutcome => ({ kind: 'intent', intent: value, parser: 'rules' });

/** "on the about page", "on the pricing page,", "on /about", "of the contact page": the page named, and the text without those words. */
export function pageScope(masked: Masked): { page?: string; rest: Masked } {
  // "on /about" names a page; "to /pricing" is where a link goes.
  const pattern = /\b(?:on|in|of|from)\s+(?:(?:the|our|my)\s+)?(?:(\/[\w/-]*)(?=[\s,]|$)|([\w-]+(?:\s+[\w-]+)?)\s+page\b)(?:\s*,)?/;
  const match = pattern.exec(masked.lower);
  if (!match || /\b(?:home|landing|front|main|this|that|same|whole|entire|every)\b/.test(match[2] ?? '')) return { rest: masked };
  const page = match[1] ?? match[2];
  const cut = (text: string) => `${text.slice(0, match.index)}${' '.repeat(match[0].length)}${text.slice(match.index + match[0].length)}`;
  return { page, rest: { lower: cut(masked.lower), original: cut(masked.original), quotes: masked.quotes } };
}

/**
 * "change the "Get Started" button to …": a button (the home page's call to action, `cta-text`)
 * names the home page, where a visitor meets it first; a bare quote names no page.
 */
export function homeButton(masked: Masked): boolean {
  return /\b(?:button|cta|call[\s-]to[\s-]action)\b/.test(masked.lower.replace(PLACEHOLDER, ' '));
}

/** The quote given as the new value: after "to", "as", "with", "say", "read", or the last one. */
function newValue(masked: Masked): string | undefined {
  const after = /\b(?:to|as|with|into|say|says|read|reads|be|is now|now)\s+\u0000(\d+)\u0000/g;
  let found: string | undefined;
  for (const match of masked.lower.matchAll(after)) found = masked.quotes[Number(match[1])];
  return found ?? (masked.quotes.length > 0 ? masked.quotes[masked.quotes.length - 1] : undefined);
}

const SEO_CUE = /\b(?:google|bing|search engines?|search results?|seo|meta[\s-]?(?:description|title|tags?|data)|metadata|title tag|browser tabs?|tab title|social (?:preview|cards?|shares?)|og:(?:title|description)|snippet)\b|<title>/;

/** Words naming one post, article or entry of the site rather than the site. */
const ONE_PAGE = /\b(?:blog\s+)?(?:posts?|articles?|entry|entries|episodes?|stories|story|chapters?|tutorials?|recipes?|docs? pages?|pages? of the docs)\b/;

/** "change the site's meta description to …", "the title in Google and the browser tab should be …". */
export function seoRequest(masked: Masked, siteMap: SiteMap, page?: string): ParseOutcome | undefined {
  const text = withoutAddresses(masked.lower.replace(PLACEHOLDER, ' '));
  if (!SEO_CUE.test(text)) return titleOrDescription(masked, siteMap, page);
  if (!has(siteMap, 'seo')) {
    return clarify('I found no title or description for search engines written in this site\'s files (a `<title>`, a meta description or an SEO setting with its words in the code or config; words the site loads from a CMS or a content query at build time are out of my reach). Add one to the site first, or say which visible text should change.');
  }
  const description = /\b(?:description|summary|snippet|blurb)\b/.test(text);
  const title = /\b(?:title|name|headline|heading|tag)\b/.test(text);
  if (description === title) return clarify(`Should the title search engines show change, or the description under it? Say e.g. ${inlineCode('change the meta description to "…"')} or ${inlineCode('change the site title in Google to "…"')}.`);
  const value = newValue(masked);
  if (!value) return clarify(`What should the ${description ? 'description' : 'title'} search engines show say? Put it in double quotes, e.g. ${inlineCode(`change the ${description ? 'meta description' : 'site title in Google'} to "…"`)}.`);
  const named = page ?? pageOfField(text);
  const field = description ? 'meta description' : 'title search engines show';
  // "the anglerfish post's meta description": one post's or article's own, which the site's setting is not. Never the site's by default.
  if (!named && ONE_PAGE.test(text) && !/\b(?:site|website|whole|every|all)\b/.test(text)) {
    return clarify(`Which page's ${field} should change? Name the page by its address, e.g. ${inlineCode(`on /posts/my-post, change the ${description ? 'meta description' : 'title in Google'} to "${shorten(value, 40)}"`, 140)} (/ux-map lists the pages and their addresses), or say ${inlineCode(`the site's ${description ? 'meta description' : 'title in Google'}`)} for the one every page without its own shows.`);
  }
  return intent({ section: 'seo', changes: [{ property: description ? 'description' : 'title', value }], ...(named ? { page: named } : {}) });
}

const hasProperty = (map: SiteMap, section: string, property: string) => has(map, section) && Object.prototype.hasOwnProperty.call(map.sections[section].properties, property);

/**
 * "change the title to …", "change the site description to …": words a visitor reads (the hero
 * headline, the site title in the header, the hero paragraph) or what search engines show? Asked,
 * naming each reading with the words that ask for it, never guessed.
 */
function titleOrDescription(masked: Masked, siteMap: SiteMap, page?: string): ParseOutcome | undefined {
  const text = masked.lower.replace(/\s+/g, ' ').trim();
  const match = /^(?:please\s+)?(?:change|set|update|make|edit|replace|rename)\s+(?:the\s+|our\s+|my\s+)?(?:(?:site|website|page)(?:'s)?\s+)?(title|description)\s+(?:to|as|into|with)\s+\u0000(\d+)\u0000[.!]?$/.exec(text);
  if (!match || !has(siteMap, 'seo')) return undefined;
  const field = match[1] as 'title' | 'description';
  const value = masked.quotes[Number(match[2])];
  const on = page ? `on the ${page.startsWith('/') ? page : `${page} page`}, ` : '';
  const say = (words: string) => inlineCode(`${on}${words} to "${value}"`, 120);
  const readings: string[] = [];
  if (page) {
    readings.push(`a heading on the page: quote it, e.g. ${inlineCode(`${on}change "…" to "${value}"`, 120)}`);
  } else if (field === 'title') {
    if (hasProperty(siteMap, 'home', 'hero-text') && !/\b(?:site|website)\b/.test(text)) readings.push(`the hero headline: ${say('change the hero headline')}`);
    if (hasProperty(siteMap, 'header', 'text') || hasProperty(siteMap, 'navbar', 'brand')) readings.push(`the site title in the header: ${say('change the site title in the header')}`);
  } else if (hasProperty(siteMap, 'home', 'description')) {
    readings.push(`the paragraph under the hero headline: ${say('change the hero paragraph')}`);
  }
  // Nothing a visitor reads goes by that name here: what search engines show is the only reading.
  if (readings.length === 0) return intent({ section: 'seo', changes: [{ property: field, value }], ...(page ? { page } : {}) });
  readings.push(`the ${field === 'title' ? 'title search engines and the browser tab show' : 'description search engines show'}: ${say(field === 'title' ? 'change the title in Google' : 'change the meta description')}`);
  return clarify(`Which ${field} should become ${inlineCode(value, 80)}? It could be ${readings.map((r, i) => `(${i + 1}) ${r}`).join('; ')}. Ask again with the one you mean.`);
}

/** "the about page title", "the pricing page's meta description": the page whose own title or description it is. */
function pageOfField(text: string): string | undefined {
  const match = /\b(?:the\s+)?(\/[\w/-]*|[\w-]+)\s+page(?:'s|s)?\s+(?:(?:seo|meta|browser|tab|search|google)\s+)?(?:title|description)\b/.exec(text);
  return match && !/^(?:home|landing|front|main|this|that|same|whole|entire|every|web|search|index)$/.test(match[1]) ? match[1] : undefined;
}

const BRAND = /\b(?:brand|primary|main|theme|accent|site[\s-]?wide|key)\s+colou?rs?\b|\bcolou?rs?\s+(?:everywhere|site[\s-]?wide|across the (?:site|website))\b/;

/** "change our brand colour to teal #0f766e everywhere", "make the primary colour green". */
export function brandColorRequest(masked: Masked, siteMap: SiteMap, color: string | undefined): ParseOutcome | undefined {
  if (!BRAND.test(masked.lower)) return undefined;
  if (!has(siteMap, 'theme')) return clarify('I found no brand or primary colour in the site\'s theme (a Tailwind `primary`/`brand` colour, a `--color-primary` or `$primary`). Which part of the page should change colour: the header, the navbar, the footer or a button?');
  if (!color) return clarify(`Which colour should the brand colour be? Say e.g. ${inlineCode('change the brand colour to #0f766e')}.`);
  return intent({ section: 'theme', changes: [{ property: 'primary-color', value: color }] });
}

const MONEY = /(?:[$€£¥₹]\s?\d[\d,]*(?:\.\d{1,2})?|\d[\d,]*(?:\.\d{1,2})?\s?(?:[$€£¥₹]|usd|eur|gbp|dollars?|euros?))(?:\s*(?:\/|per|a|an)\s*(?:month|mo|year|yr|user|seat))?/i;

/** "the Personal Plan now costs $19 a month", "raise the Pro plan to $129 per month", "change the Pro plan price to $29". */
export function priceRequest(masked: Masked, page?: string): ParseOutcome | undefined {
  const text = masked.original.replace(PLACEHOLDER, (_, n: string) => masked.quotes[Number(n)]);
  const lower = text.toLowerCase();
  if (!/\b(?:price|prices|pricing|costs?|plan|tier|package|subscription)\b/.test(lower) || masked.quotes.length > 1) return undefined;
  const amounts = [...text.matchAll(new RegExp(MONEY.source, 'gi'))];
  if (amounts.length !== 1) return amounts.length > 1 ? clarify(`Which price should change, and to what? Say it with one amount, e.g. ${inlineCode('change the Pro plan price to $29')}.`) : undefined;
  const amount = amounts[0][0].trim();
  const keyword = '(?:[Pp]lan|[Tt]ier|[Pp]ackage|[Ss]ubscription)';
  // Plan names in any alphabet ("Café", "Équipe"): a capital letter, then letters, digits, + or -.
  const name = '\\p{Lu}[\\p{L}\\p{N}+-]*';
  const plan = new RegExp(`(?<![\\p{L}\\p{N}])(?:the\\s+)?(${name}(?:\\s+(?!${keyword}(?![\\p{L}\\p{N}]))${name})*)\\s+${keyword}(?![\\p{L}\\p{N}])`, 'u').exec(text)?.[1] ?? new RegExp(`(?<![\\p{L}\\p{N}])${keyword}\\s+(?:called\\s+)?["“]?(${name}(?:\\s+${name})*)`, 'u').exec(text)?.[1];
  return intent({ section: '', changes: [], price: { ...(plan && !/^(?:The|Our|My|Each|Every|This)$/.test(plan) ? { plan } : {}), amount }, ...(page ? { page } : {}) });
}

/** "the FAQ answer about refunds", "the answer on cancelling": the subject named instead of the question quoted. */
const ANSWER_TOPIC = /\b(?:answer|faq|question)s?\s+(?:about|on|for|regarding|concerning|to the question about)\s+(?:the\s+|our\s+)?([^\u0000]+?)\s+(?:to|with|as|into|so it says|so that it says)\s+\u0000\d+\u0000/;

/** "in the FAQ, change the answer to "What …?" to "…"", "change the FAQ answer about refunds to "…"". */
export function answerRequest(masked: Masked, page?: string): ParseOutcome | undefined {
  if (!/\b(?:faq|faqs|answer|answers|question)\b/.test(masked.lower) || masked.quotes.length === 0) return undefined;
  if (!/\banswer\b/.test(masked.lower)) return undefined;
  const topic = masked.quotes.length === 1 ? ANSWER_TOPIC.exec(masked.lower)?.[1]?.trim() : undefined;
  if (topic) return intent({ section: '', changes: [], answer: { question: topic, text: masked.quotes[0] }, ...(page ? { page } : {}) });
  if (masked.quotes.length < 2) return clarify(`Which question's answer should change, and to what? Quote both, e.g. ${inlineCode('change the answer to "Can I cancel anytime?" to "Yes, at any time."')}.`);
  return intent({ section: '', changes: [], answer: { question: masked.quotes[0], text: masked.quotes[masked.quotes.length - 1] }, ...(page ? { page } : {}) });
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/** "our support email is now help@acme.dev", "change the contact email to hello@acme.com". */
export function emailRequest(masked: Masked, page?: string): ParseOutcome | undefined {
  const text = masked.original.replace(PLACEHOLDER, (_, n: string) => masked.quotes[Number(n)]);
  // Words about the address are the request's own, not quoted text ("…phone and email support").
  if (!/\b(?:e-?mails?|mail|address|contact)\b/i.test(masked.lower.replace(PLACEHOLDER, ' '))) return undefined;
  const addresses = [...text.matchAll(new RegExp(EMAIL.source, 'g'))].map((m) => m[0].replace(/[.,;]+$/, ''));
  if (addresses.length === 0) return /\be-?mail\b/i.test(text) && /\b(?:change|update|set|replace|now)\b/i.test(text) ? clarify(`What is the new e-mail address? Say e.g. ${inlineCode('change the contact email to hello@acme.com')}.`) : undefined;
  const address = addresses[addresses.length - 1];
  const from = addresses.length > 1 ? addresses[0] : undefined;
  return intent({ section: '', changes: [], email: { address, ...(from ? { from } : {}) }, ...(page ? { page } : {}) });
}
