/**
 * The key figures a county compares across its reports, read from the checked report models:
 * what each is made of is data (table, rows, column), so that a figure is never typed twice.
 */
import { type Cell, type Report, cellAt } from '../model/types.js';
import type { TableId } from '../tables/types.js';

/** A sum of cells of one table: `rows` by row id, all in `column`. */
interface CellSum {
  readonly table: TableId;
  readonly rows: readonly string[];
  readonly column: string;
}

export interface FigureDef {
  readonly id: 'received' | 'disclosureRate' | 'reviewCorrected' | 'litigationCorrected';
  /** Column heading and chart title. */
  readonly label: string;
  /** What it is made of, as a clerk would check it by hand. */
  readonly explanation: string;
  readonly numerator: CellSum;
  /** A rate: numerator / denominator, shown in per cent. */
  readonly denominator?: CellSum;
}

export const FIGURES: readonly FigureDef[] = [
  {
    id: 'received',
    label: '本年新收申请',
    explanation: '表三“一、本年新收政府信息公开申请数量”的总计',
    numerator: { table: 'application', rows: ['本年新收'], column: '总计' },
  },
  {
    id: 'disclosureRate',
    label: '公开率',
    explanation: '（予以公开 + 部分公开）÷ 办结（（七）总计），各取总计列',
    numerator: { table: 'application', rows: ['予以公开', '部分公开'], column: '总计' },
    denominator: { table: 'application', rows: ['总计'], column: '总计' },
  },
  {
    id: 'reviewCorrected',
    label: '复议纠错',
    explanation: '表四 行政复议“结果纠正”',
    numerator: { table: 'review', rows: ['行政复议'], column: '结果纠正' },
  },
  {
    id: 'litigationCorrected',
    label: '诉讼纠错',
    explanation: '表四 行政诉讼“结果纠正”：未经复议直接起诉 + 复议后起诉',
    numerator: { table: 'review', rows: ['未经复议直接起诉', '复议后起诉'], column: '结果纠正' },
  },
];

/** A figure of one report: its value, or why there is none. */
export type FigureValue =
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'rate'; readonly value: number; readonly numerator: number; readonly denominator: number }
  | { readonly kind: 'none'; readonly why: string };

/** A sum, or undefined when one of its cells is unknown (unread, 待填) or absent from the layout. */
function sum(report: Report, part: CellSum): number | undefined {
  const table = report.tables[part.table];
  if (!table.present) return undefined;
  let total = 0;
  for (const row of part.rows) {
    const cell: Cell | undefined = cellAt(table, row, part.column);
    if (!cell || cell.unread) return undefined;
    total += cell.value;
  }
  return total;
}

export function figureOf(report: Report | undefined, figure: FigureDef): FigureValue {
  if (!report) return { kind: 'none', why: '源文件读不出' };
  const numerator = sum(report, figure.numerator);
  if (numerator === undefined) return { kind: 'none', why: '有格子读不出或待填' };
  if (!figure.denominator) return { kind: 'count', value: numerator };
  const denominator = sum(report, figure.denominator);
  if (denominator === undefined) return { kind: 'none', why: '有格子读不出或待填' };
  if (denominator === 0) return { kind: 'none', why: '没有办结的申请' };
  return { kind: 'rate', value: numerator / denominator, numerator, denominator };
}

/** The same figure over several reports: counts added, a rate as Σ numerators ÷ Σ denominators. */
export function figureTotal(values: readonly FigureValue[], figure: FigureDef): FigureValue {
  const known = values.filter((v) => v.kind !== 'none');
  if (known.length === 0) return { kind: 'none', why: '没有可计算的报告' };
  if (!figure.denominator) return { kind: 'count', value: known.reduce((n, v) => n + v.value, 0) };
  const rates = known.filter((v): v is Extract<FigureValue, { kind: 'rate' }> => v.kind === 'rate');
  const numerator = rates.reduce((n, v) => n + v.numerator, 0);
  const denominator = rates.reduce((n, v) => n + v.denominator, 0);
  return { kind: 'rate', value: numerator / denominator, numerator, denominator };
}

/** 公开率 with one decimal (`87.5%`); counts as integers without thousands separators, as reports print them. */
export function formatFigure(value: FigureValue): string {
  if (value.kind === 'none') return '—';
  if (value.kind === 'rate') return `${(value.value * 100).toFixed(1)}%`;
  return String(value.value);
}
