/**
 * Stage: the template's Markdown → pdfmake content nodes. `#` is a part heading (already
 * numbered by the template); `##`/`###`/`####` get （一）/1./（1）, counted per part; `grid`
 * blocks become tables. Pure: styles are named here and defined by the page layout.
 */
import { markdown } from '../source/markdown.js';
import type { Token } from 'markdown-it';
import { ATOMIC, breakOpportunities, emWidth } from '../layout/title.js';
import { GRID_LINE_HEIGHT, GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE, TABLE_FONT_SIZE } from '../template/tables.js';
import { type Grid, type GridCell, GridError, type GridProblem, readGrid, starWidth } from './grid.js';
import { HeadingNumbers, withoutTypedNumber } from './headings.js';
import { type BrokenLine, breakLines } from './lines.js';

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

/**
 * Row heights, pt, rules excluded: each row as tall as its tallest one-row cell, and a cell
 * spanning rows stretching the last of them. The one measure of rows that the cells' centring,
 * the bands and gridHeight all use (pdfmake sizes the rows the same way).
 */
export function rowHeights(rows: number, cells: readonly { row: number; rowSpan: number; lines: number }[], line: number): number[] {
  const heights: number[] = Array.from({ length: rows }, () => 0);
  for (const c of cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row] ?? 0, cellHeight(c.lines, line));
  for (const c of cells) {
    if (c.rowSpan === 1) continue;
    const last = Math.min(rows, c.row + c.rowSpan) - 1;
    const covered = spannedHeight(heights, c.row, last);
    const needed = cellHeight(c.lines, line);
    if (needed > covered) heights[last] = (heights[last] ?? 0) + needed - covered;
  }
  return heights;
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

/** Rows that row spans tie together: a page may break only between bands. */
interface Band {
  /** pdfmake rows (a row taller than a page becomes several, its lines shared out). */
  readonly rows: PdfNode[][];
  /** pt, rules below each row included; undefined without the cell font. */
  readonly height: number | undefined;
}

/** A grid laid out for pdfmake: its header rows, the bands of its body, the widths to give. */
interface LaidGrid {
  readonly header: Band;
  readonly bands: readonly Band[];
  readonly widths: readonly (number | '*')[];
  /** The whole table, pt (rules included); undefined without the cell font. */
  readonly height: number | undefined;
}

/**
 * Lays a grid out in rows and bands. With the cell font, `*` columns get their share of the
 * 版心, every cell's text is broken into lines and every row measured; then a row taller than
 * `room` (the page less the repeated header) is cut into consecutive rows of at most a page of
 * its lines each, so nothing is dropped. Rows tied by a row span cannot be cut: a band of them
 * taller than a page is a GridError at its first row.
 */
function layGrid(grid: Grid, font: CellFont | undefined, room: number | undefined): LaidGrid {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const star = font ? starWidth(grid.widths) : undefined;
  const placed = placeCells(grid, star);
  const broken = placed.map((p) => (font && p.cell.text === '' && p.width !== undefined ? [] : cellLines(p, size, font)));
  const line = font ? size * font.lineEm * GRID_LINE_HEIGHT : undefined;
  const heightOf = (count: number) => (line === undefined ? undefined : cellHeight(count, line));
  const leading = font ? ((GRID_LINE_HEIGHT - 1) / 2) * size * font.lineEm : 0;
  const heights =
    line === undefined
      ? grid.rows.map(() => 0)
      : rowHeights(grid.rows.length, placed.map((p, i) => ({ row: p.row, rowSpan: p.cell.rowSpan, lines: broken[i]?.length ?? 1 })), line);
  const body: PdfNode[][] = grid.rows.map(() => []);
  const byRow: number[][] = grid.rows.map(() => []);
  let spanEnd = grid.rows.map((_, r) => r);
  placed.forEach((p, i) => {
    const { cell, row: r, column: c } = p;
    const last = Math.min(grid.rows.length, r + cell.rowSpan) - 1;
    const top = line === undefined ? 0 : centringMargin(broken[i]?.length ?? 1, spannedHeight(heights, r, last), line);
    const node = cellNode(cell, broken[i], top, leading);
    if (cell.rowSpan > 1) node.rowSpan = cell.rowSpan;
    if (cell.colSpan > 1) node.colSpan = cell.colSpan;
    for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) ((body[r + dr] ??= [])[c + dc] = dr === 0 && dc === 0 ? node : {});
    (byRow[r] as number[]).push(i);
    spanEnd[r] = Math.max(spanEnd[r] ?? r, last);
  });
  spanEnd = spanEnd.map((end, r) => Math.max(end, r));
  const measured = line !== undefined;
  const sum = (from: number, to: number) => (measured ? heights.slice(from, to + 1).reduce((a, b) => a + b + GRID_RULE, 0) : undefined);

  const headerEnd = grid.headerRows;
  const header: Band = { rows: body.slice(0, headerEnd), height: sum(0, headerEnd - 1) };
  const bodyRoom = room === undefined || header.height === undefined ? undefined : room - header.height;
  const rowLine = (r: number) => grid.rowLines?.[r] ?? 0;
  // Header rows repeat on every page: they and one line of the body must fit on one.
  const oneRow = headerEnd < grid.rows.length && line !== undefined ? cellHeight(1, line) + GRID_RULE : 0;
  if (bodyRoom !== undefined && line !== undefined && headerEnd > 0 && bodyRoom < oneRow) {
    throw new GridError({
      code: 'grid-too-tall',
      line: 0,
      column: 0,
      message: `表头 ${headerEnd} 行（header=${headerEnd}）高 ${header.height?.toFixed(0)} pt，一页放不下它${oneRow > 0 ? '和表格的内容' : ''}`,
      hint: '减少 header= 的行数，或减少表头里的文字',
    });
  }
  const bands: Band[] = [];
  for (let r = headerEnd; r < grid.rows.length; ) {
    let end = spanEnd[r] ?? r;
    for (let k = r; k <= end; k++) end = Math.max(end, spanEnd[k] ?? k);
    const height = sum(r, end);
    if (height !== undefined && bodyRoom !== undefined && line !== undefined && height > bodyRoom) {
      if (end > r) {
        throw new GridError({
          code: 'grid-too-tall',
          line: rowLine(r),
          column: 0,
          message: `表格第 ${r + 1}–${end + 1} 行由跨行合并（rs）连在一起，共高 ${height.toFixed(0)} pt，一页只放得下 ${bodyRoom.toFixed(0)} pt`,
          hint: '跨行合并的几行不能分页：减少这几行的文字，或不用 rs 合并（单独一行再高也会分页接排）',
        });
      }
      // One row taller than a page: its lines go into consecutive rows of a page each.
      const perPiece = Math.max(1, Math.floor((bodyRoom - 2 * GRID_PADDING_Y - GRID_RULE) / line));
      const cells = byRow[r] as number[];
      const pieces = Math.ceil(Math.max(...cells.map((i) => broken[i]?.length ?? 1)) / perPiece);
      for (let k = 0; k < pieces; k++) {
        const row: PdfNode[] = [];
        const piece = (i: number) => broken[i]?.slice(k * perPiece, (k + 1) * perPiece) ?? [];
        const count = Math.max(...cells.map((i) => piece(i).length));
        for (const i of cells) {
          const p = placed[i] as PlacedCell;
          const lines = piece(i);
          const top = centringMargin(lines.length, cellHeight(count, line), line);
          row[p.column] = { ...cellNode(p.cell, lines, top, leading), ...(p.cell.colSpan > 1 ? { colSpan: p.cell.colSpan } : {}) };
          for (let dc = 1; dc < p.cell.colSpan; dc++) row[p.column + dc] = {};
        }
        bands.push({ rows: [row], height: (heightOf(count) ?? 0) + GRID_RULE });
      }
    } else {
      bands.push({ rows: body.slice(r, end + 1), height });
    }
    r = end + 1;
  }
  const height = measured ? bands.reduce((total, band) => total + (band.height ?? 0), (header.height ?? 0) + GRID_RULE) : undefined;
  const widths = star === undefined ? grid.widths : grid.widths.map((w) => (w === '*' ? star : w));
  return { header, bands, widths, height };
}

/** One pdfmake table of a grid: its header rows (repeated on a new page) and the given bands. */
function tableNode(grid: Grid, laid: LaidGrid, bands: readonly Band[], fresh = false): PdfNode {
  // pdfmake writes onto the nodes it lays out: a header repeated in several tables is copied.
  const header = fresh ? structuredClone(laid.header.rows) : laid.header.rows;
  return {
    table: { headerRows: header.length, widths: [...laid.widths], body: [...header, ...bands.flatMap((b) => b.rows)] },
    layout: 'nianbaoGrid',
    style: 'table',
    ...(grid.fontSize ? { fontSize: grid.fontSize } : {}),
  };
}

/**
 * A grid as a pdfmake table: every covered position gets the `{}` pdfmake expects. With the
 * cell font, cell text arrives broken into lines.
 */
export function gridTable(grid: Grid, font?: CellFont): PdfNode {
  const laid = layGrid(grid, font, undefined);
  return tableNode(grid, laid, laid.bands);
}

/**
 * A grid's height in pt as pdfmake lays it out, from the cells' broken lines: each row as tall
 * as its tallest cell, a cell spanning rows stretching the last of them. Undefined when a cell's
 * width is not known before layout (a `*` column).
 */
export function gridHeight(grid: Grid, font: CellFont): number | undefined {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const line = size * font.lineEm * GRID_LINE_HEIGHT;
  const cells: { row: number; rowSpan: number; lines: number }[] = [];
  for (const placed of placeCells(grid)) {
    if (placed.width === undefined) return undefined;
    const lines = placed.cell.text === '' ? 1 : (cellLines(placed, size, font)?.length ?? 1);
    cells.push({ row: placed.row, rowSpan: placed.cell.rowSpan, lines });
  }
  return rowHeights(grid.rows.length, cells, line).reduce((a, b) => a + b, 0) + (grid.rows.length + 1) * GRID_RULE;
}

/** Tables carry ids with this prefix so the page layout can keep each on one page. */
export const TABLE_ID_PREFIX = 'nianbao-table-';

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
  /** Height of the 版心, pt: a table estimated to fit is kept on one page without a re-layout. */
  readonly pageHeight: number;
  readonly bodySize: number;
  readonly pitch: number;
  /** When given, plain paragraphs are broken into lines here (see lines.ts). */
  readonly lines?: { readonly measure: (ch: string) => number; readonly width: number };
  /** When given, table cells are broken into lines here and tables measured exactly. */
  readonly cellFont?: CellFont;
}

/** Converts Markdown to content nodes (see layout/document.ts for how tables meet pages). */
export function markdownToContent(source: string, options?: ContentOptions): PdfNode[] {
  const tokens = markdown.parse(source, {});
  const content: PdfNode[] = [];
  const numbers = new HeadingNumbers();
  let sinceHeading: PdfNode[] = [];
  let listIndex: number[] = [];
  let tableCount = 0;
  let leadParagraphs = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    if (token.type === 'heading_open' && next?.type === 'inline') {
      const level = Number(token.tag.slice(1));
      const text = next.content.trim();
      const { depth, number } = numbers.next(level);
      let node: PdfNode;
      if (depth === 1) {
        node = { text, style: 'h1', headlineLevel: 1 };
      } else {
        const [first, ...rest] = inlines(next.children ?? []);
        const lead = typeof first === 'string' ? withoutTypedNumber(first) : first;
        node = { text: [number, ...(lead === undefined ? [] : [lead]), ...rest], style: `h${depth}`, headlineLevel: depth };
      }
      content.push(node);
      sinceHeading = [node];
      leadParagraphs = 0;
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
        content.push(...nodes);
        sinceHeading.push(...nodes);
        leadParagraphs++;
      } else {
        const node = { text, style: 'body' };
        content.push(node);
        sinceHeading.push(node);
        leadParagraphs++;
      }
      i += 2;
    } else if (token.type === 'fence' && token.info.trim().split(/\s+/)[0] === 'grid') {
      const at = (token.map?.[0] ?? 0) + 1;
      const failed = (problem: GridProblem) => new MarkdownError(problem.message, at + problem.line, { info: token.info, content: token.content, problem });
      const read = readGrid(token.info, token.content);
      if ('problem' in read) throw failed(read.problem);
      const grid = read.grid;
      tableCount++;
      // A line of room kept below, as for the whole-table test below; the table's margins fit in it.
      const room = options ? options.pageHeight - 2 * options.pitch : undefined;
      let laid: LaidGrid;
      try {
        laid = layGrid(grid, options?.cellFont, room);
      } catch (error) {
        if (error instanceof GridError) throw failed(error.problem);
        throw error;
      }
      const spansRows = grid.rows.some((row) => row.some((cell) => cell.rowSpan > 1));
      if (!spansRows) {
        // No row spans at all (table 二): pdfmake breaks such a table cleanly between rows, so
        // it flows across a page like text instead of leaving a gap (no row is taller than a page).
        const table = tableNode(grid, laid, laid.bands);
        content.push({ ...table, table: { ...(table.table as object), dontBreakRows: true } });
        sinceHeading = [];
        leadParagraphs = 0;
        continue;
      }
      const id = `${TABLE_ID_PREFIX}${tableCount}`;
      // A table that surely fits on a page goes whole, with its heading and lead-in, as one
      // unbreakable block: no re-layout needed. pdfmake drops an unbreakable block taller than
      // a page, so anything that might not fit is left to pageBreakBefore (layout/document.ts).
      // The heading and up to two lead-in paragraphs (their nodes are the last in `content`).
      const lead = leadParagraphs <= 2 ? sinceHeading : [];
      const leadHeight = lead.reduce((sum, node) => sum + (node.noWrap ? 1 : Math.ceil(emWidth(JSON.stringify(node.text ?? '')) / 28 + 0.5)) * (options?.pitch ?? 29), 0);
      // Measured exactly when the cell font is known (a little room kept for rounding), else estimated generously.
      const exact = laid.height;
      const whole = exact === undefined ? (options?.pageHeight ?? 0) * 0.92 : (options?.pageHeight ?? 0) - 2;
      if (options && leadHeight + (exact ?? estimateGridHeight(grid, TABLE_FONT_SIZE)) + options.pitch < whole) {
        content.splice(content.length - lead.length, lead.length);
        content.push({ stack: [...lead, tableNode(grid, laid, laid.bands)], unbreakable: true });
      } else if (exact !== undefined && room !== undefined && exact > room) {
        // Taller than a page: pdfmake loses or splits row-spanning labels where a table crosses
        // a page, so the table is cut here, between bands, into tables of a page each, every one
        // with the header rows; each starts on a new page when it would cross one.
        const chunks: Band[][] = [[]];
        let height = (laid.header.height ?? 0) + GRID_RULE;
        for (const band of laid.bands) {
          const last = chunks[chunks.length - 1] as Band[];
          if (last.length > 0 && height + (band.height ?? 0) > room) {
            chunks.push([band]);
            height = (laid.header.height ?? 0) + GRID_RULE + (band.height ?? 0);
          } else {
            last.push(band);
            height += band.height ?? 0;
          }
        }
        chunks.forEach((bands, k) => content.push({ ...tableNode(grid, laid, bands, k > 0), id: `${id}-${k + 1}` }));
      } else {
        content.push({ ...tableNode(grid, laid, laid.bands), id });
      }
      sinceHeading = [];
      leadParagraphs = 0;
    } else if (token.type === 'fence' || token.type === 'code_block') {
      const node = { text: token.content.replace(/\n$/, ''), style: 'body' };
      content.push(node);
      sinceHeading.push(node);
      leadParagraphs++;
    }
  }
  return content;
}
