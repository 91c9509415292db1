import { inlineCode, shorten } from '../../../domain/discord-text';
import { yaml } from '../discovery/templates/data-files';
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

/** A TOML basic string's content: what JSON escapes, TOML escapes the same way (`\"`, `\\`, `\n`, `\uXXXX`). */
const tomlBasic = (text: string) => JSON.stringify(text).slice(1, -1);

/** Thousands separators and a currency sign around the digits are the template's to print, not the number's. */
function numberText(text: string, file: string): string {
  const digits = text.trim().replace(/^[$€£¥₹]\s*|\s*[$€£¥₹]$/g, '').replace(/(\d)[,\s](?=\d{3}(?:\D|$))/g, '$1');
  if (!/^\d+(?:\.\d+)?$/.test(digits)) throw new EditError(`${file} keeps this price as a number, so the new value must be a number such as 25 (the page adds its own currency sign); ${inlineCode(shorten(text, 60))} is not a number.`);
  return digits;
}

/** The header (`>-`, `| # comment`) and the indentation of a YAML block scalar as written, to write new content the same way. */
function blockShape(raw: string): { indicator: '>' | '|'; digit: string; rest: string; indent: string; trailing: string } | undefined {
  const header = /^([>|])([1-9]?)[-+]?([1-9]?)([^\n]*)\n/.exec(raw);
  if (!header) return undefined;
  const body = raw.slice(header[0].length);
  const indent = /^( +)\S/m.exec(body)?.[1] ?? '  ';
  const trailing = /\n*$/.exec(raw)?.[0] ?? '';
  return { indicator: header[1] as '>' | '|', digit: header[2] || header[3], rest: header[4], indent, trailing };
}

/**
 * A YAML value written over several lines, rewritten by `yaml`'s Document API in the style it had:
 * a block scalar keeps its indicator, its header comment and its indentation (folded at 80
 * columns); a folded plain or quoted scalar becomes one line. The result must read back as exactly
 * the new text, or nothing is written.
 */
function yamlBlockText(text: string, raw: string, file: string): string {
  const { Document } = yaml();
  const shape = blockShape(raw);
  let written: string;
  if (shape) {
    const document = new Document(text);
    (document.contents as { type?: string }).type = shape.indicator === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    const out = document.toString({ lineWidth: Math.max(40, 80 - shape.indent.length) });
    const lines = out.replace(/\n$/, '').split('\n');
    const chomp = /^[>|]\d?([-+]?)/.exec(lines[0])?.[1];
    if (chomp === undefined) throw new EditError(`The new text could not be written as a YAML block in ${file}, so nothing was changed.`);
    const body = lines.slice(1).map((line) => (line === '' ? '' : `${shape.indent}${line}`));
    written = `${shape.indicator}${shape.digit}${chomp}${shape.rest}\n${body.join('\n')}${shape.trailing}`;
  } else if (raw.startsWith("'")) {
    written = `'${text.replace(/'/g, "''")}'`;
  } else if (raw.startsWith('"')) {
    written = JSON.stringify(text);
  } else {
    written = yamlPlainSafe(text) ? text : JSON.stringify(text);
  }
  const back = (yaml().parseDocument(`value: ${written}`).toJS() as { value?: unknown } | null)?.value;
  if (back !== text) throw new EditError(`The new text would not read back the same from ${file} once written as YAML, so nothing was changed; try it without leading or trailing spaces.`);
  return written;
}

export function slotText(wanted: string, slot: Pick<StringSlot, 'syntax' | 'file' | 'html' | 'delimiter'> & { raw?: string }): string {
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
      return JSON.stringify(text).slice(1, -1);
    case 'yaml-single':
      return text.replace(/'/g, "''");
    case 'yaml-block':
      return yamlBlockText(text, slot.raw ?? '', slot.file);
    case 'toml-basic':
      return tomlBasic(text);
    case 'toml-literal':
      // The slot spans the quotes: a literal string holds no apostrophe, no escape and no control character, so such text becomes a basic string.
      return /['\u0000-\u001f\u007f]/.test(text) ? `"${tomlBasic(text)}"` : `'${text}'`;
    case 'number':
      return numberText(text, slot.file);
    case 'svelte-attribute':
      // Svelte decodes entities in attribute values and reads `{…}` there as code.
      return text.replace(/&/g, '&amp;').replace(/\{/g, '&#123;').replace(/\}/g, '&#125;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    case 'jsx-attribute':
      // JSX attribute strings have no escapes: the quote around the value would end the attribute.
      if (slot.delimiter ? text.includes(slot.delimiter) : /["']/.test(text)) throw new EditError(`A ${slot.delimiter === "'" ? 'single' : 'double'} quote cannot be written inside this attribute of ${slot.file}; leave it out of the value.`);
      return text;
  }
}
