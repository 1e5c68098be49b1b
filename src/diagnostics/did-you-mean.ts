/** Edit distance over code points (keys are short Chinese strings). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The candidate a mistyped key most likely meant: the nearest by edit distance, allowing about
 * one edit in three characters, or one that contains the typed key (商业企 → 商业企业).
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const length = [...typed].length;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    const limit = Math.max(1, Math.floor(Math.max(length, [...candidate].length) / 3));
    const contains = length >= 2 && (candidate.includes(typed) || typed.includes(candidate));
    if (distance <= limit || contains) {
      const score = distance - (contains ? 0.5 : 0);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
  }
  return best;
}
