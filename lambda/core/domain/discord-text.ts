/** Safe rendering of user-supplied text in Discord markdown: code never closes early, mentions never render. */
const ZERO_WIDTH_SPACE = '\u200b';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The longest start of `text` made of whole graphemes within `max` UTF-16 units: never half an emoji
 * (a lone surrogate such as \ud83c), a flag, or a letter without its accent. UTF-16 units are what
 * JavaScript's `length` counts, never fewer than the code points Discord counts, so the bound holds there too.
 */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** Shortens to `max` characters (with an ellipsis) so one long value cannot crowd out a message; cut between graphemes. */
export function shorten(text: string, max = 80): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${cutToLength(text, max - 1)}…`;
}

/** One line Discord shows as written: no formatting, no masked link (`](` split), no heading or quote, no mention. */
export function plainText(text: string): string {
  return text
    .replace(/[\\`*_~|]/g, '\\$&')
    .replace(/\]\(/g, `]${ZERO_WIDTH_SPACE}(`)
    .replace(/^(\s*)([#>-])/, '$1\\$2')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Text as written, but an `@` can never start a mention (a zero-width space follows it). */
export function noMentions(text: string): string {
  return text.replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Inline code for any text: backticks inside cannot end the span, and nothing inside renders as a mention. */
export function inlineCode(text: string, max = 80): string {
  const value = shorten(text, max).replace(/\r?\n/g, ' ');
  if (value === '') return '` `';
  if (!value.includes('`')) return `\`${value}\``;
  // Backticks inside become a look-alike (U+02CB) so the span always closes where we meant.
  return `\`${value.replace(/`/g, 'ˋ')}\``;
}

/** A fenced code block whose content cannot close the fence (a zero-width space splits backtick runs). */
export function codeBlock(text: string, language = ''): string {
  return `\`\`\`${language}\n${fenceSafe(text)}\n\`\`\``;
}

export function fenceSafe(text: string): string {
  return text.replace(/`(?=`)/g, `\`${ZERO_WIDTH_SPACE}`);
}
