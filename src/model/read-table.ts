/** Reading one statistical table from its YAML mapping (rows as mappings or lists) into cells, with shape diagnostics. */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Position } from '../diagnostics/types.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { tableDef } from '../tables/definitions.js';
import type { ColumnDef, Format, RowDef, TableId } from '../tables/types.js';
import { readCell } from './cells.js';
import { listColumns, listLengthProblem } from './row-list.js';
import { deriveCells } from './derive.js';
import { TABLE_OPTION_KEYS } from './fields.js';
import { type Cell, cellKey, type TableData } from './types.js';
import { keyText, pairsOf, scalarSource, type Walker, withNote } from './walker.js';

const OMITTED_CHOICES: Record<string, boolean> = { '0': false, 空白: true };

/**
 * What the hint of a shape error adds when the table has sums: the value it could not read is
 * left out of them (not counted as 0), so that one mistake gives one error.
 */
const LEFT_OUT = {
  cell: '此格未计入合计校验，改正后再检查',
  row: '此行未计入合计校验，改正后再检查',
  group: '这一组未计入合计校验，改正后再检查',
  table: '此表未计入合计校验，改正后再检查',
} as const;

export function readFormat(
  walker: Walker,
  node: Node | null,
  position: Position,
): Format | undefined {
  const value = isScalar(node) ? node.value : undefined;
  if (value === 2019 || value === 2021 || value === '2019' || value === '2021')
    return Number(value) as Format;
  walker.error(
    position,
    'bad-format',
    `格式只能是 2021 或 2019，这里是${isScalar(node) ? `“${scalarSource(node)}”` : '其他内容'}`,
    '2021 年度起的报告用 2021（国办公开办函〔2021〕30号）；2019、2020 年度用 2019',
  );
  return undefined;
}

function matches(key: string, names: { key: string; aliases?: readonly string[] }): boolean {
  return names.key === key || (names.aliases?.includes(key) ?? false);
}

/** Reads the table under `pair` (undefined when the source has no such table). */
export function readTable(
  walker: Walker,
  id: TableId,
  pair: Pair | undefined,
  reportFormat: Format,
): TableData {
  const node = (pair?.value ?? null) as Node | null;
  const position = pair ? walker.position(pair.key as Node) : walker.position(undefined);
  const name = tableDef(id, reportFormat).key;
  let format = reportFormat;
  let omittedAsBlank = false;
  const written = new Map<string, Cell>();
  const rowPositions = new Map<string, Position>();
  // Cells whose value the source gives in a shape that could not be read (by cell key), and
  // rows and groups that might be the one a misspelled key meant, decided once all are read.
  const unread = new Set<string>();
  const unreadRows = new Set<string>();
  let tableUnread = false;

  if (pair && !isMap(node)) {
    if (!(isScalar(node) && node.value === null)) {
      const sums = tableDef(id, reportFormat).rules.length > 0;
      tableUnread = true;
      walker.wrongType(
        node,
        walker.valuePosition(pair),
        `统计表“${name}”`,
        '一组键值（每行一项）',
        withNote(`在“${name}:”下面逐行缩进写，例如 “  ${tableDef(id, reportFormat).rows[0]?.key}: …”`, sums ? LEFT_OUT.table : undefined),
      );
    }
  }
  const map = isMap(node) ? (node as YAMLMap) : undefined;
  const pairs = map ? pairsOf(map) : [];

  for (const option of pairs) {
    const key = keyText(option);
    if (key === TABLE_OPTION_KEYS.format) {
      format =
        readFormat(walker, option.value as Node | null, walker.valuePosition(option)) ?? format;
    } else if (key === TABLE_OPTION_KEYS.omitted) {
      const value = scalarSource(option.value as Node | null);
      if (value in OMITTED_CHOICES) omittedAsBlank = OMITTED_CHOICES[value] ?? false;
      else
        walker.error(
          walker.valuePosition(option),
          'bad-option',
          `缺省只能是 0 或 空白，这里是“${value}”`,
          '省略的单元格默认印 0；原表空着的写“缺省: 空白”',
        );
    }
  }
  const def = tableDef(id, format);
  const note = (kind: keyof typeof LEFT_OUT) => (def.rules.length > 0 ? LEFT_OUT[kind] : undefined);

  const ungroupedRows = def.rows.filter((r) => !r.group);
  const topKeys = [
    ...ungroupedRows.map((r) => r.key),
    ...def.groups.map((g) => g.key),
    TABLE_OPTION_KEYS.format,
    TABLE_OPTION_KEYS.omitted,
  ];
  const seen = new Set<string>();

  const readRow = (row: RowDef, rowPair: Pair) => {
    const label = row.group ? `${row.group} › ${row.key}` : row.key;
    if (seen.has(row.id)) {
      walker.error(
        walker.position(rowPair.key as Node),
        'duplicate-row',
        `“${name}”里“${label}”写了两次`,
        '每一行只写一次：请删除或合并重复的一行',
      );
      return;
    }
    seen.add(row.id);
    rowPositions.set(row.id, walker.position(rowPair.key as Node));
    const value = rowPair.value as Node | null;
    const columns = row.columns
      .map((key) => def.columns.find((c) => c.key === key))
      .filter((c): c is ColumnDef => !!c);
    if (isMap(value)) {
      const seenColumns = new Set<string>();
      for (const cellPair of pairsOf(value)) {
        const key = keyText(cellPair);
        const column = columns.find((c) => matches(key, c));
        if (!column) {
          const guess = columns.find((c) => c.key === didYouMean(key, columns.map((c) => c.key)));
          walker.unknownKey(
            cellPair,
            `“${name}”的“${label}”行`,
            columns.map((c) => c.key),
            undefined,
            note(guess ? 'cell' : 'row'),
          );
          // The column it meant, or (no guess) any of the row's.
          for (const c of guess ? [guess] : columns) unread.add(cellKey(row.id, c.key));
          continue;
        }
        if (seenColumns.has(column.key)) {
          walker.error(
            walker.position(cellPair.key as Node),
            'duplicate-row',
            `“${label}”行的“${column.key}”写了两次`,
            '每个单元格只写一次',
          );
          continue;
        }
        seenColumns.add(column.key);
        readOneCell(
          row,
          column,
          cellPair.value as Node | null,
          walker.valuePosition(cellPair),
          `“${label}”行“${column.key}”`,
        );
      }
    } else if (isSeq(value)) {
      readRowList(row, columns, value, label);
    } else if (isScalar(value) && columns.length === 1 && columns[0]) {
      // A row of one column is written as its cell: `行政许可: ~` is that cell left blank.
      readOneCell(row, columns[0], value, walker.position(value), `“${label}”`);
    } else if (isScalar(value) && value.value === null) {
      // `规章: ~` (or nothing after it): the row is there, printed blank, like a `~` cell.
      for (const column of columns) readOneCell(row, column, value, walker.position(value), `“${label}”行“${column.key}”`);
    } else {
      const example = columns
        .slice(0, 2)
        .map((c) => `${c.key}: 0`)
        .join(', ');
      const list = columns.map(() => 0).join(', ');
      for (const c of columns) unread.add(cellKey(row.id, c.key));
      walker.wrongType(
        value,
        walker.valuePosition(rowPair),
        `“${name}”的“${label}”行`,
        `按列顺序的列表或按列写的一组键值`,
        withNote(
          `写成“${row.key}: [${list}]”（依次为${columns.map((c) => c.key).join('、')}），或“${row.key}: { ${example} }”，没写的列按 0 计`,
          note('row'),
        ),
      );
    }
  };

  /** The row form: each value is the cell of the column at its place; a wrong length reads none. */
  const readRowList = (row: RowDef, columns: readonly ColumnDef[], list: YAMLSeq, label: string) => {
    const filled = listColumns(def, columns, list.items.length);
    if (!filled) {
      for (const c of columns) unread.add(cellKey(row.id, c.key));
      const problem = listLengthProblem(def, columns, `“${name}”的“${label}”行`, row.key, list.items.length);
      walker.error(walker.position(list), 'row-length', problem.message, withNote(problem.hint, note('row')));
      return;
    }
    filled.forEach((column, index) => {
      const item = list.items[index] as Node | null;
      // An item without a range of its own (none the parser makes today) points at the list.
      const at = walker.position(item?.range ? item : list);
      readOneCell(row, column, item, at, `“${label}”行“${column.key}”`);
    });
  };

  const readOneCell = (
    row: RowDef,
    column: ColumnDef,
    node: Node | null,
    at: Position,
    cellName: string,
  ) => {
    // A collection only needs naming (never expanded: it may be an alias bomb's).
    const raw = isScalar(node) ? node.value : node === null ? null : isSeq(node) ? [] : {};
    const reading = readCell(raw, scalarSource(node), column.kind, cellName);
    if (!reading.ok) {
      unread.add(cellKey(row.id, column.key));
      walker.error(at, reading.code, reading.message, withNote(reading.hint, note('cell')));
      return;
    }
    const { ok: _ok, ...cell } = reading;
    written.set(cellKey(row.id, column.key), { ...cell, position: at });
  };

  for (const rowPair of pairs) {
    const key = keyText(rowPair);
    if (key === TABLE_OPTION_KEYS.format || key === TABLE_OPTION_KEYS.omitted) continue;
    const row = ungroupedRows.find((r) => matches(key, r));
    if (row) {
      readRow(row, rowPair);
      continue;
    }
    const group = def.groups.find((g) => matches(key, g));
    if (group) {
      const groupNode = rowPair.value as Node | null;
      const groupRows = def.rows.filter((r) => r.group === group.key);
      if (isMap(groupNode)) {
        for (const itemPair of pairsOf(groupNode)) {
          const itemKey = keyText(itemPair);
          const item = groupRows.find((r) => matches(itemKey, r));
          if (item) {
            readRow(item, itemPair);
            continue;
          }
          const guess = groupRows.find((r) => r.key === didYouMean(itemKey, groupRows.map((g) => g.key)));
          walker.unknownKey(
            itemPair,
            `“${name}”的“${group.key}”`,
            groupRows.map((r) => r.key),
            undefined,
            note('row'),
          );
          for (const r of guess ? [guess] : groupRows) unreadRows.add(r.id);
        }
      } else if (!(isScalar(groupNode) && groupNode.value === null)) {
        for (const r of groupRows) unreadRows.add(r.id);
        walker.wrongType(
          groupNode,
          walker.valuePosition(rowPair),
          `“${group.key}”`,
          '按小项写的一组键值',
          withNote(
            `在“${group.key}:”下面缩进写各小项，每个小项一行，例如“  ${groupRows[0]?.key}: [${(groupRows[0]?.columns ?? []).map(() => 0).join(', ')}]”或“  ${groupRows[0]?.key}: { 自然人: 0 }”`,
            note('group'),
          ),
        );
      }
      continue;
    }
    // A sub-item written one level too high, or a row of the other layout: say exactly that.
    const nested = def.rows.find((r) => r.group && matches(key, r));
    if (nested) {
      unreadRows.add(nested.id);
      walker.unknownKey(
        rowPair,
        `“${name}”`,
        topKeys,
        `“${key}”属于“${nested.group}”：请缩进写在“${nested.group}:”下面`,
        note('row'),
      );
      continue;
    }
    const other = tableDef(id, format === 2021 ? 2019 : 2021);
    if (other.rows.some((r) => !r.group && matches(key, r)) && !topKeys.includes(key)) {
      walker.unknownKey(
        rowPair,
        `${format} 格式的“${name}”`,
        topKeys,
        `“${key}”是 ${other.format} 格式的行：要用那种格式，在“${name}”下写“格式: ${other.format}”`,
      );
      continue;
    }
    const guess = didYouMean(key, topKeys);
    walker.unknownKey(rowPair, `“${name}”`, topKeys, undefined, note('row'));
    // The row (or every row of the group) it meant; with no guess, any row not written.
    const meant = def.rows.filter((r) => (guess ? r.key === guess || r.group === guess : true));
    for (const r of meant) unreadRows.add(r.id);
  }
  // A row a misspelled key may have meant is unread only if it is not written under its own key.
  for (const rowId of unreadRows) {
    const row = def.rows.find((r) => r.id === rowId);
    if (row && !seen.has(row.id)) for (const c of row.columns) unread.add(cellKey(row.id, c));
  }
  if (tableUnread) for (const row of def.rows) for (const c of row.columns) unread.add(cellKey(row.id, c));

  return {
    def,
    present: pair !== undefined,
    position,
    omittedAsBlank,
    cells: deriveCells(def, written, omittedAsBlank, unread),
    rowPositions,
  };
}

