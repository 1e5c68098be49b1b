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
}

export class GridError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;

function parseCell(raw: string): GridCell {
  let text = raw;
  let rowSpan = 1;
  let colSpan = 1;
  let header = false;
  let align: GridCell['align'] = 'center';
  const match = ATTRIBUTES.exec(text);
  if (match && !text.slice(0, match.index).endsWith('\\')) {
    text = text.slice(0, match.index);
    for (const word of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const [key, value] = word.split('=');
      if (key === 'rs') rowSpan = Number(value);
      else if (key === 'cs') colSpan = Number(value);
      else if (key === 'th') header = true;
      else if (key === 'left' || key === 'right' || key === 'center') align = key;
    }
  }
  return { text: text.trim().replace(/\\([|{}])/g, '$1'), rowSpan, colSpan, header, align };
}

function options(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const word of info.trim().split(/\s+/).slice(1)) {
    const [key, value = ''] = word.split('=');
    if (key) map.set(key, value);
  }
  return map;
}

/** Parses a grid block; `info` is the fence's info string. Checks that spans tile the grid. */
export function parseGrid(info: string, content: string): Grid {
  const opts = options(info);
  const rows = content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/(?<!\\)\s\|\s/).map(parseCell));
  // Lay the cells out on the grid to find the column count and check the spans.
  const occupied: boolean[][] = [];
  let columns = 0;
  rows.forEach((row, r) => {
    occupied[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (occupied[r]?.[c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        occupied[r + dr] ??= [];
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const line = occupied[r + dr] as boolean[];
          if (line[c + dc]) throw new GridError(`表格第 ${r + 1} 行的合并单元格与其他单元格重叠`, r + 1);
          line[c + dc] = true;
        }
      }
      c += cell.colSpan;
    }
    columns = Math.max(columns, c);
  });
  occupied.forEach((line, r) => {
    const filled = line.filter(Boolean).length;
    if (filled !== columns) throw new GridError(`表格第 ${r + 1} 行有 ${filled} 列，其他行有 ${columns} 列`, r + 1);
  });
  const widthsOption = opts.get('widths');
  const widths = widthsOption
    ? widthsOption.split(',').map((w) => (w === '*' ? '*' : Number(w)))
    : Array.from({ length: columns }, () => '*' as const);
  if (widths.length !== columns) throw new GridError(`widths 给了 ${widths.length} 列，表格有 ${columns} 列`, 0);
  const size = opts.get('size');
  const caption = opts.get('caption');
  return {
    ...(caption ? { caption } : {}),
    columns,
    headerRows: Number(opts.get('header') ?? 0),
    widths,
    rows,
    ...(size ? { fontSize: Number(size) } : {}),
  };
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
