/**
 * `year-jump` (with --previous): a count five times last year's or more, or a fifth or less — the
 * figure evaluators question first, and often a digit typed twice or left out.
 *
 * Which counts: the sizes of the report, not its every cell — table 三's 本年新收 (how many
 * applications), 予以公开 and 部分公开 (what was released), table 四's three 总计 (复议, 诉讼), and
 * table 二's 处理决定数量 of 行政许可/处罚/强制 (the largest numbers in a report, where a slipped
 * digit is most likely). Not （七）总计, which moves with 本年新收 and would say the same twice; not
 * the sub-rows of 不予公开/无法提供/不予处理, which are small and move a lot.
 *
 * Small numbers: a county office with 3 applications one year and 16 the next is ordinary, so a
 * pair is judged only when the larger count is 20 or more; but 0 against 10 or more (either way)
 * is a jump — a row that had applications last year and none now is what evaluators look for, and
 * often a row typed 0 by mistake (平潭 行政强制 42 → 0 → 54).
 *
 * Across the 2019 → 2021 format change only what both tables have is compared; 2019's 处理决定数量
 * is 2021's 本年处理决定数量 (the same count, renamed).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { cellAt, type Cell, type Report, type TableData } from '../model/types.js';
import type { Format, TableId } from '../tables/types.js';

interface ComparedCount {
  readonly table: TableId;
  readonly row: string;
  /** The column, by the table's format. */
  readonly column: Readonly<Record<Format, string>>;
  /** How the message names it. */
  readonly label: string;
}

const both = (column: string) => ({ 2019: column, 2021: column });
const decisions = { 2019: '处理决定数量', 2021: '本年处理决定数量' } as const;

export const COMPARED_COUNTS: readonly ComparedCount[] = [
  { table: 'application', row: '本年新收', column: both('总计'), label: '依申请公开“本年新收”总计' },
  { table: 'application', row: '予以公开', column: both('总计'), label: '依申请公开“予以公开”总计' },
  { table: 'application', row: '部分公开', column: both('总计'), label: '依申请公开“部分公开”总计' },
  { table: 'review', row: '行政复议', column: both('总计'), label: '复议诉讼“行政复议”总计' },
  { table: 'review', row: '未经复议直接起诉', column: both('总计'), label: '复议诉讼“未经复议直接起诉”总计' },
  { table: 'review', row: '复议后起诉', column: both('总计'), label: '复议诉讼“复议后起诉”总计' },
  { table: 'disclosure', row: '行政许可', column: decisions, label: '主动公开“行政许可”处理决定数量' },
  { table: 'disclosure', row: '行政处罚', column: decisions, label: '主动公开“行政处罚”处理决定数量' },
  { table: 'disclosure', row: '行政强制', column: decisions, label: '主动公开“行政强制”处理决定数量' },
];

/** ×5 or ÷5. */
export const JUMP_FACTOR = 5;
/** Below this (the larger of the two) a ×5 is ordinary variation. */
export const SMALLEST_JUDGED = 20;
/** 0 against this many or more is a jump. */
export const SMALLEST_AGAINST_ZERO = 10;

export function isJump(before: number, now: number): boolean {
  const smaller = Math.min(before, now);
  const larger = Math.max(before, now);
  if (smaller === 0) return larger >= SMALLEST_AGAINST_ZERO;
  return larger >= SMALLEST_JUDGED && larger >= smaller * JUMP_FACTOR;
}

/** The cell as a count the report states, or undefined when there is none to compare. */
function countAt(table: TableData, row: string, column: string): Cell | undefined {
  if (!table.present) return undefined;
  const def = table.def.rows.find((r) => r.id === row);
  if (!def || !def.columns.includes(column)) return undefined;
  const cell = cellAt(table, row, column);
  if (!cell || cell.unread || cell.state === 'not-applicable' || cell.state === 'blank') return undefined;
  if (cell.state === 'omitted' && table.omittedAsBlank) return undefined;
  return cell;
}

const times = (larger: number, smaller: number) => (larger / smaller).toFixed(1).replace(/\.0$/, '');

export function checkYearJumps(report: Report, previous: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const count of COMPARED_COUNTS) {
    const table = report.tables[count.table];
    const last = previous.tables[count.table];
    const now = countAt(table, count.row, count.column[table.def.format]);
    const before = countAt(last, count.row, count.column[last.def.format]);
    if (!now || !before || !isJump(before.value, now.value)) continue;
    const change =
      before.value === 0
        ? '上年为 0'
        : now.value === 0
          ? '本年为 0'
          : now.value > before.value
            ? `是上年的 ${times(now.value, before.value)} 倍`
            : `只有上年的 1/${times(before.value, now.value)}`;
    diagnostics.push({
      file: report.file,
      position: now.position ?? table.rowPositions.get(count.row) ?? table.position,
      severity: 'warning',
      code: 'year-jump',
      message: `${count.label}：${report.year} 年度 ${now.value}，${previous.year} 年度 ${before.value}，${change}`,
      hint: '请核对是否多写、少写了一位或漏填；数字属实的，宜在正文中说明变化的原因',
    });
  }
  return diagnostics;
}
