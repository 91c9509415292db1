import type { Project } from '../discovery/project';
import type { TextBlock } from '../discovery/text-blocks';
import type { Splice } from './splice';
import { markupText, slotText } from './write-text';

/**
 * New words for a text block. Only the words change: `&copy; {currentYear}` before them,
 * an icon after them and the element around them stay; a copyright prefix the person
 * repeats ("© 2026 Acme") is not written twice.
 */
export type TextChange = { ok: true; splice: Splice; from: string; to: string; note?: string } | { ok: false; message: string };

const COPYRIGHT_RAW = /^(?:(?:©|&copy;|&#169;|&#xa9;|\(c\)|copyright)\s*)+(?:(?:\d{4})(?:\s*[-–]\s*\d{4})?)?[\s,.]*/i;
const COPYRIGHT_TEXT = /^(?:(?:©|\(c\)|copyright)\s*)+(?:(?:\d{4})(?:\s*[-–]\s*\d{4})?)?[\s,.]*/i;
const SHOWS_COPYRIGHT = /©|\(c\)|copyright/i;

export function textChange(project: Project, block: TextBlock, wanted: string): TextChange {
  const edit = block.edit;
  if (!edit) return { ok: false, message: `The text ${JSON.stringify(block.text)} in ${block.node.file}:${block.node.line} is not written where it can be edited.` };
  let text = wanted.trim();
  let note: string | undefined;
  if (edit.kind === 'string') {
    return { ok: true, splice: { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(text, edit.slot) }, from: edit.replaced, to: text, ...(edit.viaConfig ? { note: edit.slot.file.endsWith('.json') ? `The text is a translation in ${edit.slot.file}, so it is changed there (everywhere it is shown); other languages' files are not changed.` : `The text comes from ${edit.slot.file}, so it is changed there (everywhere it is shown).` } : {}) };
  }
  let start = edit.start;
  const raw = (project.text(edit.file) ?? '').slice(edit.start, edit.end);
  const ownPrefix = COPYRIGHT_RAW.exec(raw);
  const wantedPrefix = COPYRIGHT_TEXT.exec(text);
  if (SHOWS_COPYRIGHT.test(edit.keptBefore) && wantedPrefix && wantedPrefix[0]) {
    text = text.slice(wantedPrefix[0].length);
    note = `The © and year already shown (${edit.keptBefore}) are kept, not written twice.`;
  } else if (ownPrefix && ownPrefix[0].trim() && !wantedPrefix?.[0]) {
    start += ownPrefix[0].length;
    note = `The ${ownPrefix[0].trim()} prefix is kept.`;
  }
  if (block.formatted && block.formatted.length > 0) note = [note, `The formatting inside the old words (${block.formatted.slice(0, 2).join(', ')}) is replaced with them.`].filter(Boolean).join(' ');
  if (text === '') return { ok: false, message: `Nothing would be left of the new text once the © and year already shown are kept; give the words that follow them.` };
  const from = start === edit.start ? edit.replaced : edit.replaced.replace(COPYRIGHT_TEXT, '');
  // The site's own way of writing the copyright sign.
  const written = raw.includes('&copy;') ? markupText(text, edit.syntax).replace(/©/g, '&copy;') : markupText(text, edit.syntax);
  return { ok: true, splice: { file: edit.file, start, end: edit.end, text: written }, from, to: text, ...(note ? { note } : {}) };
}
