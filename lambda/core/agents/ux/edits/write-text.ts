import type { MarkupSyntax, StringSlot } from '../discovery/ui-tree';
import { EditError } from './edit-error';

/**
 * New text written the way its place needs it: JSX text with `&amp;`-style entities for the
 * characters JSX would read as code, HTML text escaped, JS strings in their own quote style.
 */
export function markupText(text: string, syntax: MarkupSyntax): string {
  if (syntax === 'markdown') return markdownText(text);
  if (syntax === 'js-template') return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return syntax === 'html' ? escaped : escaped.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

/** YAML reads the text back unchanged as a plain scalar: no indicator first, no `: ` or ` #`, not a number, boolean or null. */
function yamlPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #|[\u0000-\u001f]/.test(text)) return false;
  return !/^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan|\d{4}-\d\d-\d\d.*)$/i.test(text);
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
    case 'yaml-plain':
      // A plain scalar stays plain when YAML would read it back as the same text; otherwise it becomes double-quoted.
      return yamlPlainSafe(text) ? text : JSON.stringify(text);
    case 'yaml-double':
    case 'toml-basic':
      return JSON.stringify(text).slice(1, -1);
    case 'yaml-single':
      return text.replace(/'/g, "''");
    case 'toml-literal':
      if (text.includes("'")) throw new EditError(`A single quote cannot be written inside this TOML literal string of ${slot.file}; leave it out of the value.`);
      return text;
    case 'svelte-attribute':
      // Svelte decodes entities in attribute values and reads `{…}` there as code.
      return text.replace(/&/g, '&amp;').replace(/\{/g, '&#123;').replace(/\}/g, '&#125;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    case 'jsx-attribute':
      // JSX attribute strings have no escapes: the quote around the value would end the attribute.
      if (slot.delimiter ? text.includes(slot.delimiter) : /["']/.test(text)) throw new EditError(`A ${slot.delimiter === "'" ? 'single' : 'double'} quote cannot be written inside this attribute of ${slot.file}; leave it out of the value.`);
      return text;
  }
}
