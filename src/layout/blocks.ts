/**
 * Stage: the document tree's body → measured blocks for the paginator, each drawn as pdfmake
 * nodes once its pieces are placed. Every line is broken here, by nianbao (text/lines.ts), in
 * the face its run is set in: paragraphs on the 28.95 pt pitch, headings in 黑体/楷体, table cells
 * between words; so every block's height is known before pdfmake sees it, and pdfmake only draws.
 */
import { type Block as DocumentBlock, type FontRole, type Heading, HEADING_FACE, type Paragraph, type Run, type Table } from '../document/types.js';
import { MarkdownError } from '../markdown/errors.js';
import { ATOMIC, breakOpportunities, emWidth } from '../text/title.js';
import { GRID_LINE_HEIGHT, GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE, TABLE_FONT_SIZE } from '../template/tables.js';
import { type Grid, type GridCell, GridError, type GridProblem, starWidth } from '../markdown/grid.js';
import { type BrokenLine, breakLines } from '../text/lines.js';
import { type Measured, type MeasuredTable, type Piece, type RowSpan, pieceRowHeights, rowsHeight } from '../paginate/index.js';
import { type FaceMetricsByRole, type Placed, placeLine, textWidth } from './placed.js';

export type PdfNode = Record<string, unknown>;

/** The font of table cells (the body face), for breaking cell text and measuring rows. */
export interface CellFont {
  /** Advance width of a character, em. */
  readonly advance: (ch: string) => number;
  /** Natural line height, em (pdfkit's, before lineHeight). */
  readonly lineEm: number;
}

/** Where each written cell sits: its first row and column, and the content width it gets. */
interface PlacedCell {
  readonly cell: GridCell;
  readonly row: number;
  readonly column: number;
  /** Content width, pt (undefined when a spanned column is `*`). */
  readonly width: number | undefined;
}

/** `star`: the width to assume for a `*` column (left unknown when not given). */
function placeCells(grid: Grid, star?: number): PlacedCell[] {
  const placed: PlacedCell[] = [];
  const taken: boolean[][] = [];
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) ((taken[r + dr] ??= [])[c + dc] = true);
      const spanned = grid.widths.slice(c, c + cell.colSpan).map((w) => (w === '*' ? (star ?? w) : w));
      // A spanning cell also gets the padding and rules between its columns.
      const width = spanned.every((w) => typeof w === 'number')
        ? spanned.reduce((a, b) => a + b, 0) + (cell.colSpan - 1) * (2 * GRID_PADDING_X + GRID_RULE)
        : undefined;
      placed.push({ cell, row: r, column: c, width });
      c += cell.colSpan;
    }
  });
  return placed;
}

/**
 * A cell's text broken into lines here, like body text (one inline per line for pdfmake, and
 * a known height), but only between words (the title's segmenter: 不予/公开, never 不/予公开);
 * undefined when its width is not known before layout.
 */
function cellLines(placed: PlacedCell, size: number, font: CellFont | undefined): BrokenLine[] | undefined {
  if (!font || placed.width === undefined || placed.cell.text === '') return undefined;
  return breakLines(placed.cell.text, {
    measure: (ch) => font.advance(ch) * size,
    width: placed.width,
    indent: 0,
    justify: false,
    words: cellBreaks,
  });
}

/** Terms of the tables' labels that the word segmenter splits (申请/人, 补/正). */
const LABEL_TERMS = [...ATOMIC, '申请人', '补正'];

/**
 * Where a cell's text may break: between words (never inside brackets); `inside`, for a
 * stretch too wide for its cell (a 勾稽关系 note, a long bracketed proviso), also between the
 * words within each bracket.
 */
function cellBreaks(text: string, inside: boolean): number[] {
  // A number or a Latin word has no words to find.
  if (!/[\u2e80-\uffff]/.test(text)) return [];
  const points = new Set(breakOpportunities(text, LABEL_TERMS));
  if (inside) {
    const brackets = /[（(《“〔【][^（()）《》“”〔〕【】]*[）)》”〕】]/g;
    for (let m = brackets.exec(text); m; m = brackets.exec(text)) {
      for (const at of breakOpportunities(m[0].slice(1, -1), LABEL_TERMS)) points.add(m.index + 1 + at);
    }
  }
  return [...points].sort((a, b) => a - b);
}

/** A cell of `lines` lines (an empty one as tall as one), padding included, pt. */
function cellHeight(lines: number, line: number): number {
  return Math.max(1, lines) * line + 2 * GRID_PADDING_Y;
}

/** Rows first…last together, the rules between them included, pt. */
function spannedHeight(heights: readonly number[], first: number, last: number): number {
  return heights.slice(first, last + 1).reduce((a, b) => a + b, 0) + (last - first) * GRID_RULE;
}

/**
 * pdfmake sets a cell's text at its top; a typesetter centres it in the cell (what Word does
 * for these tables). The top margin that centres `lines` lines in a cell `height` tall, a little
 * short of exact so that it never makes the row taller.
 */
function centringMargin(lines: number, height: number, line: number): number {
  const room = height - cellHeight(lines, line);
  return room > 0.02 ? Math.floor((room / 2) * 100) / 100 : 0;
}

/**
 * `top`: the centring margin; `leading`: half the leading pdfmake puts below every line (its
 * lineHeight), moved above the text so that the characters, not their line boxes, sit in the
 * middle (the cell keeps its height: the bottom margin gives it back).
 */
function cellNode(cell: GridCell, broken: readonly BrokenLine[] | undefined, top = 0, leading = 0): PdfNode {
  const line = (l: BrokenLine): PdfNode => ({ text: l.text, noWrap: true, ...(l.spacing !== 0 ? { characterSpacing: l.spacing } : {}) });
  const margin = top > 0 || leading > 0 ? { margin: [0, top + leading, 0, -leading] } : {};
  if (broken === undefined) return { text: cell.text, alignment: cell.align };
  if (broken.length === 0) return { text: '', alignment: cell.align };
  if (broken.length === 1) return { ...line(broken[0] as BrokenLine), alignment: cell.align, ...margin };
  return { stack: broken.map(line), alignment: cell.align, ...margin };
}

/**
 * A written cell as laid out: its lines, where it stands, how many laid rows it spans. Its node
 * is made where its rows' final heights are known, for the page it is drawn on (tableNode).
 */
interface LaidCell {
  readonly cell: GridCell;
  readonly lines: readonly BrokenLine[] | undefined;
  /** Laid body row it starts on. */
  readonly row: number;
  readonly column: number;
  readonly colSpan: number;
  readonly rowSpan: number;
}

/** A grid laid out for pdfmake and measured for the paginator. */
interface LaidGrid {
  readonly header: PdfNode[][];
  /** The header's cells (rows counted from the table's first) and its rows' heights. */
  readonly headerCells: readonly LaidCell[];
  readonly headerHeights: readonly number[];
  readonly columns: number;
  /** Body cells (a row taller than a page is several laid rows, its lines shared out). */
  readonly cells: readonly LaidCell[];
  readonly rowCount: number;
  readonly widths: readonly (number | '*')[];
  /** undefined without the cell font. */
  readonly measured?: MeasuredTable;
  /** Line height and half-leading of the cells, pt (undefined / 0 without the cell font). */
  readonly line: number | undefined;
  readonly leading: number;
}

/**
 * Lays a grid out in rows. With the cell font, `*` columns get their share of the 版心, every
 * cell's text is broken into lines and every row measured; then a row taller than `room` (the
 * page less the repeated header) is cut into consecutive rows of at most a page of its lines
 * each, so nothing is dropped.
 */
function layGrid(grid: Grid, font: CellFont | undefined, room: number | undefined): LaidGrid {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const star = font ? starWidth(grid.widths) : undefined;
  const placed = placeCells(grid, star);
  const broken = placed.map((p) => (font && p.cell.text === '' && p.width !== undefined ? [] : cellLines(p, size, font)));
  const line = font ? size * font.lineEm * GRID_LINE_HEIGHT : undefined;
  const heightOf = (count: number) => (line === undefined ? 0 : cellHeight(count, line));
  const leading = font ? ((GRID_LINE_HEIGHT - 1) / 2) * size * font.lineEm : 0;
  const columns = grid.widths.length;
  const headerEnd = grid.headerRows;
  // Each grid row's height from its own cells; spans measured separately (the paginator stretches).
  const own: number[] = grid.rows.map(() => 0);
  placed.forEach((p, i) => {
    if (p.cell.rowSpan === 1) own[p.row] = Math.max(own[p.row] ?? 0, heightOf(broken[i]?.length ?? 1));
  });
  const spansOf = (from: number, to: number, at: (row: number) => number, end: (row: number) => number): RowSpan[] =>
    placed.flatMap((p, i) =>
      p.cell.rowSpan > 1 && p.row >= from && p.row < to
        ? [{ first: at(p.row), last: end(Math.min(to - 1, p.row + p.cell.rowSpan - 1)), height: heightOf(broken[i]?.length ?? 1) }]
        : [],
    );
  const headerMeasure: MeasuredTable = { kind: 'table', top: 0, bottom: 0, rule: GRID_RULE, header: 0, rows: own.slice(0, headerEnd), spans: spansOf(0, headerEnd, (r) => r, (r) => r) };
  const headerHeight = rowsHeight(headerMeasure, 0, headerEnd);
  const headerRows = pieceRowHeights(headerMeasure, 0, headerEnd);

  const header: PdfNode[][] = grid.rows.slice(0, headerEnd).map(() => []);
  const headerCells: LaidCell[] = [];
  const fill = (row: PdfNode[], column: number, colSpan: number) => {
    for (let dc = 1; dc < colSpan; dc++) row[column + dc] = {};
  };
  placed.forEach((p, i) => {
    if (p.row >= headerEnd) return;
    const lines = broken[i];
    const last = Math.min(headerEnd, p.row + p.cell.rowSpan) - 1;
    const top = line === undefined ? 0 : centringMargin(lines?.length ?? 1, spannedHeight(headerRows, p.row, last), line);
    const node = cellNode(p.cell, lines, top, leading);
    headerCells.push({ cell: p.cell, lines, row: p.row, column: p.column, colSpan: p.cell.colSpan, rowSpan: last - p.row + 1 });
    if (p.cell.rowSpan > 1) node.rowSpan = p.cell.rowSpan;
    if (p.cell.colSpan > 1) node.colSpan = p.cell.colSpan;
    for (let dr = 0; dr < p.cell.rowSpan && p.row + dr < headerEnd; dr++) {
      const row = header[p.row + dr] as PdfNode[];
      row[p.column] = dr === 0 ? node : {};
      fill(row, p.column, p.cell.colSpan);
    }
  });
  for (const row of header) for (let c = 0; c < columns; c++) row[c] ??= {};

  const bodyRoom = room === undefined ? undefined : room - headerHeight;
  // Header rows repeat on every page: they and one line of the body must fit on one.
  const oneRow = headerEnd < grid.rows.length && line !== undefined ? cellHeight(1, line) + GRID_RULE : 0;
  if (bodyRoom !== undefined && line !== undefined && headerEnd > 0 && bodyRoom < oneRow) {
    throw new GridError({
      code: 'grid-too-tall',
      line: 0,
      column: 0,
      message: `表头 ${headerEnd} 行（header=${headerEnd}）高 ${headerHeight.toFixed(0)} pt，一页放不下它${oneRow > 0 ? '和表格的内容' : ''}`,
      hint: '减少 header= 的行数，或减少表头里的文字',
    });
  }
  // Body rows, laid: a row taller than a page becomes several, each a page of its lines at most.
  const cells: LaidCell[] = [];
  const heights: number[] = [];
  const firstLaid: number[] = [];
  // Without header rows to repeat, a page breaks only before a row across the whole table (a
  // section's own title, as 第二十条第（五）项 in table 二), so every page starts with one.
  const breakable: boolean[] = [];
  const lastLaid: number[] = [];
  for (let r = headerEnd; r < grid.rows.length; r++) {
    const starting = placed.map((p, i) => ({ p, i })).filter(({ p }) => p.row === r);
    const single = starting.filter(({ p }) => p.cell.rowSpan === 1);
    const perPiece =
      line !== undefined && bodyRoom !== undefined && (own[r] ?? 0) + GRID_RULE > bodyRoom ? Math.max(1, Math.floor((bodyRoom - 2 * GRID_PADDING_Y - GRID_RULE) / line)) : Infinity;
    const pieces = perPiece === Infinity ? 1 : Math.ceil(Math.max(...single.map(({ i }) => broken[i]?.length ?? 1)) / perPiece);
    firstLaid[r] = heights.length;
    const titled = starting.some(({ p }) => p.cell.colSpan === columns);
    for (let k = 0; k < pieces; k++) {
      breakable.push(headerEnd > 0 || k > 0 || titled);
      const at = heights.length;
      let count = 0;
      for (const { p, i } of single) {
        const lines = pieces === 1 ? broken[i] : (broken[i]?.slice(k * perPiece, (k + 1) * perPiece) ?? []);
        count = Math.max(count, lines?.length ?? 1);
        cells.push({ cell: p.cell, lines, row: at, column: p.column, colSpan: p.cell.colSpan, rowSpan: 1 });
      }
      heights.push(pieces === 1 ? (own[r] ?? 0) : heightOf(count));
    }
    lastLaid[r] = heights.length - 1;
  }
  placed.forEach((p, i) => {
    if (p.row < headerEnd || p.cell.rowSpan === 1) return;
    // A spanning label is restated whole on every page its rows reach: it must fit on one.
    const needed = heightOf(broken[i]?.length ?? 1) + GRID_RULE;
    if (bodyRoom !== undefined && line !== undefined && needed > bodyRoom) {
      throw new GridError({
        code: 'grid-too-tall',
        line: grid.rowLines?.[p.row] ?? 0,
        column: 0,
        message: `表格第 ${p.row + 1}–${p.row + p.cell.rowSpan} 行由跨行合并（rs）连在一起，共高 ${needed.toFixed(0)} pt，一页只放得下 ${bodyRoom.toFixed(0)} pt`,
        hint: '跨行合并的单元格不能分页：减少它的文字，或不用 rs 合并（单独一行再高也会分页接排）',
      });
    }
    const first = firstLaid[p.row] ?? 0;
    const last = lastLaid[Math.min(grid.rows.length - 1, p.row + p.cell.rowSpan - 1)] ?? first;
    cells.push({ cell: p.cell, lines: broken[i], row: first, column: p.column, colSpan: p.cell.colSpan, rowSpan: last - first + 1 });
  });
  cells.sort((a, b) => a.row - b.row || a.column - b.column);
  const widths = star === undefined ? grid.widths : grid.widths.map((w) => (w === '*' ? star : w));
  const measured: MeasuredTable | undefined =
    line === undefined
      ? undefined
      : {
          kind: 'table',
          top: 0,
          bottom: 0,
          rule: GRID_RULE,
          header: headerHeight,
          rows: heights,
          spans: spansOf(headerEnd, grid.rows.length, (r) => firstLaid[r] ?? 0, (r) => lastLaid[r] ?? 0),
          ...(breakable.every(Boolean) ? {} : { breakable }),
        };
  return { header, headerCells, headerHeights: headerRows, columns, cells, rowCount: heights.length, widths, ...(measured ? { measured } : {}), line, leading };
}

/**
 * One pdfmake table of body rows `from` ≤ r < `to`, under the header rows: a row-spanning cell
 * cut by either end is restated, with its label, on the rows of this piece. Every cell is
 * centred in its rows as they are on this page (a restated label's span stretches the piece's
 * rows, not the whole table's).
 */
function tableNode(grid: Grid, laid: LaidGrid, from: number, to: number, margins?: readonly [number, number]): PdfNode {
  // pdfmake writes onto the nodes it lays out: every piece gets its own copies.
  const header = structuredClone(laid.header);
  const body: PdfNode[][] = [];
  for (let r = from; r < to; r++) body.push([]);
  const rows = laid.measured ? pieceRowHeights(laid.measured, from, to) : undefined;
  for (const cell of laid.cells) {
    const end = cell.row + cell.rowSpan;
    if (end <= from || cell.row >= to) continue;
    const first = Math.max(cell.row, from);
    const rowSpan = Math.min(end, to) - first;
    const line = laid.line;
    const top =
      rows === undefined || line === undefined ? 0 : centringMargin(cell.lines?.length ?? 1, spannedHeight(rows, first - from, first - from + rowSpan - 1), line);
    const node: PdfNode = { ...cellNode(cell.cell, cell.lines, top, laid.leading), ...(rowSpan > 1 ? { rowSpan } : {}), ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}) };
    for (let dr = 0; dr < rowSpan; dr++) {
      const row = body[first - from + dr] as PdfNode[];
      row[cell.column] = dr === 0 ? node : {};
      for (let dc = 1; dc < cell.colSpan; dc++) row[cell.column + dc] = {};
    }
  }
  for (const row of body) for (let c = 0; c < laid.columns; c++) row[c] ??= {};
  return {
    table: { headerRows: header.length, widths: [...laid.widths], body: [...header, ...body] },
    layout: 'nianbaoGrid',
    style: 'table',
    ...(margins ? { margin: [0, margins[0], 0, margins[1]] } : {}),
    ...(grid.fontSize ? { fontSize: grid.fontSize } : {}),
  };
}

/**
 * One piece of a measured grid placed with its top edge at `top`: the header rows, then body rows
 * `from` ≤ r < `to`, a row-spanning cell cut by either end restated on this piece's rows (as
 * tableNode does). pdfmake's geometry: a rule's top (or left) edge on its row (or column)
 * boundary, the stroke centred half a rule below (or right of) it; horizontal rules end at the
 * last column's boundary, vertical ones run over the rules above and below their rows.
 */
function placeGrid(grid: Grid, laid: LaidGrid, measured: MeasuredTable, line: number, from: number, to: number, x0: number, top: number, faces: FaceMetricsByRole): { items: Placed[]; height: number } {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const w = GRID_RULE;
  const edges = [x0];
  for (const width of laid.widths) edges.push((edges[edges.length - 1] as number) + w + 2 * GRID_PADDING_X + (typeof width === 'number' ? width : 0));
  const headerRows = laid.headerHeights.length;
  const heights = [...laid.headerHeights, ...pieceRowHeights(measured, from, to)];
  const tops = [top];
  for (const h of heights) tops.push((tops[tops.length - 1] as number) + w + h);
  const cells: LaidCell[] = [...laid.headerCells];
  for (const cell of laid.cells) {
    const end = cell.row + cell.rowSpan;
    if (end <= from || cell.row >= to) continue;
    const first = Math.max(cell.row, from);
    cells.push({ ...cell, row: headerRows + first - from, rowSpan: Math.min(end, to) - first });
  }
  // Which cell covers each position: no rule is drawn inside a merged cell.
  const owner: number[][] = heights.map(() => new Array<number>(laid.columns).fill(-1));
  cells.forEach((cell, i) => {
    for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) {
      const row = owner[cell.row + dr];
      if (row) row[cell.column + dc] = i;
    }
  });
  const merged = (a: number | undefined, b: number | undefined) => a !== undefined && a !== -1 && a === b;
  const items: Placed[] = [];
  // Horizontal rules, a stroke per run of columns they cross.
  for (let b = 0; b <= heights.length; b++) {
    const y = (tops[b] as number) + w / 2;
    let start: number | undefined;
    for (let c = 0; c <= laid.columns; c++) {
      const open = c < laid.columns && !(b > 0 && b < heights.length && merged(owner[b - 1]?.[c], owner[b]?.[c]));
      if (open && start === undefined) start = c;
      if (!open && start !== undefined) {
        items.push({ kind: 'rule', x1: edges[start] as number, y1: y, x2: edges[c] as number, y2: y, width: w });
        start = undefined;
      }
    }
  }
  // Vertical rules, a stroke per run of rows they cross.
  for (let c = 0; c <= laid.columns; c++) {
    const x = (edges[c] as number) + w / 2;
    let start: number | undefined;
    for (let r = 0; r <= heights.length; r++) {
      const open = r < heights.length && !(c > 0 && c < laid.columns && merged(owner[r]?.[c - 1], owner[r]?.[c]));
      if (open && start === undefined) start = r;
      if (!open && start !== undefined) {
        items.push({ kind: 'rule', x1: x, y1: tops[start] as number, x2: x, y2: (tops[r] as number) + w, width: w });
        start = undefined;
      }
    }
  }
  for (const cell of cells) {
    const lines = cell.lines ?? [];
    const margin = centringMargin(lines.length, spannedHeight(heights, cell.row, cell.row + cell.rowSpan - 1), line) + laid.leading;
    const left = (edges[cell.column] as number) + w + GRID_PADDING_X;
    const width = (edges[cell.column + cell.colSpan] as number) - (edges[cell.column] as number) - w - 2 * GRID_PADDING_X;
    const lineTop = (tops[cell.row] as number) + w + GRID_PADDING_Y + margin;
    lines.forEach((l, k) => {
      if (!l.text) return;
      const natural = textWidth(faces.正文, l.text, size, l.spacing);
      const x = cell.cell.align === 'center' ? left + (width - natural) / 2 : cell.cell.align === 'right' ? left + width - natural : left;
      items.push(placeLine([{ text: l.text, role: '正文' }], faces, { x, top: lineTop + k * line, size, spacing: l.spacing }));
    });
  }
  return { items, height: (tops[heights.length] as number) + w - top };
}

/**
 * A grid as a pdfmake table: every covered position gets the `{}` pdfmake expects. With the
 * cell font, cell text arrives broken into lines.
 */
export function gridTable(grid: Grid, font?: CellFont): PdfNode {
  const laid = layGrid(grid, font, undefined);
  return tableNode(grid, laid, 0, laid.rowCount);
}

/**
 * A grid's height in pt as pdfmake lays it out, from the cells' broken lines: each row as tall
 * as its tallest cell, a cell spanning rows stretching the last of them. Undefined when a cell's
 * width is not known before layout (a `*` column).
 */
export function gridHeight(grid: Grid, font: CellFont): number | undefined {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const line = size * font.lineEm * GRID_LINE_HEIGHT;
  const rows = grid.rows.map(() => 0);
  const spans: RowSpan[] = [];
  for (const placed of placeCells(grid)) {
    if (placed.width === undefined) return undefined;
    const height = cellHeight(placed.cell.text === '' ? 1 : (cellLines(placed, size, font)?.length ?? 1), line);
    if (placed.cell.rowSpan === 1) rows[placed.row] = Math.max(rows[placed.row] ?? 0, height);
    else spans.push({ first: placed.row, last: Math.min(rows.length, placed.row + placed.cell.rowSpan) - 1, height });
  }
  return GRID_RULE + rowsHeight({ rows, spans, rule: GRID_RULE }, 0, rows.length);
}

/**
 * A generous estimate of a grid's height in pt: every cell's text wrapped in its columns at one
 * em per character (half for ASCII), with a margin for fonts taller than Fandol's.
 */
export function estimateGridHeight(grid: Grid, defaultSize: number): number {
  const size = grid.fontSize ?? defaultSize;
  const line = size * GRID_LINE_HEIGHT * 1.15;
  const lines = grid.rows.map(() => 1);
  for (const { cell, row, width } of placeCells(grid, 40)) {
    if (cell.rowSpan > 1) continue;
    const perLine = Math.max(1, Math.floor((width ?? 0) / size));
    lines[row] = Math.max(lines[row] ?? 1, Math.ceil(emWidth(cell.text) / perLine));
  }
  return lines.reduce((sum, n) => sum + n * line + 2 * GRID_PADDING_Y + GRID_RULE, GRID_RULE);
}

export interface ContentOptions {
  /** Height of the 版心, pt: a table row taller than this less its header is cut. */
  readonly pageHeight: number;
  readonly bodySize: number;
  readonly pitch: number;
  /** When given, paragraphs are broken into lines here (see lines.ts) and measured. */
  readonly lines?: { readonly measure: (ch: string) => number; readonly width: number };
  /**
   * Width of a character in each face other than the body's, pt at the body size: runs in 黑体
   * or 楷体, and headings, are broken in their own face. The body's measure when absent.
   */
  readonly faces?: Readonly<Partial<Record<FontRole, (ch: string) => number>>>;
  /** When given, table cells are broken into lines here and tables measured exactly. */
  readonly cellFont?: CellFont;
}

/** A block of the body, measured for the paginator, drawn piece by piece once it is placed. */
export interface Block {
  readonly measure: Measured;
  readonly render: (piece: Piece) => PdfNode[];
  /**
   * The piece placed from `top` at the 版心's left edge `x`, its own top margin included: what
   * is drawn and the height it takes. Absent where a block cannot be placed before pdfmake lays
   * it out (a grid measured without the cell font).
   */
  readonly place?: (piece: Piece, at: PlaceAt) => { readonly items: readonly Placed[]; readonly height: number };
}

export interface PlaceAt {
  readonly x: number;
  readonly top: number;
  readonly faces: FaceMetricsByRole;
}

/** Without the fonts (tests of the content alone): one line of 28 characters per pitch. */
const UNMEASURED = { measure: () => 16, width: 16 * 28 };

/**
 * The face a run is drawn in, within a block set in `face`. In body text the pdfmake family Body
 * has 黑体 as its bold and 楷体 as its italics; elsewhere a run names its family. Each style
 * carries its face's line height (layout/document.ts), so a line stays on the pitch.
 */
const RUN_STYLE: Readonly<Record<FontRole, string>> = {
  正文: 'runBody',
  一级标题: 'runHei',
  二级标题: 'runKai',
  标题: 'runBody',
  发文机关标志: 'runBody',
  页码: 'runBody',
};

function runNode(text: string, role: FontRole, face: FontRole): string | PdfNode {
  if (role === face) return text;
  if (face === '正文' && role === '一级标题') return { text, style: 'strong' };
  if (face === '正文' && role === '二级标题') return { text, style: 'emphasis' };
  return { text, style: RUN_STYLE[role] };
}

/** The runs' pieces a broken line holds, each with its face. */
function linePieces(line: BrokenLine, runs: readonly Run[], starts: readonly number[]): { text: string; role: FontRole }[] {
  const end = line.at + line.text.length;
  const pieces: { text: string; role: FontRole }[] = [];
  runs.forEach((run, k) => {
    const from = Math.max(line.at, starts[k] ?? 0);
    const to = Math.min(end, (starts[k] ?? 0) + run.text.length);
    if (from < to) pieces.push({ text: run.text.slice(from - (starts[k] ?? 0), to - (starts[k] ?? 0)), role: run.role });
  });
  return pieces;
}

/** A broken line's pdfmake text: the runs' pieces it holds, each in its face. */
function lineText(line: BrokenLine, runs: readonly Run[], starts: readonly number[], face: FontRole): string | (string | PdfNode)[] {
  const pieces = linePieces(line, runs, starts).map((piece) => runNode(piece.text, piece.role, face));
  return pieces.length === 1 && typeof pieces[0] === 'string' ? pieces[0] : pieces;
}

/** Broken lines placed one pitch apart from `at.top`; `indentFirst`: the indent of a segment's first line. */
function placeLines(broken: ReturnType<typeof breakRuns>, t: Typeset, at: PlaceAt, from: number, to: number, indentOf: (first: boolean, segment: number, index: number) => number): Placed[] {
  const items: Placed[] = [];
  let index = 0;
  broken.forEach((segment, s) => {
    for (const line of segment.lines) {
      const k = index++;
      if (k < from || k >= to) continue;
      const placed = placeLine(linePieces(line, segment.runs, segment.starts), at.faces, {
        x: at.x + indentOf(line.first, s, k),
        top: at.top + (k - from) * t.pitch,
        size: t.bodySize,
        spacing: line.spacing,
      });
      if (placed.runs.length > 0) items.push(placed);
    }
  });
  return items;
}

interface Typeset {
  readonly pitch: number;
  readonly bodySize: number;
  readonly width: number;
  /** A role's width of a character, pt at the body size. */
  readonly measureOf: (role: FontRole) => (ch: string) => number;
}

/**
 * Runs broken into lines: at each hard break a new line starts (unindented, as Word continues
 * after a line break); every character measured in its run's face.
 */
function breakRuns(runs: readonly Run[], t: Typeset, options: { indent: boolean; justify: boolean }): { lines: BrokenLine[]; runs: Run[]; starts: number[] }[] {
  // Split at hard breaks: segments of runs.
  const segments: Run[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, k) => {
      if (k > 0) segments.push([]);
      if (part) (segments[segments.length - 1] as Run[]).push({ ...run, text: part });
    });
  }
  return segments.map((segment, index) => {
    // Soft line breaks are already joined; spaces at a join are what the text has.
    const starts: number[] = [];
    let offset = 0;
    for (const run of segment) {
      starts.push(offset);
      offset += run.text.length;
    }
    const text = segment.map((run) => run.text).join('');
    const roleAt = (at: number): FontRole => {
      let k = starts.length - 1;
      while (k > 0 && (starts[k] ?? 0) > at) k--;
      return segment[k]?.role ?? '正文';
    };
    const single = segment.every((run) => run.role === segment[0]?.role);
    const only = t.measureOf(segment[0]?.role ?? '正文');
    const lines = text
      ? breakLines(text, {
          measure: single ? only : (ch, at) => t.measureOf(roleAt(at))(ch),
          width: t.width,
          indent: options.indent && index === 0 ? 2 * t.bodySize : 0,
          justify: options.justify,
        })
      : [{ text: '', spacing: 0, first: true, at: 0 }];
    return { lines, runs: segment, starts };
  });
}

/** Broken lines as pdfmake nodes, one per line (noWrap: pdfmake only draws them). */
function lineNodes(broken: ReturnType<typeof breakRuns>, face: FontRole, bodySize: number, indent: boolean): PdfNode[] {
  return broken.flatMap((segment, s) =>
    segment.lines.map((line) => ({
      text: lineText(line, segment.runs, segment.starts, face),
      noWrap: true,
      ...(line.spacing !== 0 ? { characterSpacing: line.spacing } : {}),
      ...(indent && line.first && s === 0 ? { margin: [2 * bodySize, 0, 0, 0] } : {}),
    })),
  );
}

function paragraphBlock(paragraph: Paragraph, t: Typeset): Block {
  const indent = !paragraph.verbatim;
  const broken = breakRuns(paragraph.runs, t, { indent, justify: !paragraph.verbatim });
  const nodes = lineNodes(broken, '正文', t.bodySize, indent);
  return {
    measure: { kind: 'lines', count: nodes.length, pitch: t.pitch },
    render: (piece) => nodes.slice(piece.from, piece.to),
    place: (piece, at) => ({
      items: placeLines(broken, t, at, piece.from, piece.to, (first, s) => (indent && first && s === 0 ? 2 * t.bodySize : 0)),
      height: (piece.to - piece.from) * t.pitch,
    }),
  };
}


/**
 * A heading in its face, broken here like a paragraph but set ragged; it never splits (the
 * paginator keeps it with what follows). Its first line carries the outline level.
 */
function headingBlock(heading: Heading, t: Typeset): Block {
  const face = HEADING_FACE[heading.level];
  const runs: Run[] = [];
  // The number and a first run in the heading's face are one run (one piece of text to draw).
  for (const run of heading.number ? [{ text: heading.number, role: face }, ...heading.runs] : heading.runs) {
    const last = runs[runs.length - 1];
    if (last && last.role === run.role) runs[runs.length - 1] = { ...last, text: last.text + run.text };
    else runs.push(run);
  }
  const broken = breakRuns(runs, t, { indent: true, justify: false });
  const lines = broken.flatMap((segment) => segment.lines);
  const nodes = lineNodes(broken, face, t.bodySize, false).map((node, k) =>
    k === 0
      ? { ...node, style: `h${heading.level}`, headlineLevel: heading.level, bookmark: runs.map((r) => r.text).join('') }
      : { ...node, style: `h${heading.level}`, leadingIndent: 0 },
  );
  const title = runs.map((r) => r.text).join('').replace(/\s*\n\s*/g, '').trim();
  return {
    measure: { kind: 'heading', height: lines.length * t.pitch },
    render: () => nodes,
    place: (_piece, at) => {
      const items = placeLines(broken, t, at, 0, lines.length, (_first, _s, k) => (k === 0 ? 2 * t.bodySize : 0));
      const first = items[0];
      if (first?.kind === 'text' && title) items[0] = { ...first, bookmark: { title, level: heading.level } };
      return { items, height: lines.length * t.pitch };
    },
  };
}

function tableBlock(table: Table, options: ContentOptions | undefined, pitch: number): Block {
  const failed = (problem: GridProblem) =>
    new MarkdownError(problem.message, table.line + 1 + problem.line, { info: table.written.info, content: table.written.content, problem });
  // A line of room kept below; the table's margins fit in it.
  const room = options ? options.pageHeight - 2 * options.pitch : undefined;
  let laid: LaidGrid;
  try {
    laid = layGrid(table, options?.cellFont, room);
  } catch (error) {
    if (error instanceof GridError) throw failed(error.problem);
    throw error;
  }
  const top = pitch / 4;
  const bottom = pitch / 2;
  // Unmeasured (no cell font): estimated generously, as one piece.
  const measure: MeasuredTable = laid.measured
    ? { ...laid.measured, top, bottom }
    : { kind: 'table', top, bottom, rule: GRID_RULE, header: 0, rows: [estimateGridHeight(table, TABLE_FONT_SIZE)], spans: [] };
  const rows = laid.measured ? undefined : laid.rowCount;
  const measured = laid.measured;
  const line = laid.line;
  return {
    measure,
    render: (piece) => [tableNode(table, laid, rows === undefined ? piece.from : 0, rows ?? piece.to, [piece.atTop ? 0 : top, piece.cut ? 0 : bottom])],
    ...(measured && line !== undefined
      ? {
          place: (piece: Piece, at: PlaceAt) => {
            const above = piece.atTop ? 0 : top;
            const grid = placeGrid(table, laid, measured, line, piece.from, piece.to, at.x, at.top + above, at.faces);
            return { items: grid.items, height: above + grid.height + (piece.cut ? 0 : bottom) };
          },
        }
      : {}),
  };
}

/**
 * What a block's layout depends on, as a key: its text, faces and structure, not where it was
 * written (origins and source lines move with every edit above it, and only diagnostics,
 * raised while it is first laid out, use them).
 */
export function blockKey(block: DocumentBlock): string {
  return JSON.stringify(block, (key, value: unknown) => (key === 'origin' || key === 'line' || key === 'written' || key === 'rowLines' ? undefined : value));
}

/**
 * The body's blocks measured (see paginate/ for how they meet pages). With `cache` (blocks by
 * blockKey, for one set of options and fonts: the watch loop's), a block laid out before is
 * taken from it: an edit lays out only the blocks it changed. Blocks are never changed once made
 * (placing them reads them only).
 */
export function documentBlocks(body: readonly DocumentBlock[], options?: ContentOptions, cache?: Map<string, Block>): Block[] {
  const lines = options?.lines ?? UNMEASURED;
  const t: Typeset = {
    pitch: options?.pitch ?? 28.95,
    bodySize: options?.bodySize ?? 16,
    width: lines.width,
    measureOf: (role) => options?.faces?.[role] ?? lines.measure,
  };
  if (cache) {
    const keys = body.map(blockKey);
    const missing = new Map<string, DocumentBlock>();
    body.forEach((block, i) => {
      const key = keys[i] as string;
      if (!cache.has(key) && !missing.has(key)) missing.set(key, block);
    });
    const made = documentBlocks([...missing.values()], options);
    [...missing.keys()].forEach((key, i) => cache.set(key, made[i] as Block));
    return keys.map((key) => cache.get(key) as Block);
  }
  return body.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return paragraphBlock(block, t);
      case 'heading':
        return headingBlock(block, t);
      case 'table':
        return tableBlock(block, options, t.pitch);
    }
  });
}

/** Every block drawn whole, in order (the content without pages). */
export function blocksToContent(blocks: readonly Block[]): PdfNode[] {
  return blocks.flatMap((block) => {
    const m = block.measure;
    const to = m.kind === 'lines' ? m.count : m.kind === 'table' ? m.rows.length : 1;
    return block.render({ block: 0, from: 0, to, atTop: false, cut: false, height: 0 });
  });
}
