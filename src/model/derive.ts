/**
 * Totals: a total cell that is not written is computed from its addends, recursively, by the
 * first rule that defines it (the corner cell （七）总计 × 总计 has two rules; when the table is
 * consistent they agree, and the checks report when it is not).
 */
import type { RuleDef, TableDef } from '../tables/types.js';
import { TO_FILL } from './cells.js';
import { type Cell, cellKey } from './types.js';

/** The rule and addend cells that define a cell, if any rule does. */
export function definingRule(
  def: TableDef,
  rowId: string,
  column: string,
): { rule: RuleDef; addends: [string, string][] } | undefined {
  for (const rule of def.rules) {
    if (rule.kind === 'row-sum' && rule.total === column) {
      const row = def.rows.find((r) => r.id === rowId);
      if (row?.columns.includes(column))
        return { rule, addends: rule.addends.map((c) => [rowId, c]) };
    }
    if (rule.kind === 'column-sum' && rule.total === rowId) {
      return { rule, addends: rule.addends.map((r) => [r, column]) };
    }
  }
  return undefined;
}

/** Whether a cell's own value stands (written), as opposed to one computed from its addends. */
export function isStated(cell: Cell | undefined): boolean {
  return cell?.state === 'written' || cell?.state === 'none-word';
}

/**
 * Completes the cell map: omitted totals become derived cells; blank and 待填 totals keep
 * printing as written but carry the sum of their addends (the arithmetic check says when a blank
 * one should have shown it); omitted leaves are 0 (or blank with 缺省: 空白).
 */
export function deriveCells(
  def: TableDef,
  written: ReadonlyMap<string, Cell>,
  omittedAsBlank: boolean,
  unread: ReadonlySet<string> = new Set(),
): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const visiting = new Set<string>();

  const evaluate = (rowId: string, column: string): Cell => {
    const key = cellKey(rowId, column);
    const done = cells.get(key);
    if (done) return done;
    const own = written.get(key);
    const defined =
      own && (isStated(own) || own.state === 'not-applicable')
        ? undefined
        : definingRule(def, rowId, column);
    let cell: Cell;
    if (defined && !visiting.has(key)) {
      visiting.add(key);
      const addends = defined.addends.map(([r, c]) => evaluate(r, c));
      const value = addends.reduce((sum, addend) => sum + addend.value, 0);
      visiting.delete(key);
      cell = own ? { ...own, value } : { value, display: derivedDisplay(addends, value, omittedAsBlank), state: 'derived' };
      if (addends.some((a) => a.unread)) cell = { ...cell, unread: true };
    } else {
      cell =
        own ??
        (omittedAsBlank
          ? { value: 0, display: '', state: 'omitted' }
          : { value: 0, display: '0', state: 'omitted' });
    }
    // 待填 has no value yet: it takes part in no sum until the clerk fills it in.
    if (unread.has(key) || cell.state === 'to-fill') cell = { ...cell, unread: true };
    cells.set(key, cell);
    return cell;
  };

  for (const row of def.rows) for (const column of row.columns) evaluate(row.id, column);
  return cells;
}

/**
 * What a computed total prints: 待填 while any of its addends is; blank where none of its
 * addends prints a number (a total of blanks was not published, so 0 would be invented); else
 * the sum. A total of nothing but / prints 0 (blank with 缺省: 空白), as before.
 */
function derivedDisplay(addends: readonly Cell[], value: number, omittedAsBlank: boolean): string {
  if (addends.some((a) => a.display === TO_FILL)) return TO_FILL;
  const empty = addends.every((a) => a.display === '' || a.state === 'not-applicable');
  const anyBlank = addends.some((a) => a.display === '');
  return empty && (anyBlank || omittedAsBlank) ? '' : String(value);
}
