/**
 * A table that crosses pages, made one again: the pieces' column lines unified, header rows that
 * the continuation page repeats dropped, and a label cell that the page break cut in two (its
 * second part blank, restated, or the rest of its words) made one cell spanning both parts.
 */
import { TABLES } from '../../tables/definitions.js';
import { isWide } from './chars.js';
import { snap, type TablePiece } from './grid.js';

export interface JoinedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  readonly page: number;
  readonly x: number;
  readonly y: number;
}

export interface JoinedTable {
  readonly page: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  xs: number[];
  rows: number;
  cells: JoinedCell[];
  /** Header rows dropped from continuation pages, and label cells joined over a page break. */
  readonly repeatsDropped: number[];
  readonly seamsJoined: number[];
}

const squeeze = (text: string) => text.replace(/\s+/gu, '');

/** Every label the tables print (rows, groups, headers, blocks): to tell a whole label from a cut one. */
const LABELS: ReadonlySet<string> = (() => {
  const labels = new Set<string>();
  const add = (text: string | undefined) => text && labels.add(squeeze(text));
  for (const formats of Object.values(TABLES)) {
    for (const table of Object.values(formats)) {
      for (const row of table.rows) {
        row.labels.forEach(add);
        row.aliases?.forEach(add);
        add(row.key);
      }
      for (const group of table.groups) group.aliases?.forEach(add);
      for (const line of table.header) for (const cell of line) add(cell.text);
      for (const column of table.columns) add(column.label ?? column.key);
      for (const block of table.blocks) {
        add(block.title);
        add(block.corner);
        block.columns.forEach(add);
      }
    }
  }
  return labels;
})();

export function fromPiece(piece: TablePiece): JoinedTable {
  return {
    page: piece.page,
    left: piece.left,
    right: piece.right,
    top: piece.top,
    xs: [...piece.xs],
    rows: piece.ys.length - 1,
    cells: piece.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text, page: piece.page, x: c.x, y: c.y })),
    repeatsDropped: [],
    seamsJoined: [],
  };
}

/** The continuation of `table` on the next page: same outer edges. */
export const continues = (table: JoinedTable, piece: TablePiece) => Math.abs(table.left - piece.left) <= 4 && Math.abs(table.right - piece.right) <= 4;

/** Cells re-expressed on new column lines. */
function regrid(cells: readonly JoinedCell[], from: readonly number[], to: readonly number[]): JoinedCell[] {
  const at = (x: number) => {
    let best = 0;
    for (let i = 1; i < to.length; i++) if (Math.abs((to[i] ?? 0) - x) < Math.abs((to[best] ?? 0) - x)) best = i;
    return best;
  };
  return cells.map((c) => {
    const start = at(from[c.col] ?? 0);
    const end = at(from[c.col + c.colSpan] ?? 0);
    return { ...c, col: start, colSpan: Math.max(1, end - start) };
  });
}

const signature = (cells: readonly JoinedCell[], rows: number) =>
  cells
    .filter((c) => c.row < rows)
    .map((c) => `${c.row}/${c.col}/${c.colSpan}/${c.rowSpan}/${squeeze(c.text)}`)
    .sort()
    .join('\n');

/** How many leading rows of `next` repeat the first rows of `table` (0 if none). */
function repeatedHeader(table: JoinedTable, next: readonly JoinedCell[], nextRows: number): number {
  for (let k = Math.min(table.rows, nextRows - 1); k >= 1; k--) {
    const closed = (cells: readonly JoinedCell[]) => cells.every((c) => c.row >= k || c.row + c.rowSpan <= k);
    const head = next.filter((c) => c.row < k);
    if (!head.some((c) => c.text !== '')) continue;
    if (closed(table.cells) && closed(next) && signature(table.cells, k) === signature(next, k)) return k;
  }
  return 0;
}

/** Whether a cell cut by the page break continues in `below` (a cell of the next page's first row). */
function sameCell(above: JoinedCell, below: JoinedCell): string | undefined {
  const a = squeeze(above.text);
  const b = squeeze(below.text);
  const spans = above.rowSpan > 1 || below.rowSpan > 1;
  if (b === '') return spans ? above.text : undefined;
  if (a === '') return spans ? below.text : undefined;
  // Restated on the continuation page (nianbao's own tables do this).
  if (a === b && [...a].some(isWide)) return above.text;
  // Its words cut by the break: the halves make a printed label, the upper half alone does not.
  if (!LABELS.has(a) && [...LABELS].some((label) => label === a + b)) return above.text + below.text;
  return undefined;
}

/** Appends the next page's piece to the table. */
export function append(table: JoinedTable, piece: TablePiece): void {
  const xs = snap([...table.xs, ...piece.xs]);
  const upper = regrid(table.cells, table.xs, xs);
  let lower = regrid(fromPiece(piece).cells, piece.xs, xs);
  table.xs = xs;
  table.cells = upper;
  let lowerRows = piece.ys.length - 1;
  const repeated = repeatedHeader(table, lower, lowerRows);
  if (repeated > 0) {
    lower = lower.filter((c) => c.row >= repeated).map((c) => ({ ...c, row: c.row - repeated }));
    lowerRows -= repeated;
    table.repeatsDropped.push(piece.page);
  }
  const last = table.rows - 1;
  const joined = new Set<JoinedCell>();
  for (const below of lower.filter((c) => c.row === 0)) {
    const above = upper.find((c) => c.row + c.rowSpan - 1 === last && c.col === below.col && c.colSpan === below.colSpan);
    if (!above) continue;
    const text = sameCell(above, below);
    if (text === undefined) continue;
    above.text = text;
    above.rowSpan += below.rowSpan;
    joined.add(below);
  }
  if (joined.size > 0) table.seamsJoined.push(piece.page);
  for (const cell of lower) if (!joined.has(cell)) table.cells.push({ ...cell, row: cell.row + table.rows });
  table.rows += lowerRows;
}
