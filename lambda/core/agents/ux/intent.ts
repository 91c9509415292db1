import type { FlagValues } from '../../contract/flags';
import type { Requester } from '../../domain/agent';
import type { SiteMap } from './site-map';

/**
 * What a person asked the UX Agent to change, before validation against the site map.
 * Both parsers (the structured grammar and plain language, by rules or by an LLM) produce it;
 * `validateIntent` then checks it against the site map and normalises values (colour names → hex).
 */
export interface UxIntent {
  /** A section name of the site map, e.g. "header". */
  section: string;
  /** Property changes, e.g. `{ property: 'color', value: 'blue' }` or `{ property: 'text', value: 'Hello' }`. */
  changes: PropertyChange[];
  /** Links to append to the section's links property (`add-link:"Label:/path"`). */
  addLinks?: LinkToAdd[];
  /** Links to remove, by label or target (`remove-link:"Blog"`). */
  removeLinks?: string[];
  /** Links to relabel (`rename-link:"Blog:Articles"`). */
  renameLinks?: LinkRename[];
  /** Text found on the page to replace wherever it is (`change "Get Started" to "Start free"`); `section` may then be empty. */
  replaceText?: TextReplacement;
  /** Simple style changes on a found element ("make the hero headline bigger", "round the sign-up button"). */
  styles?: StyleChange[];
  /** The page the change is on ("on the pricing page", "/about"), as a path or a page's name; the home page and the whole site otherwise. */
  page?: string;
  /** A plan's price: "the Pro plan now costs $29 a month". The amount is written the way the site writes prices. */
  price?: PriceChange;
  /** An answer in a FAQ, found by its question. */
  answer?: AnswerChange;
  /** The site's contact e-mail address, everywhere it is shown (a `mailto:` link, its text, an obfuscated `name [at] domain`). */
  email?: EmailChange;
}

export interface PriceChange {
  /** The plan's name as the page shows it ("Pro", "Personal Plan"); undefined when the site has one price. */
  plan?: string;
  /** The new price as asked: "$29", "29", "€9.50 per month". */
  amount: string;
}

export interface AnswerChange {
  question: string;
  text: string;
}

export interface EmailChange {
  address: string;
  /** The address to replace, when the person named it (the site shows several). */
  from?: string;
}

export interface LinkRename {
  from: string;
  to: string;
}

export interface TextReplacement {
  from: string;
  to: string;
}

/** A style step on one text property: `bigger`/`smaller` (font size), `bolder`, `rounded`/`square` (corners). */
export const STYLE_STEPS = ['bigger', 'smaller', 'bolder', 'rounded', 'square'] as const;
export type StyleStep = (typeof STYLE_STEPS)[number];

export interface StyleChange {
  /** The text property whose element is styled, e.g. "hero-text" or "cta-text". */
  property: string;
  step: StyleStep;
}

export interface PropertyChange {
  property: string;
  value: string;
}

export interface LinkToAdd {
  label: string;
  href: string;
}

/** Who produced an outcome: the structured grammar, the deterministic rules, or an LLM provider. */
export const PARSER_NAMES = ['grammar', 'rules', 'openai', 'anthropic'] as const;
export type ParserName = (typeof PARSER_NAMES)[number];

/**
 * The result of parsing one request. `note` is one short line the preview shows under the
 * diff, e.g. "Parsed by rules: LLM parsing is off." or "Parsed by openai (gpt-4o-mini).".
 */
export type ParseOutcome =
  | { kind: 'intent'; intent: UxIntent; parser: ParserName; note?: string }
  /**
   * The request is understandable but ambiguous: ONE precise question. `sectionQuestion`: the
   * question is which section; its wording when it is answered with a click, and the sections to
   * offer (the guessed one alone when there is one).
   */
  | { kind: 'clarification'; question: string; parser: ParserName; note?: string; sectionQuestion?: SectionQuestion }
  /** The request cannot become an intent: a sentence that says why and what is valid. */
  | { kind: 'invalid'; message: string; parser: ParserName; note?: string };

export interface SectionQuestion {
  question: string;
  choices: readonly string[];
  guessed?: string;
}

/** What a plain-language parser may consult besides the text (all optional). */
export interface IntentParseContext {
  flags?: FlagValues;
  now?: () => Date;
  requester?: Requester;
  pageTexts?: string[];
  /** The site's pages, by path, for requests that name one. */
  pages?: string[];
}

/** A plain-language parser. The model-backed one (issue 5) sits in front of the rules one. */
export interface IntentParser {
  readonly name: ParserName;
  parse(text: string, siteMap: SiteMap, context?: IntentParseContext): Promise<ParseOutcome>;
}
