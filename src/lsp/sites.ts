/**
 * Where each table, row and cell is written in the front matter, as editor ranges: the places
 * hover, inlay hints, code actions and the outline point at. Rows and columns are matched by key
 * and alias as the model reads them; the values themselves come from the model (src/model/).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Position, Range } from 'vscode-languageserver';
import { defaultFormat, TABLE_IDS, TABLES, tableDef } from '../tables/definitions.js';
import type { ColumnDef, Format, RowDef, TableDef, TableId } from '../tables/types.js';
import { listColumns } from '../model/row-list.js';
import { TABLE_OPTION_KEYS } from '../model/fields.js';
import { keyText, pairsOf, scalarSource } from '../model/walker.js';
import type { FrontMatter } from '../source/types.js';

export interface CellSite {
  readonly column: ColumnDef;
  /** The column's key in the mapping form. */
  readonly key?: Range;
  /** The value (or, for a key with nothing after it, the place after the key). */
  readonly value: Range;
  /** From the key (or the value, in a list) to the end of the value. */
  readonly whole: Range;
  /** The value as typed (`~` for nothing). */
  readonly source: string;
  /** The value's place in the row list. */
  readonly listIndex?: number;
}

export type RowForm = 'flow-map' | 'block-map' | 'flow-list' | 'block-list' | 'scalar' | 'empty';

export interface RowSite {
  readonly row: RowDef;
  readonly key: Range;
  /** From the key to the end of the value. */
  readonly range: Range;
  /** The value alone (absent when nothing follows the key). */
  readonly value?: Range;
  readonly form: RowForm;
  readonly cells: readonly CellSite[];
  /** Whether a comment sits inside the row (a rewrite of the row would lose it). */
  readonly commented: boolean;
}

export interface GroupSite {
  readonly key: string;
  readonly keyRange: Range;
  readonly range: Range;
  readonly rows: readonly RowSite[];
}

export interface TableSite {
  readonly id: TableId;
  readonly def: TableDef;
  readonly key: Range;
  readonly range: Range;
  /** Every row, grouped ones included, in source order. */
  readonly rows: readonly RowSite[];
  readonly groups: readonly GroupSite[];
  readonly omittedAsBlank: boolean;
}

const matches = (key: string, names: { key: string; aliases?: readonly string[] }) =>
  names.key === key || (names.aliases?.includes(key) ?? false);

function formatOf(node: unknown): Format | undefined {
  const value = isScalar(node) ? node.value : undefined;
  return value === 2019 || value === 2021 || value === '2019' || value === '2021' ? (Number(value) as Format) : undefined;
}

/** The tables of a parsed front matter (YAML errors allowed: what the parser could read). */
export function tableSites(frontMatter: FrontMatter): TableSite[] {
  const { document, lineCounter, startLine, text } = frontMatter;
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.min(offset, text.length));
    return { line: line + startLine - 2, character: col - 1 };
  };
  /** A node's range without the trailing newlines and indentation a block collection includes. */
  const rangeOf = (node: Node): Range => {
    const [start = 0, end = start] = node.range ?? [];
    return { start: at(start), end: at(start + text.slice(start, end).trimEnd().length) };
  };
  const lines = text.split('\n');
  const span = (from: Range, to: Range | undefined): Range => ({ start: from.start, end: (to ?? from).end });
  const root = document.contents;
  if (!isMap(root)) return [];
  const top = pairsOf(root as YAMLMap);
  const year = top.find((p) => keyText(p) === '年度');
  const yearValue = isScalar(year?.value) ? Number(year.value.value) : Number.NaN;
  const reportFormat = formatOf(top.find((p) => keyText(p) === TABLE_OPTION_KEYS.format)?.value) ?? defaultFormat(Number.isInteger(yearValue) ? yearValue : 2021);

  const rowSite = (def: TableDef, row: RowDef, pair: Pair): RowSite => {
    const key = rangeOf(pair.key as Node);
    const value = pair.value as Node | null;
    const columns = row.columns.map((c) => def.columns.find((d) => d.key === c)).filter((c): c is ColumnDef => !!c);
    const cells: CellSite[] = [];
    let form: RowForm = 'empty';
    const valueRange = value?.range ? rangeOf(value) : undefined;
    if (isMap(value)) {
      form = value.flow ? 'flow-map' : 'block-map';
      for (const cellPair of pairsOf(value)) {
        const column = columns.find((c) => matches(keyText(cellPair), c));
        if (!column) continue;
        const cellKey = rangeOf(cellPair.key as Node);
        const cellValue = cellPair.value as Node | null;
        const cellRange = cellValue?.range ? rangeOf(cellValue) : { start: cellKey.end, end: cellKey.end };
        cells.push({ column, key: cellKey, value: cellRange, whole: span(cellKey, cellRange), source: scalarSource(cellValue) || '~' });
      }
    } else if (isSeq(value)) {
      form = value.flow ? 'flow-list' : 'block-list';
      const filled = listColumns(def, columns, value.items.length) ?? columns.slice(0, value.items.length);
      filled.forEach((column, index) => {
        const item = value.items[index] as Node | null;
        if (!item?.range) return;
        const itemRange = rangeOf(item);
        cells.push({ column, value: itemRange, whole: itemRange, source: scalarSource(item) || '~', listIndex: index });
      });
    } else if (isScalar(value) && value.value !== null && columns.length === 1 && columns[0] && valueRange) {
      form = 'scalar';
      cells.push({ column: columns[0], value: valueRange, whole: valueRange, source: scalarSource(value) });
    }
    const range = span(key, valueRange);
    const first = (pair.key as Node).range?.[0] ?? 0;
    const firstLine = lineCounter.linePos(first).line - 1;
    const lastLine = range.end.line - (startLine - 1);
    const commented = lines.slice(firstLine, lastLine + 1).some((line) => /(^|\s)#/.test(line.replace(/(["'])(?:(?!\1).)*\1/g, '')));
    return { row, key, range, ...(valueRange ? { value: valueRange } : {}), form, cells, commented };
  };

  const sites: TableSite[] = [];
  for (const pair of top) {
    const name = keyText(pair);
    const id = TABLE_IDS.find((t) => TABLES[t][2021].key === name);
    if (!id) continue;
    const node = pair.value as Node | null;
    const pairs = isMap(node) ? pairsOf(node) : [];
    const format = formatOf(pairs.find((p) => keyText(p) === TABLE_OPTION_KEYS.format)?.value) ?? reportFormat;
    const omitted = pairs.find((p) => keyText(p) === TABLE_OPTION_KEYS.omitted);
    const def = tableDef(id, format);
    const rows: RowSite[] = [];
    const groups: GroupSite[] = [];
    for (const rowPair of pairs) {
      const key = keyText(rowPair);
      const row = def.rows.find((r) => !r.group && matches(key, r));
      if (row) {
        rows.push(rowSite(def, row, rowPair));
        continue;
      }
      const group = def.groups.find((g) => matches(key, g));
      const groupNode = rowPair.value as Node | null;
      if (!group) continue;
      const members: RowSite[] = [];
      for (const itemPair of isMap(groupNode) ? pairsOf(groupNode) : []) {
        const item = def.rows.find((r) => r.group === group.key && matches(keyText(itemPair), r));
        if (item) members.push(rowSite(def, item, itemPair));
      }
      rows.push(...members);
      const keyRange = rangeOf(rowPair.key as Node);
      groups.push({ key: group.key, keyRange, range: span(keyRange, groupNode?.range ? rangeOf(groupNode) : undefined), rows: members });
    }
    const keyRange = rangeOf(pair.key as Node);
    sites.push({
      id,
      def,
      key: keyRange,
      range: span(keyRange, node?.range ? rangeOf(node) : undefined),
      rows,
      groups,
      omittedAsBlank: scalarSource((omitted?.value ?? null) as Node | null) === '空白',
    });
  }
  return sites;
}

/** The row whose key, or one of whose cells, holds the position. */
export function siteAt(tables: readonly TableSite[], p: Position): { table: TableSite; row: RowSite; cell?: CellSite } | undefined {
  const inside = (r: Range) =>
    (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
    (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
  for (const table of tables) {
    for (const row of table.rows) {
      if (!inside(row.range)) continue;
      const cell = row.cells.find((c) => inside(c.whole));
      return cell && !inside(row.key) ? { table, row, cell } : { table, row };
    }
  }
  return undefined;
}
