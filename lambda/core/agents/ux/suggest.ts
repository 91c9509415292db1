import damerauLevenshtein from 'damerau-levenshtein';
/** "Did you mean" for sections and properties: the closest candidate within a small edit distance. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const tolerance = Math.max(1, Math.min(3, Math.floor(best.candidate.length / 3)));
  return best.distance <= tolerance ? best.candidate : undefined;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one typo. */
export const editDistance = (a: string, b: string): number => damerauLevenshtein(a, b).steps;

/** "a, b or c". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
