/**
 * Stage: measured blocks → pages. nianbao, not pdfmake, decides where every page ends: the
 * blocks arrive measured exactly (paragraph lines on the pitch, table rows from their broken
 * cells), and this pure function places them first-fit under the rules of the README:
 *
 * - a heading keeps at least two lines (or a table's header rows and first row) of what follows;
 * - a paragraph splits only between lines, leaving two or more lines on each side;
 * - a table splits only between body rows; its header rows repeat and a row-spanning label cut
 *   by the break is restated beside the continued rows (the renderer draws it, the height of
 *   every piece here counts it);
 * - a block kept with the one before it (the 署名) takes the last lines of that paragraph along.
 *
 * A block that cannot fit even an empty page (only a row taller than a page, which the grid
 * layout already cuts into rows of a page each) is placed alone and reported in `overflow`.
 */

/** A row-spanning cell of a table's body: rows `first`–`last` (body indices) must hold `height`. */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
  /** pt its text needs, padding included. */
  readonly height: number;
}

export type Measured =
  /** A heading: never the last thing on a page. */
  | { readonly kind: 'heading'; readonly height: number }
  /** A paragraph of broken lines on the pitch. */
  | { readonly kind: 'lines'; readonly count: number; readonly pitch: number }
  /** Something that never splits; `withPrevious`: on the page of the previous paragraph's last lines. */
  | { readonly kind: 'box'; readonly height: number; readonly withPrevious?: boolean }
  | MeasuredTable;

export interface MeasuredTable {
  readonly kind: 'table';
  /** Margins above (not at a page top) and below (not where a page breaks it). */
  readonly top: number;
  readonly bottom: number;
  /** Width of a horizontal rule. */
  readonly rule: number;
  /** The header rows, their rules below them included (repeated on every page). */
  readonly header: number;
  /** Each body row's height from its own cells (a row span's stretch not included). */
  readonly rows: readonly number[];
  readonly spans: readonly RowSpan[];
  /** Whether a page may break before each body row (all may when not given). */
  readonly breakable?: readonly boolean[];
}

/** Part of a block on a page: lines or body rows `from` ≤ i < `to`. */
export interface Piece {
  readonly block: number;
  readonly from: number;
  readonly to: number;
  /** First thing on a page after the first (a table's top margin is dropped there). */
  readonly atTop: boolean;
  /** The block goes on past this page (a table's bottom margin is dropped). */
  readonly cut: boolean;
  /** pt this piece takes on its page. */
  readonly height: number;
}

export interface PageRoom {
  /** Room for the body on page 1 (below the 版头, title and 主送机关), pt. */
  readonly first: number;
  /** Height of the 版心, pt. */
  readonly height: number;
}

export interface Pagination {
  readonly pages: readonly (readonly Piece[])[];
  /** pt used on the last page. */
  readonly lastUsed: number;
  /** Blocks with a piece taller than an empty page. */
  readonly overflow: readonly number[];
}

/** Sums of floating heights are compared with this much room to spare. */
const SLACK = 0.5;

/**
 * Each body row `from` ≤ r < `to` as drawn on one page, rules excluded: its own height, and as
 * pdfmake does it, a spanning cell taller than its rows stretching the last of them (here: of
 * this piece, so a cut label restated on a page is measured on the rows it gets there). The
 * one measure of rows: page breaking, and the cells' vertical centring, both use it.
 */
export function pieceRowHeights(table: Pick<MeasuredTable, 'rows' | 'spans' | 'rule'>, from: number, to: number): number[] {
  const heights = table.rows.slice(from, to);
  for (const span of table.spans) {
    const first = Math.max(span.first, from);
    const last = Math.min(span.last, to - 1);
    if (first > last) continue;
    const covered = heights.slice(first - from, last - from + 1).reduce((a, b) => a + b, 0) + (last - first) * table.rule;
    if (span.height > covered) heights[last - from] = (heights[last - from] ?? 0) + span.height - covered;
  }
  return heights;
}

/** Height of body rows `from` ≤ r < `to` of a table, their rules and the cut spans' stretch included. */
export function rowsHeight(table: Pick<MeasuredTable, 'rows' | 'spans' | 'rule'>, from: number, to: number): number {
  return pieceRowHeights(table, from, to).reduce((sum, h) => sum + h + table.rule, 0);
}

/** A table piece as drawn: the top rule, the header rows, the body rows, the margins kept. */
function tablePiece(table: MeasuredTable, from: number, to: number, atTop: boolean, cut: boolean): number {
  return (atTop ? 0 : table.top) + table.rule + table.header + rowsHeight(table, from, to) + (cut ? 0 : table.bottom);
}

export function paginate(blocks: readonly Measured[], room: PageRoom): Pagination {
  const pages: Piece[][] = [[]];
  const overflow: number[] = [];
  let used = 0;
  let limit = room.first - SLACK;
  const newPage = () => {
    pages.push([]);
    used = 0;
    limit = room.height - SLACK;
  };
  /** Nothing on this page yet, and no more room on any other. */
  const fresh = () => pages.length > 1 && (pages[pages.length - 1] as Piece[]).length === 0;
  const atTop = () => fresh();
  const place = (block: number, from: number, to: number, height: number, cut: boolean) => {
    (pages[pages.length - 1] as Piece[]).push({ block, from, to, atTop: atTop(), cut, height });
    used += height;
  };
  const tailOf = (i: number) => {
    const next = blocks[i + 1];
    return next?.kind === 'box' && next.withPrevious ? next.height : 0;
  };
  /** The least of block `i` that may stand at the bottom of a page, with what it must keep. */
  const leastOf = (i: number, top: boolean): number => {
    const block = blocks[i];
    if (!block) return 0;
    switch (block.kind) {
      case 'heading':
        return block.height + leastOf(i + 1, false);
      case 'lines':
        return block.count <= 3 ? block.count * block.pitch + tailOf(i) : 2 * block.pitch;
      case 'box':
        return block.height;
      case 'table':
        if (block.rows.length === 0) return tablePiece(block, 0, 0, top, false);
        {
          // Up to the first row a page may break before (table 二 breaks only before a section's
          // title row): a heading keeps that much of the table, or the table leaves it stranded.
          let first = 1;
          while (first < block.rows.length && block.breakable?.[first] === false) first++;
          return tablePiece(block, 0, first, top, first < block.rows.length);
        }
    }
  };

  blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'heading':
      case 'box': {
        const need = block.kind === 'heading' ? leastOf(i, atTop()) : block.height;
        if (used + need > limit && !fresh()) newPage();
        if (block.height > limit) overflow.push(i);
        place(i, 0, 1, block.height, false);
        return;
      }
      case 'lines': {
        const tail = tailOf(i);
        for (let from = 0; from < block.count; ) {
          const left = block.count - from;
          if (used + left * block.pitch + tail <= limit) {
            place(i, from, block.count, left * block.pitch, false);
            return;
          }
          const fit = Math.floor((limit - used) / block.pitch);
          // Two lines or more on this page and on the next.
          const here = Math.min(fit, left - 2);
          if (here >= 2 && (from > 0 || fit >= 2)) {
            place(i, from, from + here, here * block.pitch, true);
            from += here;
            newPage();
          } else if (fresh()) {
            // A page of fewer than four lines: what fits, at least one line.
            const take = Math.max(1, Math.min(fit, left));
            place(i, from, from + take, take * block.pitch, take < left);
            from += take;
            if (from < block.count) newPage();
          } else {
            newPage();
          }
        }
        return;
      }
      case 'table': {
        const rows = block.rows.length;
        if (rows === 0) {
          const height = tablePiece(block, 0, 0, atTop(), false);
          if (used + height > limit && !fresh()) newPage();
          place(i, 0, 0, tablePiece(block, 0, 0, atTop(), false), false);
          return;
        }
        for (let from = 0; from < rows; ) {
          let to = from;
          while (to < rows && used + tablePiece(block, from, to + 1, atTop(), to + 1 < rows) <= limit) to++;
          // Back to a row a page may break before (a table without header rows: its sections).
          if (to < rows && block.breakable) {
            let allowed = to;
            while (allowed > from && block.breakable[allowed] === false) allowed--;
            if (allowed > from || !fresh()) to = allowed;
          }
          if (to === from) {
            if (!fresh()) {
              newPage();
              continue;
            }
            overflow.push(i);
            to = from + 1;
          }
          place(i, from, to, tablePiece(block, from, to, atTop(), to < rows), to < rows);
          from = to;
          if (from < rows) newPage();
        }
        return;
      }
    }
  });
  return { pages, lastUsed: used, overflow: [...new Set(overflow)] };
}
