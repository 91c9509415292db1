import type { MarkupSyntax, StringSlot } from '../discovery/ui-tree';
import { EditError } from './edit-error';

/**
 * New text written the way its place needs it: JSX text with `&amp;`-style entities for the
 * characters JSX would read as code, HTML text escaped, JS strings in their own quote style.
 */
export function markupText(text: string, syntax: MarkupSyntax): string {
  if (syntax === 'markdown') return markdownText(text);
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return syntax === 'html' ? escaped : escaped.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

/** Text in Markdown: what Markdown would read as emphasis, code, links or HTML is backslash-escaped; a line never starts a heading or list. */
export function markdownText(text: string): string {
  const escaped = text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/&(?=[#\w]+;)/g, '&amp;');
  return escaped.replace(/^([#+-]|\d+[.)])(?=\s)/, '\\$1');
}

export function slotText(wanted: string, slot: Pick<StringSlot, 'syntax' | 'file' | 'html' | 'delimiter'>): string {
  // A string rendered as HTML takes the new words escaped as HTML first.
  const text = slot.html ? wanted.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : wanted;
  switch (slot.syntax) {
    case 'js-single':
      return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    case 'js-double':
      return JSON.stringify(text).slice(1, -1);
    case 'js-template':
      return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    case 'html-attribute':
      return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    case 'jsx-attribute':
      // JSX attribute strings have no escapes: the quote around the value would end the attribute.
      if (slot.delimiter ? text.includes(slot.delimiter) : /["']/.test(text)) throw new EditError(`A ${slot.delimiter === "'" ? 'single' : 'double'} quote cannot be written inside this attribute of ${slot.file}; leave it out of the value.`);
      return text;
  }
}
