import { inlineCode } from '../../domain/discord-text';
import type { LinkRename, LinkToAdd, ParseOutcome, PropertyChange, TextReplacement } from './intent';
import type { SiteMap } from './site-map';
import { exampleCommand, sectionList } from './validate';

/**
 * The structured grammar of `/ux-update command:`:
 *   section:<name> <property>:"value with spaces" <property>:value ... add-link:"Label:/path"
 * Syntax only; `validateIntent` checks names and values against the site map.
 */
const QUOTE_PAIRS: Readonly<Record<string, readonly string[]>> = {
  '"': ['"'],
  "'": ["'"],
  '“': ['”', '"'],
  '‘': ['’', "'"],
};
const ADD_LINK_KEYS = new Set(['add-link', 'addlink', 'add_link', 'link']);
const REMOVE_LINK_KEYS = new Set(['remove-link', 'removelink', 'remove_link', 'delete-link']);
const RENAME_LINK_KEYS = new Set(['rename-link', 'renamelink', 'rename_link']);
const REPLACE_KEYS = new Set(['replace', 'replace-text']);

interface Token {
  key: string;
  value: string;
  raw: string;
}

class GrammarError extends Error {}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < input.length) {
    while (isSpace(input[i])) i++;
    if (i >= input.length) break;
    const start = i;
    while (i < input.length && input[i] !== ':' && !isSpace(input[i])) i++;
    const key = input.slice(start, i);
    if (input[i] !== ':') {
      throw new GrammarError(`Expected ${inlineCode('name:value')} but found ${inlineCode(key)}; put a colon between each name and its value and quote values with spaces.`);
    }
    if (key === '') throw new GrammarError(`A value at position ${start + 1} has no name before its colon.`);
    i++;
    let value = '';
    const closers = QUOTE_PAIRS[input[i]];
    if (closers) {
      const open = input[i];
      i++;
      let closed = false;
      while (i < input.length) {
        const c = input[i];
        if (c === '\\' && (closers.includes(input[i + 1]) || input[i + 1] === '\\')) {
          value += input[i + 1];
          i += 2;
          continue;
        }
        if (closers.includes(c)) {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) {
        throw new GrammarError(`The quote ${open} opened after ${inlineCode(`${key}:`)} is never closed. Close it, e.g. ${inlineCode(`${key}:"Hello world"`)}.`);
      }
      if (i < input.length && !isSpace(input[i])) {
        throw new GrammarError(`Put a space after the closing quote of ${inlineCode(`${key}:`)} (found ${inlineCode(input.slice(i, i + 10))}).`);
      }
    } else {
      while (i < input.length && !isSpace(input[i])) value += input[i++];
      if (/["”’]$/.test(value)) {
        throw new GrammarError(`The value of ${inlineCode(`${key}:`)} has a closing quote but no opening one.`);
      }
    }
    tokens.push({ key: key.toLowerCase(), value, raw: input.slice(start, i) });
  }
  return tokens;
}

function splitLink(value: string, section: string): LinkToAdd {
  const colon = value.indexOf(':');
  if (colon < 0) {
    throw new GrammarError(`Write the link as Label:/path, e.g. ${inlineCode(`section:${section} add-link:"Pricing:/pricing"`)}.`);
  }
  return { label: value.slice(0, colon), href: value.slice(colon + 1) };
}

/** `Old:New` (the first colon splits). */
function splitPair(value: string, example: string): [string, string] {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new GrammarError(`Write it as Old:New, e.g. ${inlineCode(example)}.`);
  return [value.slice(0, colon), value.slice(colon + 1)];
}

/** Strips one pair of quotes wrapped around the whole command (people copy `'section:… '` from docs). */
function unwrap(input: string): string {
  const trimmed = input.trim();
  const closers = QUOTE_PAIRS[trimmed[0]];
  if (trimmed.length >= 2 && closers?.includes(trimmed[trimmed.length - 1]) && /^.section:/i.test(trimmed)) return trimmed.slice(1, -1).trim();
  return trimmed;
}

export function parseCommand(input: string, siteMap: SiteMap): ParseOutcome {
  const invalid = (message: string): ParseOutcome => ({ kind: 'invalid', message, parser: 'grammar' });
  const text = unwrap(input);
  if (text === '') return invalid(`The command is empty. Example: ${inlineCode(exampleCommand(siteMap))}`);
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    if (error instanceof GrammarError) return invalid(`${error.message} Example: ${inlineCode(exampleCommand(siteMap))}`);
    throw error;
  }
  const sections = tokens.filter((t) => t.key === 'section');
  if (sections.length === 0) {
    return invalid(`Say which section to change with ${inlineCode('section:<name>')}. Sections: ${sectionList(siteMap)}. Example: ${inlineCode(exampleCommand(siteMap))}`);
  }
  if (sections.length > 1) {
    return invalid(`One command changes one section, but ${sections.length} are given (${sections.map((s) => inlineCode(s.value)).join(', ')}). Run /ux-update once per section.`);
  }
  const section = sections[0].value;
  const changes: PropertyChange[] = [];
  const addLinks: LinkToAdd[] = [];
  const removeLinks: string[] = [];
  const renameLinks: LinkRename[] = [];
  let replaceText: TextReplacement | undefined;
  try {
    for (const token of tokens) {
      if (token.key === 'section') continue;
      if (ADD_LINK_KEYS.has(token.key)) addLinks.push(splitLink(token.value, section));
      else if (REMOVE_LINK_KEYS.has(token.key)) removeLinks.push(token.value);
      else if (RENAME_LINK_KEYS.has(token.key)) {
        const pair = splitPair(token.value, `section:${section} rename-link:"Blog:Articles"`);
        renameLinks.push({ from: pair[0], to: pair[1] });
      } else if (REPLACE_KEYS.has(token.key)) {
        const pair = splitPair(token.value, `section:${section} replace:"Get Started:Start free"`);
        replaceText = { from: pair[0], to: pair[1] };
      } else changes.push({ property: token.key, value: token.value });
    }
  } catch (error) {
    if (error instanceof GrammarError) return invalid(error.message);
    throw error;
  }
  return {
    kind: 'intent',
    parser: 'grammar',
    intent: {
      section,
      changes,
      ...(addLinks.length > 0 ? { addLinks } : {}),
      ...(removeLinks.length > 0 ? { removeLinks } : {}),
      ...(renameLinks.length > 0 ? { renameLinks } : {}),
      ...(replaceText ? { replaceText } : {}),
    },
  };
}
