/**
 * Stage: the template's Markdown → pdfmake content nodes. `#` is a part heading (already
 * numbered by the template); `##`/`###`/`####` get （一）/1./（1）, counted per part; `grid`
 * blocks become tables. Pure: styles are named here and defined by the page layout.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { emWidth } from '../layout/title.js';
import { GRID_LINE_HEIGHT, GRID_PADDING, GRID_RULE, TABLE_FONT_SIZE } from '../template/tables.js';
import { type Grid, type GridCell, parseGrid } from './grid.js';
import { HeadingNumbers, withoutTypedNumber } from './headings.js';
import { type BrokenLine, breakLines } from './lines.js';

export type PdfNode = Record<string, unknown>;

const markdown = new MarkdownIt('commonmark');

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
        ? spanned.reduce((a, b) => a + b, 0) + (cell.colSpan - 1) * (2 * GRID_PADDING + GRID_RULE)
        : undefined;
      placed.push({ cell, row: r, column: c, width });
      c += cell.colSpan;
    }
  });
  return placed;
}

/**
 * A cell's text broken into lines here, like body text (one inline per line for pdfmake, and
 * a known height); undefined when its width is not known before layout.
 */
function cellLines(placed: PlacedCell, size: number, font: CellFont | undefined): BrokenLine[] | undefined {
  if (!font || placed.width === undefined || placed.cell.text === '') return undefined;
  return breakLines(placed.cell.text, { measure: (ch) => font.advance(ch) * size, width: placed.width, indent: 0, justify: false });
}

/**
 * A grid as a pdfmake table: every covered position gets the `{}` pdfmake expects. With the
 * cell font, cell text arrives broken into lines.
 */
export function gridTable(grid: Grid, font?: CellFont): PdfNode {
  const size = grid.fontSize ?? TABLE_FONT_SIZE;
  const body: PdfNode[][] = grid.rows.map(() => []);
  for (const placed of placeCells(grid)) {
    const { cell, row: r, column: c } = placed;
    const broken = cellLines(placed, size, font);
    const line = (l: BrokenLine): PdfNode => ({ text: l.text, noWrap: true, ...(l.spacing !== 0 ? { characterSpacing: l.spacing } : {}) });
    const node: PdfNode =
      broken === undefined
        ? { text: cell.text, alignment: cell.align }
        : broken.length === 1
          ? { ...line(broken[0] as BrokenLine), alignment: cell.align }
          : { stack: broken.map(line), alignment: cell.align };
    if (cell.rowSpan > 1) node.rowSpan = cell.rowSpan;
    if (cell.colSpan > 1) node.colSpan = cell.colSpan;
    for (let dr = 0; dr < cell.rowSpan; dr++) {
      for (let dc = 0; dc < cell.colSpan; dc++) {
        (body[r + dr] ??= [])[c + dc] = dr === 0 && dc === 0 ? node : {};
      }
    }
  }
  return {
    table: { headerRows: grid.headerRows, widths: [...grid.widths], body },
    layout: 'nianbaoGrid',
    style: 'table',
    ...(grid.fontSize ? { fontSize: grid.fontSize } : {}),
  };
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
  const spanning: { first: number; last: number; height: number }[] = [];
  for (const placed of placeCells(grid)) {
    if (placed.width === undefined) return undefined;
    const count = placed.cell.text === '' ? 1 : (cellLines(placed, size, font)?.length ?? 1);
    const height = count * line + 2 * GRID_PADDING;
    if (placed.cell.rowSpan === 1) rows[placed.row] = Math.max(rows[placed.row] ?? 0, height);
    else spanning.push({ first: placed.row, last: Math.min(rows.length, placed.row + placed.cell.rowSpan) - 1, height });
  }
  for (const span of spanning) {
    const covered = rows.slice(span.first, span.last + 1).reduce((a, b) => a + b, 0) + (span.last - span.first) * GRID_RULE;
    if (span.height > covered) rows[span.last] = (rows[span.last] ?? 0) + span.height - covered;
  }
  return rows.reduce((a, b) => a + b, 0) + (rows.length + 1) * GRID_RULE;
}

/** Tables carry ids with this prefix so the page layout can keep each on one page. */
export const TABLE_ID_PREFIX = 'nianbao-table-';

export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
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
  return lines.reduce((sum, n) => sum + n * line + 2 * GRID_PADDING + GRID_RULE, GRID_RULE);
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
      let grid: Grid;
      try {
        grid = parseGrid(token.info, token.content);
      } catch (error) {
        throw new MarkdownError(error instanceof Error ? error.message : String(error), (token.map?.[0] ?? 0) + 1);
      }
      tableCount++;
      const spansRows = grid.rows.some((row) => row.some((cell) => cell.rowSpan > 1));
      if (!spansRows) {
        // No row spans at all (table 二): pdfmake breaks such a table cleanly between rows, so
        // it flows across a page like text instead of leaving a gap.
        const table = gridTable(grid, options?.cellFont);
        content.push({ ...table, table: { ...(table.table as object), dontBreakRows: true } });
        sinceHeading = [];
        leadParagraphs = 0;
        continue;
      }
      const table = { ...gridTable(grid, options?.cellFont), id: `${TABLE_ID_PREFIX}${tableCount}` };
      // A table that surely fits on a page goes whole, with its heading and lead-in, as one
      // unbreakable block: no re-layout needed. pdfmake drops an unbreakable block taller than
      // a page, so anything that might not fit is left to pageBreakBefore (layout/document.ts).
      // The heading and up to two lead-in paragraphs (their nodes are the last in `content`).
      const lead = leadParagraphs <= 2 ? sinceHeading : [];
      const leadHeight = lead.reduce((sum, node) => sum + (node.noWrap ? 1 : Math.ceil(emWidth(JSON.stringify(node.text ?? '')) / 28 + 0.5)) * (options?.pitch ?? 29), 0);
      // Measured exactly when the cell font is known (a little room kept for rounding), else estimated generously.
      const exact = options?.cellFont ? gridHeight(grid, options.cellFont) : undefined;
      const room = exact === undefined ? (options?.pageHeight ?? 0) * 0.92 : (options?.pageHeight ?? 0) - 2;
      if (options && leadHeight + (exact ?? estimateGridHeight(grid, TABLE_FONT_SIZE)) + options.pitch < room) {
        content.splice(content.length - lead.length, lead.length);
        content.push({ stack: [...lead, { ...table, id: undefined }], unbreakable: true });
      } else {
        content.push(table);
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
