import { parseColor } from './color';
import { inlineCode, shorten } from '../../domain/discord-text';
import type { AnswerChange, EmailChange, LinkRename, LinkToAdd, PriceChange, StyleStep, TextReplacement, UxIntent } from './intent';
import { ownProperty, propertyKind, textMaxLength, type PropertySpec, type SectionSpec, type SiteMap } from './site-map';
import { closest, listOr } from './suggest';

export const LINK_LABEL_MAX_LENGTH = 40;
export const LINK_TARGET_MAX_LENGTH = 300;
/** Characters that change how text reads without being seen (direction overrides, zero-width, C1 controls, separators). */
const INVISIBLE = /[\u0080-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A sentence naming the first invisible or direction-changing character in `text`, when there is one. */
export function invisibleCharacter(text: string): string | undefined {
  const found = INVISIBLE.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `contains the invisible or direction-changing character U+${code} at position ${found.index + 1}; remove it (it would be committed without being seen)`;
}

/** A change checked against the site map, its value normalised (colours as #rrggbb, text trimmed). */
export interface ValidatedChange {
  property: string;
  kind: 'text' | 'color';
  value: string;
  /** The value as the person wrote it (e.g. "dark gray" for #a9a9a9). */
  requested: string;
}

export interface ValidatedIntent {
  /** Empty only for a request that names no section (`replaceText`, a price, an answer, the e-mail): found on the site's pages. */
  section: string;
  /** The page named ("about", "/pricing"): the change is looked for there. */
  page?: string;
  price?: PriceChange;
  answer?: AnswerChange;
  email?: EmailChange;
  changes: ValidatedChange[];
  addLinks: LinkToAdd[];
  removeLinks: string[];
  renameLinks: LinkRename[];
  /** The section's links property, when links are added, removed or renamed. */
  linksProperty?: string;
  replaceText?: TextReplacement;
  styles: Array<{ property: string; step: StyleStep }>;
}

export type Validation = { ok: true; intent: ValidatedIntent } | { ok: false; message: string };

const fail = (message: string): Validation => ({ ok: false, message });

/** Resolves a section name or alias ("nav" → "navbar"). */
export function resolveSection(siteMap: SiteMap, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (ownProperty(siteMap.sections, wanted)) return wanted;
  return Object.entries(siteMap.sections).find(([, spec]) => spec.aliases?.includes(wanted))?.[0];
}

/** Resolves a property name or alias within a section ("colour" → "color"). */
export function resolveProperty(section: SectionSpec, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (ownProperty(section.properties, wanted)) return wanted;
  return Object.entries(section.properties).find(([, spec]) => spec.aliases?.includes(wanted))?.[0];
}

/** One valid command for the section (or the first section), for error messages. */
export function exampleCommand(siteMap: SiteMap, sectionName?: string): string {
  const chosen = sectionName ? ownProperty(siteMap.sections, sectionName) : undefined;
  const [name, section] = (chosen && sectionName ? [sectionName, chosen] : Object.entries(siteMap.sections)[0]) as [string, SectionSpec];
  if (!section) return 'section:header text:"Hello"';
  const parts = [`section:${name}`];
  for (const [property, spec] of Object.entries(section.properties)) {
    const kind = propertyKind(spec);
    if (kind === 'text' && !parts.some((p) => p.includes('"'))) parts.push(`${property}:"New ${property.replace(/-/g, ' ')}"`);
    if (kind === 'color' && !parts.some((p) => p.includes('#'))) parts.push(`${property}:#1f2937`);
  }
  if (Object.values(section.properties).some((spec) => propertyKind(spec) === 'links') && parts.length < 3) parts.push('add-link:"Pricing:/pricing"');
  return parts.join(' ');
}

export function sectionList(siteMap: SiteMap): string {
  return listOr(Object.keys(siteMap.sections));
}

export function propertyList(section: SectionSpec): string {
  return listOr(Object.entries(section.properties).map(([name, spec]) => (propertyKind(spec) === 'links' ? `add-link, remove-link or rename-link (${name})` : name)));
}

function validateText(section: string, property: string, spec: PropertySpec, value: string): string | ValidatedChange {
  const text = value.trim();
  const max = textMaxLength(spec);
  const example = `Example: ${inlineCode(`section:${section} ${property}:"Hello world"`)}`;
  if (text === '') return `The new ${section} ${property} is empty. Put the text in double quotes. ${example}`;
  if (text.length > max) return `The new ${section} ${property} is ${text.length} characters long; the limit is ${max}. ${example}`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return `The new ${section} ${property} must be a single line of text (no line breaks or control characters). ${example}`;
  const invisible = invisibleCharacter(text);
  if (invisible) return `The new ${section} ${property} ${invisible}. ${example}`;
  return { property, kind: 'text', value: text, requested: value };
}

function validateLink(link: LinkToAdd, section: string): string | LinkToAdd {
  const label = link.label.trim();
  const href = link.href.trim();
  const example = `Example: ${inlineCode(`section:${section} add-link:"Pricing:/pricing"`)}`;
  if (label === '') return `The link has no label. Write it as Label:/path. ${example}`;
  if (label.length > LINK_LABEL_MAX_LENGTH) return `The link label is ${label.length} characters long; the limit is ${LINK_LABEL_MAX_LENGTH}. ${example}`;
  if (/[\u0000-\u001f\u007f]/.test(label)) return `The link label must be a single line of text. ${example}`;
  const invisible = invisibleCharacter(label) ?? invisibleCharacter(href);
  if (invisible) return `The link ${invisible}. ${example}`;
  if (href.length > LINK_TARGET_MAX_LENGTH) return `The link target is ${href.length} characters long; the limit is ${LINK_TARGET_MAX_LENGTH}. ${example}`;
  if (/^\/[\\/]/.test(href) || /\\/.test(href)) return `The link target ${inlineCode(shorten(href, 60))} would lead to another site; a site path starts with a single / (such as /pricing). ${example}`;
  if (/^https?:\/\/[^/?#]*@/i.test(href)) return `The link target ${inlineCode(shorten(href, 60))} hides its real host behind an @; write the address without a user name. ${example}`;
  if (!/^(\/[^\s<>"'`]*|#[^\s<>"'`]*|https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`]+|[\w-]+\.html?(?:[#?][^\s<>"'`]*)?)$/i.test(href)) {
    return `The link target ${inlineCode(href)} is not allowed: use a site path such as /pricing, a page such as about.html, an anchor such as #contact, or an http(s):// or mailto: address. ${example}`;
  }
  return { label, href };
}

function validatePlainText(what: string, value: string, max: number): string | undefined {
  const text = value.trim();
  if (text === '') return `${what} is empty.`;
  if (text.length > max) return `${what} is ${text.length} characters long; the limit is ${max}.`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return `${what} must be a single line of text.`;
  const invisible = invisibleCharacter(text);
  return invisible ? `${what} ${invisible}.` : undefined;
}

const EMAIL_ADDRESS = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

/** A price, an FAQ answer or the e-mail address: checked here, found on the site's pages by the plan. */
function validateSiteRequest(intent: UxIntent, page: string | undefined): Validation | undefined {
  const base = { section: '', changes: [], addLinks: [], removeLinks: [], renameLinks: [], styles: [], ...(page ? { page } : {}) };
  if (intent.email) {
    const address = intent.email.address.trim();
    if (!EMAIL_ADDRESS.test(address) || address.length > 254) return fail(`${inlineCode(shorten(address, 80))} is not an e-mail address I can write. Example: ${inlineCode('change the contact email to hello@acme.com')}`);
    const from = intent.email.from?.trim();
    if (from !== undefined && !EMAIL_ADDRESS.test(from)) return fail(`${inlineCode(shorten(from, 80))} is not an e-mail address. Example: ${inlineCode('change support@acme.com to help@acme.com')}`);
    return { ok: true, intent: { ...base, email: { address, ...(from ? { from } : {}) } } };
  }
  if (intent.price) {
    const amount = intent.price.amount.trim();
    const problem = validatePlainText('The new price', amount, 40) ?? (/\d/.test(amount) ? undefined : `The new price ${inlineCode(amount)} has no number.`);
    if (problem) return fail(`${problem} Example: ${inlineCode('change the Pro plan price to $29')}`);
    const plan = intent.price.plan?.trim();
    if (plan !== undefined) {
      const planProblem = validatePlainText('The plan name', plan, 60);
      if (planProblem) return fail(planProblem);
    }
    return { ok: true, intent: { ...base, price: { amount, ...(plan ? { plan } : {}) } } };
  }
  if (intent.answer) {
    const problem = validatePlainText('The question', intent.answer.question, 300) ?? validatePlainText('The new answer', intent.answer.text, 1000);
    if (problem) return fail(`${problem} Example: ${inlineCode('change the answer to "Can I cancel?" to "Yes, at any time."')}`);
    return { ok: true, intent: { ...base, answer: { question: intent.answer.question.trim(), text: intent.answer.text.trim() } } };
  }
  return undefined;
}

/** Checks an intent (from any parser) against the site map; the message says what is valid and shows one example. */
export function validateIntent(intent: UxIntent, siteMap: SiteMap): Validation {
  const page = intent.page?.trim();
  if (page !== undefined) {
    const problem = validatePlainText('The page', page, 80);
    if (problem) return fail(`${problem} Name the page by its path or title, e.g. ${inlineCode('on the pricing page, change "$19" to "$29"')}.`);
  }
  const siteRequest = validateSiteRequest(intent, page || undefined);
  if (siteRequest) return siteRequest;
  const replaceText = intent.replaceText;
  if (replaceText && intent.section.trim() === '') {
    const problem = validatePlainText('The text to find', replaceText.from, 200) ?? validatePlainText('The new text', replaceText.to, 200);
    if (problem) return fail(`${problem} Example: ${inlineCode('change "Get Started" to "Start free"')}`);
    return { ok: true, intent: { section: '', changes: [], addLinks: [], removeLinks: [], renameLinks: [], replaceText: { from: replaceText.from.trim(), to: replaceText.to.trim() }, styles: [], ...(page ? { page } : {}) } };
  }
  const sectionName = resolveSection(siteMap, intent.section);
  if (!sectionName) {
    const names = [...Object.keys(siteMap.sections), ...Object.values(siteMap.sections).flatMap((s) => s.aliases ?? [])];
    const guess = closest(intent.section, names);
    const guessed = guess ? resolveSection(siteMap, guess) : undefined;
    return fail(
      `Unknown section ${inlineCode(shorten(intent.section, 40))}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Sections: ${sectionList(siteMap)}. Example: ${inlineCode(exampleCommand(siteMap, guessed))}`,
    );
  }
  const section = siteMap.sections[sectionName];
  const changes: ValidatedChange[] = [];
  const seen = new Set<string>();
  for (const change of intent.changes) {
    const property = resolveProperty(section, change.property);
    if (!property) {
      const names = [...Object.keys(section.properties), ...Object.values(section.properties).flatMap((p) => p.aliases ?? [])];
      const guess = closest(change.property, names);
      const guessed = guess ? resolveProperty(section, guess) : undefined;
      return fail(
        `Unknown property ${inlineCode(shorten(change.property, 40))} for ${sectionName}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Properties of ${sectionName}: ${propertyList(section)}. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`,
      );
    }
    if (seen.has(property)) {
      return fail(`The property ${inlineCode(property)} is given twice; give each property once. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`);
    }
    seen.add(property);
    const spec = section.properties[property];
    const kind = propertyKind(spec);
    if (kind === 'links') {
      return fail(`Links are changed one at a time with add-link, remove-link or rename-link. Example: ${inlineCode(`section:${sectionName} add-link:"Pricing:/pricing"`)}`);
    }
    if (kind === 'color') {
      const color = parseColor(change.value);
      if (!color.ok) return fail(`${color.message} Example: ${inlineCode(`section:${sectionName} ${property}:#1f2937`)}`);
      changes.push({ property, kind: 'color', value: color.hex, requested: change.value.trim() });
      continue;
    }
    const text = validateText(sectionName, property, spec, change.value);
    if (typeof text === 'string') return fail(text);
    changes.push(text);
  }
  const linksProperty = Object.entries(section.properties).find(([, spec]) => propertyKind(spec) === 'links')?.[0];
  const wantsLinks = (intent.addLinks?.length ?? 0) + (intent.removeLinks?.length ?? 0) + (intent.renameLinks?.length ?? 0) > 0;
  if (wantsLinks && !linksProperty) {
    const withLinks = Object.entries(siteMap.sections)
      .filter(([, s]) => Object.values(s.properties).some((p) => propertyKind(p) === 'links'))
      .map(([n]) => n);
    return fail(`The ${sectionName} has no links to change. Sections with links: ${listOr(withLinks) || 'none'}. Properties of ${sectionName}: ${propertyList(section)}.`);
  }
  const addLinks: LinkToAdd[] = [];
  for (const link of intent.addLinks ?? []) {
    const checked = validateLink(link, sectionName);
    if (typeof checked === 'string') return fail(checked);
    if (addLinks.some((l) => l.href === checked.href || l.label.toLowerCase() === checked.label.toLowerCase())) {
      return fail(`The link ${inlineCode(`${checked.label}:${checked.href}`)} is given twice; give each link once.`);
    }
    addLinks.push(checked);
  }
  const removeLinks: string[] = [];
  for (const name of intent.removeLinks ?? []) {
    const problem = validatePlainText('The link to remove', name, LINK_TARGET_MAX_LENGTH);
    if (problem) return fail(`${problem} Example: ${inlineCode(`section:${sectionName} remove-link:"Blog"`)}`);
    removeLinks.push(name.trim());
  }
  const renameLinks: LinkRename[] = [];
  for (const rename of intent.renameLinks ?? []) {
    const problem = validatePlainText('The link to rename', rename.from, LINK_TARGET_MAX_LENGTH) ?? validatePlainText('The new link label', rename.to, LINK_LABEL_MAX_LENGTH);
    if (problem) return fail(`${problem} Example: ${inlineCode(`section:${sectionName} rename-link:"Blog:Articles"`)}`);
    renameLinks.push({ from: rename.from.trim(), to: rename.to.trim() });
  }
  const styles: ValidatedIntent['styles'] = [];
  for (const style of intent.styles ?? []) {
    const property = resolveProperty(section, style.property);
    if (!property || propertyKind(section.properties[property]) !== 'text') {
      return fail(`Style changes apply to a text of the ${sectionName}: ${listOr(Object.entries(section.properties).filter(([, p]) => propertyKind(p) === 'text').map(([n]) => n))}.`);
    }
    styles.push({ property, step: style.step });
  }
  let checkedReplace: TextReplacement | undefined;
  if (replaceText) {
    const problem = validatePlainText('The text to find', replaceText.from, 200) ?? validatePlainText('The new text', replaceText.to, 200);
    if (problem) return fail(`${problem} Example: ${inlineCode('change "Get Started" to "Start free"')}`);
    checkedReplace = { from: replaceText.from.trim(), to: replaceText.to.trim() };
  }
  if (changes.length === 0 && addLinks.length === 0 && removeLinks.length === 0 && renameLinks.length === 0 && styles.length === 0 && !checkedReplace) {
    return fail(`Nothing to change in the ${sectionName}: give at least one property. Properties of ${sectionName}: ${propertyList(section)}. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`);
  }
  return {
    ok: true,
    intent: { section: sectionName, changes, addLinks, removeLinks, renameLinks, ...(wantsLinks && linksProperty ? { linksProperty } : {}), ...(checkedReplace ? { replaceText: checkedReplace } : {}), styles, ...(page ? { page } : {}) },
  };
}
