/** The statistical tables as grids, built from the table definitions and the report's cells. */
import { GRID_DEFAULT_SIZE, GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE, GRID_TYPE_WIDTH, type Grid, type GridCell } from '../markdown/grid.js';
import { cellAt, type TableData } from '../model/types.js';
import { PARTS } from '../tables/definitions.js';

const cell = (text: string, extra: Partial<GridCell> = {}): GridCell => ({
  text,
  rowSpan: 1,
  colSpan: 1,
  header: false,
  align: 'center',
  ...extra,
});

/** Font size of the tables: 五号. */
export const TABLE_FONT_SIZE = GRID_DEFAULT_SIZE;
/**
 * 小五, for the tables whose columns cannot hold their words at 五号 with 1.5 mm of padding
 * (table 三's ten columns, table 四's fifteen): still legible, and every label stays whole.
 */
export const DENSE_TABLE_FONT_SIZE = 9;

export { GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE };
/** Line height of table text (pdfmake multiplier of the font's natural line). */
export const GRID_LINE_HEIGHT = 1.08;

/** Content widths for columns that together fill `total`; `*` columns share what is left. */
export function fillWidths(widths: readonly (number | '*')[], total: number): number[] {
  const available = total - widths.length * 2 * GRID_PADDING_X - (widths.length + 1) * GRID_RULE;
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const share = stars > 0 ? (available - fixed) / stars : 0;
  return widths.map((w) => Math.round((w === '*' ? share : w) * 100) / 100);
}

const TYPE_WIDTH = GRID_TYPE_WIDTH;

function disclosureGrid(table: TableData): Grid {
  const { def } = table;
  const rows: GridCell[][] = [];
  def.blocks.forEach((block, index) => {
    rows.push([cell(block.title, { colSpan: 4, header: true })]);
    rows.push([
      cell(block.corner, { header: true }),
      ...block.columns.map((key, i) =>
        cell(def.columns.find((c) => c.key === key)?.label ?? key, { colSpan: block.spans[i] ?? 1, header: true }),
      ),
    ]);
    for (const row of def.rows.filter((r) => r.block === index)) {
      rows.push([
        cell(row.labels[0] ?? row.key, { header: true }),
        ...block.columns.map((key, i) => cell(cellAt(table, row.id, key)?.display ?? '', { colSpan: block.spans[i] ?? 1 })),
      ]);
    }
  });
  return { columns: 4, headerRows: 0, widths: fillWidths([130, '*', '*', '*'], TYPE_WIDTH), fontSize: TABLE_FONT_SIZE, rows };
}

/** Label cells from label paths: equal consecutive labels merge down, the last one spans right. */
function labelCells(table: TableData, index: number): GridCell[] {
  const { rows, labelColumns } = table.def;
  const row = rows[index];
  if (!row) return [];
  const previous = rows[index - 1];
  const cells: GridCell[] = [];
  row.labels.forEach((label, level) => {
    const samePath = (other: typeof row | undefined) =>
      other !== undefined && other.labels.length > level && row.labels.slice(0, level + 1).every((l, i) => other.labels[i] === l);
    if (level < row.labels.length - 1 && samePath(previous)) return;
    let rowSpan = 1;
    if (level < row.labels.length - 1) while (samePath(rows[index + rowSpan])) rowSpan++;
    const last = level === row.labels.length - 1;
    cells.push(
      cell(label, {
        header: true,
        rowSpan,
        colSpan: last ? labelColumns - level : 1,
        align: last && labelColumns > 1 ? 'left' : 'center',
      }),
    );
  });
  return cells;
}

function headedGrid(table: TableData, widths: (number | '*')[], fontSize: number): Grid {
  const { def } = table;
  const header = def.header.map((row) => row.map((h) => cell(h.text, { rowSpan: h.rowSpan ?? 1, colSpan: h.colSpan ?? 1, header: true })));
  if (def.labelColumns === 0) {
    // 复议诉讼: one unlabelled data row, the groups side by side.
    const values = def.rows.flatMap((row) => row.columns.map((key) => cell(cellAt(table, row.id, key)?.display ?? '')));
    return { columns: values.length, headerRows: header.length, widths, fontSize, rows: [...header, values] };
  }
  const body = def.rows.map((row, index) => [
    ...labelCells(table, index),
    ...row.columns.map((key) => cell(cellAt(table, row.id, key)?.display ?? '')),
  ]);
  return { columns: widths.length, headerRows: header.length, widths, fontSize, rows: [...header, ...body] };
}

/** The grid of one table, captioned with its part's title. */
export function tableGrid(table: TableData): Grid {
  const grid = layoutGrid(table);
  const part = PARTS[table.def.part - 1];
  return part ? { ...grid, caption: `${part.number}、${part.title}` } : grid;
}

/** Column widths keep every label readable at 五号 in 156 mm. */
function layoutGrid(table: TableData): Grid {
  switch (table.def.id) {
    case 'disclosure':
      return disclosureGrid(table);
    case 'application':
      // At 小五: three characters for 三、/本年度/办理/结果 and for 自然人 (six digits: a city's
      // 自然人 and 总计 run to five), four for 不予公开, two (or four digits) for the other
      // applicants; the rest to the result labels.
      return headedGrid(table, fillWidths([28, 37, '*', 28, 21, 21, 21, 21, 21, 28], TYPE_WIDTH), DENSE_TABLE_FONT_SIZE);
    case 'review':
      // Fifteen columns of two characters (结果/维持) each.
      return headedGrid(table, fillWidths(Array.from({ length: 15 }, () => '*' as const), TYPE_WIDTH), DENSE_TABLE_FONT_SIZE);
  }
}
