/**
 * Breaking a long title into balanced lines (GB/T 9704: 梯形 or 菱形), only between words, and
 * never inside a number with its 年/月/日 or inside a quoted or bracketed name.
 */

import { pageGeometry } from './geometry.js';

/** The title as printed: 2号, balanced lines that fit the 版心 with a character to spare. */
export function titleLines(title: string): string[] {
  return balanceTitle(title, Math.floor(pageGeometry.typeWidth / pageGeometry.titleSize) - 1);
}

/** Width in em: ideographs and full-width marks 1, ASCII 0.5. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1;
  return width;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const OPENING = /[（(《“‘〔【]$/;
/** Terms of art a title must not split (the segmenter sees them as several words). */
const ATOMIC = ['政府信息公开', '政务公开', '年度报告', '工作报告'];
const CLOSING = /^[）)》”’〕】，。、；：！？]/;

/** Offsets (in UTF-16 units) where a title may break. */
export function breakOpportunities(title: string): number[] {
  const points: number[] = [];
  let depth = 0;
  for (const { segment, index } of segmenter.segment(title)) {
    if (index > 0) {
      const before = title.slice(0, index);
      const after = title.slice(index);
      const insideNumber = /\d$/.test(before) && /^[\d年月日号届次]/.test(after);
      if (depth === 0 && !insideNumber && !OPENING.test(before) && !CLOSING.test(after)) points.push(index);
    }
    for (const ch of segment) {
      if ('（(《“〔【'.includes(ch)) depth++;
      if ('）)》”〕】'.includes(ch)) depth = Math.max(0, depth - 1);
    }
  }
  const inside = (point: number) =>
    ATOMIC.some((term) => {
      for (let at = title.indexOf(term); at >= 0; at = title.indexOf(term, at + 1)) {
        if (point > at && point < at + term.length) return true;
      }
      return false;
    });
  return points.filter((point) => !inside(point));
}

/**
 * Splits a title into as few lines as fit `maxEm`, choosing the breaks that make the lines most
 * even; ties go to the shape whose lines grow towards the middle (梯形 上短下长, 菱形).
 */
export function balanceTitle(title: string, maxEm: number): string[] {
  const total = emWidth(title);
  if (total <= maxEm) return [title];
  const points = breakOpportunities(title);
  for (let lines = Math.ceil(total / maxEm); lines <= points.length + 1; lines++) {
    let best: { cuts: number[]; score: number } | undefined;
    const search = (start: number, from: number, cuts: number[]) => {
      if (cuts.length === lines - 1) {
        const pieces = [...cuts, title.length].map((end, i) => title.slice(i === 0 ? 0 : (cuts[i - 1] ?? 0), end));
        const widths = pieces.map(emWidth);
        if (widths.some((w) => w > maxEm)) return;
        const spread = Math.max(...widths) - Math.min(...widths);
        // Prefer a shape that is widest in the middle or at the bottom, never top-heavy.
        const shape = widths[0] !== undefined && widths[0] > (widths[widths.length - 1] ?? 0) ? 0.25 : 0;
        const score = spread + shape;
        if (!best || score < best.score) best = { cuts: [...cuts], score };
        return;
      }
      for (let i = from; i < points.length; i++) {
        const point = points[i] as number;
        if (point <= start) continue;
        search(point, i + 1, [...cuts, point]);
      }
    };
    search(0, 0, []);
    const found = best as { cuts: number[] } | undefined;
    if (found) {
      const { cuts } = found;
      return [...cuts, title.length].map((end, i) => title.slice(i === 0 ? 0 : (cuts[i - 1] ?? 0), end));
    }
  }
  return [title];
}
