/**
 * The JSON Schema of the front matter, generated from the field and table definitions (never
 * written by hand), so that an editor with a YAML language server completes keys and flags
 * mistakes while the clerk types. Draft-07, which the VS Code YAML extension reads.
 */
import { TO_FILL } from '../model/cells.js';
import { ISSUER_ALIASES, ISSUER_KINDS } from '../model/issuer.js';
import { type FieldDef, FRONT_MATTER_FIELDS, TABLE_OPTION_KEYS } from '../model/fields.js';
import { optionalTotal } from '../model/row-list.js';
import { TABLE_IDS, TABLES } from '../tables/definitions.js';
import type { CellKind, ColumnDef, RowDef, TableDef } from '../tables/types.js';

type Schema = Record<string, unknown>;

/**
 * A date that exists, as readDate (src/model/dates.ts) reads it: 2022年2月21日 (spaces allowed
 * around 年月日, 虚位 too: the checker warns about those) or 2022-02-21 (also / or .). A pattern
 * cannot know leap years, so 2月 takes 1–29 in every year; the checker rejects 2月29日 in the
 * others. Each month is listed with the last day it has.
 */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function datePattern(): string {
  const lastDay: Record<number, string> = { 29: '0?[1-9]|[12]\\d', 30: '0?[1-9]|[12]\\d|30', 31: '0?[1-9]|[12]\\d|3[01]' };
  const monthsWith = (days: number) => MONTH_DAYS.flatMap((d, i) => (d === days ? [i + 1 < 10 ? `0?${i + 1}` : `${i + 1}`] : []));
  const monthDay = (between: string, after: string) =>
    `(?:${[31, 30, 29].map((days) => `(?:${monthsWith(days).join('|')})${between}(?:${lastDay[days]})${after}`).join('|')})`;
  return `^\\s*\\d{4}(?:\\s*年\\s*${monthDay('\\s*月\\s*', '\\s*日')}|[-/.]${monthDay('[-/.]', '')})\\s*$`;
}

const DATE_PATTERN = datePattern();

/** The words a cell may hold instead of a number (see the Cells table of the README). */
const WORDS = ['无', '/', '／', '不适用', TO_FILL];

/** A string a cell may hold: one of the words, or (采购总金额 only) an amount with its unit. */
const WITH_UNIT = '\\d+(\\.\\d+)?\\s*(元|万元)';

/**
 * The four kinds of cell, defined once and referenced from every cell. Each is one schema (a
 * type list, a minimum for numbers, a pattern for strings), not an `anyOf` of alternatives:
 * yaml-language-server shows a schema's own `errorMessage` for a wrong type or a pattern that
 * fails, but rewrites the messages of failed alternatives into English ("Incorrect type.
 * Expected …"), so an `anyOf` would lose the Chinese message for `5件` and `1.5`.
 */
function cellDefinitions(): Record<CellKind, Schema> {
  const words = `${WORDS.join('、')}；~ 为空白`;
  const cell = (kind: CellKind, { type, ...limits }: Schema, description: string, errorMessage: string): Schema => ({
    description: `${description}。也可以写 ~（空白，照原表空着，按 0 计）、无（按 0 计，照印“无”）、/ 或 不适用（不适用，印“/”）、${TO_FILL}（nianbao init 留下的待填格）`,
    type: [type, 'null', 'string'],
    ...limits,
    pattern: `^(${WORDS.join('|')}${kind === 'amount-raw' ? `|${WITH_UNIT}` : ''})$`,
    errorMessage,
    examples: [0, '无', '/', TO_FILL],
  });
  return {
    count: cell('count', { type: 'integer', minimum: 0 }, '件数：0 或正整数', `件数应当是 0 或正整数，不带单位（写 5，不写 5件）；或者 ${words}`),
    signed: cell('signed', { type: 'integer' }, '本年增/减：整数，可为负数', `本年增/减应当是整数（可为负数），不带单位；或者 ${words}`),
    'amount-wan': cell('amount-wan', { type: 'number', minimum: 0 }, '金额：单位万元，可有小数', `金额以万元计，只写数字（写 0.5，不写 5000元）；或者 ${words}`),
    'amount-raw': cell('amount-raw', { type: 'number', minimum: 0 }, '采购总金额：数字，或带单位的 552.91万元、438754元', `采购总金额写数字，或带单位的“552.91万元”“438754元”；或者 ${words}`),
  };
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

/**
 * Accepted but not offered: an editor's completion lists only the keys a clerk should type (the
 * short forms), not every spelling the checker forgives. VS Code's JSON language service and
 * yaml-language-server read `doNotSuggest`.
 */
const ALIAS = { doNotSuggest: true } as const;

function rowSchema(row: RowDef, columns: ColumnDef[], lists: Schema[], shared: SharedSchemas, single?: ColumnDef): Schema {
  const properties: Record<string, Schema> = {};
  for (const column of columns) properties[column.key] = cellSchema(column.kind, column.label ?? column.key);
  for (const column of columns) {
    for (const alias of column.aliases ?? []) {
      if (!(alias in properties)) properties[alias] = { ...cellSchema(column.kind, `${column.label ?? column.key}（别名）`), ...ALIAS };
    }
  }
  // Shown by yaml-language-server for an unknown column and for a row of the wrong kind.
  const names = columns.map((c) => c.key).join('、');
  const errorMessage = columns.length === 1 ? `这一行直接写数（或写成 { ${names}: 数 }）` : `这一行写成 { 列名: 数 }（列名：${names}），或按列的顺序写成 [${columns.map((c) => c.key).join(', ')}]`;
  const object: Schema = { type: ['object', 'null'], properties, additionalProperties: false, errorMessage };
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
  // A key that is some layout's own row key is offered; one that is only ever an alias is not.
  const primary = new Set<string>();
  for (const def of defs) {
    for (const row of def.rows) {
      const ordered = row.columns.map((c) => def.columns.find((d) => d.key === c)).filter((c): c is ColumnDef => !!c);
      const list = listSchema(def, ordered);
      primary.add(`${row.group ?? ''}|${row.key}`);
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
    const schema = { ...rowSchema(row, [...columns.values()], [...lists.values()], shared, single), ...(primary.has(id) ? {} : ALIAS) };
    if (!group) properties[key] = schema;
    else groups.set(group, { ...(groups.get(group) ?? {}), [key]: schema });
  }
  for (const def of defs) {
    for (const group of def.groups) {
      const members = groups.get(group.key);
      if (!members) continue;
      for (const key of [group.key, ...(group.aliases ?? [])]) {
        const errorMessage = `“${group.key}”下面写它的各小项：${Object.keys(members).filter((k) => !members[k]?.doNotSuggest).join('、')}`;
        const groupSchema = { description: `${group.key}的各小项`, type: ['object', 'null'], properties: members, additionalProperties: false, errorMessage };
        // （六）其他处理 is a group in 2021 and a single row in 2019.
        const asRow = properties[key];
        const schema = asRow && !('properties' in asRow && asRow.properties === members) ? { anyOf: [asRow, groupSchema] } : groupSchema;
        properties[key] = key === group.key ? schema : { ...schema, ...ALIAS };
      }
    }
  }
  const offered = Object.keys(properties).filter((k) => !properties[k]?.doNotSuggest && !Object.values<string>(TABLE_OPTION_KEYS).includes(k));
  const errorMessage = `“${defs[0]?.key}”表的行只有：${offered.join('、')}（另可写 ${Object.values(TABLE_OPTION_KEYS).join('、')}）`;
  return { description, type: ['object', 'null'], properties, additionalProperties: false, errorMessage };
}

function fieldSchema(field: FieldDef, shared: SharedSchemas): Schema {
  const description = field.description;
  switch (field.type) {
    case 'year':
      return { description, type: 'integer', minimum: 2008, maximum: 2100, errorMessage: `“${field.key}”写四位年份，如 2024` };
    case 'text':
      if (field.key === '报告主体') {
        // The three kinds are offered (examples: what yaml-language-server completes); the other
        // spellings the checker reads are accepted.
        return { description, type: 'string', pattern: `^\\s*(${Object.keys(ISSUER_ALIASES).join('|')})\\s*$`, examples: [...ISSUER_KINDS], errorMessage: `“报告主体”只能是 ${ISSUER_KINDS.join('、')}` };
      }
      return { description, type: 'string', minLength: 1, errorMessage: `“${field.key}”写一段文字` };
    case 'date':
      return { description, type: 'string', pattern: DATE_PATTERN, errorMessage: `“${field.key}”写成“2022年2月21日”或“2022-02-21”，而且是真实的日期（4月没有31日，2月最多29日）` };
    case 'text-list':
      return {
        description,
        type: ['string', 'array'],
        minLength: 1,
        items: { type: 'string', minLength: 1, errorMessage: '每一项写一个名称' },
        errorMessage: `“${field.key}”写一个名称，或者一组：[甲, 乙]，也可以用顿号隔开：甲、乙`,
      };
    case 'format':
      return { description, enum: [2021, 2019, '2021', '2019'], errorMessage: `“${field.key}”只能是 2021 或 2019` };
    case 'section': {
      const children = field.children ?? [];
      return {
        description,
        type: 'object',
        properties: Object.fromEntries(children.map((c) => [c.key, fieldSchema(c, shared)])),
        required: children.filter((c) => c.required).map((c) => c.key),
        additionalProperties: false,
        errorMessage: `“${field.key}”下面只有：${children.map((c) => c.key).join('、')}${children.some((c) => c.required) ? `（${children.filter((c) => c.required).map((c) => c.key).join('、')}必须写）` : ''}`,
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
    // Shown for a key that is not in the format and for a required key left out.
    errorMessage: `前置数据的键只有：${FRONT_MATTER_FIELDS.map((f) => f.key).join('、')}；${FRONT_MATTER_FIELDS.filter((f) => f.required).map((f) => f.key).join('、')}必须写`,
  };
}
