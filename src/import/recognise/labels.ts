/**
 * Matching a published label to the definitions' labels. Published tables differ from the
 * national format in small ways: spaces and line breaks inside a label (normalised away, not a
 * difference), the numbering typed or not, a typo (行政止公开), a truncated cell (本年新). Each
 * match says how it was made, so that the importer reports every one that is not exact.
 */

/** A label reduced to what identifies it: no spaces, no numbering, quotes and brackets unified. */
export function labelKey(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"'‘’「」]/g, '')
    .replace(/[(]/g, '（')
    .replace(/[)]/g, '）')
    .replace(/^(?:[一二三四五六七八九十]+[、.．,，]|（[一二三四五六七八九十\d]+）|\d+[.．、,，]?)+/u, '')
    .replace(/（区分处理的.*$/u, '')
    .replace(/其它/g, '其他')
    .replace(/[：:。，,]+$/u, '');
}

export type MatchKind = 'exact' | 'truncated' | 'misspelled';

export interface LabelMatch<T> {
  readonly target: T;
  readonly kind: MatchKind;
}

/** The distinct targets one of whose label keys passes `test`. */
function targetsOf<T>(targets: readonly { readonly labels: readonly string[]; readonly target: T }[], test: (key: string) => boolean): T[] {
  return [...new Set(targets.filter((t) => t.labels.some((l) => test(labelKey(l)))).map((t) => t.target))];
}

/** Levenshtein distance over code points. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** Whether every character of `short` appears in `long`, in order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === [...short][i]) i++;
  return i === [...short].length;
}

/**
 * The one target whose label `seen` names. Exact (after `labelKey`) first; then a label that
 * `seen` begins or that holds all of `seen`'s characters in order (a truncated or shortened
 * cell, at least 3 characters); then the nearest by edit distance within 30 % of its length.
 * A tie between two targets is no match: the importer never guesses between two rows.
 */
export function matchLabel<T>(seen: string, targets: readonly { readonly labels: readonly string[]; readonly target: T }[]): LabelMatch<T> | undefined {
  const key = labelKey(seen);
  if (key === '') return undefined;
  const exact = targets.filter((t) => t.labels.some((l) => labelKey(l) === key));
  if (exact.length >= 1 && new Set(exact.map((e) => e.target)).size === 1) return { target: (exact[0] as (typeof exact)[0]).target, kind: 'exact' };
  if (exact.length > 1) return undefined;
  // A text layer runs a spanning label into the row's own (不予公开5.属于三类内部事务信息): the
  // row's label at the end, whole, is the row (4 characters at least, so 其他 or 总计 never is).
  const ending = targetsOf(targets, (l) => [...l].length >= 4 && key.endsWith(l));
  if (ending.length === 1) return { target: ending[0] as T, kind: 'exact' };
  const length = [...key].length;
  if (length >= 3) {
    const partial = targets.filter((t) => t.labels.some((l) => labelKey(l).startsWith(key) || isSubsequence(key, labelKey(l))));
    const distinct = [...new Set(partial.map((p) => p.target))];
    if (distinct.length === 1) return { target: distinct[0] as T, kind: 'truncated' };
    if (distinct.length > 1) return undefined;
  }
  let best: { target: T; score: number } | undefined;
  let tie = false;
  for (const t of targets) {
    for (const label of t.labels) {
      const other = labelKey(label);
      const score = distance(key, other) / Math.max(length, [...other].length);
      if (!best || score < best.score - 1e-9) {
        best = { target: t.target, score };
        tie = false;
      } else if (Math.abs(score - best.score) < 1e-9 && t.target !== best.target) tie = true;
    }
  }
  if (best && !tie && best.score <= 0.3) return { target: best.target, kind: 'misspelled' };
  return undefined;
}
