import { EditError } from './edit-error';

/** One `--name: value` declaration in a stylesheet, with the offsets of its (trimmed) value. */
export interface CssDeclaration {
  property: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/**
 * Lists the custom-property declarations of a stylesheet. A small scanner that knows comments,
 * strings, blocks and parentheses, so `--x: …` inside a comment or a string is never matched.
 */
export function scanCustomProperties(css: string): CssDeclaration[] {
  const found: CssDeclaration[] = [];
  let i = 0;
  let depth = 0;
  // True where a declaration may begin: just after `{` or `;` (whitespace and comments aside).
  let atDeclarationStart = false;
  const skipString = (quote: string) => {
    i++;
    while (i < css.length && css[i] !== quote) i += css[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipComment = () => {
    const end = css.indexOf('*/', i + 2);
    i = end < 0 ? css.length : end + 2;
  };
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      skipComment();
      continue;
    }
    if (c === '"' || c === "'") {
      skipString(c);
      atDeclarationStart = false;
      continue;
    }
    if (c === '{') {
      depth++;
      atDeclarationStart = true;
      i++;
      continue;
    }
    if (c === '}') {
      depth = Math.max(0, depth - 1);
      atDeclarationStart = depth > 0;
      i++;
      continue;
    }
    if (c === ';') {
      atDeclarationStart = depth > 0;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (atDeclarationStart && c === '-' && css[i + 1] === '-') {
      const nameMatch = /^--[\w-]+/.exec(css.slice(i));
      if (nameMatch) {
        let j = i + nameMatch[0].length;
        while (j < css.length && /\s/.test(css[j])) j++;
        if (css[j] === ':') {
          i = j + 1;
          const valueStart = i;
          let parens = 0;
          while (i < css.length) {
            const v = css[i];
            if (v === '/' && css[i + 1] === '*') skipComment();
            else if (v === '"' || v === "'") skipString(v);
            else if (v === '(') (parens++, i++);
            else if (v === ')') (parens--, i++);
            else if (parens <= 0 && (v === ';' || v === '}')) break;
            else i++;
          }
          const raw = css.slice(valueStart, i);
          const start = valueStart + (raw.length - raw.trimStart().length);
          const end = valueStart + raw.trimEnd().length;
          found.push({ property: nameMatch[0], value: css.slice(start, end), valueStart: start, valueEnd: end });
          atDeclarationStart = false;
          continue;
        }
      }
    }
    atDeclarationStart = false;
    i++;
  }
  return found;
}

function findDeclaration(css: string, file: string, variable: string): CssDeclaration {
  const matches = scanCustomProperties(css).filter((d) => d.property === variable);
  if (matches.length === 0) throw new EditError(`No declaration of the CSS custom property ${variable} was found in ${file}. Declare it (e.g. \`${variable}: #1f2937;\`), or fix the site map.`);
  if (matches.length > 1) throw new EditError(`${variable} is declared ${matches.length} times in ${file}; the UX Agent edits a colour declared exactly once.`);
  return matches[0];
}

export function readCssVariable(css: string, file: string, variable: string): string {
  return findDeclaration(css, file, variable).value;
}

/** Replaces the value of one custom property; every other byte of the stylesheet is kept. */
export function editCssVariable(css: string, file: string, variable: string, value: string): string {
  const declaration = findDeclaration(css, file, variable);
  return css.slice(0, declaration.valueStart) + value + css.slice(declaration.valueEnd);
}
