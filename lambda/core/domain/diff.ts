import { createTwoFilesPatch } from 'diff';
/** One file before and after a change. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** The unified diff of every changed file, git style (`--- a/path`, `+++ b/path`), 3 lines of context. */
export function unifiedDiff(files: readonly FileChange[]): string {
  return files
    .map((file) =>
      createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, file.before, file.after, undefined, undefined, { context: 3 })
        .split('\n')
        .filter((line) => !/^={10,}$/.test(line) && !line.startsWith('Index: '))
        .join('\n')
        .trimEnd(),
    )
    .join('\n');
}

/** Changed lines of one file that a fitted diff leaves out. */
export interface OmittedChanges {
  path: string;
  changedLines: number;
}

export interface FittedDiff {
  text: string;
  shownLines: number;
  hiddenLines: number;
  /** Per file, the changed (`+` / `-`) lines not shown, in diff order; files with none are not listed. */
  omitted: OmittedChanges[];
}

/** Longer diff lines are shortened in the middle: the start and the end (where a link's destination is) stay visible. */
export const MAX_DIFF_LINE_CHARS = 300;
const KEEP_EACH_SIDE = 120;

/** `line` whole, or its first and last 120 characters around a marker saying how many are not shown. */
export function shortenMiddle(line: string, max = MAX_DIFF_LINE_CHARS, keep = KEEP_EACH_SIDE): string {
  const characters = [...line];
  if (characters.length <= max) return line;
  const side = Math.min(keep, Math.floor((max - 40) / 2));
  const left = characters.length - 2 * side;
  return `${characters.slice(0, side).join('')} …[${left} characters not shown]… ${characters.slice(-side).join('')}`;
}

const FILE_HEADER = /^\+\+\+ b\/(.+)$/;
const isChange = (line: string): boolean => (line.startsWith('+') || line.startsWith('-')) && !/^(?:\+\+\+ b\/|--- a\/)/.test(line);

/**
 * Whole lines of `diff` that fit in `budget` characters, over-long lines shortened in the middle
 * (never dropped), and per file how many changed lines were left out.
 */
export function fitDiff(diff: string, budget: number, measure: (line: string) => number = (line) => line.length): FittedDiff {
  const lines = diff.split('\n').map((line) => shortenMiddle(line));
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = measure(line) + (shown.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    shown.push(line);
    used += cost;
  }
  const omitted: OmittedChanges[] = [];
  let path = '';
  lines.forEach((line, index) => {
    const header = FILE_HEADER.exec(line);
    if (header) path = header[1] ?? '';
    if (index < shown.length || !isChange(line)) return;
    const last = omitted.at(-1);
    if (last && last.path === path) last.changedLines += 1;
    else omitted.push({ path, changedLines: 1 });
  });
  return { text: shown.join('\n'), shownLines: shown.length, hiddenLines: lines.length - shown.length, omitted };
}
