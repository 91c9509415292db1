import { parseColor } from './color';
import { inlineCode } from '../../domain/discord-text';
import type { LinkToAdd, UxIntent } from './intent';
import { DEFAULT_TEXT_MAX_LENGTH, propertyKind, type PropertySpec, type SectionSpec, type SiteMap } from './site-map';
import { closest, listOr } from './suggest';

export const LINK_LABEL_MAX_LENGTH = 40;

/** A change checked against the site map, its value normalised (colours as #rrggbb, text trimmed). */
export interface ValidatedChange {
  property: string;
  kind: 'text' | 'color';
  value: string;
  /** The value as the person wrote it (e.g. "dark gray" for #a9a9a9). */
  requested: string;
}

export interface ValidatedIntent {
  section: string;
  changes: ValidatedChange[];
  addLinks: LinkToAdd[];
  /** The section's links property, when links are added. */
  linksProperty?: string;
}

export type Validation = { ok: true; intent: ValidatedIntent } | { ok: false; message: string };

const fail = (message: string): Validation => ({ ok: false, message });

/** Resolves a section name or alias ("nav" → "navbar"). */
export function resolveSection(siteMap: SiteMap, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (siteMap.sections[wanted]) return wanted;
  return Object.entries(siteMap.sections).find(([, spec]) => spec.aliases?.includes(wanted))?.[0];
}

/** Resolves a property name or alias within a section ("colour" → "color"). */
export function resolveProperty(section: SectionSpec, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (section.properties[wanted]) return wanted;
  return Object.entries(section.properties).find(([, spec]) => spec.aliases?.includes(wanted))?.[0];
}

/** One valid command for the section (or the first section), for error messages. */
export function exampleCommand(siteMap: SiteMap, sectionName?: string): string {
  const [name, section] = (sectionName && siteMap.sections[sectionName] ? [sectionName, siteMap.sections[sectionName]] : Object.entries(siteMap.sections)[0]) as [string, SectionSpec];
  const parts = [`section:${name}`];
  for (const [property, spec] of Object.entries(section.properties)) {
    const kind = propertyKind(spec);
    if (kind === 'text' && !parts.some((p) => p.includes('"'))) parts.push(`${property}:"New ${property.replace(/-/g, ' ')}"`);
    if (kind === 'color' && !parts.some((p) => p.includes('#'))) parts.push(`${property}:#1f2937`);
  }
  if (Object.values(section.properties).some((spec) => spec.edit === 'links-array') && parts.length < 3) parts.push('add-link:"Pricing:/pricing"');
  return parts.join(' ');
}

export function sectionList(siteMap: SiteMap): string {
  return listOr(Object.keys(siteMap.sections));
}

export function propertyList(section: SectionSpec): string {
  return listOr(Object.entries(section.properties).map(([name, spec]) => (spec.edit === 'links-array' ? `add-link (${name})` : name)));
}

function validateText(section: string, property: string, spec: PropertySpec, value: string): string | ValidatedChange {
  const text = value.trim();
  const max = (spec.edit === 'jsx-text' ? spec.maxLength : undefined) ?? DEFAULT_TEXT_MAX_LENGTH;
  const example = `Example: ${inlineCode(`section:${section} ${property}:"Hello world"`)}`;
  if (text === '') return `The new ${section} ${property} is empty. Put the text in double quotes. ${example}`;
  if (text.length > max) return `The new ${section} ${property} is ${text.length} characters long; the limit is ${max}. ${example}`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return `The new ${section} ${property} must be a single line of text (no line breaks or control characters). ${example}`;
  return { property, kind: 'text', value: text, requested: value };
}

function validateLink(link: LinkToAdd, section: string): string | LinkToAdd {
  const label = link.label.trim();
  const href = link.href.trim();
  const example = `Example: ${inlineCode(`section:${section} add-link:"Pricing:/pricing"`)}`;
  if (label === '') return `The link has no label. Write it as Label:/path. ${example}`;
  if (label.length > LINK_LABEL_MAX_LENGTH) return `The link label is ${label.length} characters long; the limit is ${LINK_LABEL_MAX_LENGTH}. ${example}`;
  if (/[\u0000-\u001f\u007f]/.test(label)) return `The link label must be a single line of text. ${example}`;
  if (!/^(\/[^\s<>"'`]*|#[^\s<>"'`]*|https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`]+)$/i.test(href)) {
    return `The link target ${inlineCode(href)} is not allowed: use a site path such as /pricing, an anchor such as #contact, or an http(s):// or mailto: address. ${example}`;
  }
  return { label, href };
}

/** Checks an intent (from any parser) against the site map; the message says what is valid and shows one example. */
export function validateIntent(intent: UxIntent, siteMap: SiteMap): Validation {
  const sectionName = resolveSection(siteMap, intent.section);
  if (!sectionName) {
    const names = [...Object.keys(siteMap.sections), ...Object.values(siteMap.sections).flatMap((s) => s.aliases ?? [])];
    const guess = closest(intent.section, names);
    const guessed = guess ? resolveSection(siteMap, guess) : undefined;
    return fail(
      `Unknown section ${inlineCode(intent.section)}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Sections: ${sectionList(siteMap)}. Example: ${inlineCode(exampleCommand(siteMap, guessed))}`,
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
        `Unknown property ${inlineCode(change.property)} for ${sectionName}.${guessed ? ` Did you mean ${inlineCode(guessed)}?` : ''} Properties of ${sectionName}: ${propertyList(section)}. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`,
      );
    }
    if (seen.has(property)) {
      return fail(`The property ${inlineCode(property)} is given twice; give each property once. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`);
    }
    seen.add(property);
    const spec = section.properties[property];
    const kind = propertyKind(spec);
    if (kind === 'links') {
      return fail(`Links are added one at a time with add-link. Example: ${inlineCode(`section:${sectionName} add-link:"Pricing:/pricing"`)}`);
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
  const addLinks: LinkToAdd[] = [];
  let linksProperty: string | undefined;
  if (intent.addLinks && intent.addLinks.length > 0) {
    linksProperty = Object.entries(section.properties).find(([, spec]) => spec.edit === 'links-array')?.[0];
    if (!linksProperty) {
      const withLinks = Object.entries(siteMap.sections)
        .filter(([, s]) => Object.values(s.properties).some((p) => p.edit === 'links-array'))
        .map(([n]) => n);
      return fail(`The ${sectionName} has no links to add to. Sections with links: ${listOr(withLinks) || 'none'}. Properties of ${sectionName}: ${propertyList(section)}.`);
    }
    for (const link of intent.addLinks) {
      const checked = validateLink(link, sectionName);
      if (typeof checked === 'string') return fail(checked);
      if (addLinks.some((l) => l.href === checked.href || l.label.toLowerCase() === checked.label.toLowerCase())) {
        return fail(`The link ${inlineCode(`${checked.label}:${checked.href}`)} is given twice; give each link once.`);
      }
      addLinks.push(checked);
    }
  }
  if (changes.length === 0 && addLinks.length === 0) {
    return fail(`Nothing to change in the ${sectionName}: give at least one property. Properties of ${sectionName}: ${propertyList(section)}. Example: ${inlineCode(exampleCommand(siteMap, sectionName))}`);
  }
  return { ok: true, intent: { section: sectionName, changes, addLinks, ...(linksProperty ? { linksProperty } : {}) } };
}
