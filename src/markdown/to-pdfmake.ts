/**
 * Stage: the template's Markdown → pdfmake content nodes. `#` is a part heading (already
 * numbered by the template); `##`/`###`/`####` get （一）/1./（1）, counted per part; `grid`
 * blocks become tables. Pure: styles are named here and defined by the page layout.
 */
import { markdown } from '../source/markdown.js';
import type { Token } from 'markdown-it';
import { ATOMIC, breakOpportunities, emWidth } from '../text/title.js';
import { GRID_LINE_HEIGHT, GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE, TABLE_FONT_SIZE } from '../template/tables.js';
import { type Grid, type GridCell, GridError, type GridProblem, readGrid, starWidth } from './grid.js';
import { HeadingNumbers, withoutTypedNumber } from './headings.js';
import { type BrokenLine, breakLines } from '../text/lines.js';
import { type Measured, type MeasuredTable, type Piece, type RowSpan, pieceRowHeights, rowsHeight } from '../paginate/index.js';

export type PdfNode = Record<string, unknown>;


/** Inline tokens → pdfmake text runs: strong → 黑体 (bold face), em → 楷体 (italic face). */
function inlines(tokens: readonly Token[]): (string | PdfNode)[] {
  const runs: (string | PdfNode)[] = [];
  let bold = false;
  let italics = false;
  const push = (text: string) => {
    if (!text) return;
    runs.push(bold || italics ? { text, ...(bold ? { bold: true } : {}), ...(italics ? { italics: true } : {}) } : text);
  };
  for (const token of tokens) {
    if (token.type === 'strong_open') bold = true;
    else if (token.type === 'strong_close') bold = false;
    else if (token.type === 'em_open') italics = true;
    else if (token.type === 'em_close') italics = false;
    else if (token.type === 'text' || token.type === 'code_inline') push(token.content);
    else if (token.type === 'hardbreak') push('\n');
    // A soft break joins the lines: Chinese text has no spaces between them.
    else if (token.type === 'softbreak') push('');
    else if (token.type === 'html_inline') push(token.content);
  }
  // Fewer, larger runs: pdfmake styles each run separately.
  const merged: (string | PdfNode)[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (typeof run === 'string' && typeof last === 'string') merged[merged.length - 1] = last + run;
    else merged.push(run);
  }
  return merged;
}

function plain(runs: (string | PdfNode)[]): string | (string | PdfNode)[] {
  return runs.length === 1 && typeof runs[0] === 'string' ? runs[0] : runs;
}

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
  const fill = (row: PdfNode[], column: number, colSpan: number) => {
    for (let dc = 1; dc < colSpan; dc++) row[column + dc] = {};
  };
  placed.forEach((p, i) => {
    if (p.row >= headerEnd) return;
    const lines = broken[i];
    const last = Math.min(headerEnd, p.row + p.cell.rowSpan) - 1;
    const top = line === undefined ? 0 : centringMargin(lines?.length ?? 1, spannedHeight(headerRows, p.row, last), line);
    const node = cellNode(p.cell, lines, top, leading);
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
  return { header, columns, cells, rowCount: heights.length, widths, ...(measured ? { measured } : {}), line, leading };
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

/** A grid block that cannot be laid out: `line` is in the Markdown given; `grid` says which block and where in it. */
export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly grid?: { readonly info: string; readonly content: string; readonly problem: GridProblem },
  ) {
    super(message);
  }
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
  /** When given, table cells are broken into lines here and tables measured exactly. */
  readonly cellFont?: CellFont;
}

/** A block of the body, measured for the paginator, drawn piece by piece once it is placed. */
export interface Block {
  readonly measure: Measured;
  readonly render: (piece: Piece) => PdfNode[];
}

/** Without the fonts (tests of the content alone): one line of 28 characters per pitch. */
const UNMEASURED = { measure: () => 16, width: 16 * 28 };

function textOf(runs: readonly (string | PdfNode)[]): string {
  return runs.map((run) => (typeof run === 'string' ? run : String(run.text ?? ''))).join('');
}

/** Converts Markdown to measured blocks (see paginate/ for how they meet pages). */
export function markdownToBlocks(source: string, options?: ContentOptions): Block[] {
  const tokens = markdown.parse(source, {});
  const blocks: Block[] = [];
  const numbers = new HeadingNumbers();
  const pitch = options?.pitch ?? 28.95;
  const bodySize = options?.bodySize ?? 16;
  const lineOptions = options?.lines ?? UNMEASURED;
  /** How many lines text takes at the body size, the first indented two characters. */
  const count = (text: string, indent = 2 * bodySize) =>
    text.split('\n').reduce((sum, part) => sum + Math.max(1, breakLines(part, { ...lineOptions, indent }).length), 0);
  const whole = (node: PdfNode) => () => [node];
  let listIndex: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (token.type === 'heading_open' && next?.type === 'inline') {
      const level = Number(token.tag.slice(1));
      const text = next.content.trim();
      const { depth, number } = numbers.next(level);
      let node: PdfNode;
      let shown = text;
      if (depth === 1) {
        node = { text, style: 'h1', headlineLevel: 1 };
      } else {
        const [first, ...rest] = inlines(next.children ?? []);
        const lead = typeof first === 'string' ? withoutTypedNumber(first) : first;
        const runs = [number, ...(lead === undefined ? [] : [lead]), ...rest];
        node = { text: runs, style: `h${depth}`, headlineLevel: depth };
        shown = textOf(runs);
      }
      blocks.push({ measure: { kind: 'heading', height: count(shown) * pitch }, render: whole(node) });
      i += 2;
    } else if (token.type === 'ordered_list_open') {
      listIndex.push(Number(token.attrGet('start') ?? 1));
    } else if (token.type === 'bullet_list_open') {
      listIndex.push(0);
    } else if (token.type === 'ordered_list_close' || token.type === 'bullet_list_close') {
      listIndex = listIndex.slice(0, -1);
    } else if (token.type === 'paragraph_open' && next?.type === 'inline') {
      const runs = inlines(next.children ?? []);
      const inList = tokens[i - 1]?.type === 'list_item_open';
      const depth = listIndex.length;
      if (inList && depth > 0 && (listIndex[depth - 1] ?? 0) > 0) {
        const n = listIndex[depth - 1] ?? 1;
        listIndex[depth - 1] = n + 1;
        runs.unshift(`${n}.`);
      }
      const text = plain(runs);
      if (options?.lines && typeof text === 'string' && text.length > 0) {
        const broken = breakLines(text, { ...options.lines, indent: 2 * options.bodySize });
        const nodes = broken.map((line) => ({
          text: line.text,
          noWrap: true,
          ...(line.spacing !== 0 ? { characterSpacing: line.spacing } : {}),
          ...(line.first ? { margin: [2 * options.bodySize, 0, 0, 0] } : {}),
        }));
        blocks.push({ measure: { kind: 'lines', count: nodes.length, pitch }, render: (piece) => nodes.slice(piece.from, piece.to) });
      } else {
        // Runs in several faces, wrapped by pdfmake: measured at the body face, kept whole.
        const node = { text, style: 'body' };
        blocks.push({ measure: { kind: 'box', height: count(typeof text === 'string' ? text : textOf(text)) * pitch }, render: whole(node) });
      }
      i += 2;
    } else if (token.type === 'fence' && token.info.trim().split(/\s+/)[0] === 'grid') {
      const at = (token.map?.[0] ?? 0) + 1;
      const failed = (problem: GridProblem) => new MarkdownError(problem.message, at + problem.line, { info: token.info, content: token.content, problem });
      const read = readGrid(token.info, token.content);
      if ('problem' in read) throw failed(read.problem);
      const grid = read.grid;
      // A line of room kept below; the table's margins fit in it.
      const room = options ? options.pageHeight - 2 * options.pitch : undefined;
      let laid: LaidGrid;
      try {
        laid = layGrid(grid, options?.cellFont, room);
      } catch (error) {
        if (error instanceof GridError) throw failed(error.problem);
        throw error;
      }
      const top = pitch / 4;
      const bottom = pitch / 2;
      // Unmeasured (no cell font): estimated generously, as one piece.
      const measure: MeasuredTable = laid.measured
        ? { ...laid.measured, top, bottom }
        : { kind: 'table', top, bottom, rule: GRID_RULE, header: 0, rows: [estimateGridHeight(grid, TABLE_FONT_SIZE)], spans: [] };
      const rows = laid.measured ? undefined : laid.rowCount;
      blocks.push({
        measure,
        render: (piece) => [tableNode(grid, laid, rows === undefined ? piece.from : 0, rows ?? piece.to, [piece.atTop ? 0 : top, piece.cut ? 0 : bottom])],
      });
    } else if (token.type === 'fence' || token.type === 'code_block') {
      const text = token.content.replace(/\n$/, '');
      blocks.push({ measure: { kind: 'box', height: count(text) * pitch }, render: whole({ text, style: 'body' }) });
    }
  }
  return blocks;
}

/** Every block drawn whole, in order (the content without pages). */
export function markdownToContent(source: string, options?: ContentOptions): PdfNode[] {
  return markdownToBlocks(source, options).flatMap((block) => {
    const m = block.measure;
    const to = m.kind === 'lines' ? m.count : m.kind === 'table' ? m.rows.length : 1;
    return block.render({ block: 0, from: 0, to, atTop: false, cut: false, height: 0 });
  });
}
