/** The totals and balances of the checked model, written out with their numbers (总计 = 5 + 1 = 6). */
import { definingRule, isStated } from '../model/derive.js';
import { type Cell, cellAt, type TableData } from '../model/types.js';
import type { RuleDef } from '../tables/types.js';
import { rowName } from './describe.js';

export interface Sum {
  /** 总计 = 5 + 1 = 6 */
  readonly text: string;
  /** The sum of the addends (undefined when one of them is unread or 待填). */
  readonly value: number | undefined;
  /** ✓ when a written total agrees, ✗ when it does not, empty when the total is computed. */
  readonly mark: '✓' | '✗' | '';
  readonly total: Cell | undefined;
}

function counted(cell: Cell | undefined): boolean {
  return !!cell && cell.state !== 'not-applicable';
}

/** `5 + 1`: the addends that are not 0; `0` when all are. */
function terms(cells: readonly (Cell | undefined)[]): string {
  const shown = cells.filter((c): c is Cell => counted(c) && (c as Cell).value !== 0).map((c) => String(c.value));
  return shown.length > 0 ? shown.join(' + ') : '0';
}

/** The total a cell is, as its rule computes it from the model's cells. */
export function sumOfCell(table: TableData, rowId: string, column: string): Sum | undefined {
  const defined = definingRule(table.def, rowId, column);
  if (!defined) return undefined;
  const total = cellAt(table, rowId, column);
  const name = defined.rule.kind === 'row-sum' ? column : rowName(table.def, rowId);
  const cells = defined.addends.map(([r, c]) => cellAt(table, r, c));
  if (cells.some((c) => c?.unread)) return { text: `${name}：有待填或未能读出的格，暂不计算`, value: undefined, mark: '', total };
  const value = cells.reduce((sum, c) => sum + (counted(c) ? (c as Cell).value : 0), 0);
  const written = isStated(total) || total?.state === 'blank';
  // A total written blank counts as 0 (the model carries the sum it should show).
  const shown = total?.state === 'blank' ? 0 : total?.value;
  const mark = !written ? '' : shown === value ? '✓' : '✗';
  const against = mark === '✗' ? `，写的是 ${total?.display === '' ? '空白' : total?.display}` : '';
  return { text: `${name} = ${terms(cells)} = ${value}${mark ? ` ${mark}` : ''}${against}`, value, mark, total };
}

/** 一 for 一、本年新收政府信息公开申请数量: the numeral a balance rule names a row by. */
function numeral(table: TableData, rowId: string): string {
  const row = table.def.rows.find((r) => r.id === rowId);
  return /^([一二三四五六七八九十]+)、/.exec(row?.labels[0] ?? '')?.[1] ?? rowName(table.def, rowId);
}

export interface Balance {
  /** 一+二 = 三+四 */
  readonly rule: string;
  /** 12 = 12 ✓ */
  readonly numbers: string;
  /** 本年新收 10 + 上年结转 2 = （七）总计 11 + 结转下年度继续办理 1 */
  readonly terms: string;
  readonly holds: boolean | undefined;
}

export function balanceOf(table: TableData, rule: Extract<RuleDef, { kind: 'balance' }>, column: string): Balance {
  const side = (rows: readonly string[]) => rows.map((r) => ({ r, cell: cellAt(table, r, column) }));
  const left = side(rule.left);
  const right = side(rule.right);
  const names = `${left.map((t) => numeral(table, t.r)).join('+')} = ${right.map((t) => numeral(table, t.r)).join('+')}`;
  const termText = (terms: typeof left) => terms.map((t) => `${rowName(table.def, t.r)} ${counted(t.cell) ? t.cell?.value : '/'}`).join(' + ');
  const detail = `${termText(left)} = ${termText(right)}`;
  if ([...left, ...right].some((t) => t.cell?.unread)) return { rule: names, numbers: '有待填或未能读出的格，暂不核对', terms: detail, holds: undefined };
  const total = (terms: typeof left) => terms.reduce((sum, t) => sum + (counted(t.cell) ? (t.cell as Cell).value : 0), 0);
  const a = total(left);
  const b = total(right);
  return { rule: names, numbers: a === b ? `${a} = ${b} ✓` : `${a} ≠ ${b} ✗`, terms: detail, holds: a === b };
}

export function balanceRules(table: TableData): Extract<RuleDef, { kind: 'balance' }>[] {
  return table.def.rules.filter((r): r is Extract<RuleDef, { kind: 'balance' }> => r.kind === 'balance');
}
