import { namedColor } from './color';
import { inlineCode, shorten } from '../../domain/discord-text';
import type { IntentParser, LinkRename, LinkToAdd, ParseOutcome, PropertyChange, SectionQuestion, StyleChange, StyleStep } from './intent';
import { propertyKind, type SectionSpec, type SiteMap } from './site-map';
import { closest, listOr } from './suggest';
import { answerRequest, brandColorRequest, emailRequest, homeButton, pageScope, priceRequest, seoRequest, withoutAddresses } from './rules-site-requests';

/**
 * The deterministic plain-language parser: common phrasings such as "make the navbar blue",
 * "set the header colour to #112233", `change the footer text to "…"`, "rename the brand to …".
 * It never guesses between two readings: when unsure it asks one precise question.
 */
const PLACEHOLDER = /\u0000(\d+)\u0000/g;
const CLAUSE_SPLIT = /\s*(?:[,;]|\.(?=\s|$)|\band\b|\bthen\b|\balso\b|\bplus\b)\s*/;
const COLOR_WORDS = ['color', 'colour', 'background', 'background color', 'background colour', 'bg'];
/** Verbs that make the rest of the clause the new text ("make the footer say …", "rename the brand to …"). */
const SAYS_VERBS = /\b(?:say|says|read|reads|rename|renamed)\b/;
const UNQUOTED_VALUE = /\b(?:to\s+(?:say|read)|to|as|says?|reads?|into)\s+(.+)$/;
const LINK_REQUEST = /\b(?:add|put|insert|include|create)\b(?:\s+(?:\S+)){0,4}?\s+(?:link|menu item|nav item|navigation link|navigation item|tab)s?\b/;
const REMOVE_VERB = /\b(?:remove|delete|drop|take\s+out|get\s+rid\s+of|hide)\b/;
const LINK_WORD = /\b(?:link|menu item|nav item|navigation item|tab)s?\b/;
const REMOVE_LINK = /\b(?:remove|delete|drop|take\s+out|get\s+rid\s+of|hide)\s+(?:the\s+)?(.+?)\s+(?:link|menu item|nav item|navigation item|tab)s?\b/;
const RENAME_LINK = /\brename\s+(?:the\s+)?(.+?)\s+(?:link|menu item|nav item|navigation item|tab)(?:\s+(?:in|on|of|from)\s+the\s+[\w -]+?)?\s+(?:to|as|into)\s+(.+?)\s*$/;
/** Words that ask for a style step, and the step they mean. */
const STYLE_WORDS: ReadonlyArray<[RegExp, StyleStep]> = [
  [/\b(?:bigger|larger|huger|more prominent|increase (?:the )?(?:font )?size)\b/, 'bigger'],
  [/\b(?:smaller|tinier|less prominent|decrease (?:the )?(?:font )?size)\b/, 'smaller'],
  [/\b(?:bolder|bold|heavier)\b/, 'bolder'],
  [/\b(?:round|rounded|rounder|pill(?:-shaped)?)\b/, 'rounded'],
  [/\b(?:square|sharp corners|no rounded corners)\b/, 'square'],
];
/** `change "X" to "Y"`: the first quote is text on the page, the second its replacement. */
const REPLACE_REQUEST = /\b(?:change|replace|rename|update|swap|reword|edit|turn|make)\b(?:(?!\bto\b|\bwith\b)[^\u0000])*\u0000(\d+)\u0000(?:(?!\u0000).)*?\b(?:to|with|into|by|say|read)\s+\u0000(\d+)\u0000/;

interface Masked {
  /** The request with quoted text replaced by placeholders, ASCII lower-cased (same length as `original`). */
  lower: string;
  original: string;
  quotes: string[];
}

type Unclosed = { unclosed: true };

function mask(text: string): Masked | Unclosed {
  const quotes: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const closer = c === '"' ? '"' : c === '“' ? '”' : c === "'" && (i === 0 || /[\s(:]/.test(text[i - 1])) ? "'" : undefined;
    if (closer) {
      let end = text.indexOf(closer, i + 1);
      if (closer === '”' && end < 0) end = text.indexOf('"', i + 1);
      if (closer === "'") {
        while (end >= 0 && end + 1 < text.length && /\w/.test(text[end + 1])) end = text.indexOf("'", end + 1);
      }
      if (end < 0) {
        if (closer === "'") {
          out += c;
          i++;
          continue;
        }
        return { unclosed: true };
      }
      out += `\u0000${quotes.length}\u0000`;
      quotes.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    out += c;
    i++;
  }
  return { original: out, lower: out.replace(/[A-Z]/g, (ch) => ch.toLowerCase()), quotes };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termPattern = (term: string) => new RegExp(`(?<![\\w-])${escapeRegExp(term).replace(/\\?\s+/g, '[\\s-]*')}(?![\\w-])`);
const mentions = (text: string, term: string) => termPattern(term).test(text);

function sectionTerms(siteMap: SiteMap): Array<{ section: string; term: string }> {
  return Object.entries(siteMap.sections)
    .flatMap(([section, spec]) => [section, ...(spec.aliases ?? [])].map((term) => ({ section, term })))
    .sort((a, b) => b.term.length - a.term.length);
}

function propertyTerms(section: SectionSpec): Array<{ property: string; term: string }> {
  return Object.entries(section.properties)
    .flatMap(([property, spec]) => [property, property.replace(/-/g, ' '), ...(spec.aliases ?? [])].map((term) => ({ property, term })))
    .sort((a, b) => b.term.length - a.term.length);
}

/** Sections the request names, longest terms first so "top bar" wins over a shorter overlap. */
function findSections(lower: string, siteMap: SiteMap): string[] {
  // A link's path or address names no section: "/search" is a page, not what search engines show.
  let rest = withoutAddresses(lower);
  const found = new Set<string>();
  for (const { section, term } of sectionTerms(siteMap)) {
    const pattern = new RegExp(termPattern(term).source, 'g');
    if (pattern.test(rest)) {
      found.add(section);
      rest = rest.replace(pattern, ' ');
    }
  }
  return [...found];
}

/** A section implied by a property only one section has ("rename the brand" → navbar). */
function sectionFromProperty(lower: string, siteMap: SiteMap): string | undefined {
  const owners = new Set<string>();
  for (const [name, section] of Object.entries(siteMap.sections)) {
    for (const { term } of propertyTerms(section)) {
      if (COLOR_WORDS.includes(term) || term === 'text' || term === 'links' || term === 'link') continue;
      if (mentions(lower, term)) owners.add(name);
    }
  }
  if (owners.size === 1) return [...owners][0];
  // The header and the navbar often share the brand and the links: one place, either name.
  if (owners.size === 2 && owners.has('header') && owners.has('navbar')) return 'navbar';
  return undefined;
}

/** A word that looks like a misspelt section name ("heder" → header). */
function guessSection(lower: string, siteMap: SiteMap): { section: string; word: string } | undefined {
  const names = Object.keys(siteMap.sections);
  for (const word of lower.replace(PLACEHOLDER, ' ').split(/[^a-z-]+/)) {
    if (word.length < 4) continue;
    const match = closest(word, names);
    if (match) return { section: match, word };
  }
  return undefined;
}

/** The colour a clause names: a hex value, a colour function (to be refused later), or a CSS colour name of up to three words. */
function findColor(lower: string): string | undefined {
  const hex = /#[0-9a-z]+\b/.exec(lower);
  if (hex) return hex[0];
  const fn = /\b(?:rgba?|hsla?|hwb|oklch|oklab|lab|lch)\s*\([^)]*\)?/.exec(lower);
  if (fn) return fn[0];
  const words = lower.split(/[^a-z]+/).filter(Boolean);
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const name = words.slice(i, i + size).join('');
      if (!namedColor(name)) continue;
      // "dark brown": the shade word goes with the colour even where CSS has no such name.
      if (size === 1 && /^(?:dark|deep|light|pale|bright)$/.test(words[i - 1] ?? '')) return `${words[i - 1]} ${name}`;
      return words.slice(i, i + size).join(' ');
    }
  }
  return undefined;
}

function mentionedProperty(lower: string, section: SectionSpec, kind: 'text' | 'color'): string | undefined {
  for (const { property, term } of propertyTerms(section)) {
    if (propertyKind(section.properties[property]) === kind && mentions(lower, term)) return property;
  }
  return undefined;
}

function propertiesOfKind(section: SectionSpec, kind: 'text' | 'color' | 'links'): string[] {
  return Object.entries(section.properties)
    .filter(([, spec]) => propertyKind(spec) === kind)
    .map(([name]) => name);
}

const restore = (text: string, quotes: readonly string[]) => text.replace(PLACEHOLDER, (_, n: string) => quotes[Number(n)]);

function labelFromPath(href: string): string {
  const last = href.replace(/^https?:\/\/[^/]+/, '').split(/[/#?]/).filter(Boolean).pop() ?? '';
  const words = last.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

interface ClauseResult {
  changes: PropertyChange[];
  links: LinkToAdd[];
  removeLinks: string[];
  renameLinks: LinkRename[];
  styles: StyleChange[];
  question?: string;
  understood: boolean;
  /** Where in the clause an unquoted text value began (its end is only a guess). */
  unquotedAt?: number;
}

/** Words that may follow a request without changing it. */
const FILLER = /^(?:please|pls|thanks|thank you|asap|now|too|as well|for me)$/;

function parseClause(lowerClause: string, originalClause: string, quotes: readonly string[], sectionName: string, section: SectionSpec): ClauseResult {
  const result: ClauseResult = { changes: [], links: [], removeLinks: [], renameLinks: [], styles: [], understood: false };
  const quoted = [...lowerClause.matchAll(PLACEHOLDER)].map((m) => quotes[Number(m[1])]);
  const restored = restore(originalClause, quotes);
  const hasLinks = propertiesOfKind(section, 'links').length > 0;

  if (/\brename\b/.test(lowerClause) && LINK_WORD.test(lowerClause)) {
    result.understood = true;
    const unquoted = RENAME_LINK.exec(originalClause.replace(PLACEHOLDER, (_, n: string) => quotes[Number(n)]));
    const from = quoted.length >= 2 ? quoted[0] : unquoted?.[1]?.trim().replace(/^["“']|["”']$/g, '');
    const to = quoted.length >= 2 ? quoted[1] : unquoted?.[2]?.trim().replace(/[.!]+$/, '').replace(/^["“']|["”']$/g, '');
    if (!hasLinks || !from || !to) {
      result.question = hasLinks
        ? `Which link should be renamed, and to what? For example: ${inlineCode(`rename the "Blog" link in the ${sectionName} to "Articles"`)}.`
        : `The ${sectionName} has no links I found; its properties are ${listOr(Object.keys(section.properties))}.`;
      return result;
    }
    result.renameLinks.push({ from, to });
    return result;
  }

  if (REMOVE_VERB.test(lowerClause)) {
    result.understood = true;
    const unquoted = REMOVE_LINK.exec(restored);
    // "delete FAQ from the nav": no word "link", but FAQ is one of the links found there.
    const bare = /\b(?:remove|delete|drop|hide)\s+(?:the\s+)?(.+?)(?:\s+(?:from|in|on|of)\s+the\s+[\w -]+)?\s*$/.exec(restored)?.[1]?.trim();
    const labels = Object.values(section.properties).filter((p) => propertyKind(p) === 'links').flatMap((p) => (p.edit === 'discovered' ? (p.current ?? []).flatMap((c) => c.split(', ')) : []));
    const known = quoted[0] ?? (bare && labels.some((l) => l.toLowerCase() === bare.toLowerCase()) ? bare : undefined);
    const name = quoted[0] ?? unquoted?.[1]?.trim() ?? known;
    if ((!LINK_WORD.test(lowerClause) && !known) || !hasLinks || !name) {
      result.question = hasLinks
        ? `The UX Agent removes links only. Which link of the ${sectionName} should go? For example: ${inlineCode(`remove the "Blog" link from the ${sectionName}`)}.`
        : `The UX Agent removes links only, and the ${sectionName} has none I found. What should change instead: ${listOr(Object.keys(section.properties))}?`;
      return result;
    }
    result.removeLinks.push(name);
    return result;
  }

  const styleWord = STYLE_WORDS.find(([pattern]) => pattern.test(lowerClause.replace(PLACEHOLDER, ' ')));
  // "round the "Sign up" button": the quote names the element, it is no new text.
  if (styleWord && quoted.length > 0 && !/\b(?:say|says|read|reads|to|into)\s+\u0000/.test(lowerClause)) {
    result.understood = true;
    result.question = `Which element should be ${styleWord[1]}? The UX Agent restyles the ${sectionName}'s texts it found (${listOr(propertiesOfKind(section, 'text'))}); ask again naming one, e.g. ${inlineCode(`make the ${sectionName} ${propertiesOfKind(section, 'text')[0] ?? 'text'} ${styleWord[1]}`)}.`;
    return result;
  }
  const style = quoted.length === 0 ? styleWord : undefined;
  if (style) {
    result.understood = true;
    const textProperties = propertiesOfKind(section, 'text');
    const named = mentionedProperty(lowerClause, section, 'text');
    const buttonish = /\bbutton|cta|call to action\b/.test(lowerClause) ? textProperties.find((p) => /cta|button/.test(p)) : undefined;
    const property = named ?? buttonish ?? (textProperties.length === 1 ? textProperties[0] : undefined);
    if (!property) {
      result.question = `Which text of the ${sectionName} should be ${style[1]}: ${listOr(textProperties)}? Ask again naming it, e.g. ${inlineCode(`make the ${sectionName} ${textProperties[0] ?? 'text'} ${style[1]}`)}.`;
      return result;
    }
    result.styles.push({ property, step: style[1] });
    return result;
  }

  if (LINK_REQUEST.test(lowerClause)) {
    result.understood = true;
    const href = /(?:^|\s)((?:https?:\/\/|mailto:)\S+|\/\S*|#[\w-]+|[\w-]+\.html?(?:#[\w-]+)?)(?=[\s.,;]|$)/.exec(originalClause.replace(PLACEHOLDER, ' '))?.[1]?.replace(/[.,;]+$/, '');
    const labelled = /\b(?:called|named|labell?ed|titled|saying)\s+(.+?)(?:\s+(?:(?:to|at|pointing)\b|(?:in|on) the\b).*)?$/.exec(originalClause.replace(PLACEHOLDER, (_, n: string) => quotes[Number(n)]));
    const label = quoted[0] ?? labelled?.[1]?.trim() ?? (href ? labelFromPath(href) : '');
    if (!href) {
      result.question = `Where should the new ${sectionName} link go? Ask again with the path, e.g. ${inlineCode(`add a link "${label || 'Pricing'}" to /${(label || 'pricing').toLowerCase().replace(/\s+/g, '-')} in the ${sectionName}`)}.`;
      return result;
    }
    result.links.push({ label, href });
    return result;
  }

  const color = findColor(lowerClause.replace(PLACEHOLDER, ' '));
  const textProperty = mentionedProperty(lowerClause, section, 'text');
  const colorProperty = mentionedProperty(lowerClause, section, 'color');
  const colorProperties = propertiesOfKind(section, 'color');
  const textProperties = propertiesOfKind(section, 'text');

  // Quoted words next to "link" or "add" are never a new headline: say what is understood instead of guessing.
  if (quoted.length > 0 && (LINK_WORD.test(lowerClause) || /\b(?:add|put|insert)\b/.test(lowerClause))) {
    result.understood = true;
    result.question = `Should I add a link? Write it with its path, e.g. ${inlineCode(`add a link "${shorten(quoted[0], 30)}" to /${quoted[0].toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30)} in the ${sectionName}`)}; or name the text to change, e.g. ${inlineCode(`change the ${sectionName} text to "${shorten(quoted[0], 30)}"`)}.`;
    return result;
  }

  if (quoted.length > 0 && !colorProperty) {
    result.understood = true;
    const property = textProperty ?? (textProperties.length === 1 ? textProperties[0] : undefined);
    if (!property) {
      result.question = textProperties.length === 0
        ? `The ${sectionName} has no text I can change. What should change instead: ${listOr(Object.keys(section.properties))}?`
        : `Which text of the ${sectionName} should say ${inlineCode(quoted[0])}: ${listOr(textProperties)}? Ask again naming it, e.g. ${inlineCode(`change the ${sectionName} ${textProperties[0]} to "${shorten(quoted[0], 40)}"`)}.`;
      return result;
    }
    result.changes.push({ property, value: quoted[quoted.length - 1] });
    return result;
  }

  const saysVerb = SAYS_VERBS.test(lowerClause);
  if (color && !saysVerb) {
    result.understood = true;
    if (colorProperties.length === 0) {
      result.question = `The ${sectionName} has no colour I can change; its properties are ${listOr(Object.keys(section.properties))}. What should change instead?`;
      return result;
    }
    // "make the navbar text white": the text colour, when the section has one.
    const textColor = colorProperties.includes('text-color') && !colorProperty && /\b(?:text|font|letters|writing|words)\b/.test(lowerClause) ? 'text-color' : undefined;
    if (textColor) {
      result.changes.push({ property: textColor, value: color });
      return result;
    }
    // "make the button green": the colour of the element whose text that property is (cta-text → cta-color).
    const ownColor = textProperty && !colorProperty ? `${textProperty.replace(/-text$/, '')}-color` : undefined;
    if (ownColor && ownColor !== textProperty && colorProperties.includes(ownColor)) {
      result.changes.push({ property: ownColor, value: color });
      return result;
    }
    if (textProperty && !colorProperty) {
      const colorName = colorProperties[0];
      result.question = `Should the ${sectionName} ${colorName} become ${color}, or should the ${sectionName} ${textProperty} say "${color}"? Ask again with ${inlineCode(`section:${sectionName} ${colorName}:${color.replace(/\s+/g, '')}`)} or ${inlineCode(`section:${sectionName} ${textProperty}:"${color}"`)}.`;
      return result;
    }
    // A colour with no other word for what it colours is the background ("make the navbar blue").
    const property = colorProperty ?? (colorProperties.length === 1 ? colorProperties[0] : colorProperties.includes('color') ? 'color' : undefined);
    if (!property) {
      result.question = `Which colour of the ${sectionName} should be ${color}: ${listOr(colorProperties)}?`;
      return result;
    }
    result.changes.push({ property, value: color });
    return result;
  }

  if (colorProperty || COLOR_WORDS.some((w) => mentions(lowerClause, w))) {
    result.understood = true;
    result.question = `Which colour should the ${sectionName} be? Name a CSS colour or a hex value, e.g. ${inlineCode(`make the ${sectionName} navy`)} or ${inlineCode(`set the ${sectionName} colour to #1f2937`)}.`;
    return result;
  }

  if (textProperty || saysVerb) {
    result.understood = true;
    const property = textProperty ?? (textProperties.length === 1 ? textProperties[0] : undefined);
    const unquoted = UNQUOTED_VALUE.exec(lowerClause);
    if (!property && unquoted && textProperties.length > 1) {
      result.question = `Which text of the ${sectionName} should change: ${listOr(textProperties)}? Ask again naming it, e.g. ${inlineCode(`change the ${sectionName} ${textProperties[0]} to "Hello"`)}.`;
      return result;
    }
    if (property && unquoted) {
      const value = originalClause.slice(unquoted.index + unquoted[0].length - unquoted[1].length).trim().replace(/[.!]+$/, '');
      if (value) {
        result.changes.push({ property, value: restore(value, quotes) });
        result.unquotedAt = unquoted.index + unquoted[0].length - unquoted[1].length;
        return result;
      }
    }
    const which = property ?? textProperties[0] ?? 'text';
    result.question = `What should the ${sectionName} ${which} say? Put the new text in double quotes, e.g. ${inlineCode(`change the ${sectionName} ${which} to "Hello world"`)}.`;
    return result;
  }
  return result;
}

export function parsePlainLanguage(text: string, siteMap: SiteMap): ParseOutcome {
  const clarify = (question: string): ParseOutcome => ({ kind: 'clarification', question, parser: 'rules' });
  // Which section: the "ask again" sentence for a reader of the text alone, and the question a click can answer.
  const askSection = (question: string, sectionQuestion: SectionQuestion): ParseOutcome => ({ kind: 'clarification', question, parser: 'rules', sectionQuestion });
  const sections = Object.keys(siteMap.sections);
  const example = inlineCode(`make the ${sections.includes('navbar') ? 'navbar' : sections[0]} blue`);
  if (text.trim() === '') return { kind: 'invalid', parser: 'rules', message: `The description is empty. Say what should change, e.g. ${example}.` };
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { kind: 'invalid', parser: 'rules', message: `The description contains the control character U+${code} at position ${control.index + 1}; remove it and say what should change, e.g. ${example}.` };
  }
  // "take the Blog link out of the menu" is "remove the Blog link from the menu".
  const masked = mask(text.trim().replace(/\btake\s+((?:the\s+)?[^,.;]{1,60}?)\s+out(?:\s+of\b)?/i, (_m, what: string) => `remove ${what} from`).replace(/\bfrom\s+the\s+from\b/i, 'from'));
  if ('unclosed' in masked) {
    return { kind: 'invalid', parser: 'rules', message: `A double quote in the description is never closed. Put the new text between a pair of double quotes, e.g. ${inlineCode('change the footer text to "© 2026 Acme"')}.` };
  }
  // The page a change is on ("on the about page, …") is taken out before the rest is read.
  const scoped = pageScope(masked);
  const page = scoped.page;
  const site =
    seoRequest(scoped.rest, siteMap, page) ??
    answerRequest(scoped.rest, page) ??
    emailRequest(scoped.rest, page) ??
    priceRequest(scoped.rest, page) ??
    brandColorRequest(scoped.rest, siteMap, findColor(scoped.rest.lower.replace(PLACEHOLDER, ' ')));
  if (site) return site;
  const { lower, original, quotes } = scoped.rest;
  const named = findSections(lower, siteMap);
  // "call the site Acme Studio", "name the brand "Acme"": the header's title.
  const call = /^(?:please\s+)?(?:call|name|title)\s+the\s+(?:site|website|brand|company|page)\s+(.+?)(?:\s+(?:in|on)\s+the\s+(?:header|navbar|nav|top bar|menu))?[.!]?$/.exec(lower);
  if (call) {
    const value = restore(original.slice(call.index + call[0].indexOf(call[1]), call.index + call[0].indexOf(call[1]) + call[1].length), quotes).trim();
    const target = ['header', 'navbar'].find((name) => Object.prototype.hasOwnProperty.call(siteMap.sections, name) && Object.entries(siteMap.sections[name].properties).some(([p, spec]) => (p === 'text' || p === 'brand') && propertyKind(spec) === 'text'));
    if (target && value) return { kind: 'intent', parser: 'rules', intent: { section: target, changes: [{ property: target === 'header' ? 'text' : 'brand', value }] } };
  }
  const replace = LINK_WORD.test(lower) ? null : REPLACE_REQUEST.exec(lower);
  if (replace && named.length <= 1) {
    const on = page ?? (named.length === 0 && homeButton(scoped.rest) ? '/' : undefined);
    return { kind: 'intent', parser: 'rules', intent: { section: named[0] ?? '', changes: [], replaceText: { from: quotes[Number(replace[1])], to: quotes[Number(replace[2])] }, ...(on ? { page: on } : {}) } };
  }
  if (named.length > 1) {
    return clarify(`Your request mentions ${named.map((n) => `the ${n}`).join(' and ')}, and one /ux-update changes one section. Which one should change? Ask for each section on its own.`);
  }
  const linksOf = (name: string) => Object.prototype.hasOwnProperty.call(siteMap.sections, name) && Object.values(siteMap.sections[name].properties).some((p) => propertyKind(p) === 'links');
  // "add a Pricing link", "remove the Blog link": the main navigation, when it has links.
  const linkSection = LINK_WORD.test(lower) ? ['navbar', 'header'].find(linksOf) : undefined;
  const sectionName = named[0] ?? sectionFromProperty(lower, siteMap) ?? linkSection;
  if (!sectionName) {
    const guess = guessSection(lower, siteMap);
    if (guess) {
      const asked = `Did you mean the ${guess.section} (you wrote ${inlineCode(guess.word)})?`;
      return askSection(
        `${asked} Ask again naming one of ${listOr(sections)}, e.g. ${inlineCode(`${original.replace(PLACEHOLDER, (_, n: string) => `"${quotes[Number(n)]}"`).replace(new RegExp(`\\b${escapeRegExp(guess.word)}\\b`, 'i'), guess.section)}`, 120)}.`,
        { question: asked, choices: [guess.section], guessed: guess.section },
      );
    }
    // "make it blue": only the sections that have a colour are choices.
    const wantsColor = findColor(lower.replace(PLACEHOLDER, ' ')) !== undefined;
    const choices = wantsColor ? sections.filter((name) => propertiesOfKind(siteMap.sections[name], 'color').length > 0) : sections;
    const offered = choices.length > 0 ? choices : sections;
    const asked = `Which section should change: ${listOr(offered)}?`;
    return askSection(`${asked} Ask again naming it, e.g. ${example}.`, { question: asked, choices: offered });
  }
  const section = siteMap.sections[sectionName];
  const changes: PropertyChange[] = [];
  const addLinks: LinkToAdd[] = [];
  const removeLinks: string[] = [];
  const renameLinks: LinkRename[] = [];
  const styles: StyleChange[] = [];
  let offset = 0;
  const clauses: Array<{ lower: string; original: string; start: number }> = [];
  // Commas inside parentheses (e.g. rgb(1,2,3)) do not end a clause.
  const protectedLower = lower.replace(/\([^)]*\)/g, (group) => group.replace(/,/g, '\u0001'));
  for (const part of protectedLower.split(CLAUSE_SPLIT)) {
    const start = protectedLower.indexOf(part, offset);
    clauses.push({ lower: part.replace(/\u0001/g, ','), original: original.slice(start, start + part.length), start });
    offset = start + part.length;
  }
  let understood = false;
  let unquoted: { at: number; property: string } | undefined;
  let leftOver = false;
  for (const clause of clauses) {
    if (clause.lower.trim() === '' || FILLER.test(clause.lower.trim())) continue;
    const result = parseClause(clause.lower, clause.original, quotes, sectionName, section);
    if (result.question) return clarify(result.question);
    understood ||= result.understood;
    leftOver ||= !result.understood;
    if (result.unquotedAt !== undefined) unquoted ??= { at: clause.start + result.unquotedAt, property: result.changes[0].property };
    changes.push(...result.changes);
    addLinks.push(...result.links);
    removeLinks.push(...result.removeLinks);
    renameLinks.push(...result.renameLinks);
    styles.push(...result.styles);
  }
  // Unquoted text followed by words we could not place: the text probably went on ("say Tom and Jerry").
  if (unquoted && leftOver) {
    const rest = restore(original.slice(unquoted.at), quotes).trim().replace(/[.!]+$/, '');
    return clarify(
      `Should the ${sectionName} ${unquoted.property} say ${inlineCode(rest)}? Put the new text in double quotes so I know where it ends, e.g. ${inlineCode(`change the ${sectionName} ${unquoted.property} to "${rest}"`, 120)}.`,
    );
  }
  if (!understood || (changes.length === 0 && addLinks.length === 0 && removeLinks.length === 0 && renameLinks.length === 0 && styles.length === 0)) {
    return clarify(`What should change in the ${sectionName}: ${listOr(Object.entries(section.properties).map(([n, s]) => (s.edit === 'links-array' ? `a new link` : n)))}? For example: ${inlineCode(`make the ${sectionName} navy`)}${propertiesOfKind(section, 'text')[0] ? ` or ${inlineCode(`change the ${sectionName} ${propertiesOfKind(section, 'text')[0]} to "Hello"`)}` : ''}.`);
  }
  return {
    kind: 'intent',
    parser: 'rules',
    intent: {
      section: sectionName,
      changes,
      ...(addLinks.length > 0 ? { addLinks } : {}),
      ...(removeLinks.length > 0 ? { removeLinks } : {}),
      ...(renameLinks.length > 0 ? { renameLinks } : {}),
      ...(styles.length > 0 ? { styles } : {}),
    },
  };
}

export function createRulesParser(): IntentParser {
  return {
    name: 'rules',
    parse: async (text, siteMap) => parsePlainLanguage(text, siteMap),
  };
}
