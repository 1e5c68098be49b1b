/**
 * The merged-cell table markup that templates emit inside Markdown (Markdown tables cannot
 * merge cells). A fenced block whose info string starts with `grid`:
 *
 *     ```grid header=3 widths=22,44,*,30,30,30,30,30,30,30 size=10.5
 *     （本列数据的勾稽关系为：…） {rs=3 cs=3 th} | 申请人情况 {cs=7 th}
 *     自然人 {rs=2 th} | 法人或其他组织 {cs=5 th} | 总计 {rs=2 th}
 *     …
 *     ```
 *
 * One line per row; cells separated by ` | `; a cell covered by a span is left out, as in HTML.
 * Attributes in braces at the end of a cell: `rs=N` rowspan, `cs=N` colspan, `th` header cell,
 * `left`/`right` alignment (default centre). `\|` and `\{` escape the separators.
 * Fence options: `header=N` rows repeated on a new page, `widths=` column widths in pt or `*`,
 * `size=` font size in pt, `caption=` a caption (no spaces) for the HTML table.
 */

export interface GridCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly header: boolean;
  readonly align: 'left' | 'center' | 'right';
}

export interface Grid {
  readonly columns: number;
  readonly headerRows: number;
  readonly widths: readonly (number | '*')[];
  readonly fontSize?: number;
  /** A caption for readers of the HTML (screen readers); the PDF has the heading instead. */
  readonly caption?: string;
  /** Rows as written: covered cells are left out. */
  readonly rows: readonly (readonly GridCell[])[];
  /** Where each row was written: its line in the block (1 = the first line after the fence). */
  readonly rowLines?: readonly number[];
}

/**
 * The `grid` table layout, in pt (see render/pdf.ts): 1.5 mm of padding left and right, as a
 * typesetter leaves between a rule and the text; 1.5 pt above and below, the least a cell has
 * (cells are centred vertically in their rows, so most have more); the rule width.
 */
export const GRID_PADDING_X = (1.5 * 72) / 25.4;
export const GRID_PADDING_Y = 1.5;
export const GRID_RULE = 0.5;

/** 156 mm, the width of the 版心, in pt: no table may be wider. */
export const GRID_TYPE_WIDTH = (156 * 72) / 25.4;

/**
 * Every size a grid block controls, bounded before anything proportional to it is allocated.
 * Font size: 六号 (7.5 pt, the smallest size still read comfortably in print) to 二号 (22 pt,
 * the title's). Columns: at 六号 one character per column, 26 columns fill the 156 mm 版心
 * (26 × (7.5 + 2 × 4.25 padding + 0.5 rule) = 429 pt of 442.2). Rows: 1,000, some 30 pages of
 * table, far beyond any statistical table (the national ones have 29 rows). Cells (rows ×
 * columns, spans counted in the positions they cover): 5,000 a table and 20,000 in a source,
 * where pdfmake's layout time and memory grow (40,000 cells took 17 s and 490 MB; 5,000 take
 * about 2 s). Each column at least one character of the grid's size wide, all within the 版心.
 */
export const GRID_LIMITS = {
  minSize: 7.5,
  maxSize: 22,
  maxColumns: 26,
  maxRows: 1000,
  maxCells: 5000,
  maxSourceCells: 20000,
} as const;

/** Font size of a grid that sets none (五号; the statistical tables). */
export const GRID_DEFAULT_SIZE = 10.5;

/** What is wrong with a grid block, and where: `line` 0 is the fence's info string, 1… its content lines. */
export interface GridProblem {
  readonly code: 'grid-empty' | 'grid-option' | 'grid-cell' | 'grid-span' | 'grid-shape' | 'grid-too-wide' | 'grid-too-tall';
  readonly line: number;
  /** 0-based offset in that line (of the info string for line 0). */
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

export class GridError extends Error {
  constructor(readonly problem: GridProblem) {
    super(problem.message);
  }
}

const OPTIONS = ['header', 'widths', 'size', 'caption'] as const;
const CELL_WORDS = ['rs', 'cs', 'th', 'left', 'right', 'center'] as const;
const ESCAPE_HINT = '单元格文字末尾的 {…} 是属性（rs=N cs=N th left right）；文字本身要写花括号时写成 \\{ 和 \\}';

const ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;
/** A count: 1, 2, … (no sign, no fraction, no exponent). */
const COUNT = /^[1-9]\d*$/;
/** A length in pt: 12, 12.5 (no sign, no exponent). */
const LENGTH = /^\d+(?:\.\d+)?$/;

interface RawCell {
  readonly cell: GridCell;
  /** Offset of the cell in its line, and of its attributes (or the cell's end). */
  readonly at: number;
  readonly attrsAt: number;
}

type CellResult = { readonly cell: RawCell } | { readonly problem: Omit<GridProblem, 'line'> };

function parseCell(raw: string, at: number): CellResult {
  let text = raw;
  let rowSpan = 1;
  let colSpan = 1;
  let header = false;
  let align: GridCell['align'] = 'center';
  let attrsAt = at + raw.length;
  const match = ATTRIBUTES.exec(text);
  if (match && !text.slice(0, match.index).endsWith('\\')) {
    text = text.slice(0, match.index);
    const inside = match[1] ?? '';
    attrsAt = at + match.index + match[0].indexOf('{');
    let offset = attrsAt + 1;
    for (const word of inside.split(/(\s+)/)) {
      const here = offset;
      offset += word.length;
      if (word.trim() === '') continue;
      const [key = '', value] = word.split('=', 2);
      const bad = (message: string, hint: string) => ({ problem: { code: 'grid-cell' as const, column: here, message, hint } });
      if (key === 'rs' || key === 'cs') {
        if (value === undefined || !COUNT.test(value)) {
          return bad(`单元格属性“${word}”不对：${key} 后面要写合并的${key === 'rs' ? '行' : '列'}数（正整数）`, `例如 ${key}=2`);
        }
        // Bounded before it is used; the exact bounds (the table's rows and columns) follow.
        const n = value.length > 7 ? Number.MAX_SAFE_INTEGER : Number(value);
        if (key === 'rs') rowSpan = n;
        else colSpan = n;
      } else if (key === 'th' && value === undefined) header = true;
      else if ((key === 'left' || key === 'right' || key === 'center') && value === undefined) align = key;
      else return bad(`单元格属性“${word}”不认识`, `可用的属性：${CELL_WORDS.join(' ')}。${ESCAPE_HINT}`);
    }
  }
  return { cell: { cell: { text: text.trim().replace(/\\([|{}])/g, '$1'), rowSpan, colSpan, header, align }, at: at + raw.length - raw.trimStart().length, attrsAt } };
}

/** The cells of a row line with their offsets: split at ` | ` not preceded by `\`. */
function splitRow(line: string): { raw: string; at: number }[] {
  const parts: { raw: string; at: number }[] = [];
  const separator = /(?<!\\)\s\|\s/g;
  let start = 0;
  for (let m = separator.exec(line); m; m = separator.exec(line)) {
    parts.push({ raw: line.slice(start, m.index), at: start });
    start = m.index + m[0].length;
  }
  parts.push({ raw: line.slice(start), at: start });
  return parts;
}

interface Option {
  readonly value: string;
  readonly at: number;
}

function options(info: string): { map: Map<string, Option>; unknown?: Option & { key: string } } {
  const map = new Map<string, Option>();
  let unknown: (Option & { key: string }) | undefined;
  const word = /\S+/g;
  word.exec(info); // `grid`
  for (let m = word.exec(info); m; m = word.exec(info)) {
    const [key = '', value = ''] = m[0].split('=', 2);
    const at = m.index;
    if ((OPTIONS as readonly string[]).includes(key)) map.set(key, { value, at: at + key.length + 1 });
    else unknown ??= { key: m[0], value, at };
  }
  return unknown ? { map, unknown } : { map };
}

/** The width a `*` column gets: what the fixed columns, paddings and rules leave, shared. */
export function starWidth(widths: readonly (number | '*')[], total = GRID_TYPE_WIDTH): number {
  const available = total - widths.length * 2 * GRID_PADDING_X - (widths.length + 1) * GRID_RULE;
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  return stars > 0 ? (available - fixed) / stars : 0;
}

/**
 * Reads a grid block; `info` is the fence's info string. Every limit (GRID_LIMITS, the spans
 * within the table, the widths within the 版心) is checked before anything is allocated for it;
 * a block with a problem gives the first one, where it stands.
 */
export function readGrid(info: string, content: string): { readonly grid: Grid } | { readonly problem: GridProblem } {
  const fail = (problem: GridProblem) => ({ problem });
  const lines = content.split('\n');
  const rowLines = lines.flatMap((text, index) => (text.trim() === '' ? [] : [{ text, line: index + 1 }]));
  const opts = options(info);
  if (opts.unknown) {
    return fail({ code: 'grid-option', line: 0, column: opts.unknown.at, message: `grid 表格块的选项“${opts.unknown.key}”不认识`, hint: `可用的选项：${OPTIONS.map((o) => `${o}=`).join(' ')}` });
  }
  if (rowLines.length === 0) {
    return fail({ code: 'grid-empty', line: 0, column: 0, message: 'grid 表格块是空的，没有一行单元格', hint: '每行写一行表格，单元格之间用“ | ”隔开；不要表格就删掉这个块' });
  }
  if (rowLines.length > GRID_LIMITS.maxRows) {
    const extra = rowLines[GRID_LIMITS.maxRows] as { line: number };
    return fail({ code: 'grid-shape', line: extra.line, column: 0, message: `表格有 ${rowLines.length} 行，超过了 ${GRID_LIMITS.maxRows} 行的上限`, hint: '把它拆成几张表' });
  }
  // Lay the cells out on the grid to find the column count and check the spans.
  const occupied: boolean[][] = rowLines.map(() => []);
  const rows: GridCell[][] = [];
  let columns = 0;
  for (let r = 0; r < rowLines.length; r++) {
    const { text, line } = rowLines[r] as { text: string; line: number };
    const row: GridCell[] = [];
    let c = 0;
    for (const part of splitRow(text)) {
      const parsed = parseCell(part.raw, part.at);
      if ('problem' in parsed) return fail({ ...parsed.problem, line });
      const { cell, at, attrsAt } = parsed.cell;
      while (occupied[r]?.[c]) c++;
      const rowsLeft = rowLines.length - r;
      if (cell.rowSpan > rowsLeft) {
        return fail({ code: 'grid-span', line, column: attrsAt, message: `单元格合并 ${cell.rowSpan} 行（rs=${cell.rowSpan}），但从这一行到表格末尾只有 ${rowsLeft} 行`, hint: `rs 最多写 ${rowsLeft}` });
      }
      if (c + cell.colSpan > GRID_LIMITS.maxColumns) {
        return fail({
          code: 'grid-too-wide',
          line,
          column: cell.colSpan > 1 ? attrsAt : at,
          message: `表格第 ${r + 1} 行排到了第 ${c + cell.colSpan} 列，超过了 ${GRID_LIMITS.maxColumns} 列的上限`,
          hint: `156 mm 的版心最多排 ${GRID_LIMITS.maxColumns} 列（六号字，每列一字）；把表格拆开或转置`,
        });
      }
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        const taken = occupied[r + dr] as boolean[];
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (taken[c + dc]) {
            return fail({ code: 'grid-span', line, column: attrsAt, message: `表格第 ${r + 1} 行的合并单元格与上面跨行合并的单元格重叠`, hint: '被合并覆盖的位置不写单元格：检查上面几行的 rs 和这一行的 cs' });
          }
          taken[c + dc] = true;
        }
      }
      row.push(cell);
      c += cell.colSpan;
    }
    rows.push(row);
    columns = Math.max(columns, occupied[r]?.length ?? 0);
  }
  for (let r = 0; r < rowLines.length; r++) {
    const filled = (occupied[r] as boolean[]).filter(Boolean).length;
    if (filled !== columns) {
      const { text, line } = rowLines[r] as { text: string; line: number };
      return fail({ code: 'grid-shape', line, column: text.length - text.trimStart().length, message: `表格第 ${r + 1} 行有 ${filled} 列，其他行有 ${columns} 列`, hint: '每行的单元格（加上 cs 合并的列和上面 rs 合并下来的位置）要一样多' });
    }
  }

  if (rows.length * columns > GRID_LIMITS.maxCells) {
    const r = Math.floor(GRID_LIMITS.maxCells / columns);
    return fail({
      code: 'grid-shape',
      line: (rowLines[r] as { line: number }).line,
      column: 0,
      message: `表格有 ${rows.length} 行 × ${columns} 列 = ${rows.length * columns} 个单元格，超过了一张表 ${GRID_LIMITS.maxCells} 个的上限（从第 ${r + 1} 行起超出）`,
      hint: '把它拆成几张表',
    });
  }
  const header = opts.map.get('header');
  let headerRows = 0;
  if (header) {
    if (!/^\d+$/.test(header.value) || Number(header.value) > rows.length) {
      return fail({ code: 'grid-option', line: 0, column: header.at, message: `header=${header.value} 不对：表格只有 ${rows.length} 行`, hint: `header 是每页重复的表头行数，0 到 ${rows.length} 之间的整数` });
    }
    headerRows = Number(header.value);
  }
  const size = opts.map.get('size');
  let fontSize: number | undefined;
  if (size) {
    const n = Number(size.value);
    if (!LENGTH.test(size.value) || n < GRID_LIMITS.minSize || n > GRID_LIMITS.maxSize) {
      return fail({ code: 'grid-option', line: 0, column: size.at, message: `size=${size.value} 不对：表格字号要在 ${GRID_LIMITS.minSize}–${GRID_LIMITS.maxSize} pt 之间`, hint: `单位是 pt：五号 10.5，小五 9，六号 ${GRID_LIMITS.minSize}；二号 ${GRID_LIMITS.maxSize}` });
    }
    fontSize = n;
  }
  const em = fontSize ?? GRID_DEFAULT_SIZE;
  const widthsOption = opts.map.get('widths');
  let widths: (number | '*')[] = Array.from({ length: columns }, () => '*' as const);
  if (widthsOption) {
    const words = widthsOption.value.split(',');
    if (words.length !== columns) {
      return fail({ code: 'grid-option', line: 0, column: widthsOption.at, message: `widths 给了 ${words.length} 列，表格有 ${columns} 列`, hint: '每列一个宽度（pt）或 *，用逗号隔开' });
    }
    let offset = widthsOption.at;
    const parsed: (number | '*')[] = [];
    for (const word of words) {
      if (word !== '*' && (!LENGTH.test(word) || Number(word) < em || Number(word) > GRID_TYPE_WIDTH)) {
        return fail({
          code: 'grid-option',
          line: 0,
          column: offset,
          message: `widths 里的“${word}”不对：列宽要在 ${em}–${Math.floor(GRID_TYPE_WIDTH)} pt 之间（至少放得下一个 ${em} pt 的字）`,
          hint: '列宽单位是 pt（1 mm ≈ 2.83 pt），或写 * 平分剩下的宽度',
        });
      }
      parsed.push(word === '*' ? '*' : Number(word));
      offset += word.length + 1;
    }
    widths = parsed;
  }
  const overhead = columns * 2 * GRID_PADDING_X + (columns + 1) * GRID_RULE;
  const stars = widths.filter((w) => w === '*').length;
  const needed = widths.reduce<number>((sum, w) => sum + (w === '*' ? em : w), 0) + overhead;
  if (needed > GRID_TYPE_WIDTH + 0.1) {
    return fail({
      code: 'grid-too-wide',
      line: 0,
      column: widthsOption?.at ?? 0,
      message: `表格至少宽 ${needed.toFixed(1)} pt，超出了版心的 ${GRID_TYPE_WIDTH.toFixed(1)} pt（156 mm）`,
      hint: stars > 0 ? `${columns} 列、${em} pt 的字，每列至少一字宽：减少列数、调小 widths 或 size` : '调小 widths 里的列宽，让它们加起来不超过版心宽度',
    });
  }
  const caption = opts.map.get('caption')?.value;
  return {
    grid: {
      ...(caption ? { caption } : {}),
      columns,
      headerRows,
      widths,
      rows,
      rowLines: rowLines.map((r) => r.line),
      ...(fontSize !== undefined ? { fontSize } : {}),
    },
  };
}

/** Parses a grid block that is known to be well-formed (or throws GridError with its first problem). */
export function parseGrid(info: string, content: string): Grid {
  const read = readGrid(info, content);
  if ('problem' in read) throw new GridError(read.problem);
  return read.grid;
}

function escape(text: string): string {
  return text.replace(/([|{}])/g, '\\$1');
}

/** Writes a grid back as markup (what the template helpers emit). */
export function formatGrid(grid: Grid): string {
  const info = ['grid', `header=${grid.headerRows}`, `widths=${grid.widths.join(',')}`];
  if (grid.fontSize) info.push(`size=${grid.fontSize}`);
  if (grid.caption) info.push(`caption=${grid.caption.replace(/\s+/g, '')}`);
  const lines = grid.rows.map((row) =>
    row
      .map((cell) => {
        const attrs = [
          cell.rowSpan > 1 ? `rs=${cell.rowSpan}` : '',
          cell.colSpan > 1 ? `cs=${cell.colSpan}` : '',
          cell.header ? 'th' : '',
          cell.align !== 'center' ? cell.align : '',
        ].filter(Boolean);
        const text = escape(cell.text) || ' ';
        return attrs.length ? `${text} {${attrs.join(' ')}}` : text;
      })
      .join(' | '),
  );
  return `\`\`\`${info.join(' ')}\n${lines.join('\n')}\n\`\`\``;
}
