import { inlineCode, shorten } from '../../domain/discord-text';
import { pageSeo, pagesWithout, placeFile, placeKey } from './discovery/page-seo';
import type { SeoApart, SeoField, SeoPlace } from './discovery/seo';
import type { SiteModel, Target } from './discovery/site-model';
import { findPage } from './discovery/site-texts';
import type { PageFile } from './discovery/stacks';
import type { TextBlock } from './discovery/text-blocks';
import { elements, type UiNode } from './discovery/ui-tree';
import { applySplices, type Splice } from './edits/splice';
import { brokenBy } from './edits/verify';
import { textChange } from './edits/text-change';
import { markupText, slotText } from './edits/write-text';
import { fail, type Alternative, type Step } from './plan';
import { listOr } from './suggest';

/**
 * The title and description search engines show, for the whole site or for one page. A page
 * named in the request (`on the pricing page, …`) changes that page's own value, never the
 * site's; a page that has none of its own is a question offering the site-wide value. A site
 * value that a visitor also reads (the site title printed as the header's brand) is a question
 * too: everywhere, or — where the stack lets the words be written for search engines alone — only
 * what search engines show.
 */
const FIELD_NAME: Readonly<Record<SeoField, string>> = { title: 'title', description: 'meta description' };
const REGION_NAME: Readonly<Record<string, string>> = { header: 'header', nav: 'navbar', footer: 'footer', hero: 'hero', main: 'home page' };
const pageName = (route: string) => (route === '/' ? 'the home page' : `the ${route} page`);
const quoted = (text: string, max = 60) => JSON.stringify(shorten(text, max));

export function seoStep(model: SiteModel, field: SeoField, value: string, page: string | undefined, targets: readonly Target[], where: string): Step {
  if (page) {
    const found = findPage(model.pages, page);
    if (!found) {
      const names = model.pages.slice(0, 12).map((p) => p.route);
      return fail(`I found no page ${inlineCode(page)} on the site.${names.length > 0 ? ` Its pages: ${listOr(names)}.` : ''} Name the page by its path, e.g. ${inlineCode(`on the /about page, change the ${FIELD_NAME[field]} to "…"`)}.`);
    }
    if (found.route !== '/') return pageStep(model, found, field, value, targets, where);
  }
  return siteStep(model, field, value, targets, where);
}

/** The SEO place each target was made from (targets are built from places: same block). */
function placesOf(model: SiteModel, targets: readonly Target[]): SeoPlace[] {
  return targets.map((target) => (target.edit.kind === 'text' ? model.seo.find((p) => p.block === (target.edit as { block: TextBlock }).block) : undefined)).filter((p): p is SeoPlace => p !== undefined);
}

/** The words written in each place (one value kept in several settings changes in each). */
function writeAll(model: SiteModel, places: readonly SeoPlace[], value: string): { splices: Splice[]; from: string } | { error: string } {
  const splices: Splice[] = [];
  let from = '';
  for (const place of places) {
    const result = textChange(model.project, place.block, value, { copyright: false });
    if (!result.ok) return { error: result.message };
    splices.push(result.splice);
    from ||= result.from;
  }
  return { splices, from };
}

const at = (model: SiteModel, place: SeoPlace) => {
  const edit = place.block.edit;
  const file = placeFile(place);
  const offset = edit?.kind === 'string' ? edit.slot.start : edit ? edit.start : place.block.node.range.start;
  return `${file}:${model.project.line(file, offset)}`;
};

function samePlaces(places: readonly SeoPlace[]): SeoPlace[] {
  const primary = places[0]?.block.text;
  return places.filter((p) => p.block.text === primary);
}

/** The regions of the page (header, footer, hero) that show the setting a place writes: a text that is that setting, or holds it. */
function shownIn(model: SiteModel, key: string): string[] {
  const regions = new Set<string>();
  for (const { block, where: region } of model.blocks) {
    const edit = block.edit;
    const holds = (edit?.kind === 'string' && `${edit.slot.file}:${edit.slot.start}` === key) || block.node.children.some((c) => c.kind === 'string' && `${c.slot.file}:${c.slot.start}` === key);
    if (holds) regions.add(REGION_NAME[region] ?? 'page');
  }
  return [...regions];
}

/** A `{expression}` in a `<title>` that reads a site setting directly (a Go or Liquid template's `{{ site.Title }}`, an imported constant), not a prop each page may set. */
function readsSetting(model: SiteModel, container: { file: string; start: number; end: number }): boolean {
  if (/\.(?:html?|liquid)$/.test(container.file)) return true;
  const source = (model.project.text(container.file) ?? '').slice(container.start, container.end).replace(/^\{+\s*/, '');
  const root = /^[A-Za-z_$][\w$]*/.exec(source)?.[0];
  return root !== undefined && model.project.importsOf(container.file).has(root);
}

const TITLE_META = /^(?:og:title|twitter:title|title)$/;
const DESCRIPTION_META = /^(?:description|og:description|twitter:description)$/;

/**
 * Where the words can be written for search engines alone, instead of the setting `key` that a
 * visitor also reads: the expressions of `metadata`/`useSeoMeta` that read it, and the `{…}` of a
 * `<title>` that prints it. Undefined when a place that shows it to search engines cannot be
 * written apart (a meta tag's attribute, a theme that reads the setting itself).
 */
function apartWrites(model: SiteModel, field: SeoField, key: string): SeoApart[] | undefined {
  const writes: SeoApart[] = [];
  for (const place of model.seo) if (placeKey(place) === key && place.apart) writes.push(...place.apart);
  let blocked = false;
  const visit = (node: UiNode) => {
    if (field === 'title' && node.tag === 'title') {
      for (const child of node.children) {
        if (child.kind !== 'string' || `${child.slot.file}:${child.slot.start}` !== key) continue;
        if (child.container && readsSetting(model, child.container)) writes.push({ ...child.container, write: node.syntax });
        else blocked = true;
      }
    }
    const slots = node.attributeSlots ?? {};
    const name = (node.attributes.name ?? node.attributes.property ?? '').toLowerCase();
    const metaKeys = node.tag === 'meta' && (field === 'title' ? TITLE_META : DESCRIPTION_META).test(name) ? [slots.content] : node.tag !== 'meta' && node.tag !== 'title' ? [field === 'title' ? slots.title : (slots.description ?? slots.metaDescription)] : [];
    if (metaKeys.some((s) => s && `${s.slot.file}:${s.slot.start}` === key)) blocked = true;
  };
  for (const root of model.entry.roots) for (const node of elements(root)) visit(node);
  const distinct = writes.filter((w, i) => writes.findIndex((o) => o.file === w.file && o.start === w.start) === i);
  return blocked || distinct.length === 0 ? undefined : distinct;
}

/** The words for an expression's place: a JS string in the file's usual quotes, template text, or markup. */
function apartText(model: SiteModel, write: SeoApart, value: string): string {
  if (write.write !== 'js-string') return markupText(value, write.write);
  const text = model.project.text(write.file) ?? '';
  const single = (text.match(/'/g) ?? []).length >= (text.match(/"/g) ?? []).length;
  return single ? `'${slotText(value, { syntax: 'js-single', file: write.file })}'` : `"${slotText(value, { syntax: 'js-double', file: write.file })}"`;
}

/** The site's title or description: every setting that holds it; asked first when a visitor also reads it in the header, footer or hero. */
function siteStep(model: SiteModel, field: SeoField, value: string, targets: readonly Target[], where: string): Step {
  const places = placesOf(model, targets);
  if (places.length === 0) return fail(`I found no ${FIELD_NAME[field]} for search engines on ${where}.`);
  const written = writeAll(model, places, value);
  if ('error' in written) return fail(written.error);
  const name = FIELD_NAME[field];
  const labels = places.map((p) => p.where);
  const manyNote = [places.length > 1 ? `The same ${name} is written in ${places.length} places, all changed: ${labels.slice(0, 4).join('; ')}.` : undefined].filter(Boolean).join(' ') || undefined;
  const line = { property: field, kind: 'text' as const, from: written.from, to: value.trim(), at: at(model, places[0]) };
  const shared = places.map((p) => ({ place: p, regions: shownIn(model, placeKey(p)) })).filter((s) => s.regions.length > 0);
  if (shared.length === 0) return { ok: true, alternatives: [{ splices: written.splices, line, label: labels[0], description: labels.join('; '), ...(manyNote ? { note: manyNote } : {}), section: 'seo' }] };
  const regions = [...new Set(shared.flatMap((s) => s.regions))];
  const shows = `${listAnd(regions.map((r) => `the ${r}`))} that show${regions.length === 1 ? 's' : ''} it`;
  const alternatives: Alternative[] = [
    { splices: written.splices, line, label: `Everywhere (also ${shows})`, description: `change ${labels.slice(0, 2).join('; ')}`, note: `The ${name} is the same setting as the text of ${listAnd(regions.map((r) => `the ${r}`))}, which change${regions.length === 1 ? 's' : ''} with it.${manyNote ? ` ${manyNote}` : ''}`, needsChoice: true, section: 'seo' },
  ];
  // Only what search engines show: each shared setting is written apart where the head reads it; the others as they are.
  const apart: Splice[] = [];
  const apartFiles: string[] = [];
  let possible = true;
  for (const place of places) {
    const key = placeKey(place);
    if (!shared.some((s) => s.place === place)) {
      const result = textChange(model.project, place.block, value, { copyright: false });
      if (result.ok) apart.push(result.splice);
      else possible = false;
      continue;
    }
    const writes = apartWrites(model, field, key);
    if (!writes) {
      possible = false;
      break;
    }
    for (const write of writes) {
      apart.push({ file: write.file, start: write.start, end: write.end, text: apartText(model, write, value.trim()) });
      apartFiles.push(`${write.file}:${model.project.line(write.file, write.start)}`);
    }
  }
  if (possible && apart.length > 0 && !breaksAFile(model, apart)) {
    const kept = quoted(written.from);
    alternatives.push({
      splices: apart,
      line: { ...line, at: apartFiles[0] },
      label: `Only the ${name} search engines show`,
      description: `write it in ${[...new Set(apartFiles)].slice(0, 2).join('; ')}`,
      note: `Written for search engines alone (${[...new Set(apartFiles)].slice(0, 3).join(', ')}); ${listAnd(regions.map((r) => `the ${r}`))} still read${regions.length === 1 ? 's' : ''} ${kept}.`,
      needsChoice: true,
      section: 'seo',
    });
  }
  const question = `The ${name} search engines show, ${quoted(written.from)} (${at(model, shared[0].place)}), is the same setting ${shows.replace(/ that show(s?) it$/, ' show$1')}. ${alternatives.length > 1 ? `Should ${regions.length === 1 ? 'it' : 'they'} change too, or only what search engines show?` : `Changing it changes ${regions.length === 1 ? 'that' : 'those'} too.`} Pick it below to see the preview.`;
  return { ok: true, alternatives, question };
}

/** A page's own title or description; a page with none is a question offering the site's. */
function pageStep(model: SiteModel, page: PageFile, field: SeoField, value: string, siteTargets: readonly Target[], where: string): Step {
  const name = FIELD_NAME[field];
  const { own, visible, unreadable } = pageSeo(model, page);
  const mine = samePlaces(own.filter((p) => p.field === field));
  const coded = unreadable[field];
  if (mine.length === 0 && coded) {
    return { ok: false, question: true, message: `${capitalise(pageName(page.route))} sets its own ${name} in ${coded}, built in the code from other values, so I cannot change it safely. Change it there in the code, or ask for the site-wide ${name} (e.g. ${inlineCode(`change the ${field === 'title' ? 'site title in Google' : 'meta description'} to "…"`)}).` };
  }
  if (mine.length > 0) {
    const written = writeAll(model, mine, value);
    if ('error' in written) return fail(written.error);
    const labels = mine.map((p) => p.where);
    const line = { property: field, kind: 'text' as const, from: written.from, to: value.trim(), at: at(model, mine[0]) };
    const note = [`Only ${pageName(page.route)}'s own ${name} changes.`, mine.length > 1 ? `It is written in ${mine.length} places, all changed: ${labels.slice(0, 4).join('; ')}.` : undefined].filter(Boolean).join(' ');
    // The page's heading printing the same front matter `title`: it changes too, so it is asked.
    const keys = new Set(mine.map(placeKey));
    const heading = visible.find((b) => b.edit?.kind === 'string' && keys.has(`${b.edit.slot.file}:${b.edit.slot.start}`));
    if (heading) {
      return {
        ok: true,
        alternatives: [{ splices: written.splices, line, label: `Change it (also the page's ${quoted(heading.text, 40)} that shows it)`, description: labels.join('; '), note, needsChoice: true, section: 'seo' }],
        question: `${capitalise(pageName(page.route))}'s ${name}, ${quoted(written.from)} (${at(model, mine[0])}), is also the text ${quoted(heading.text, 40)} a visitor reads on the page (${heading.node.file}:${heading.node.line}), which would change with it. Pick it below to see the preview.`,
      };
    }
    return { ok: true, alternatives: [{ splices: written.splices, line, label: labels[0], description: labels.join('; '), note, section: 'seo' }] };
  }
  const site = siteTargets.length > 0 && placesOf(model, siteTargets).every((p) => p.page === undefined) ? siteStep(model, field, value, siteTargets, where) : undefined;
  if (!site || !site.ok) {
    const home = model.seo.find((p) => p.field === field && p.page === '/');
    return {
      ok: false,
      question: true,
      message: `${capitalise(pageName(page.route))} (${page.file}) has no ${name} of its own, and I found no site-wide ${name} that I can change for every page${home ? ` (the home page has its own, in ${at(model, home)})` : ''}. Give the page one in ${page.file} in the code first${home ? `, or ask for the home page's ${name}` : ''}.`,
    };
  }
  const current = placesOf(model, siteTargets)[0];
  const without = pagesWithout(model, field);
  const shownOn = without.routes.length > 0 ? `${listAnd(without.routes.slice(0, 6))}${without.routes.length > 6 || without.more ? ' and others' : ''}` : pageName(page.route);
  const alternatives = site.alternatives.map((a) => ({
    ...a,
    label: a.needsChoice ? `Site-wide: ${a.label.charAt(0).toLowerCase()}${a.label.slice(1)}` : `The site-wide ${name} (every page without its own)`,
    description: a.description,
    needsChoice: true,
  }));
  return {
    ok: true,
    alternatives,
    question: `${capitalise(pageName(page.route))} has no ${name} of its own: it shows the site's, ${quoted(current.block.text)} (${current.where}), which every page without its own shows (${shownOn}). Should the site-wide ${name} change? Pick it below to see the preview, or give ${pageName(page.route)} its own ${name} in ${page.file} first.${site.question ? ` ${site.question.replace(/ Pick it below to see the preview\.$/, '')}` : ''}`,
  };
}

/** The splices would leave a file its parser (or the template check) refuses: that way of writing it is not offered. */
function breaksAFile(model: SiteModel, splices: readonly Splice[]): boolean {
  const files = [...new Set(splices.map((s) => s.file))];
  try {
    return files.some((file) => {
      const before = model.project.text(file) ?? '';
      return brokenBy(file, before, applySplices(before, splices.filter((s) => s.file === file), file)) !== undefined;
    });
  } catch {
    return true;
  }
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
