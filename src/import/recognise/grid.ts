/**
 * A published table laid on its grid (the HTML table model: each cell takes the first free slot
 * of its row, spans reserve the slots below and to the right), then read row by row as labels on
 * the left and values on the right. A table without spans whose rows differ in length (plain
 * text, a PDF's text layer) is read by the trailing run of value-like cells instead.
 */
import type { PublishedCell, PublishedTable } from '../published.js';
import { asciiDigits } from '../text.js';

export interface GridCell {
  readonly cell: PublishedCell;
  /** The first grid row and column the cell covers. */
  readonly row: number;
  readonly column: number;
}

export interface Grid {
  /** Every slot: the cell covering it, or undefined where the table has a hole. */
  readonly slots: readonly (readonly (GridCell | undefined)[])[];
  readonly width: number;
  /** Whether every row covers the same number of columns (a well-formed table). */
  readonly regular: boolean;
}

export function layGrid(table: PublishedTable): Grid {
  const slots: (GridCell | undefined)[][] = [];
  const rowWidths: number[] = [];
  table.rows.forEach((cells, r) => {
    slots[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (slots[r]?.[c]) c++;
      const placed: GridCell = { cell, row: r, column: c };
      const rowSpan = Math.min(cell.rowSpan, table.rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) {
        const line = (slots[r + dr] ??= []);
        for (let dc = 0; dc < cell.colSpan; dc++) line[c + dc] = placed;
      }
      c += cell.colSpan;
    }
    rowWidths[r] = (slots[r] ?? []).length;
  });
  const width = Math.max(0, ...rowWidths);
  const regular = slots.every((line) => line.length === width && line.every((s) => s !== undefined));
  return { slots: slots.slice(0, table.rows.length), width, regular };
}

/** What a cell says, read as the source format reads cells. */
export type CellReading =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'none' } // 无
  | { readonly kind: 'not-applicable' } // / 不适用
  | { readonly kind: 'unit'; readonly text: string } // 438754元, 5件: kept, the checker judges it
  | { readonly kind: 'unclear'; readonly seen: string };

/** A cell's text as a value: numbers as published (full-width digits and thousands commas read). */
export function readValue(raw: string): CellReading {
  // Two numbers one space apart are two cells run together, never one number.
  if (/\d\s+\d/.test(asciiDigits(raw))) return { kind: 'unclear', seen: raw };
  const text = asciiDigits(raw).replace(/\s+/g, '');
  if (text === '') return { kind: 'blank' };
  if (text === '无') return { kind: 'none' };
  if (text === '/' || text === '／' || text === '不适用') return { kind: 'not-applicable' };
  const plain = text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (/^-?\d+(?:\.\d+)?$/.test(plain)) return { kind: 'number', text: plain.replace(/^(-?)0+(?=\d)/, '$1') };
  if (/^\d+(?:\.\d+)?(?:万元|元|件|项|个|条)$/.test(plain)) return { kind: 'unit', text: plain };
  return { kind: 'unclear', seen: raw };
}

/** Whether a cell reads as a value (a number, blank, 无, /, a number with a unit), not a label. */
export function isValueLike(text: string): boolean {
  const reading = readValue(text);
  return reading.kind !== 'unclear' || /^[-—–－]+$/.test(text.trim());
}

export interface ReadRow {
  /** Label texts from the left, outermost first, spanning labels from rows above included. */
  readonly labels: readonly string[];
  /** The row's value cells, left to right, with the grid column each starts at. */
  readonly values: readonly { readonly cell: PublishedCell; readonly column: number; readonly span: number }[];
  /** The cells that start in this row (the header test reads them). */
  readonly own: readonly PublishedCell[];
}

/**
 * Rows as labels and values. On a regular grid the values are the cells from `firstValueColumn`
 * on; otherwise (ragged rows) the trailing run of value-like cells.
 */
export function readRows(table: PublishedTable, grid: Grid, firstValueColumn: number | undefined): ReadRow[] {
  return grid.slots.map((line, r) => {
    const seen = new Set<GridCell>();
    const distinct: GridCell[] = [];
    for (const slot of line) {
      if (slot && !seen.has(slot)) {
        seen.add(slot);
        distinct.push(slot);
      }
    }
    const own = (table.rows[r] ?? []) as PublishedCell[];
    let split: number;
    if (grid.regular && firstValueColumn !== undefined) {
      split = distinct.findIndex((g) => g.column >= firstValueColumn);
      if (split < 0) split = distinct.length;
    } else {
      split = distinct.length;
      while (split > 0 && isValueLike((distinct[split - 1] as GridCell).cell.text) && (distinct[split - 1] as GridCell).row === r) split--;
    }
    const labels = distinct.slice(0, split).map((g) => g.cell.text).filter((t) => t !== '');
    const values = distinct.slice(split).map((g) => ({ cell: g.cell, column: g.column, span: g.cell.colSpan }));
    return { labels, values, own };
  });
}
