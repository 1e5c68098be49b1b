/**
 * The row form of a table row: `本年新收: [821, 35, ~, ~, 2, 1, 859]`, its values in the column
 * order of the row as the published table prints them. A total that a row-sum rule computes may be
 * left off the end, as it may be left out of the mapping form.
 */
import type { ColumnDef, TableDef } from '../tables/types.js';

/** The row's last column when a row-sum rule computes it (总计 of table 三 and 四): it may be left off. */
export function optionalTotal(def: TableDef, columns: readonly ColumnDef[]): ColumnDef | undefined {
  const last = columns.at(-1);
  if (!last || columns.length < 2) return undefined;
  return def.rules.some((rule) => rule.kind === 'row-sum' && rule.total === last.key) ? last : undefined;
}

/** The columns a list of `count` values fills, in order; undefined when the count fits neither form. */
export function listColumns(
  def: TableDef,
  columns: readonly ColumnDef[],
  count: number,
): readonly ColumnDef[] | undefined {
  if (count === columns.length) return columns;
  if (count === columns.length - 1 && optionalTotal(def, columns)) return columns.slice(0, -1);
  return undefined;
}

/** The wrong-length error of a row list: how many values it has, and which columns, in order. */
export function listLengthProblem(
  def: TableDef,
  columns: readonly ColumnDef[],
  rowName: string,
  rowKey: string,
  count: number,
): { message: string; hint: string } {
  const total = optionalTotal(def, columns);
  const names = columns.map((c) => c.key).join('、');
  const expected =
    columns.length === 1
      ? `1 个：${names}`
      : `${columns.length} 个${total ? `（或不写${total.key}，${columns.length - 1} 个）` : ''}，依次为${names}`;
  const message = `${rowName}列了 ${count} 个值，应当是 ${expected}`;
  const hint =
    columns.length === 1
      ? `这一行只有一列，直接写数字，例如“${rowKey}: 0”`
      : `每列一个值，按上面的顺序写；空着的格写 ~，没有的写 0${total ? `；${total.key}不写则自动计算` : ''}`;
  return { message, hint };
}
