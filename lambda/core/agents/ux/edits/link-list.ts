import type { Project } from '../discovery/project';
import type { LinkGroup, LinkItem } from '../discovery/site-model';
import type { LinkEntry, LinksArray, StringSlot } from '../discovery/ui-tree';
import { EditError } from './edit-error';
import type { Splice } from './splice';
import { markupText, slotText } from './write-text';

/**
 * Links added, renamed or removed the way the list already writes them: a new array entry is a
 * copy of an existing one (its key names, quotes, line breaks and indentation) with the label
 * and target replaced; a new hand-written link is a copy of the last `<a>`/`<Link>`/`<li>`
 * with its text and href replaced (and the same href repeated inside it, as in an `isActive('#faq')`).
 */
export interface LinkSpec {
  label: string;
  href: string;
}

const norm = (s: string) => s.trim().toLowerCase();

function labels(group: LinkGroup): Array<{ label: string; target: string }> {
  if (group.kind === 'first') return [];
  return group.kind === 'array' ? group.array.entries.map((e) => ({ label: e.labelValue, target: e.targetValue })) : group.items.map((i) => ({ label: i.label.text, target: i.targetValue }));
}

/**
 * The first link of a bar that has only buttons, two ways: a plain link before the buttons
 * (written with the link element the file already uses), or a copy of the first button-link.
 */
export function firstLinkOptions(project: Project, group: Extract<LinkGroup, { kind: 'first' }>, link: LinkSpec): Array<{ label: string; splices: Splice[] }> {
  const text = project.text(group.file) ?? '';
  const at = group.before.range.start;
  const indent = /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1, at))?.[0] ?? '';
  const tag = group.before.tag;
  const componentLink = /^(?:Link|NuxtLink|RouterLink|NextLink)$/.test(tag);
  const attribute = componentLink && tag !== 'Link' ? 'to' : componentLink && /from\s+['"]react-router/.test(text) ? 'to' : 'href';
  const element = componentLink ? tag : 'a';
  const syntax = group.before.syntax;
  const plain = `<${element} ${attribute}="${link.href.replace(/"/g, '&quot;')}">${markupText(link.label, syntax)}</${element}>`;
  const options = [{ label: `A plain link before the ${group.buttons[0].label.text} button`, splices: [{ file: group.file, start: at, end: at, text: `${plain}\n${indent}` }] }];
  const button = group.buttons[0];
  try {
    const copy = cloneItem(project, button, link);
    options.push({ label: `A button like ${button.label.text}`, splices: [{ file: group.file, start: at, end: at, text: `${copy}\n${indent}` }] });
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
  }
  return options;
}

/** The target as the list stores it: an `id` list stores `pricing` for `#pricing`. */
function storedTarget(group: LinkGroup, href: string, targetKey = group.kind === 'array' ? group.array.targetKey : 'href'): string {
  // Hugo's `pageRef` names a page, written as its siblings write theirs: `'/about'`, or `'about'`.
  if (targetKey === 'pageRef' && /^\/[\w/-]*$/.test(href)) {
    const siblings = group.kind === 'array' ? group.array.entries.filter((e) => e.targetKey === 'pageRef' && e.targetValue !== '/').map((e) => e.targetValue) : [];
    if (siblings.length > 0 && siblings.every((v) => v.startsWith('/'))) return href;
    return href.replace(/^\/+|\/+$/g, '') || '/';
  }
  // A slug (Starlight's sidebar `slug: 'guides/example'`) names a page without slashes around it, as its siblings do.
  if (targetKey === 'slug' && /^\/[\w/-]*$/.test(href) && group.kind === 'array' && group.array.entries.every((e) => e.targetKey !== 'slug' || !/^\/|\/$/.test(e.targetValue))) return href.replace(/^\/+|\/+$/g, '') || '/';
  if (group.kind !== 'array' || !group.array.targetIsAnchorId) return href;
  const anchor = /^\/?#([\w-]+)$/.exec(href);
  if (!anchor) throw new EditError(`${group.name} links to sections of the page by id (#${group.array.entries[0]?.targetValue ?? 'section'}), so a new link must be an anchor such as #pricing, not ${href}.`);
  return anchor[1];
}

/** Sorted lists get the new entry in order; others at the end. */
function insertIndex(existing: string[], label: string): number {
  const sorted = existing.length >= 3 && existing.every((l, i) => i === 0 || existing[i - 1].localeCompare(l) <= 0);
  if (!sorted) return existing.length;
  const at = existing.findIndex((l) => l.localeCompare(label) > 0);
  return at < 0 ? existing.length : at;
}

function replaceWithin(source: string, sourceStart: number, replacements: Array<{ start: number; end: number; text: string }>): string {
  let out = source;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start - sourceStart) + r.text + out.slice(r.end - sourceStart);
  return out;
}

/** An entry with its label, target, name and order left out: entries alike but for those are links of one kind. */
function entryShape(project: Project, entry: LinkEntry): string {
  const text = project.text(entry.range.file) ?? '';
  const blanks = [entry.label, ...(entry.target ? [entry.target] : []), ...(entry.identifier ? [entry.identifier] : []), ...(entry.order ? [entry.order] : [])].sort((a, b) => b.start - a.start);
  let source = text.slice(entry.range.start, entry.range.end);
  for (const b of blanks) source = source.slice(0, b.start - entry.range.start) + source.slice(b.end - entry.range.start);
  return source.replace(/\s+/g, ' ');
}

/**
 * Where a new entry goes: in order in a sorted list, else after the last entry like the one it
 * copies (so `Login` and a highlighted `Sign Up` that end a menu stay last), else at the end.
 */
function arrayInsertIndex(project: Project, group: Extract<LinkGroup, { kind: 'array' }>, link: LinkSpec): number {
  const entries = group.array.entries;
  const sorted = insertIndex(entries.map((e) => e.labelValue), link.label);
  if (sorted !== entries.length) return sorted;
  const template = arrayTemplate(entries, link.href);
  if (!template) return entries.length;
  // Entries with the same keys but other flags (`highlight: true`, `new_window: true`) ending the list are its buttons: they stay last.
  const shape = entryShape(project, template);
  const sameKeys = (e: LinkEntry) => e.keys.join(',') === template.keys.join(',');
  let at = entries.length;
  while (at > 0 && sameKeys(entries[at - 1]) && entryShape(project, entries[at - 1]) !== shape) at--;
  return at;
}

const isAddress = (href: string) => /^(?:https?:|mailto:)/i.test(href);

/**
 * The entry a new link copies: a plain link (never a document item or one whose target is
 * computed) pointing the same way (a site path or another site), the simplest of those; for a
 * site path, written through the site's own helper (`getPermalink('/about')`) when most are.
 */
function arrayTemplate(entries: readonly LinkEntry[], href: string): LinkEntry | undefined {
  const copyable = entries.filter((e) => e.target && !e.reference);
  const external = isAddress(href);
  const sameWay = copyable.filter((e) => isAddress(e.targetValue) === external);
  const pool = sameWay.length > 0 ? sameWay : copyable;
  const wrapped = pool.filter((e) => e.wrapper).length;
  const preferWrapped = !external && wrapped * 2 >= pool.length;
  return [...pool].sort((a, b) => Number(!a.wrapper === preferWrapped) - Number(!b.wrapper === preferWrapped) || a.keys.length - b.keys.length)[0];
}

/** The step between the list's order numbers (`weight = 10, 20, 30` steps by 10), 1 when they do not step evenly. */
function orderStep(all: readonly LinkEntry[]): number {
  const values = [...new Set(all.map((e) => e.order?.value).filter((v): v is number => v !== undefined))].sort((a, b) => a - b);
  const steps = values.slice(1).map((v, i) => v - values[i]);
  return steps.length > 0 && Math.min(...steps) > 0 ? Math.min(...steps) : 1;
}

const slug = (label: string) => label.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-') || 'link';

function cloneArrayEntry(project: Project, group: Extract<LinkGroup, { kind: 'array' }>, link: LinkSpec, last: boolean): string {
  const template = arrayTemplate(group.array.entries, link.href);
  if (!template) throw new EditError(`${group.name} holds no plain link to copy for ${link.label} (its links are ${group.array.entries.map((e) => e.labelValue).join(', ')}, each a document item or a computed address); add the first plain link in ${group.file} by hand.`);
  return cloneEntry(project, template, link.label, storedTarget(group, link.href, template.targetKey), group.array.entries, last);
}

/** A JS string literal holding `value`, in the quotes of the slot it replaces. */
function quoted(value: string, slot: StringSlot): string {
  const text = slotText(value, slot);
  return slot.syntax === 'js-double' ? `"${text}"` : slot.syntax === 'js-template' ? `\`${text}\`` : `'${text}'`;
}

function cloneEntry(project: Project, entry: LinkEntry, label: string, target: string, all: readonly LinkEntry[], last: boolean): string {
  const text = project.text(entry.range.file) ?? '';
  const source = text.slice(entry.range.start, entry.range.end);
  const slot = entry.target as StringSlot;
  // Another site's address is not a path of this one: it is written as a plain string, not through the path helper.
  const unwrap = entry.wrapper && isAddress(target);
  const replacements = [
    { start: entry.label.start, end: entry.label.end, text: slotText(label, entry.label) },
    unwrap && entry.wrapper ? { start: entry.wrapper.start, end: entry.wrapper.end, text: quoted(target, slot) } : { start: slot.start, end: slot.end, text: slotText(target, slot) },
  ];
  // A copy keeps no name another entry has (a Hugo menu `identifier`) and, added last, orders last (`weight`), in the list's step.
  if (entry.identifier) replacements.push({ start: entry.identifier.start, end: entry.identifier.end, text: slotText(slug(label), entry.identifier) });
  if (entry.order && last) replacements.push({ start: entry.order.start, end: entry.order.end, text: String(Math.max(...all.map((e) => e.order?.value ?? 0)) + orderStep(all)) });
  return replaceWithin(source, entry.range.start, replacements);
}

function cloneItem(project: Project, item: LinkItem, link: LinkSpec): string {
  const text = project.text(item.outer.file) ?? '';
  const source = text.slice(item.outer.range.start, item.outer.range.end);
  const edit = item.label.edit;
  if (edit?.kind !== 'markup') throw new EditError(`The link ${JSON.stringify(item.label.text)} in ${item.outer.file}:${item.outer.line} does not hold its label as text, so it cannot be copied for a new link.`);
  let clone = replaceWithin(source, item.outer.range.start, [
    { start: item.target.start, end: item.target.end, text: slotText(link.href, item.target) },
    { start: edit.start, end: edit.end, text: markupText(link.label, edit.syntax) },
  ]);
  // The old target repeated inside the copy (e.g. `isActive('#faq')`) follows the new one.
  const old = item.targetValue;
  const hash = /#[\w-]+$/.exec(old)?.[0];
  const newHash = /#[\w-]+$/.exec(link.href)?.[0];
  const replacements: Array<[string, string]> = [[old, link.href]];
  if (hash && hash !== old) replacements.push([hash, newHash ?? link.href]);
  for (const [repeated, by] of replacements) {
    const escaped = repeated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    clone = clone.replace(new RegExp(`(['"\`])${escaped}\\1`, 'g'), (_m, q: string) => `${q}${by}${q}`);
  }
  return clone;
}

/** After a list's only element: a YAML block item (`    - name: Posts`) takes the next on its own line, as `- ` and indented alike; others a comma. */
function soleSeparator(text: string, range: { start: number; end: number }): string {
  const prefix = text.slice(text.lastIndexOf('\n', range.start - 1) + 1, range.start);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return ', ';
  // An item whose range takes its line break along (yaml's block maps) already ends the line.
  return text.charAt(range.end - 1) === '\n' ? prefix : `\n${prefix}`;
}

/** A list of the site's pages by file (minima's `header_pages`): the page at the link's path is added by its file, as its siblings are written. */
function addPageSplices(project: Project, group: Extract<LinkGroup, { kind: 'array' }>, pages: NonNullable<LinksArray['pages']>, link: LinkSpec): Splice[] {
  const path = (href: string) => `/${href.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '')}`;
  const page = pages.find((p) => path(p.route) === path(link.href));
  if (!page) throw new EditError(`${group.name} lists pages of this site by their file, each shown by its title, and no page of the site is at ${link.href}; create that page (with a title in its front matter) first, then ask again.`);
  if (group.array.entries.some((e) => e.targetValue === page.file)) throw new EditError(`${group.name} already lists ${page.file} (${page.title ?? link.label}).`);
  if (page.title !== undefined && norm(page.title) !== norm(link.label)) throw new EditError(`The header shows each page of ${group.name} by its own title, and ${page.file} (${link.href}) is titled ${JSON.stringify(page.title)}; ask for the link ${JSON.stringify(page.title)}, or change the page's title first.`);
  const last = group.array.entries[group.array.entries.length - 1];
  const slot = last.target as StringSlot;
  const text = project.text(slot.file) ?? '';
  const lineStart = text.lastIndexOf('\n', last.range.start - 1) + 1;
  const prefix = text.slice(lineStart, last.range.start);
  // A block list (`  - about.md`) takes the next item on its own line; a flow list (`[about.md]`) after a comma.
  const separator = /^[ \t]*-[ \t]+$/.test(prefix) ? `\n${prefix}` : ', ';
  const entry = text.slice(last.range.start, slot.start) + slotText(page.file, slot) + text.slice(slot.end, last.range.end);
  return [{ file: slot.file, start: last.range.end, end: last.range.end, text: separator + entry }];
}

export function addLinkSplices(project: Project, group: Exclude<LinkGroup, { kind: 'first' }>, link: LinkSpec): Splice[] {
  if (group.kind === 'array' && group.array.fixed) throw new EditError(group.array.fixed);
  if (group.kind === 'array' && group.array.pages) return addPageSplices(project, group, group.array.pages, link);
  const existing = labels(group);
  const clash = existing.find((l) => norm(l.label) === norm(link.label) || l.target === link.href || l.target === storedTarget(group, link.href));
  if (clash) throw new EditError(`${group.name} already has the link ${clash.label} → ${clash.target}; choose another label and path.`);
  const text = project.text(group.file) ?? '';
  const ranges = group.kind === 'array' ? group.array.entries.map((e) => e.range) : group.items.map((i) => i.outer.range);
  // Links shown only to some visitors (`v-if="user"`, `{user && …}`) are never copied, and a list holding them is not "sorted".
  const shownToAll = group.kind === 'markup' ? group.items.map((i) => !i.outer.conditional && !i.link.conditional) : ranges.map(() => true);
  const mixed = shownToAll.some((s) => !s);
  const lastForAll = shownToAll.lastIndexOf(true);
  const at = mixed ? (lastForAll >= 0 ? lastForAll + 1 : existing.length) : group.kind === 'array' ? arrayInsertIndex(project, group, link) : insertIndex(existing.map((e) => e.label), link.label);
  const templateIndex = mixed && lastForAll >= 0 ? lastForAll : at === 0 ? 0 : at - 1;
  const clone =
    group.kind === 'array'
      ? cloneArrayEntry(project, group, link, at === existing.length)
      : cloneItem(project, group.items[templateIndex], link);
  // Between the array's last two elements, links or not: between two links may lie a whole dropdown item.
  const elements = group.kind === 'array' && group.array.others ? group.array.others : ranges;
  const separator = elements.length >= 2 ? text.slice(elements[elements.length - 2].end, elements[elements.length - 1].start) : soleSeparator(text, ranges[0]);
  if (at === 0) return [{ file: group.file, start: ranges[0].start, end: ranges[0].start, text: clone + separator }];
  const after = ranges[at - 1];
  return [{ file: group.file, start: after.end, end: after.end, text: separator + clone }];
}

/** The list has no link of that name: a landmark with several lists names them all in one sentence. */
export class LinkNotFoundError extends EditError {
  constructor(
    readonly list: string,
    readonly links: string[],
    readonly wanted: string,
  ) {
    super(`${list} has no link ${JSON.stringify(wanted)}; its links are ${links.join(', ')}.`);
  }
}

function find(group: LinkGroup, name: string): number {
  if (group.kind === 'first') throw new EditError(`The ${group.name.replace(/^the /, '')} are buttons, not a list of links; the bar has no links yet to change.`);
  const all = labels(group);
  const index = all.findIndex((l) => norm(l.label) === norm(name) || l.target === name.trim());
  if (index < 0) throw new LinkNotFoundError(group.name, all.map((l) => l.label), name);
  return index;
}

export function removeLinkSplice(group: LinkGroup, name: string): { splice: Splice; removed: string } {
  const index = find(group, name);
  if (group.kind === 'array' && group.array.fixed) throw new EditError(group.array.fixed);
  const ranges = group.kind === 'array' ? group.array.entries.map((e) => e.range) : group.kind === 'markup' ? group.items.map((i) => i.outer.range) : [];
  if (ranges.length === 1) throw new EditError(`${name} is the only link of ${group.name}; the UX Agent does not empty a list.`);
  const removed = labels(group)[index].label;
  const range = ranges[index];
  // Between the elements around it, links or not (a Docusaurus navbar also holds a docs sidebar item).
  const all = group.kind === 'array' && group.array.others ? group.array.others : ranges;
  const at = all.findIndex((r) => r.start === range.start);
  if (at > 0) return { splice: { file: group.file, start: all[at - 1].end, end: range.end, text: '' }, removed };
  return { splice: { file: group.file, start: range.start, end: all[at + 1].start, text: '' }, removed };
}

export function renameLinkSplice(group: LinkGroup, from: string, to: string): { splice: Splice; renamed: string } {
  const index = find(group, from);
  if (labels(group).some((l, i) => i !== index && norm(l.label) === norm(to))) throw new EditError(`${group.name} already has a link called ${to}.`);
  if (group.kind === 'array') {
    const entry = group.array.entries[index];
    return { splice: { file: entry.label.file, start: entry.label.start, end: entry.label.end, text: slotText(to, entry.label) }, renamed: entry.labelValue };
  }
  if (group.kind !== 'markup') throw new EditError(`The link ${from} cannot be renamed here.`);
  const item = group.items[index];
  const edit = item.label.edit;
  if (!edit) throw new EditError(`The link ${from} does not hold its label as text.`);
  if (edit.kind === 'string') return { splice: { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(to, edit.slot) }, renamed: item.label.text };
  return { splice: { file: edit.file, start: edit.start, end: edit.end, text: markupText(to, edit.syntax) }, renamed: item.label.text };
}

export const linkLabels = (group: LinkGroup): string[] => labels(group).map((l) => l.label);
