/** Characters as the reader joins them: what is CJK, how wide a character sets, and clean-up. */

import { isWide } from '../text.js';

export { isWide };

/** Relative advance of a character (a wide one sets one em, others about half). */
export const advance = (ch: string) => (isWide(ch) ? 1 : 0.5);

/**
 * Some fonts map Han characters to the look-alike Kangxi radicals (⼀ for 一, ⽇ for 日): NFKC
 * turns those, and only those, back. Full-width punctuation is left as printed.
 */
export const cleanText = (text: string) =>
  text.replace(/[\u2E80-\u2FDF]/gu, (ch) => ch.normalize('NFKC')).replace(/[\p{Cc}\u00AD\uFFFD]/gu, (ch) => (ch === '\t' || ch === '\n' ? ' ' : ''));

/** Two pieces of text set one after the other: a space between them only where Latin meets Latin. */
export function joinPieces(left: string, right: string, gap: boolean): string {
  if (left === '') return right;
  if (right === '') return left;
  const last = left.at(-1) ?? '';
  const first = right[0] ?? '';
  if (/\s/u.test(last) || /\s/u.test(first)) return left + right;
  return gap && !isWide(last) && !isWide(first) ? `${left} ${right}` : left + right;
}

/** Spaces normalised to one (the contract's cell text), trimmed. */
export const oneSpace = (text: string) => text.replace(/[ \t\u00A0\u3000]+/gu, ' ').trim();
