/**
 * The known name closest to a misspelt one ("ap-esat-1" -> "ap-east-1"), or undefined when none
 * is close enough to be a likely slip: at most a quarter of the name's letters edited, a swap of two
 * neighbours counting as one edit.
 */
export function closest(wrong: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wrong.length / 4)) + 1;
  for (const name of known) {
    const d = editDistance(wrong.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** "; did you mean X?" or "", for the end of an error message. */
export function didYouMean(wrong: string, known: Iterable<string>): string {
  const match = closest(wrong, known);
  return match === undefined ? "" : `; did you mean ${match}?`;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
