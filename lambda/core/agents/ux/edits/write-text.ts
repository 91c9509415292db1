import type { StringSlot } from '../discovery/ui-tree';
import { EditError } from './edit-error';

/**
 * New text written the way its place needs it: JSX text with `&amp;`-style entities for the
 * characters JSX would read as code, HTML text escaped, JS strings in their own quote style.
 */
export function markupText(text: string, syntax: 'jsx' | 'html'): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return syntax === 'jsx' ? escaped.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;') : escaped;
}

export function slotText(text: string, slot: Pick<StringSlot, 'syntax' | 'file'>): string {
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
      // JSX attribute strings have no escapes: a quote would end the attribute.
      if (/["']/.test(text)) throw new EditError(`A quote cannot be written inside this attribute of ${slot.file}; leave quotes out of the value.`);
      return text;
  }
}
