import type { Position } from '../diagnostics/types.js';
import type { Format, TableDef, TableId } from '../tables/types.js';

/**
 * How a cell came to be. Blank, zero, not applicable and to-fill are four different things:
 * - written: a number in the source (0 is a number: it prints 0)
 * - omitted: not in the source (0, or blank when the table says 缺省: 空白)
 * - blank: written as empty (`~` or nothing), as published; counts as 0, prints empty. A total
 *   written blank beside parts that are not all 0 is an error (`total-blank`); its value is then
 *   the sum it should show, so that the sums it takes part in report nothing more
 * - none-word: written as 无; counts as 0, prints 无
 * - not-applicable: written as / or 不适用; prints /, left out of every sum
 * - to-fill: `待填`, left by `nianbao init` for the clerk; its value is unknown (`unread`), it
 *   prints 待填, and `not-filled` warns until it is replaced
 * - derived: a total computed from its addends
 */
export type CellState =
  | 'written'
  | 'omitted'
  | 'blank'
  | 'none-word'
  | 'not-applicable'
  | 'to-fill'
  | 'derived';

export interface Cell {
  /**
   * The number used in arithmetic: 0 for blank, 无, not applicable and 待填; for a total not
   * written as a number (left out, blank, 待填), the sum of its addends.
   */
  readonly value: number;
  /** What the table prints. */
  readonly display: string;
  readonly state: CellState;
  /** Where the value is written (absent for omitted and derived cells). */
  readonly position?: Position;
  /** Unit typed with a 2019 采购总金额 (元 or 万元). */
  readonly unit?: string;
  /**
   * The source gives this cell in a shape that could not be read (`5件`, a misspelled row key),
   * or it is still 待填, or it is a total of such a cell: its value is unknown, so the sums it
   * takes part in are not checked (its own diagnostic is the one error or warning).
   */
  readonly unread?: true;
}

export interface TableData {
  readonly def: TableDef;
  /** Whether the source has the table at all. */
  readonly present: boolean;
  /** Where the table's key is (or the top of the front matter when absent). */
  readonly position: Position;
  /** Whether cells left out print empty instead of 0 (缺省: 空白). */
  readonly omittedAsBlank: boolean;
  /** Cells by `rowId|columnKey`. */
  readonly cells: ReadonlyMap<string, Cell>;
  /** Where each row's key is written, by row id. */
  readonly rowPositions: ReadonlyMap<string, Position>;
}

export function cellKey(rowId: string, column: string): string {
  return `${rowId}|${column}`;
}

export function cellAt(table: TableData, rowId: string, column: string): Cell | undefined {
  return table.cells.get(cellKey(rowId, column));
}

export interface DateValue {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** As typed. */
  readonly text: string;
  readonly position: Position;
}

export interface Located<T> {
  readonly value: T;
  readonly position: Position;
}

/** A metadata text as written, with the place of its first character. */
export interface MetadataText {
  /** The key as the clerk reads it: 机关, 版头.发文机关标志 … */
  readonly key: string;
  readonly value: string;
  /** Where the text starts: inside the quotes of a quoted value. */
  readonly position: Position;
  /**
   * Whether the value stands in the file exactly as `value`, on one line from `position` (no
   * escapes, no folding), so that an index into it is a column offset.
   */
  readonly verbatim: boolean;
}

export interface RedHeader {
  /** 发文机关标志 */
  readonly issuerMark: string;
  /** 发文字号 */
  readonly documentNumber?: Located<string>;
  /** 签发人 (上行文 only) */
  readonly signers: readonly string[];
}

export interface Colophon {
  /** 抄送 */
  readonly copyTo: readonly string[];
  /** 印发机关 */
  readonly printer?: string;
  /** 印发日期 */
  readonly printDate?: DateValue;
}

/** A heading or paragraph of the narrative, as plain text with its position. */
export interface NarrativeBlock {
  readonly kind: 'heading' | 'paragraph' | 'list-item' | 'other';
  /** Sub-level for headings: 2 → （一）, 3 → 1., 4 → （1）. */
  readonly level?: number;
  readonly text: string;
  readonly position: Position;
}

export interface Part {
  /** 1–6. */
  readonly number: number;
  /** The heading as the clerk typed it. */
  readonly heading: string;
  readonly position: Position;
  /** The Markdown under the heading, up to the next part. */
  readonly markdown: string;
  /** 1-based file line where `markdown` starts. */
  readonly startLine: number;
  readonly blocks: readonly NarrativeBlock[];
}

export interface Narrative {
  /** Text before the first part heading (the 导语: 现将…报告如下). */
  readonly preamble: {
    readonly markdown: string;
    readonly startLine: number;
    readonly blocks: readonly NarrativeBlock[];
  };
  /** Parts by number (index 0 is part 一); undefined where the source has none. */
  readonly parts: readonly (Part | undefined)[];
}

/** Stage 2 output: the checked report model. */
export interface Report {
  readonly file: string;
  readonly year: number;
  readonly agency: string;
  readonly title: string;
  /** Layout of the report as a whole (tables may override). */
  readonly format: Format;
  readonly template: string;
  readonly redHeader?: RedHeader;
  /** 报告主体 as written (人民政府, 部门, 乡镇街道); absent: judged from 机关. */
  readonly issuerKind?: Located<string>;
  /** 主送机关 */
  readonly recipient?: string;
  /** 署名 */
  readonly signature?: string;
  /** 成文日期 */
  readonly date?: DateValue;
  /** 发布日期: when the report went up on the web (a transcription's), for the deadline; not printed. */
  readonly publicationDate?: DateValue;
  readonly colophon?: Colophon;
  /** Font choices per role (file path or family name), from the source. */
  readonly fonts: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<TableId, TableData>>;
  readonly narrative: Narrative;
  /** The metadata texts a reader sees (机关, 标题, 主送机关 …), for the checks of their wording. */
  readonly metadataTexts: readonly MetadataText[];
  /** Positions of front-matter keys, for diagnostics about them. */
  readonly keyPositions: ReadonlyMap<string, Position>;
}
