import * as z from 'zod';
import { inlineCode, plainText, shorten } from '../../../domain/discord-text';
import { STYLE_STEPS, type LinkRename, type ParseOutcome, type ParserName, type StyleChange, type TextReplacement, type UxIntent } from '../intent';
import { ownProperty, propertyKind, type SectionSpec, type SiteMap } from '../site-map';
import { closest, listOr } from '../suggest';
import { exampleCommand, LINK_LABEL_MAX_LENGTH, propertyList, sectionList, validateIntent } from '../validate';

const QUESTION_MAX_LENGTH = 300;

/**
 * The longest strings and lists an answer may carry; anything longer makes the whole answer
 * unusable (the rules answer instead). Text is bounded by the longest description the model
 * is ever given (intent-parser's MAX_LLM_DESCRIPTION_CHARS), labels by the link label limit.
 */
export const ANSWER_LIMITS = { name: 100, text: 1000, label: LINK_LABEL_MAX_LENGTH, href: 2000, question: 1000, changes: 20, links: 10, styles: 10 } as const;

const nameField = z.string().max(ANSWER_LIMITS.name);
const fromTo = (fromMax: number, toMax: number) => z.object({ from: z.string().max(fromMax), to: z.string().max(toMax) }).strict();

/** The model's answer (see ANSWER_SCHEMA); unknown keys are refused, missing nulls and lists tolerated. */
const answerSchema = z
  .object({
    kind: z.enum(['edit', 'clarification']),
    section: nameField.nullish(),
    changes: z.array(z.object({ property: nameField, value: z.string().max(ANSWER_LIMITS.text) }).strict()).max(ANSWER_LIMITS.changes).default([]),
    addLinks: z.array(z.object({ label: z.string().max(ANSWER_LIMITS.label), href: z.string().max(ANSWER_LIMITS.href) }).strict()).max(ANSWER_LIMITS.links).default([]),
    // A link to remove or rename is named by its current label or its target.
    removeLinks: z.array(z.string().max(ANSWER_LIMITS.href)).max(ANSWER_LIMITS.links).default([]),
    renameLinks: z.array(fromTo(ANSWER_LIMITS.href, ANSWER_LIMITS.label)).max(ANSWER_LIMITS.links).default([]),
    replaceText: fromTo(ANSWER_LIMITS.text, ANSWER_LIMITS.text).nullish(),
    styles: z.array(z.object({ property: nameField, step: z.enum(STYLE_STEPS) }).strict()).max(ANSWER_LIMITS.styles).default([]),
    page: z.string().max(ANSWER_LIMITS.name).nullish(),
    request: z.object({ type: z.enum(['price', 'answer', 'email']), about: z.string().max(ANSWER_LIMITS.text).nullish(), value: z.string().max(ANSWER_LIMITS.text) }).strict().nullish(),
    question: z.string().max(ANSWER_LIMITS.question).nullish(),
  })
  .strict();

type Answer = z.output<typeof answerSchema>;

export type AnswerReading =
  | { ok: true; outcome: Extract<ParseOutcome, { kind: 'intent' | 'clarification' }> }
  | { ok: false; reason: string };

/**
 * Turns the model's answer into an outcome. Every section and property it names must be in
 * the vocabulary, and changes and added links go through the UX Agent's own validation: a
 * name or value outside the site becomes a clarification, an oversized answer a refusal.
 */
export function readAnswer(output: unknown, siteMap: SiteMap, parser: ParserName): AnswerReading {
  const parsed = answerSchema.safeParse(output);
  if (!parsed.success) return { ok: false, reason: refusalReason(parsed.error) };
  const answer = parsed.data;
  const clarify = (question: string): AnswerReading => ({ ok: true, outcome: { kind: 'clarification', question, parser } });
  const askAgain = `Which part of the site should change, and how? Sections: ${sectionList(siteMap)}.`;
  if (answer.kind === 'clarification') {
    const question = oneLine(answer.question ?? '');
    // The model's words reach the channel: shown as plain text, never as links or formatting.
    return clarify(question ? plainText(shorten(question, QUESTION_MAX_LENGTH)) : askAgain);
  }
  const site = readSiteRequest(answer, siteMap);
  const reading = site ?? (answer.section ? readSectionEdit(answer, answer.section, siteMap) : readPageEdit(answer));
  if (reading === undefined) return clarify(askAgain);
  if (typeof reading === 'string') return clarify(`${reading.replace(/([^.?!])$/, '$1.')} What should change instead?`);
  const page = answer.page?.trim();
  return { ok: true, outcome: { kind: 'intent', intent: page && !reading.page ? { ...reading, page } : reading, parser } };
}

/** A price, a FAQ answer or the e-mail: checked by the UX Agent's own validation (undefined when the answer holds none of them). */
function readSiteRequest(answer: Answer, siteMap: SiteMap): UxIntent | string | undefined {
  const page = answer.page?.trim() || undefined;
  const request = answer.request;
  if (!request) return undefined;
  const about = request.about?.trim() || undefined;
  const intent: UxIntent =
    request.type === 'price'
      ? { section: '', changes: [], price: { amount: request.value, ...(about ? { plan: about } : {}) } }
      : request.type === 'answer'
        ? { section: '', changes: [], answer: { question: about ?? '', text: request.value } }
        : { section: '', changes: [], email: { address: request.value, ...(about ? { from: about } : {}) } };
  const validation = validateIntent({ ...intent, ...(page ? { page } : {}) }, siteMap);
  return validation.ok ? { ...intent, ...(page ? { page } : {}) } : validation.message;
}

/** An edit without a section: only a text replacement can stand alone; anything else needs a section (undefined: ask which). */
function readPageEdit(answer: Answer): UxIntent | string | undefined {
  const sectionBound = answer.changes.length + answer.addLinks.length + answer.removeLinks.length + answer.renameLinks.length + answer.styles.length;
  if (!answer.replaceText || sectionBound > 0) return undefined;
  const replaceText = readReplacement(answer.replaceText);
  return typeof replaceText === 'string' ? replaceText : { section: '', changes: [], replaceText };
}

function readSectionEdit(answer: Answer, named: string, siteMap: SiteMap): UxIntent | string {
  const sectionName = findName(siteMap.sections, named);
  if (!sectionName) return unknownSection(named, siteMap);
  const section = siteMap.sections[sectionName];

  const changes: UxIntent['changes'] = [];
  for (const change of answer.changes) {
    const property = findName(section.properties, change.property);
    if (!property) return unknownProperty(change.property, sectionName, siteMap);
    changes.push({ property, value: change.value });
  }

  const linkEdits = answer.addLinks.length + answer.removeLinks.length + answer.renameLinks.length;
  if (linkEdits > 0 && !Object.values(section.properties).some((spec) => propertyKind(spec) === 'links')) {
    const withLinks = Object.entries(siteMap.sections)
      .filter(([, s]) => Object.values(s.properties).some((p) => propertyKind(p) === 'links'))
      .map(([n]) => n);
    return `The ${sectionName} has no links to change. Sections with links: ${listOr(withLinks) || 'none'}. Properties of ${sectionName}: ${propertyList(section)}.`;
  }

  const removeLinks: string[] = [];
  for (const link of answer.removeLinks) {
    const name = link.trim();
    if (name === '' || hasControl(name)) return 'A link to remove must be named by its label or target, on one line.';
    if (!removeLinks.some((other) => other.toLowerCase() === name.toLowerCase())) removeLinks.push(name);
  }

  const renameLinks: LinkRename[] = [];
  for (const rename of answer.renameLinks) {
    const from = rename.from.trim();
    const to = rename.to.trim();
    if (from === '' || to === '' || hasControl(from) || hasControl(to)) return `A renamed link needs its current label and a new label, each on one line, such as ${inlineCode('Blog → Articles')}.`;
    if (from !== to) renameLinks.push({ from, to });
  }

  const styles: StyleChange[] = [];
  for (const style of answer.styles) {
    const property = findName(section.properties, style.property);
    if (!property) return unknownProperty(style.property, sectionName, siteMap);
    if (propertyKind(section.properties[property]) !== 'text') {
      const texts = Object.entries(section.properties).filter(([, spec]) => propertyKind(spec) === 'text').map(([n]) => n);
      return `Style steps (${STYLE_STEPS.join(', ')}) apply to text, and ${inlineCode(property)} of the ${sectionName} is a ${propertyKind(section.properties[property])} property. Text properties of ${sectionName}: ${listOr(texts) || 'none'}.`;
    }
    if (!styles.some((other) => other.property === property && other.step === style.step)) styles.push({ property, step: style.step });
  }

  let replaceText: TextReplacement | undefined;
  if (answer.replaceText) {
    const replacement = readReplacement(answer.replaceText);
    if (typeof replacement === 'string') return replacement;
    replaceText = replacement;
  }

  const intent: UxIntent = {
    section: sectionName,
    changes: [],
    ...(removeLinks.length > 0 ? { removeLinks } : {}),
    ...(renameLinks.length > 0 ? { renameLinks } : {}),
    ...(replaceText ? { replaceText } : {}),
    ...(styles.length > 0 ? { styles } : {}),
  };
  const somethingElse = removeLinks.length + renameLinks.length + styles.length > 0 || replaceText !== undefined;
  if (changes.length === 0 && answer.addLinks.length === 0 && somethingElse) return intent;

  // Values (colours, text length, link targets) are checked by the UX Agent's own validation.
  const validation = validateIntent({ section: sectionName, changes, addLinks: answer.addLinks }, siteMap);
  if (!validation.ok) return validation.message;
  return {
    ...intent,
    changes: validation.intent.changes.map(({ property, requested }) => ({ property, value: requested })),
    ...(validation.intent.addLinks.length > 0 ? { addLinks: validation.intent.addLinks } : {}),
  };
}

function readReplacement(replacement: TextReplacement): TextReplacement | string {
  const from = replacement.from.trim();
  const to = replacement.to.trim();
  if (from === '' || hasControl(from) || hasControl(to)) return `Text to replace must be given as it appears on the page and its replacement, each on one line, such as ${inlineCode('Get Started → Start free')}.`;
  if (from === to) return `The text ${inlineCode(from)} would be replaced by the same text.`;
  return { from, to };
}

/** A section or property by its name or another name, only among its own keys (never `constructor` or `__proto__`). */
function findName<T extends { aliases?: readonly string[] }>(record: Record<string, T>, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (ownProperty(record, wanted)) return wanted;
  return Object.entries(record).find(([, spec]) => spec.aliases?.some((alias) => alias.toLowerCase() === wanted))?.[0];
}

function unknownSection(named: string, siteMap: SiteMap): string {
  const names = [...Object.keys(siteMap.sections), ...Object.values(siteMap.sections).flatMap((s) => s.aliases ?? [])];
  const guess = closest(named, names);
  const guessed = guess ? findName(siteMap.sections, guess) : undefined;
  return `Unknown section ${inlineCode(named)}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Sections: ${sectionList(siteMap)}. Example: ${inlineCode(exampleCommand(siteMap, guessed))}`;
}

function unknownProperty(named: string, sectionName: string, siteMap: SiteMap): string {
  const section: SectionSpec = siteMap.sections[sectionName];
  const names = [...Object.keys(section.properties), ...Object.values(section.properties).flatMap((p) => p.aliases ?? [])];
  const guess = closest(named, names);
  const guessed = guess ? findName(section.properties, guess) : undefined;
  return `Unknown property ${inlineCode(named)} for ${sectionName}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Properties of ${sectionName}: ${propertyList(section)}. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`;
}

/** Why an answer off the schema cannot be used; an oversized value is named with its limit. */
function refusalReason(error: z.ZodError): string {
  const tooBig = error.issues.find((issue) => issue.code === 'too_big');
  if (tooBig && tooBig.code === 'too_big') {
    const at = tooBig.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
    return tooBig.origin === 'array' ? `its ${at} has more than ${tooBig.maximum} entries` : `its ${at} is longer than ${tooBig.maximum} characters`;
  }
  return 'it was not in the expected shape';
}

const hasControl = (text: string): boolean => /[\u0000-\u001f\u007f]/.test(text);
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
