import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './plan';

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

export interface FittedDiff {
  text: string;
  shownLines: number;
  hiddenLines: number;
}

/** Whole lines of `diff` that fit in `budget` characters (never a cut line), and how many were left out. */
export function fitDiff(diff: string, budget: number, measure: (line: string) => number = (line) => line.length): FittedDiff {
  const lines = diff.split('\n');
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = measure(line) + (shown.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    shown.push(line);
    used += cost;
  }
  return { text: shown.join('\n'), shownLines: shown.length, hiddenLines: lines.length - shown.length };
}
