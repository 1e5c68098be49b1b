/**
 * Where a diagnostic points, in the words of the printed table: 依申请公开 · （三）不予公开
 * 1.属于国家秘密 · 自然人. Labels come from the table definitions the report was read with.
 */
import type { Position } from '../diagnostics/types.js';
import type { Report } from '../model/types.js';
import { TABLE_IDS } from '../tables/definitions.js';
import type { RowDef, TableDef } from '../tables/types.js';

const same = (a: Position | undefined, b: Position) => a !== undefined && a.line === b.line && a.column === b.column;

/** A row's printed label without its outermost level where it has more (（三）不予公开 1.属于国家秘密; 复议后起诉). */
function rowLabel(row: RowDef): string {
  return (row.labels.length > 1 ? row.labels.slice(1) : row.labels).join(' ');
}

function columnLabel(def: TableDef, key: string): string {
  const column = def.columns.find((c) => c.key === key);
  return column?.label ?? key;
}

/** The table cell, row or table at a position, or undefined when it is elsewhere (metadata, narrative). */
export function cellPlace(report: Report | undefined, position: Position): string | undefined {
  if (!report) return undefined;
  for (const id of TABLE_IDS) {
    const table = report.tables[id];
    const row = (rowId: string) => table.def.rows.find((r) => r.id === rowId);
    for (const [key, cell] of table.cells) {
      if (!same(cell.position, position)) continue;
      const [rowId = '', column = ''] = key.split('|');
      const def = row(rowId);
      return [table.def.key, def ? rowLabel(def) : rowId, columnLabel(table.def, column)].join(' · ');
    }
    for (const [rowId, at] of table.rowPositions) {
      const def = row(rowId);
      if (same(at, position)) return [table.def.key, def ? rowLabel(def) : rowId].join(' · ');
    }
    if (table.present && same(table.position, position)) return table.def.key;
  }
  return undefined;
}
