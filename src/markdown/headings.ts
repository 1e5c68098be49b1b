/**
 * Heading numbering shared by the PDF and the HTML: `#` is a part heading (numbered by the
 * template), `##`/`###`/`####` get （一）/1./（1）, counted within each part.
 */
import { stripOrdinal } from '../model/narrative.js';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function chineseNumeral(n: number): string {
  if (n <= 10) return CHINESE_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CHINESE_DIGITS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/** The numbering GB/T 9704 prescribes for heading levels 2–4 (一、 is typed by the template). */
export function headingNumber(level: number, n: number): string {
  if (level === 2) return `（${chineseNumeral(n)}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

export class HeadingNumbers {
  private readonly counters = [0, 0, 0, 0, 0];

  /**
   * Counts a heading of Markdown level `level` and returns its depth (1 part, 2–4 sub-levels)
   * and number ('' for a part: the template writes 一、 itself).
   */
  next(level: number): { depth: number; number: string } {
    if (level === 1) {
      this.counters.fill(0);
      return { depth: 1, number: '' };
    }
    const depth = Math.min(level, 4);
    this.counters[depth] = (this.counters[depth] ?? 0) + 1;
    for (let d = depth + 1; d < this.counters.length; d++) this.counters[d] = 0;
    return { depth, number: headingNumber(depth, this.counters[depth] ?? 1) };
  }
}

/** A sub-heading's text without the numbering a clerk may have typed (the checker warns). */
export function withoutTypedNumber(text: string): string {
  return stripOrdinal(text).text;
}
