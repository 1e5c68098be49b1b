/**
 * Breaking a long title into balanced lines (GB/T 9704: 梯形 or 菱形), only between words, and
 * never inside a number with its 年/月/日 or inside a quoted or bracketed name.
 */

import { overlongBreaks } from './lines.js';
import { wordStarts } from './words.js';
import { pageGeometry } from '../page/geometry.js';

/** Characters (em) on one title line: 2号 in the 版心, with a character to spare. */
export const TITLE_LINE_EM = Math.floor(pageGeometry.typeWidth / pageGeometry.titleSize) - 1;

/**
 * A GB/T 9704 title takes one to three lines (the longest real ones, with the full name of the
 * agency, take three); four is the most `check` accepts, so that the title never crowds out the
 * first page and its balancing stays a small problem.
 */
export const TITLE_MAX_LINES = 4;

/** The title as printed: 2号, balanced lines that fit the 版心 with a character to spare. */
export function titleLines(title: string): string[] {
  return balanceTitle(title, TITLE_LINE_EM);
}

/**
 * Whether the title takes at most TITLE_MAX_LINES lines as titleLines sets it. A title up to two
 * lines wide always does, whatever its words, so it needs no word segmenter: titleLines fills its
 * lines greedily before balancing them, so two neighbouring lines together are wider than one
 * (the first would otherwise have taken the next one's first piece), and five lines are wider
 * than two.
 */
export function titleFitsLines(title: string): boolean {
  const total = emWidth(title);
  if (total <= Math.floor((TITLE_MAX_LINES + 1) / 2) * TITLE_LINE_EM) return true;
  // Past four full lines no balancing is needed to know (and none is done for a long title).
  if (total > TITLE_MAX_LINES * TITLE_LINE_EM) return false;
  return titleLines(title).length <= TITLE_MAX_LINES;
}

/** Width in em: ideographs and full-width marks 1, ASCII 0.5. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1;
  return width;
}

const OPENING = /[（(《“‘〔【]/;
/** Terms of art a title must not split (the segmenter sees them as several words). */
export const ATOMIC = ['政府信息公开', '政务公开', '年度报告', '工作报告'];
const CLOSING = /[）)》”’〕】，。、；：！？.]/;

/**
 * Offsets (in UTF-16 units) where a title may break; `terms` are the terms of art that stay
 * whole (table labels add their own). Linear in the length of the title.
 */
export function breakOpportunities(title: string, terms: readonly string[] = ATOMIC): number[] {
  // Offsets strictly inside a term of art.
  const insideTerm = new Set<number>();
  for (const term of terms) {
    for (let at = title.indexOf(term); at >= 0; at = title.indexOf(term, at + 1)) {
      for (let point = at + 1; point < at + term.length; point++) insideTerm.add(point);
    }
  }
  const points: number[] = [];
  let depth = 0;
  const starts = wordStarts(title);
  for (const [i, index] of starts.entries()) {
    const segment = title.slice(index, starts[i + 1] ?? title.length);
    if (index > 0) {
      const before = title.charAt(index - 1);
      const after = title.charAt(index);
      const insideNumber = /\d/.test(before) && /[\d年月日号届次]/.test(after);
      if (depth === 0 && !insideNumber && !OPENING.test(before) && !CLOSING.test(after) && !insideTerm.has(index)) {
        points.push(index);
      }
    }
    for (const ch of segment) {
      if ('（(《“〔【'.includes(ch)) depth++;
      if ('）)》”〕】'.includes(ch)) depth = Math.max(0, depth - 1);
    }
  }
  return points;
}

/**
 * Splits a title into as few lines as fit `maxEm`, choosing the breaks that make the lines most
 * even; ties go to the shape whose lines grow towards the middle (梯形 上短下长, 菱形).
 *
 * A stretch between two break opportunities that is wider than a line (a URL, a long number, a
 * long bracketed name) is broken where UAX #14 allows, else between characters: never
 * overprinted. A title of more than TITLE_MAX_LINES lines (a `check` error) is filled line by
 * line instead of balanced.
 */
export function balanceTitle(title: string, maxEm: number): string[] {
  const total = emWidth(title);
  if (total <= maxEm) return [title];
  // Too long to balance (a `check` error; built only with --force): the word segmenter is
  // superlinear on long text, so such a title is filled at UAX #14 opportunities instead.
  const tooLong = total > TITLE_MAX_LINES * maxEm;
  const ruled = tooLong ? [] : breakOpportunities(title);
  const points = !tooLong && fits(title, ruled, maxEm) ? ruled : withOverlongBroken(title, ruled, maxEm);
  const offsets = [0, ...points, title.length];
  const prefix = emPrefix(title);
  const width = (a: number, b: number) => (prefix[offsets[b] as number] as number) - (prefix[offsets[a] as number] as number);
  const filled = fillLines(offsets.length - 1, width, maxEm);
  const overfull = filled.length - 1 > TITLE_MAX_LINES || filled.some((b, i) => i > 0 && width(filled[i - 1] as number, b) > maxEm);
  const path = overfull ? filled : balancedPath(offsets.length - 1, filled.length - 1, width, maxEm);
  return path.slice(1).map((end, i) => title.slice(offsets[path[i] as number], offsets[end]));
}

/** Whether every stretch between neighbouring break points fits a line. */
function fits(title: string, points: readonly number[], maxEm: number): boolean {
  return [...points, title.length].every((end, i) => emWidth(title.slice(i === 0 ? 0 : points[i - 1], end)) <= maxEm);
}

/** The break points, plus breaks inside every stretch wider than a line. */
function withOverlongBroken(title: string, points: readonly number[], maxEm: number): number[] {
  const all: number[] = [];
  [...points, title.length].forEach((end, i) => {
    const start = i === 0 ? 0 : (points[i - 1] as number);
    const stretch = title.slice(start, end);
    if (emWidth(stretch) > maxEm) for (const at of overlongBreaks(stretch, (piece) => emWidth(piece) <= maxEm)) all.push(start + at);
    if (end < title.length) all.push(end);
  });
  return all;
}

/** emWidth of title.slice(0, i) for every UTF-16 offset i that starts a code point. */
function emPrefix(title: string): number[] {
  const prefix = [0];
  let at = 0;
  for (const ch of title) {
    at += ch.length;
    prefix[at] = (prefix[at - ch.length] as number) + emWidth(ch);
  }
  return prefix;
}

/**
 * As many points per line as fit, from the start (the fewest lines there can be). `last` is the
 * index of the end point; `width(a, b)` the width of the line from point a to point b.
 */
function fillLines(last: number, width: (a: number, b: number) => number, maxEm: number): number[] {
  const path = [0];
  for (let at = 0; at < last; ) {
    let next = at + 1;
    while (next < last && width(at, next + 1) <= maxEm) next++;
    path.push(next);
    at = next;
  }
  return path;
}

/**
 * The balanced breaks for `lines` lines: least spread (widest − narrowest line) plus 0.25 when
 * the first line is wider than the last; among equal scores the earliest breaks, as if every
 * set of breaks were tried in order (which is exponential). Instead, for each band [lo, hi] of
 * line widths, a dynamic programme from the end says which points can still reach it with lines
 * inside the band, and how narrow or wide the last line can then be. Widths are multiples of
 * 0.5 em, so there are at most 2·maxEm + 1 of them: O(maxEm² · lines · points · points per line).
 */
function balancedPath(last: number, lines: number, width: (a: number, b: number) => number, maxEm: number): number[] {
  // Every line width there can be, and for each point the points a line from it can end at.
  const values = new Set<number>();
  const reach: number[][] = [];
  for (let a = 0; a < last; a++) {
    const ends: number[] = [];
    for (let b = a + 1; b <= last && width(a, b) <= maxEm; b++) {
      ends.push(b);
      values.add(width(a, b));
    }
    reach.push(ends);
  }
  const widths = [...values].sort((x, y) => x - y);

  type Range = readonly [number, number];
  /** For k lines from each point to the end, all inside [lo, hi]: the last line's [least, most] width. */
  const lastLines = (lo: number, hi: number): (Range | undefined)[][] => {
    const inside = (w: number) => w >= lo && w <= hi;
    const table: (Range | undefined)[][] = [[]];
    table.push(reach.map((_, a) => (inside(width(a, last)) ? [width(a, last), width(a, last)] : undefined)));
    for (let k = 2; k < lines; k++) {
      const shorter = table[k - 1] as (Range | undefined)[];
      table.push(
        reach.map((ends, a) => {
          let range: Range | undefined;
          for (const b of ends) {
            const tail = shorter[b];
            if (tail && inside(width(a, b))) range = range ? [Math.min(range[0], tail[0]), Math.max(range[1], tail[1])] : tail;
          }
          return range;
        }),
      );
    }
    return table;
  };

  /** The earliest breaks with every line inside [lo, hi] and the given shape, if there are any. */
  const earliest = (lo: number, hi: number, topHeavy: boolean): number[] | undefined => {
    const table = lastLines(lo, hi);
    const inside = (w: number) => w >= lo && w <= hi;
    const first = (a: number) => width(0, a);
    // Whether k more lines from b can end the title with a last line that gives the shape.
    const completes = (k: number, b: number, firstWidth: number) => {
      const tail = table[k]?.[b];
      return tail !== undefined && (topHeavy ? tail[0] < firstWidth : tail[1] >= firstWidth);
    };
    const start = (reach[0] ?? []).find((a) => inside(first(a)) && completes(lines - 1, a, first(a)));
    if (start === undefined) return undefined;
    const path = [0, start];
    for (let k = lines - 1; k >= 2; k--) {
      const at = path[path.length - 1] as number;
      const next = (reach[at] ?? []).find((b) => inside(width(at, b)) && completes(k - 1, b, first(start)));
      path.push(next as number);
    }
    path.push(last);
    return path;
  };

  const before = (x: readonly number[], y: readonly number[]) => {
    const differ = x.findIndex((v, i) => v !== y[i]);
    return differ >= 0 && (x[differ] as number) < (y[differ] as number);
  };
  let best: { score: number; path: number[] } | undefined;
  for (const topHeavy of [false, true]) {
    // The least feasible hi never falls as lo rises (a narrower band has fewer solutions).
    let h = 0;
    for (let l = 0; l < widths.length; l++) {
      const lo = widths[l] as number;
      h = Math.max(h, l);
      let path: number[] | undefined;
      for (; h < widths.length && !(path = earliest(lo, widths[h] as number, topHeavy)); h++);
      if (!path) break;
      const score = (widths[h] as number) - lo + (topHeavy ? 0.25 : 0);
      if (!best || score < best.score || (score === best.score && before(path, best.path))) best = { score, path };
    }
  }
  // fillLines found `lines` lines that fit, so some band holds them.
  return (best as { path: number[] }).path;
}
