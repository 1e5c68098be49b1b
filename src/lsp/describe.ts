/**
 * What the editor says of a row, a column, a rule: printed labels and rules from the table
 * definitions (src/tables/definitions.ts), never retyped, in Chinese sentences.
 */
import { TO_FILL } from '../model/cells.js';
import { optionalTotal } from '../model/row-list.js';
import { PARTS } from '../tables/definitions.js';
import type { CellKind, ColumnDef, RowDef, RuleDef, TableDef } from '../tables/types.js';

/** 第三部分 for part 3. */
export function partName(part: number): string {
  return `第${PARTS[part - 1]?.number ?? part}部分`;
}

/** The printed heading of a part: 三、收到和处理政府信息公开申请情况. */
export function partHeading(part: number): string {
  const p = PARTS[part - 1];
  return p ? `${p.number}、${p.title}` : String(part);
}

/** A row as the table prints it: its labels, outermost first. */
export function rowLabel(row: RowDef): string {
  return row.labels.join(' › ');
}

/** A row as the checker names it in messages: （七）总计, 不予公开 › 属于国家秘密. */
export function rowName(def: TableDef, rowId: string): string {
  const row = def.rows.find((r) => r.id === rowId);
  if (!row) return rowId;
  if (row.key === '总计' && !row.group && def.id === 'application') return row.labels.at(-1) ?? row.key;
  return row.group ? `${row.group} › ${row.key}` : row.key;
}

export function columnLabel(column: ColumnDef): string {
  return column.label ?? column.key;
}

export function columnsOf(def: TableDef, row: RowDef): ColumnDef[] {
  return row.columns.map((key) => def.columns.find((c) => c.key === key)).filter((c): c is ColumnDef => !!c);
}

const KIND: Readonly<Record<CellKind, string>> = {
  count: '件数，整数，不小于 0',
  signed: '整数，可为负数（减少）',
  'amount-wan': '金额，单位万元，可有小数',
  'amount-raw': '金额，照原表带单位（如 552.91万元）或只写数字',
};

/** The sentence of a rule, with the labels of its terms: 总计 = 自然人 + 商业企业 + …. */
export function ruleText(def: TableDef, rule: RuleDef): string {
  if (rule.kind === 'row-sum') return `${rule.total} = ${rule.addends.join(' + ')}`;
  if (rule.kind === 'column-sum') {
    const first = rowName(def, rule.addends[0] ?? '');
    const last = rowName(def, rule.addends.at(-1) ?? '');
    return `${rowName(def, rule.total)} = ${first} + … + ${last}（${rule.addends.length} 行）`;
  }
  return rule.printed.replace(/^（|）$/g, '');
}

/** The rules that compute a column, when some do: the 总计 column of tables 三 and 四. */
export function columnRules(def: TableDef, column: string): RuleDef[] {
  return def.rules.filter((rule) => rule.kind === 'row-sum' && rule.total === column);
}

export function columnDescription(def: TableDef, row: RowDef, column: ColumnDef): string {
  const sums = columnRules(def, column.key).map((rule) => `${ruleText(def, rule)}；不写则自动计算，写了则核对`);
  const optional = optionalTotal(def, columnsOf(def, row));
  const place = row.columns.indexOf(column.key) + 1;
  return [
    `“${def.key}”表“${rowLabel(row)}”行的“${columnLabel(column)}”列（按列顺序的列表里是第 ${place} 个${optional?.key === column.key ? '，可以不写' : ''}）`,
    KIND[column.kind],
    ...sums,
  ].join('。');
}

export function rowDescription(def: TableDef, row: RowDef): string {
  const columns = columnsOf(def, row);
  const optional = optionalTotal(def, columns);
  const form =
    columns.length === 1
      ? `只有一列（${columnLabel(columns[0] as ColumnDef)}）：直接写数字`
      : `按列顺序的列表 [${columns.map((c) => c.key).join(', ')}]${optional ? `（${optional.key}可以不写，自动计算）` : ''}，或按列名写 { ${columns[0]?.key}: … }，没写的列按 0 计`;
  const rules = def.rules
    .filter((rule) => (rule.kind === 'column-sum' && (rule.total === row.id || rule.addends.includes(row.id))) || (rule.kind === 'balance' && [...rule.left, ...rule.right].includes(row.id)))
    .map((rule) => ruleText(def, rule));
  return [`${partName(def.part)}“${def.key}”表（${def.format} 格式）的“${rowLabel(row)}”行`, form, ...rules].join('。');
}

/** The values a cell may take besides a number (README “Cells”). */
export const CELL_WORDS: readonly { text: string; description: string }[] = [
  { text: '0', description: '零：印 0' },
  { text: '~', description: '留空：照原表空着，印空白，按 0 计' },
  { text: '/', description: '不适用：印“/”，不计入合计' },
  { text: '无', description: '无：照原表印“无”，按 0 计' },
  { text: TO_FILL, description: '尚未填写：印“待填”，检查时提醒（not-filled），不参与合计校验' },
];
