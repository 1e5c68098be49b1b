/**
 * The three statistical tables, read cell by cell against src/tables/definitions.ts. Every label
 * is matched to a definition (its match reported unless exact); every value is written as
 * published (blank `~`, 0, `/`, 无, totals as printed); a value that cannot be placed with
 * confidence is written `~` with an `import-uncertain` note saying what was seen. Nothing is
 * guessed and nothing is dropped silently.
 */
import { tableDef } from '../../tables/definitions.js';
import type { Format, RowDef, TableDef, TableId } from '../../tables/types.js';
import type { OriginalPlace, PublishedCell, PublishedTable } from '../published.js';
import { type Grid, layGrid, readRows, readValue, type ReadRow } from './grid.js';
import { labelKey, matchLabel } from './labels.js';

/** A cell as it will be written: a YAML scalar (`12`, `~`, `/`, `无`, `438754元`). */
export interface CellOut {
  readonly text: string;
  readonly place?: OriginalPlace;
}

/** Something the clerk must know about the import, attached to where it will be written. */
export interface ImportNote {
  readonly code: 'import-uncertain' | 'import-label';
  readonly message: string;
  readonly hint: string;
  /** The row (by id) and column the note is about; neither for the table as a whole. */
  readonly row?: string;
  readonly column?: string;
}

export interface RowOut {
  readonly cells: Map<string, CellOut>;
  readonly place?: OriginalPlace;
  /** The label as published, when it differs from the definition's. */
  readonly seen?: string;
}

export interface TableOut {
  readonly id: TableId;
  readonly format: Format;
  readonly rows: Map<string, RowOut>;
  readonly place?: OriginalPlace;
  readonly notes: ImportNote[];
}

export const TABLE_NAMES: Readonly<Record<TableId, string>> = { disclosure: '表二', application: '表三', review: '表四' };

const UNCERTAIN_HINT = '对照原文把这一格的数填上（空白写 ~，没有写 0）';

/** The printed name of a row, as messages name it: its innermost label. */
export function rowName(row: RowDef): string {
  return row.labels.at(-1) ?? row.key;
}

function targetsOf(def: TableDef, rows: readonly RowDef[] = def.rows) {
  return rows.map((row) => ({ labels: [...row.labels.slice(-1), row.key, ...(row.aliases ?? [])], target: row }));
}

/** Which table a published table is, by the labels it prints. */
export function classifyTable(table: PublishedTable): TableId | undefined {
  const text = table.rows.flat().map((c) => labelKey(c.text)).join('|');
  if (/结果维持|结果纠正|尚未审结/.test(text) && /行政复议|行政诉讼|复议/.test(text) && !/本年新收|予以公开/.test(text)) return 'review';
  if (/本年新收|上年结转|予以公开|不予公开|申请人情况|结转下年度/.test(text)) return 'application';
  if (/第二十条|信息内容|规章|规范性文件|行政许可|行政处罚/.test(text)) return 'disclosure';
  return undefined;
}

function cellOut(cell: PublishedCell, def: TableDef, row: RowDef, column: string, notes: ImportNote[]): CellOut {
  const reading = readValue(cell.text);
  const place = cell.place;
  switch (reading.kind) {
    case 'number':
      return { text: reading.text, place };
    case 'blank':
      return { text: '~', place };
    case 'none':
      return { text: '无', place };
    case 'not-applicable':
      return { text: '/', place };
    case 'unit':
      return { text: reading.text, place };
    case 'unclear':
      notes.push({
        code: 'import-uncertain',
        message: `${TABLE_NAMES[def.id]}“${rowName(row)}”行“${columnLabel(def, column)}”列原文是“${cell.text}”，不是数字，导入时写为空白 ~`,
        hint: UNCERTAIN_HINT,
        row: row.id,
        column,
      });
      return { text: '~', place };
  }
}

function columnLabel(def: TableDef, key: string): string {
  return def.columns.find((c) => c.key === key)?.label ?? key;
}

/** The row's cells all `~`, with one note saying why (a row not published, or unreadable). */
function blankRow(row: RowDef, place: OriginalPlace | undefined): RowOut {
  return { cells: new Map(row.columns.map((c) => [c, { text: '~', ...(place ? { place } : {}) }])), ...(place ? { place } : {}) };
}

function labelNote(def: TableDef, row: RowDef, seen: string, how: string): ImportNote {
  return {
    code: 'import-label',
    message: `${TABLE_NAMES[def.id]}的行标签“${seen}”${how}，按“${rowName(row)}”读入`,
    hint: '核对原文这一行的标签：写法与全国统一格式不同',
    row: row.id,
  };
}

/** Places `values` (left to right) in the row's columns, by the header's grid columns or in order. */
function placeValues(
  def: TableDef,
  row: RowDef,
  values: ReadRow['values'],
  byColumn: ReadonlyMap<number, string> | undefined,
  notes: ImportNote[],
  rowPlace: OriginalPlace | undefined,
): RowOut {
  const cells = new Map<string, CellOut>();
  const seenText = values.map((v) => v.cell.text || '（空）').join('、');
  if (byColumn && values.every((v) => byColumn.has(v.column))) {
    for (const value of values) {
      const column = byColumn.get(value.column) as string;
      if (!row.columns.includes(column)) continue;
      if (value.span > 1 && row.columns.length > 1) {
        // One value over several of the row's columns: which of them it belongs to is not known.
        const covered = row.columns.filter((c) => [...byColumn.entries()].some(([at, key]) => key === c && at >= value.column && at < value.column + value.span));
        // (byColumn maps every grid column a header cell covers, so a wide header is one key.)
        if (covered.length > 1) {
          notes.push({
            code: 'import-uncertain',
            message: `${TABLE_NAMES[def.id]}“${rowName(row)}”行的“${value.cell.text}”一格跨了${covered.map((c) => `“${columnLabel(def, c)}”`).join('')}几列，无法确定属于哪一列，导入时都写为空白 ~`,
            hint: UNCERTAIN_HINT,
            row: row.id,
            column: covered[0] as string,
          });
          for (const c of covered) cells.set(c, { text: '~', place: value.cell.place });
          continue;
        }
      }
      cells.set(column, cellOut(value.cell, def, row, column, notes));
    }
  } else if (values.length === row.columns.length) {
    row.columns.forEach((column, index) => cells.set(column, cellOut((values[index] as ReadRow['values'][0]).cell, def, row, column, notes)));
  }
  const missing = row.columns.filter((c) => !cells.has(c));
  if (missing.length === row.columns.length) {
    notes.push({
      code: 'import-uncertain',
      message: `${TABLE_NAMES[def.id]}“${rowName(row)}”行有 ${values.length} 个值（${seenText || '无'}），应有 ${row.columns.length} 个（${row.columns.map((c) => columnLabel(def, c)).join('、')}），无法逐格对应，导入时整行写为空白 ~`,
      hint: '对照原文逐格填写这一行',
      row: row.id,
    });
    return blankRow(row, rowPlace);
  }
  for (const column of missing) {
    notes.push({
      code: 'import-uncertain',
      message: `${TABLE_NAMES[def.id]}“${rowName(row)}”行在原文里找不到“${columnLabel(def, column)}”列的格子，导入时写为空白 ~`,
      hint: UNCERTAIN_HINT,
      row: row.id,
      column,
    });
    cells.set(column, { text: '~', ...(rowPlace ? { place: rowPlace } : {}) });
  }
  return { cells, ...(rowPlace ? { place: rowPlace } : {}) };
}

/** Rows of the definition the table never printed: written blank, each said once. */
function fillMissingRows(def: TableDef, rows: Map<string, RowOut>, notes: ImportNote[], place: OriginalPlace | undefined): Map<string, RowOut> {
  const ordered = new Map<string, RowOut>();
  for (const row of def.rows) {
    const found = rows.get(row.id);
    if (found) {
      ordered.set(row.id, found);
      continue;
    }
    notes.push({
      code: 'import-uncertain',
      message: `原文${TABLE_NAMES[def.id]}没有“${rowName(row)}”这一行，导入时整行写为空白 ~`,
      hint: '对照原文：这一行若漏印了，按原文其余部分填写；若原文确实没有，保留空白',
      row: row.id,
    });
    ordered.set(row.id, blankRow(row, place));
  }
  return ordered;
}

/** Which layout a table follows, judged from the labels that only one layout has. */
function formatBy(texts: readonly string[], only2021: RegExp, only2019: RegExp, fallback: Format): Format {
  const keys = texts.map(labelKey);
  if (keys.some((k) => only2021.test(k))) return 2021;
  if (keys.some((k) => only2019.test(k))) return 2019;
  return fallback;
}

function headerColumns(def: TableDef, grid: Grid, headerRows: number): Map<number, string> {
  const byColumn = new Map<number, string>();
  for (let r = 0; r < headerRows; r++) {
    for (const slot of grid.slots[r] ?? []) {
      if (!slot || slot.row !== r) continue;
      const key = labelKey(slot.cell.text);
      const column = def.columns.find((c) => labelKey(c.key) === key || labelKey(c.label ?? '') === key || (c.aliases ?? []).some((a) => labelKey(a) === key));
      // Every grid column the header cell covers: Word's grids split columns (a 商业企业 of two).
      if (column) for (let c = slot.column; c < slot.column + slot.cell.colSpan; c++) byColumn.set(c, column.key);
    }
  }
  return byColumn;
}

/** Table 三: header rows, then one row per definition row, labels on the left, seven values. */
function readApplication(table: PublishedTable, fallback: Format): TableOut {
  const grid = layGrid(table);
  const texts = table.rows.flat().map((c) => c.text);
  const format = formatBy(texts, /逾期不补正|逾期未按收费|逾期未缴费/, /其他处理$/, fallback);
  const def = tableDef('application', format);
  const notes: ImportNote[] = [];
  const isHeader = (cells: readonly PublishedCell[]) =>
    cells.some((c) => /申请人情况|自然人|商业企业|法人或其他组织|勾稽关系/.test(labelKey(c.text)));
  let headerRows = 0;
  while (headerRows < table.rows.length && headerRows < 4 && isHeader(table.rows[headerRows] ?? [])) headerRows++;
  // The columns by the header's labels; without all seven, the values are the row's last cells.
  let byColumn: Map<number, string> | undefined = headerColumns(def, grid, headerRows);
  if (new Set(byColumn.values()).size !== def.columns.length) byColumn = undefined;
  const firstValue = byColumn ? Math.min(...byColumn.keys()) : undefined;
  const read = readRows(table, grid, firstValue).slice(headerRows);
  const groupOf = (labels: readonly string[]) => {
    for (const label of labels.slice(0, -1)) {
      const key = labelKey(label);
      const group = def.groups.find((g) => labelKey(g.key) === key || (g.aliases ?? []).some((a) => labelKey(a) === key));
      if (group) return group.key;
    }
    return undefined;
  };
  const rows = new Map<string, RowOut>();
  const pending: { index: number; read: ReadRow }[] = [];
  const matched: (RowDef | undefined)[] = [];
  read.forEach((row, index) => {
    if (row.values.length === 0) {
      matched.push(undefined);
      return;
    }
    const whole = row.labels.at(-1) ?? '';
    // A text layer runs two label cells together with one space (不予公开 5.属于三类内部事务信息).
    const piece = whole.includes(' ') ? whole.slice(whole.lastIndexOf(' ') + 1) : whole;
    const seen = piece !== whole && matchLabel(piece, targetsOf(def))?.kind === 'exact' ? piece : whole;
    const group = groupOf([...row.labels, ...(piece !== whole ? [whole.slice(0, whole.lastIndexOf(' '))] : [])]);
    const inGroup = group ? targetsOf(def, def.rows.filter((r) => r.group === group)) : [];
    const match = (inGroup.length > 0 ? matchLabel(seen, inGroup) : undefined) ?? matchLabel(seen, targetsOf(def));
    if (!match || rows.has(match.target.id)) {
      matched.push(undefined);
      pending.push({ index, read: row });
      return;
    }
    matched.push(match.target);
    if (match.kind !== 'exact') notes.push(labelNote(def, match.target, seen, match.kind === 'truncated' ? '不完整' : '有错字'));
    const place = row.values[0]?.cell.place ?? row.own[0]?.place;
    rows.set(match.target.id, { ...placeValues(def, match.target, row.values, byColumn, notes, place), ...(match.kind !== 'exact' ? { seen } : {}) });
  });
  // A row no label names, between two rows that were matched with exactly one definition row
  // missing between them: that row, by its position, said as such.
  for (const { index, read: row } of pending) {
    const before = matched.slice(0, index).filter(Boolean).at(-1);
    const after = matched.slice(index + 1).find(Boolean);
    const at = before ? def.rows.indexOf(before) + 1 : 0;
    const candidate = def.rows[at];
    const seen = row.labels.at(-1) ?? '（无标签）';
    if (candidate && !rows.has(candidate.id) && (!after || def.rows.indexOf(after) === at + 1)) {
      notes.push(labelNote(def, candidate, seen, '与全国统一格式的任何一行都对不上，按它在表中的位置'));
      matched[index] = candidate;
      rows.set(candidate.id, { ...placeValues(def, candidate, row.values, byColumn, notes, row.values[0]?.cell.place), seen });
    } else {
      notes.push({
        code: 'import-uncertain',
        message: `${TABLE_NAMES[def.id]}中标签为“${seen}”的一行（${row.values.map((v) => v.cell.text || '（空）').join('、')}）对应不到任何一行，没有导入`,
        hint: '对照原文，把这一行的数填到它所属的行',
      });
    }
  }
  return { id: 'application', format, rows: fillMissingRows(def, rows, notes, table.place), place: table.place, notes };
}

/** Table 四: header rows, then one row of fifteen values (or three labelled rows of five). */
function readReview(table: PublishedTable, format: Format): TableOut {
  const def = tableDef('review', format);
  const grid = layGrid(table);
  const notes: ImportNote[] = [];
  const rows = new Map<string, RowOut>();
  const read = readRows(table, grid, undefined);
  const width = def.columns.length;
  const labelled = read.filter((r) => r.labels.length > 0 && r.values.length === width && def.rows.some((d) => matchLabel(r.labels.at(-1) ?? '', targetsOf(def, [d]))));
  if (labelled.length > 0) {
    for (const row of labelled) {
      const match = matchLabel(row.labels.at(-1) ?? '', targetsOf(def));
      if (!match || rows.has(match.target.id)) continue;
      rows.set(match.target.id, placeValues(def, match.target, row.values, undefined, notes, row.values[0]?.cell.place));
    }
  } else {
    const data = read.filter((r) => r.values.length >= width * def.rows.length);
    const row = data[0];
    if (row) {
      const values = row.values.slice(-width * def.rows.length);
      // The groups in the order the header prints them (复议, 未经复议直接起诉, 复议后起诉).
      const headerAt = (label: string) => grid.slots.flat().find((s) => s && labelKey(s.cell.text) === label)?.column;
      const direct = headerAt('未经复议直接起诉');
      const after = headerAt('复议后起诉');
      const order = direct !== undefined && after !== undefined && after < direct ? [0, 2, 1] : [0, 1, 2];
      order.forEach((rowIndex, slot) => {
        const target = def.rows[rowIndex] as RowDef;
        rows.set(target.id, placeValues(def, target, values.slice(slot * width, (slot + 1) * width), undefined, notes, values[slot * width]?.cell.place));
      });
      if (data.length > 1)
        notes.push({ code: 'import-uncertain', message: `${TABLE_NAMES[def.id]}有 ${data.length} 行数据，只导入了第一行`, hint: '对照原文核对表四' });
    }
  }
  return { id: 'review', format, rows: fillMissingRows(def, rows, notes, table.place), place: table.place, notes };
}

/** Table 二: blocks of a 第二十条 title row, a 信息内容 header row, and labelled data rows. */
function readDisclosure(table: PublishedTable, fallback: Format): TableOut {
  const grid = layGrid(table);
  const texts = table.rows.flat().map((c) => c.text);
  const format = formatBy(texts, /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|^行政规范性文件$/, /本年新制作数量|本年新公开数量|对外公开总数|上一年项目数量|本年增|采购|其他对外管理服务事项/, fallback);
  const def = tableDef('disclosure', format);
  const notes: ImportNote[] = [];
  const rows = new Map<string, RowOut>();
  const read = readRows(table, grid, grid.regular ? 1 : undefined);
  let header: Map<number, string> | undefined;
  let headerKeys: string[] = [];
  for (const row of read) {
    const first = labelKey(row.own[0]?.text ?? row.labels[0] ?? '');
    const all = [...row.labels, ...row.values.map((v) => v.cell.text)];
    if (all.some((t) => /第二十条/.test(t))) {
      header = undefined;
      continue;
    }
    if (first === '信息内容' || labelKey(row.labels[0] ?? '') === '信息内容') {
      header = new Map();
      headerKeys = [];
      for (const value of row.values) {
        const key = labelKey(value.cell.text);
        const column = def.columns.find((c) => labelKey(c.key) === key || labelKey(c.label ?? '') === key || (c.aliases ?? []).some((a) => labelKey(a) === key));
        if (column) {
          for (let c = value.column; c < value.column + value.span; c++) header.set(c, column.key);
          headerKeys.push(column.key);
        }
      }
      continue;
    }
    if (row.values.length === 0 || row.labels.length === 0) continue;
    const seen = row.labels.at(-1) ?? '';
    const match = matchLabel(seen, targetsOf(def));
    if (!match) {
      notes.push({
        code: 'import-uncertain',
        message: `${TABLE_NAMES[def.id]}中标签为“${seen}”的一行（${row.values.map((v) => v.cell.text || '（空）').join('、')}）对应不到任何一行，没有导入`,
        hint: '对照原文，把这一行的数填到它所属的行',
      });
      continue;
    }
    if (rows.has(match.target.id)) continue;
    if (match.kind !== 'exact') notes.push(labelNote(def, match.target, seen, match.kind === 'truncated' ? '不完整' : '有错字'));
    const columnsMatch = header && headerKeys.length === match.target.columns.length && headerKeys.every((k, i) => k === match.target.columns[i]);
    const place = row.values[0]?.cell.place;
    rows.set(match.target.id, { ...placeValues(def, match.target, row.values, columnsMatch && grid.regular ? header : undefined, notes, place), ...(match.kind !== 'exact' ? { seen } : {}) });
  }
  return { id: 'disclosure', format, rows: fillMissingRows(def, rows, notes, table.place), place: table.place, notes };
}

export function readTable(id: TableId, table: PublishedTable, fallback: Format): TableOut {
  if (id === 'application') return readApplication(table, fallback);
  if (id === 'review') return readReview(table, fallback);
  return readDisclosure(table, fallback);
}
