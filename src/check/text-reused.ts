/**
 * `text-reused` (with --previous): how much of each part's text is already in last year's report.
 *
 * The measure, chosen on the real consecutive reports of test/fixtures/published/ (平潭 2019–2025,
 * 洪泽 2023–2024): both texts are reduced to their characters — whitespace, punctuation and symbols
 * dropped, full-width forms folded (NFKC), every number made one placeholder, so that
 * “2023年，我区…1136条” and “2024年，我区…2428条” are the same text — and a character of this
 * year's part counts as reused when it lies inside a run of 13 or more characters that also occurs
 * somewhere in last year's narrative (any part: a paragraph moved from one part to another is still
 * copied). The share is reused characters ÷ all characters of the part.
 *
 * Why 13 characters and not sentences or 8: matching whole sentences misses a copied paragraph with
 * one word changed (洪泽 2024 part 一: 13% by sentences, 45% by runs, and reading it, about half is
 * last year's), while 8-character runs already match single domain terms (“政府信息公开工作” is 8)
 * and count any rewritten text as partly reused. A 13-character run is a phrase, not a term; the
 * stock phrases every report has (“以习近平新时代中国特色社会主义思想为指导”) are a few percent of
 * a part. On the corpus, parts rewritten each year measure 0–24 %; 洪泽's half-copied parts 39–45 %.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { NarrativeBlock, Part, Report } from '../model/types.js';
import { PARTS } from '../tables/definitions.js';

/** Characters in a row that make a match: a phrase, longer than any single term. */
export const REUSED_RUN = 13;
/** Evaluators deduct above half of the text reused. */
export const REUSED_THRESHOLD_PERCENT = 50;
/**
 * A part shorter than this (after normalising) is a formula (“本年度未收取信息处理费”), not judged;
 * nor is a whole narrative this short.
 */
export const SHORTEST_JUDGED = 100;

/** The characters that carry the text: no spacing, punctuation or symbols; numbers as one mark. */
export function normalizeForReuse(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/[〇零一二三四五六七八九]{4}(?=年)/gu, '0')
    .replace(/\d+/g, '0');
}

const textOf = (blocks: readonly NarrativeBlock[]) =>
  blocks.filter((b) => b.kind !== 'other').map((b) => b.text).join('\n');

/** Every run of REUSED_RUN characters of last year's text. */
export function runsOf(previousText: string): Set<string> {
  const text = normalizeForReuse(previousText);
  const runs = new Set<string>();
  for (let i = 0; i + REUSED_RUN <= text.length; i++) runs.add(text.slice(i, i + REUSED_RUN));
  return runs;
}

/** Characters of `text` (normalised) and how many of them lie in a run found in last year's. */
export function reusedCharacters(text: string, previousRuns: ReadonlySet<string>): { total: number; reused: number } {
  const normalized = normalizeForReuse(text);
  const covered = new Uint8Array(normalized.length);
  for (let i = 0; i + REUSED_RUN <= normalized.length; i++) {
    if (previousRuns.has(normalized.slice(i, i + REUSED_RUN))) covered.fill(1, i, i + REUSED_RUN);
  }
  return { total: normalized.length, reused: covered.reduce((sum, c) => sum + c, 0) };
}

const percent = (reused: number, total: number) => (total > 0 ? Math.round((reused / total) * 100) : 0);

/** The share of each part (by number) and of the six parts together, in whole percent. */
export function reusedShares(
  report: Report,
  previous: Report,
): { parts: Map<number, { percent: number; total: number }>; whole: { percent: number; total: number } } {
  const previousRuns = runsOf(
    [textOf(previous.narrative.preamble.blocks), ...previous.narrative.parts.map((p) => (p ? textOf(p.blocks) : ''))].join('\n'),
  );
  const parts = new Map<number, { percent: number; total: number }>();
  let total = 0;
  let reused = 0;
  for (const part of report.narrative.parts) {
    if (!part) continue;
    const count = reusedCharacters(textOf(part.blocks), previousRuns);
    parts.set(part.number, { percent: percent(count.reused, count.total), total: count.total });
    total += count.total;
    reused += count.reused;
  }
  return { parts, whole: { percent: percent(reused, total), total } };
}

const partName = (part: Part) => `第${PARTS[part.number - 1]?.number}部分“${PARTS[part.number - 1]?.title}”`;

export function checkTextReused(report: Report, previous: Report): Diagnostic[] {
  const { parts, whole: all } = reusedShares(report, previous);
  const whole = all.percent;
  const last = `上一年度（${previous.year} 年度）报告`;
  const how = `连续 ${REUSED_RUN} 个字以上与上年相同的文字计为相同，数字、标点、空格不计`;
  const diagnostics: Diagnostic[] = [];
  const present = report.narrative.parts.filter((p): p is Part => p !== undefined);
  const first = present[0];
  if (first && all.total >= SHORTEST_JUDGED && whole > REUSED_THRESHOLD_PERCENT) {
    diagnostics.push({
      file: report.file,
      position: first.position,
      severity: 'warning',
      code: 'text-reused',
      message: `全文有 ${whole}% 的文字与${last}相同`,
      hint: `评估以 ${REUSED_THRESHOLD_PERCENT}% 为扣分线：请按本年度的实际工作重写（${how}）`,
    });
  }
  for (const part of present) {
    const share = parts.get(part.number);
    if (!share || share.total < SHORTEST_JUDGED || share.percent <= REUSED_THRESHOLD_PERCENT) continue;
    diagnostics.push({
      file: report.file,
      position: part.position,
      severity: 'warning',
      code: 'text-reused',
      message: `${partName(part)}有 ${share.percent}% 的文字与${last}相同（全文 ${whole}%）`,
      hint: `评估以 ${REUSED_THRESHOLD_PERCENT}% 为扣分线：请按本年度的实际工作重写这一部分（${how}）`,
    });
  }
  return diagnostics;
}
