/**
 * Text as published, made comparable: what every reader does to a run of text before the
 * recogniser sees it. Web pages and PDFs put spaces where the print has none (Word's &nbsp; runs,
 * full-width spaces used as indents, a space between every character of a justified label); the
 * characters themselves are kept as they are.
 */

/** Han, kana, CJK punctuation, vertical and full-width forms: no space belongs between two of them. */
const WIDE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F\u2018-\u201D\u2026\u2014]/u;

/** A character set one em wide and joined to its neighbours without a space. */
export const isWide = (ch: string) => WIDE.test(ch);

/** Spaces of every kind a page may hold (NBSP, full-width, thin, zero-width). */
const SPACES = /[\s\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]+/gu;

/**
 * One run of text: spaces trimmed at both ends, dropped between two wide characters (and between
 * a wide character and a digit or letter: 南龙镇 2021 年 → 南龙镇2021年), and any other run of
 * spaces made one.
 */
export function normaliseText(text: string): string {
  const trimmed = text.replace(SPACES, ' ').trim();
  if (!trimmed.includes(' ')) return trimmed;
  const parts = trimmed.split(' ');
  let out = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    const before = out.slice(-1);
    const after = part.slice(0, 1);
    out += isWide(before) || isWide(after) ? part : ` ${part}`;
  }
  return out;
}

/** Lines of one cell or title joined as the print reads them: no space where a line broke a word. */
export function joinLines(lines: readonly string[]): string {
  return normaliseText(lines.map(normaliseText).filter((l) => l !== '').join(' '));
}

/** Full-width digits and signs as ASCII (a number typed in a full-width font is the same number). */
export function asciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0e\uff0c\uff0d\uff0b]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
