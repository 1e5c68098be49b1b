/**
 * Types of the statistical-table definitions. The definitions themselves are data
 * (see definitions.ts); checks, templates, rendering and the JSON Schema all read them.
 */

/** The two national layouts: 国办公开办函〔2021〕30号 and 〔2019〕60号. */
export type Format = 2019 | 2021;
export const FORMATS: readonly Format[] = [2021, 2019];

/**
 * What a cell holds.
 * - count: a whole number of documents, decisions, applications or cases (≥ 0)
 * - signed: 本年增/减, a whole number that may be negative
 * - amount-wan: money in 万元, the unit printed in the header; decimals allowed
 * - amount-raw: 2019 采购总金额, printed without a unit, so the unit is kept with the value
 */
export type CellKind = 'count' | 'signed' | 'amount-wan' | 'amount-raw';

export interface ColumnDef {
  /** YAML key and printed label (they are the same for every column in the national format). */
  readonly key: string;
  /** Printed label when it differs from the key (本年收费金额（单位：万元）). */
  readonly label?: string;
  readonly kind: CellKind;
  /** Other spellings a clerk may type for the key. */
  readonly aliases?: readonly string[];
}

export interface RowDef {
  /** Unique within the table: `group.key` or `key`. */
  readonly id: string;
  /** The YAML key of the row (short form). */
  readonly key: string;
  /** The YAML key of the mapping the row sits in (T3 sub-items), if any. */
  readonly group?: string;
  /** Printed label path, outermost first; consecutive equal labels merge vertically. */
  readonly labels: readonly string[];
  /** Other keys accepted for the row. */
  readonly aliases?: readonly string[];
  /** Data columns of this row, by key. */
  readonly columns: readonly string[];
  /** Index into the table's blocks (T2 only). */
  readonly block?: number;
}

/** A group key (T3: 不予公开, 无法提供 …) with its accepted spellings. */
export interface GroupDef {
  readonly key: string;
  readonly aliases?: readonly string[];
}

/** T2 is four or five stacked blocks, each with a title row and a header row. */
export interface BlockDef {
  readonly title: string;
  /** The header's first cell. */
  readonly corner: string;
  readonly columns: readonly string[];
  /** How many of the 3 grid data columns each data column spans. */
  readonly spans: readonly number[];
}

/** A printed header cell (rowSpan/colSpan in grid units). */
export interface HeaderCell {
  readonly text: string;
  readonly rowSpan?: number;
  readonly colSpan?: number;
}

export type RuleDef =
  /** For each row that has the columns: total column = Σ addend columns. */
  | {
      readonly kind: 'row-sum';
      readonly code: string;
      readonly total: string;
      readonly addends: readonly string[];
    }
  /** For each column: total row = Σ addend rows. */
  | {
      readonly kind: 'column-sum';
      readonly code: string;
      readonly total: string;
      readonly addends: readonly string[];
    }
  /** For each column: Σ left rows = Σ right rows. */
  | {
      readonly kind: 'balance';
      readonly code: string;
      readonly left: readonly string[];
      readonly right: readonly string[];
      /** The rule as printed in the table, quoted in the hint. */
      readonly printed: string;
    };

export type TableId = 'disclosure' | 'application' | 'review';

export interface TableDef {
  readonly id: TableId;
  /** YAML key of the table in the front matter. */
  readonly key: string;
  /** Which of the six parts the table belongs to (二, 三, 四). */
  readonly part: 2 | 3 | 4;
  readonly format: Format;
  readonly columns: readonly ColumnDef[];
  readonly groups: readonly GroupDef[];
  readonly rows: readonly RowDef[];
  readonly blocks: readonly BlockDef[];
  /** Header rows above the body (T3, T4); the T2 headers live in its blocks. */
  readonly header: readonly (readonly HeaderCell[])[];
  /** Number of label columns on the left of the grid (T4 has none). */
  readonly labelColumns: number;
  /** Derived cells: computed when omitted, checked when written. */
  readonly rules: readonly RuleDef[];
}
