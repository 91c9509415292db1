import { shorten } from '../../../domain/discord-text';
import { DEFAULT_MARKER_ATTRIBUTE, propertyKind, type PropertySpec, type SectionSpec, type SiteMap } from '../site-map';
import type { SiteModel } from './site-model';

/**
 * The names people use (sections, properties, aliases) for what discovery found, in the same
 * shape as a site map, so the grammar, the rules, the LLM prompt and validation read both. A
 * repository's `.valine/ux-map.json` overrides what it names and leaves the rest discovered.
 */

export function vocabularyOf(model: SiteModel): SiteMap {
  const sections: Record<string, SectionSpec> = {};
  for (const [name, section] of Object.entries(model.sections)) {
    const properties: Record<string, PropertySpec> = {};
    for (const [property, found] of Object.entries(section.properties)) {
      // A property found nowhere stays known, so "the hero headline" is never read as another text of the section.

      properties[property] = {
        edit: 'discovered',
        kind: found.kind === 'style' ? 'text' : found.kind,
        aliases: found.aliases,
        description: found.description,
        ...(found.maxLength ? { maxLength: found.maxLength } : {}),
        current: found.targets.slice(0, 3).map((t) => shorten(t.current, found.kind === 'links' ? 300 : 60)),
      };
    }
    if (Object.keys(properties).length > 0) sections[name] = { description: section.description, aliases: section.aliases, properties };
  }
  return { version: 1, markerAttribute: DEFAULT_MARKER_ATTRIBUTE, sections };
}

/**
 * The discovered vocabulary with a map's sections laid over it: the map's sections come first, in
 * its order; within a section, a kind of property the map names (text, colour, links) is the
 * map's alone, and discovered properties of other kinds stay.
 */
export function overlayMap(discovered: SiteMap, map: SiteMap | undefined): SiteMap {
  if (!map) return discovered;
  const sections: Record<string, SectionSpec> = {};
  for (const [name, section] of Object.entries(map.sections)) {
    const base = Object.prototype.hasOwnProperty.call(discovered.sections, name) ? discovered.sections[name] : undefined;
    const mapKinds = new Set(Object.values(section.properties).map(propertyKind));
    const properties: Record<string, PropertySpec> = { ...section.properties };
    for (const [key, p] of Object.entries(base?.properties ?? {})) {
      if (!mapKinds.has(propertyKind(p)) && !Object.prototype.hasOwnProperty.call(properties, key)) properties[key] = p;
    }
    sections[name] = { ...section, aliases: [...new Set([...(section.aliases ?? []), ...(base?.aliases ?? [])])], properties };
  }
  for (const [name, section] of Object.entries(discovered.sections)) if (!Object.prototype.hasOwnProperty.call(sections, name)) sections[name] = section;
  return { version: 1, markerAttribute: map.markerAttribute, sections };
}

/** Plain lines for /ux-map: each section, its properties and the file and line of each place. */
export function describeSite(model: SiteModel | undefined, vocabulary: SiteMap, only?: string): string[] {
  const lines: string[] = [];
  if (model && !only && model.pages.length > 0) {
    const shown = model.pages.slice(0, 12).map((p) => `${p.route} (${p.file})`);
    lines.push(`pages (${model.pages.length}): ${shown.join(', ')}${model.pages.length > 12 ? `, and ${model.pages.length - 12} more` : ''}`);
  }
  for (const [name, section] of Object.entries(vocabulary.sections)) {
    if (only && name !== only) continue;
    const found = model && Object.prototype.hasOwnProperty.call(model.sections, name) ? model.sections[name] : undefined;
    lines.push(`${name}${found?.location ? ` — <${found.location.tag}> in ${found.location.file}:${found.location.line}` : ''}`);
    for (const [property, spec] of Object.entries(section.properties)) {
      if (spec.edit !== 'discovered') {
        const where = spec.edit === 'jsx-text' ? `${spec.file} [${vocabulary.markerAttribute}="${spec.marker}"]` : spec.edit === 'css-variable' ? `${spec.file} ${spec.variable}` : `${spec.file} ${spec.variable}`;
        lines.push(`  ${property} (${propertyKind(spec)}, from the site map): ${where}`);
        continue;
      }
      const targets = found?.properties[property]?.targets ?? [];
      if (targets.length === 0) {
        lines.push(`  ${property} (${spec.kind}): not found`);
        continue;
      }
      const places = targets.slice(0, 4).map((t) => (spec.kind === 'color' ? `${t.file}:${t.line}` : `${JSON.stringify(shorten(t.current, 40))} ${t.file}:${t.line}`));
      lines.push(`  ${property} (${spec.kind}): ${places.join('; ')}${targets.length > 4 ? `; and ${targets.length - 4} more` : ''}${targets.length > 1 ? (found?.properties[property]?.together ? ' — one value, changed in every place' : ' — several places: you will be asked which') : ''}`);
    }
  }
  return lines;
}
