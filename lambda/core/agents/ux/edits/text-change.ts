import type { Project } from '../discovery/project';
import type { TextBlock } from '../discovery/text-blocks';
import type { Splice } from './splice';
import { markupText, slotText } from './write-text';

/**
 * New words for a text block. Only the words change: `&copy; {currentYear}` before them,
 * an icon after them and the element around them stay; a copyright prefix the person
 * repeats ("© 2026 Acme") is not written twice.
 */
export type TextChange =
  | {
      ok: true;
      splice: Splice;
      from: string;
      to: string;
      note?: string;
      /** What the replaced characters held besides words (a link, an `{expression}`): gone after the edit. */
      removed: string[];
      /** The line's © and year were kept in front of the new words (a copyright holder replaced). */
      copyrightKept?: boolean;
      /** A link the words began with is replaced (`© {year} <a>Acme</a>. …`): the holder loses its link. */
      replacesLeadingLink?: boolean;
    }
  | { ok: false; message: string };

const COPYRIGHT_RAW = /^(?:(?:©|&copy;|&#169;|&#xa9;|\(c\)|copyright\b)\s*)+(?:(?:\d{4})(?:\s*[-–]\s*\d{4})?)?[\s,.]*/i;
const COPYRIGHT_TEXT = /^(?:(?:©|\(c\)|copyright\b)\s*)+(?:(?:\d{4})(?:\s*[-–]\s*\d{4})?)?[\s,.]*/i;
const SHOWS_COPYRIGHT = /©|\(c\)|\bcopyright\b/i;
/** A prefix worth keeping holds the mark or a year, not just the word "Copyright" ("Copyright made simple" is a headline). */
const MARK_OR_YEAR = /©|&copy;|&#169;|&#xa9;|\(c\)|\d{4}/i;
const SMALL_WORDS = new Set(['and', '&', 'of', 'the', 'de', 'von', 'van', 'der', 'y', 'et', 'und']);
/** Words that name a holder ("Acme Inc.", "Jane Doe & Co.") rather than a sentence ("Made with love in Boulder"). */
function holderLike(text: string): boolean {
  if (/all rights reserved/i.test(text)) return true;
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 6 && words.every((w) => /^[\p{Lu}\p{N}&(@"'“.]/u.test(w) || SMALL_WORDS.has(w.toLowerCase()));
}
/** A separator after the holder ("Brewly Coffee Co. · Made in Portland"): what follows it stays. */
const SEPARATOR = /\s+[·•|—–]\s+|\s+&middot;\s+|\s+&bull;\s+/;
/** A second sentence after the holder ("Maya Chen. Built with React."). */
const SENTENCE = /\.\s+(?=\p{Lu})/u;

export interface TextChangeOptions {
  /** Keep a copyright mark and year the line shows (off when the person quoted the whole old text). */
  copyright?: boolean;
  /** A shared config value: write the words in place of the expression here, not in the config. */
  inPlace?: boolean;
}

export function textChange(project: Project, block: TextBlock, wanted: string, options: TextChangeOptions = {}): TextChange {
  const edit = block.edit;
  if (!edit) return { ok: false, message: `The text ${JSON.stringify(block.text)} in ${block.node.file}:${block.node.line} is not written where it can be edited.` };
  let text = wanted.trim();
  let note: string | undefined;
  if (edit.kind === 'string' && options.inPlace && edit.container) {
    return { ok: true, splice: { file: edit.container.file, start: edit.container.start, end: edit.container.end, text: markupText(text, block.node.syntax) }, from: edit.replaced, to: text, removed: [], note: `Written here in place of the shared value; everywhere else it still reads ${JSON.stringify(edit.replaced)}.` };
  }
  if (edit.kind === 'string') {
    return { ok: true, splice: { file: edit.slot.file, start: edit.slot.start, end: edit.slot.end, text: slotText(text, edit.slot) }, from: edit.replaced, to: text, removed: [], ...(edit.viaConfig ? { note: edit.slot.file.endsWith('.json') ? `The text is a translation in ${edit.slot.file}, so it is changed there (everywhere it is shown); other languages' files are not changed.` : `The text comes from ${edit.slot.file}, so it is changed there (everywhere it is shown).` } : {}) };
  }
  let start = edit.start;
  let end = edit.end;
  const source = project.text(edit.file) ?? '';
  const raw = source.slice(edit.start, edit.end);
  const copyright = options.copyright ?? true;
  const ownPrefix = copyright ? COPYRIGHT_RAW.exec(raw) : null;
  const wantedPrefix = COPYRIGHT_TEXT.exec(text);
  const shownBefore = copyright && SHOWS_COPYRIGHT.test(edit.keptBefore);
  let keptPrefix = false;
  if (shownBefore && wantedPrefix && wantedPrefix[0] && MARK_OR_YEAR.test(wantedPrefix[0])) {
    text = text.slice(wantedPrefix[0].length);
    keptPrefix = true;
    note = `The © and year already shown (${edit.keptBefore}) are kept, not written twice.`;
  } else if (shownBefore && !holderLike(text)) {
    // A sentence, not a holder: the whole line becomes it, © and year included.
    start = edit.lineStart;
    note = `The whole line is replaced, its © and year (${edit.keptBefore}) included.`;
  } else if (shownBefore) {
    keptPrefix = true;
  } else if (ownPrefix && ownPrefix[0].trim() && MARK_OR_YEAR.test(ownPrefix[0]) && !wantedPrefix?.[0] && holderLike(text)) {
    start += ownPrefix[0].length;
    keptPrefix = true;
    note = `The ${ownPrefix[0].trim()} prefix is kept.`;
  }
  // A copyright line's holder is followed by more ("· Made in Portland", ". Built with React."):
  // a new holder replaces the holder only, when the new words carry no such second part.
  const copyrightLine = keptPrefix || (ownPrefix && MARK_OR_YEAR.test(ownPrefix[0]) && wantedPrefix?.[0] && MARK_OR_YEAR.test(wantedPrefix[0]));
  if (copyrightLine) {
    const holderStart = keptPrefix ? start : start + (ownPrefix?.[0].length ?? 0);
    const rest = source.slice(holderStart, end);
    // `MyApp Ltd. • Terms & Privacy`: what a separator sets apart after the holder is the line's own, kept whatever the new words.
    const separated = SEPARATOR.exec(rest);
    const sentence = SENTENCE.exec(rest);
    const newHolderOnly = !SEPARATOR.test(text) && !SENTENCE.test(text) && holderLike(text.replace(COPYRIGHT_TEXT, ''));
    const holderEnd =
      separated && separated.index > 0 && !SEPARATOR.test(text)
        ? holderStart + separated.index
        : !newHolderOnly
          ? undefined
          : block.holderEnd !== undefined && block.holderEnd > holderStart && block.holderEnd < end
            ? block.holderEnd
            : sentence && sentence.index > 0
              ? holderStart + sentence.index
              : undefined;
    if (holderEnd !== undefined) {
      end = holderEnd;
      if (source[end] === '.' && text.endsWith('.')) text = text.slice(0, -1);
      note = [note, `What follows the holder (${source.slice(end, edit.end).replace(/^[.\s]+/, '').replace(/\s+/g, ' ').trim().slice(0, 40)}) is kept.`].filter(Boolean).join(' ');
    }
  }
  if (block.formatted && block.formatted.length > 0) note = [note, `The formatting inside the old words (${block.formatted.slice(0, 2).join(', ')}) is replaced with them.`].filter(Boolean).join(' ');
  if (text === '') return { ok: false, message: `Nothing would be left of the new text once the © and year already shown are kept; give the words that follow them.` };
  const from = start === edit.start && end === edit.end ? edit.replaced : source.slice(start, end).replace(/\s+/g, ' ').trim();
  // The site's own way of writing the copyright sign.
  const written = source.slice(edit.lineStart, edit.end).includes('&copy;') ? markupText(text, edit.syntax).replace(/©/g, '&copy;') : markupText(text, edit.syntax);
  const removedParts = (block.insideAt ?? []).filter((part) => part.start >= start && part.end <= end);
  const removed = removedParts.map((part) => part.display);
  const replacesLeadingLink = removedParts.some((part) => part.kind === 'element' && part.start === start);
  if (removed.length > 0 && keptPrefix) note = [note, `Also removed from the line: ${removed.slice(0, 4).join(', ')}.`].filter(Boolean).join(' ');
  return { ok: true, splice: { file: edit.file, start, end, text: written }, from, to: text, removed, ...(keptPrefix ? { copyrightKept: true } : {}), ...(replacesLeadingLink ? { replacesLeadingLink } : {}), ...(note ? { note } : {}) };
}
