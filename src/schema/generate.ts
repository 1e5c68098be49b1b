/**
 * The JSON Schema of the front matter, generated from the field and table definitions (never
 * written by hand), so that an editor with a YAML language server completes keys and flags
 * mistakes while the clerk types. Draft-07, which the VS Code YAML extension reads.
 */
import { TO_FILL } from '../model/cells.js';
import { type FieldDef, FRONT_MATTER_FIELDS, TABLE_OPTION_KEYS } from '../model/fields.js';
import { optionalTotal } from '../model/row-list.js';
import { TABLE_IDS, TABLES } from '../tables/definitions.js';
import type { CellKind, ColumnDef, RowDef, TableDef } from '../tables/types.js';

type Schema = Record<string, unknown>;

const WORDS = {
  enum: ['无', '/', '／', '不适用', TO_FILL],
  description: `无：按 0 计，照印“无”；/ 或 不适用：不适用，印“/”；${TO_FILL}：nianbao init 留下的待填格，检查时提醒`,
};

/** The four kinds of cell, defined once and referenced from every cell. */
function cellDefinitions(): Record<CellKind, Schema> {
  const blank = { type: 'null', description: '留空（~），照原表空着，按 0 计' };
  const number: Record<CellKind, Schema> = {
    count: { type: 'integer', minimum: 0, description: '件数，整数' },
    signed: { type: 'integer', description: '本年增/减，可为负数' },
    'amount-wan': { type: 'number', minimum: 0, description: '金额，单位万元，可有小数' },
    'amount-raw': { type: 'number', minimum: 0, description: '采购总金额' },
  };
  const withUnit = { type: 'string', pattern: '^\\d+(\\.\\d+)?\\s*(元|万元)$', description: '带单位的金额，如 552.91万元' };
  return Object.fromEntries(
    (Object.keys(number) as CellKind[]).map((kind) => [kind, { anyOf: [number[kind], blank, WORDS, ...(kind === 'amount-raw' ? [withUnit] : [])] }]),
  ) as unknown as Record<CellKind, Schema>;
}

/**
 * Subschemas many rows share (table 三's 20-odd rows have the same seven columns; each row also
 * has its aliases): defined once under `definitions` and referenced, which keeps the file small
 * enough for an editor's language server and a validator to load quickly.
 */
class SharedSchemas {
  readonly definitions: Record<string, Schema> = {};
  private readonly names = new Map<string, string>();

  ref(schema: Schema): Schema {
    const text = JSON.stringify(schema);
    let name = this.names.get(text);
    if (!name) {
      name = `row-${this.names.size + 1}`;
      this.names.set(text, name);
      this.definitions[name] = schema;
    }
    return { $ref: `#/definitions/${name}` };
  }
}

function cellSchema(kind: CellKind, description: string): Schema {
  return { description, allOf: [{ $ref: `#/definitions/${kind}` }] };
}

/** The row form: the row's values in its column order, the computed total optional (row-list.ts). */
function listSchema(def: TableDef, columns: readonly ColumnDef[]): Schema {
  const total = optionalTotal(def, columns);
  return {
    type: 'array',
    description: `按列的顺序：[${columns.map((c) => c.key).join(', ')}]${total ? `（${total.key}可以不写）` : ''}`,
    items: columns.map((c) => cellSchema(c.kind, c.label ?? c.key)),
    minItems: total ? columns.length - 1 : columns.length,
    maxItems: columns.length,
  };
}

function rowSchema(row: RowDef, columns: ColumnDef[], lists: Schema[], shared: SharedSchemas, single?: ColumnDef): Schema {
  const properties: Record<string, Schema> = {};
  for (const column of columns) {
    properties[column.key] = cellSchema(column.kind, column.label ?? column.key);
    for (const alias of column.aliases ?? []) properties[alias] = cellSchema(column.kind, `${column.label ?? column.key}（别名）`);
  }
  const object: Schema = { type: ['object', 'null'], properties, additionalProperties: false };
  const description = row.labels.join(' › ');
  // A row with one column in some layout may be written as the number itself.
  const only = single ?? (columns.length === 1 ? columns[0] : undefined);
  return { description, anyOf: [...(only ? [cellSchema(only.kind, only.label ?? only.key)] : []), shared.ref(object), ...lists.map((l) => shared.ref(l))] };
}

/** Both layouts' rows: the layout in force depends on 年度 and 格式, which the checker resolves. */
function tableSchema(defs: TableDef[], description: string, shared: SharedSchemas): Schema {
  const properties: Record<string, Schema> = {
    [TABLE_OPTION_KEYS.format]: { description: '本表的格式', enum: [2021, 2019, '2021', '2019'] },
    [TABLE_OPTION_KEYS.omitted]: { description: '省略的单元格印 0 还是留空', enum: [0, '0', '空白'] },
  };
  // A row present in both layouts (规章) accepts the columns of either.
  // Each layout's column order is one list form of the row (规章 2021 and 2019 differ in names only).
  const rows = new Map<string, { row: RowDef; columns: Map<string, ColumnDef>; lists: Map<string, Schema>; group?: string; single?: ColumnDef }>();
  for (const def of defs) {
    for (const row of def.rows) {
      const ordered = row.columns.map((c) => def.columns.find((d) => d.key === c)).filter((c): c is ColumnDef => !!c);
      const list = listSchema(def, ordered);
      for (const key of [row.key, ...(row.aliases ?? [])]) {
        const id = `${row.group ?? ''}|${key}`;
        const entry = rows.get(id) ?? { row, columns: new Map<string, ColumnDef>(), lists: new Map<string, Schema>(), ...(row.group ? { group: row.group } : {}) };
        for (const column of ordered) {
          entry.columns.set(column.key, column);
          if (ordered.length === 1) entry.single = column;
        }
        entry.lists.set(JSON.stringify(list), list);
        rows.set(id, entry);
      }
    }
  }
  const groups = new Map<string, Record<string, Schema>>();
  for (const [id, { row, columns, lists, group, single }] of rows) {
    const key = id.split('|')[1] as string;
    const schema = rowSchema(row, [...columns.values()], [...lists.values()], shared, single);
    if (!group) properties[key] = schema;
    else groups.set(group, { ...(groups.get(group) ?? {}), [key]: schema });
  }
  for (const def of defs) {
    for (const group of def.groups) {
      const members = groups.get(group.key);
      if (!members) continue;
      for (const key of [group.key, ...(group.aliases ?? [])]) {
        const groupSchema = { description: `${group.key}的各小项`, type: ['object', 'null'], properties: members, additionalProperties: false };
        // （六）其他处理 is a group in 2021 and a single row in 2019.
        const asRow = properties[key];
        properties[key] = asRow && !('properties' in asRow && asRow.properties === members) ? { anyOf: [asRow, groupSchema] } : groupSchema;
      }
    }
  }
  return { description, type: ['object', 'null'], properties, additionalProperties: false };
}

function fieldSchema(field: FieldDef, shared: SharedSchemas): Schema {
  const description = field.description;
  switch (field.type) {
    case 'year':
      return { description, type: 'integer', minimum: 2008, maximum: 2100 };
    case 'text':
      return { description, type: 'string', minLength: 1 };
    case 'date':
      return { description, type: 'string', pattern: '^\\d{4}(年\\d{1,2}月\\d{1,2}日|[-/.]\\d{1,2}[-/.]\\d{1,2})$' };
    case 'text-list':
      return { description, anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] };
    case 'format':
      return { description, enum: [2021, 2019, '2021', '2019'] };
    case 'section': {
      const children = field.children ?? [];
      return {
        description,
        type: 'object',
        properties: Object.fromEntries(children.map((c) => [c.key, fieldSchema(c, shared)])),
        required: children.filter((c) => c.required).map((c) => c.key),
        additionalProperties: false,
      };
    }
    case 'table': {
      const id = TABLE_IDS.find((t) => TABLES[t][2021].key === field.key);
      return id ? tableSchema([TABLES[id][2021], TABLES[id][2019]], description, shared) : {};
    }
  }
}

export function frontMatterSchema(): Schema {
  const shared = new SharedSchemas();
  const properties = Object.fromEntries(FRONT_MATTER_FIELDS.map((f) => [f.key, fieldSchema(f, shared)]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://nianbao.invalid/nianbao.schema.json',
    title: '政府信息公开工作年度报告（nianbao 源文件的前置数据）',
    description: '年度、机关、版头、版记和三张统计表。表的每一行写成按列的一组键值，或按列顺序的列表；省略的单元格按 0 计；总计可以省略，会自动计算。',
    type: 'object',
    definitions: { ...cellDefinitions(), ...shared.definitions },
    properties,
    required: FRONT_MATTER_FIELDS.filter((f) => f.required).map((f) => f.key),
    additionalProperties: false,
  };
}
