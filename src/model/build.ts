/**
 * Stage 2: ParsedSource → Report. Walks the front matter against the field and table definitions,
 * reporting every shape problem with its position, and splits the narrative into its six parts.
 * Pure: no file access.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/types.js';
import type { ParsedSource } from '../source/types.js';
import { defaultFormat, TABLE_IDS, TABLES, tableDef } from '../tables/definitions.js';
import { type Format, FORMATS, type TableId } from '../tables/types.js';
import { formatDate, readDate } from './dates.js';
import { type FieldDef, FRONT_MATTER_FIELDS, LIST_MAX_ITEMS, TEXT_MAX_LENGTH } from './fields.js';
import { buildNarrative } from './narrative.js';
import { readFormat, readTable } from './read-table.js';
import type { Colophon, DateValue, Located, MetadataText, RedHeader, Report, TableData } from './types.js';
import { yamlPosition } from '../source/types.js';
import { describeNode, keyText, pairsOf, scalarSource, Walker } from './walker.js';

/** The template a source uses when it names none (`模板:`). */
export const DEFAULT_TEMPLATE = '年度报告';

export interface BuildResult {
  /** Undefined when the front matter is missing or unusable. */
  readonly report: Report | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

type Values = Map<string, { pair: Pair; field: FieldDef }>;

/** Every row or group key of either layout → its table's key, for "write it under 依申请公开". */
const TABLE_ROW_KEYS = new Map<string, string>(
  TABLE_IDS.flatMap((id) =>
    FORMATS.flatMap((format) => tableDef(id, format).rows.map((row) => [row.group ?? row.key, tableDef(id, format).key] as [string, string])),
  ),
);

/** Matches a mapping's keys against field definitions; unknown keys get a did-you-mean. */
function collect(walker: Walker, map: YAMLMap, fields: readonly FieldDef[], where: string): Values {
  const values: Values = new Map();
  for (const pair of pairsOf(map)) {
    const key = keyText(pair);
    const field = fields.find((f) => f.key === key);
    if (field) {
      values.set(key, { pair, field });
      continue;
    }
    const table = where === '前置数据' ? TABLE_ROW_KEYS.get(key) : undefined;
    walker.unknownKey(
      pair,
      where,
      fields.map((f) => f.key),
      table ? `“${key}”是统计表“${table}”里的一行：请缩进写在“${table}:”下面` : undefined,
    );
  }
  return values;
}

function text(walker: Walker, values: Values, key: string): Located<string> | undefined {
  const entry = values.get(key);
  if (!entry) return undefined;
  const node = entry.pair.value as Node | null;
  const position = walker.valuePosition(entry.pair);
  if (
    isScalar(node) &&
    node.value !== null &&
    typeof node.value !== 'object' &&
    typeof node.value !== 'boolean'
  ) {
    const value = String(node.value).trim();
    const limit = entry.field.maxLength ?? TEXT_MAX_LENGTH;
    if (value && [...value].length > limit) {
      walker.error(
        position,
        'text-too-long',
        `“${key}”有 ${[...value].length} 个字符，超过了 ${limit} 个字符的上限`,
        `“${key}”只写${entry.field.description.split('，')[0]}；正文写在前置数据后面`,
      );
      return undefined;
    }
    if (value) return { value, position };
  }
  if (isScalar(node) && (node.value === null || String(node.value).trim() === '')) {
    walker.error(
      position,
      'empty-value',
      `“${key}”没有填写`,
      `在“${key}: ”后面写上内容，或删去这一行`,
    );
    return undefined;
  }
  walker.wrongType(
    node,
    position,
    `“${key}”`,
    '一段文字',
    `写成“${key}: ${entry.field.description.split('，')[0]}”`,
  );
  return undefined;
}

function textList(walker: Walker, values: Values, key: string): string[] {
  const entry = values.get(key);
  if (!entry) return [];
  const node = entry.pair.value as Node | null;
  if (isSeq(node)) {
    const items: string[] = [];
    if (node.items.length > LIST_MAX_ITEMS) {
      walker.error(
        walker.valuePosition(entry.pair),
        'text-too-long',
        `“${key}”有 ${node.items.length} 项，超过了 ${LIST_MAX_ITEMS} 项的上限`,
        `请核对“${key}”`,
      );
      return [];
    }
    for (const item of node.items as (Node | null)[]) {
      const length = isScalar(item) ? [...String(item.value ?? '')].length : 0;
      if (length > TEXT_MAX_LENGTH)
        walker.error(
          walker.position(item),
          'text-too-long',
          `“${key}”的一项有 ${length} 个字符，超过了 ${TEXT_MAX_LENGTH} 个字符的上限`,
          `“${key}”每项只写一个名称`,
        );
      else if (isScalar(item) && item.value !== null && typeof item.value !== 'object')
        items.push(String(item.value).trim());
      else
        walker.wrongType(
          item,
          walker.position(item),
          `“${key}”的一项`,
          '一段文字',
          `写成“${key}: [甲, 乙]”`,
        );
    }
    return items.filter(Boolean);
  }
  const single = text(walker, values, key);
  // 抄送：本镇书记、镇长 — a list typed as one line with 顿号 or commas.
  return single ? single.value.split(/[、，,]\s*/).filter(Boolean) : [];
}

function date(walker: Walker, values: Values, key: string): DateValue | undefined {
  const entry = values.get(key);
  if (!entry) return undefined;
  const node = entry.pair.value as Node | null;
  const position = walker.valuePosition(entry.pair);
  const typed = scalarSource(node);
  // `!!timestamp 2022-01-21` is a date as well: read it as typed.
  const value = isScalar(node) && node.value instanceof Date ? typed : isScalar(node) ? node.value : undefined;
  if (typeof value !== 'string') {
    walker.error(
      position,
      'bad-date',
      `“${key}”应当是日期，这里是${isScalar(node) && node.value !== null ? `“${typed}”` : describeNode(node)}`,
      '写成“2022年2月21日”或“2022-02-21”',
    );
    return undefined;
  }
  const reading = readDate(value);
  if (!reading.ok) {
    walker.error(position, 'bad-date', `“${key}”：${reading.message}`, reading.hint);
    return undefined;
  }
  if (reading.padded) {
    walker.report(
      'warning',
      position,
      'date-padded',
      `“${key}”“${typed}”的月或日前面多了 0`,
      `公文日期不编虚位（GB/T 9704）：写成“${formatDate(reading)}”`,
    );
  }
  return { year: reading.year, month: reading.month, day: reading.day, text: typed, position };
}

/** A text as read, with the place of its first character when the file holds it as is. */
function metadataText(walker: Walker, values: Values, key: string, name: string, located: Located<string>): MetadataText {
  const node = values.get(key)?.pair.value as Node | null | undefined;
  const range = isScalar(node) ? node.range : undefined;
  const written = range ? walker.frontMatter.text.slice(range[0], range[1]) : '';
  const quoted = [`"${located.value}"`, `'${located.value}'`].includes(written);
  if (range && (written === located.value || quoted) && !located.value.includes('\n')) {
    return { key: name, value: located.value, position: yamlPosition(walker.frontMatter, range[0] + (quoted ? 1 : 0)), verbatim: true };
  }
  return { key: name, value: located.value, position: located.position, verbatim: false };
}

function section(walker: Walker, values: Values, key: string): Values | undefined {
  const entry = values.get(key);
  if (!entry) return undefined;
  const node = entry.pair.value as Node | null;
  if (!isMap(node)) {
    walker.wrongType(
      node,
      walker.valuePosition(entry.pair),
      `“${key}”`,
      '一组键值',
      `在“${key}:”下面缩进写：${entry.field.children?.map((c) => c.key).join('、')}`,
    );
    return undefined;
  }
  const children = entry.field.children ?? [];
  const childValues = collect(walker, node, children, `“${key}”`);
  for (const child of children) {
    if (child.required && !childValues.has(child.key)) {
      walker.error(
        walker.position(entry.pair.key as Node),
        'missing-key',
        `“${key}”缺少“${child.key}”`,
        `在“${key}:”下面加一行“  ${child.key}: …”（${child.description}）`,
      );
    }
  }
  return childValues;
}

export function buildReport(parsed: ParsedSource): BuildResult {
  const { file, frontMatter } = parsed;
  const fatal = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!frontMatter || fatal.length > 0) {
    return { report: undefined, diagnostics: parsed.diagnostics };
  }
  const walker = new Walker(file, frontMatter);
  const root = frontMatter.document.contents as Node | null;
  if (!isMap(root)) {
    walker.wrongType(
      root,
      walker.position(root),
      '前置数据',
      '“键: 值”的列表',
      '每行写“键: 值”，例如“年度: 2021”',
    );
    return { report: undefined, diagnostics: walker.diagnostics };
  }
  const values = collect(walker, root, FRONT_MATTER_FIELDS, '前置数据');
  // The texts a reader sees, kept with their places for the checks of their wording.
  const metadataTexts: MetadataText[] = [];
  const wording = (within: Values, key: string, name = key): Located<string> | undefined => {
    const located = text(walker, within, key);
    if (located) metadataTexts.push(metadataText(walker, within, key, name, located));
    return located;
  };
  const top: Position = { line: frontMatter.startLine - 1, column: 1 };
  for (const field of FRONT_MATTER_FIELDS) {
    if (field.required && !values.has(field.key)) {
      walker.error(
        top,
        'missing-key',
        `前置数据缺少“${field.key}”`,
        `加一行“${field.key}: …”（${field.description}）`,
      );
    }
  }

  let year: number | undefined;
  const yearEntry = values.get('年度');
  if (yearEntry) {
    const node = yearEntry.pair.value as Node | null;
    const raw = isScalar(node) ? node.value : undefined;
    const value = typeof raw === 'string' ? Number(raw.replace(/年$/, '')) : raw;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 2008 && value <= 2100)
      year = value;
    else
      walker.error(
        walker.valuePosition(yearEntry.pair),
        'bad-year',
        `年度应当是 2008 年以后的四位年份，这里是${isScalar(node) && node.value !== null ? `“${scalarSource(node)}”` : describeNode(node)}`,
        '写成“年度: 2021”',
      );
  }
  const agency = wording(values, '机关');
  const formatEntry = values.get('格式');
  const chosenFormat = formatEntry
    ? readFormat(
        walker,
        formatEntry.pair.value as Node | null,
        walker.valuePosition(formatEntry.pair),
      )
    : undefined;
  const format: Format = chosenFormat ?? defaultFormat(year ?? 2021);

  const headerValues = section(walker, values, '版头');
  let redHeader: RedHeader | undefined;
  if (headerValues) {
    const issuerMark = wording(headerValues, '发文机关标志', '版头.发文机关标志');
    const documentNumber = text(walker, headerValues, '发文字号');
    redHeader = issuerMark
      ? {
          issuerMark: issuerMark.value,
          signers: textList(walker, headerValues, '签发人'),
          ...(documentNumber ? { documentNumber } : {}),
        }
      : undefined;
  }
  const colophonValues = section(walker, values, '版记');
  let colophon: Colophon | undefined;
  if (colophonValues) {
    const printer = wording(colophonValues, '印发机关', '版记.印发机关')?.value;
    const printDate = date(walker, colophonValues, '印发日期');
    colophon = {
      copyTo: textList(walker, colophonValues, '抄送'),
      ...(printer ? { printer } : {}),
      ...(printDate ? { printDate } : {}),
    };
  }
  const fontValues = section(walker, values, '字体');
  const fonts: Record<string, string> = {};
  for (const [role] of fontValues ?? []) {
    const chosen = fontValues ? text(walker, fontValues, role) : undefined;
    if (chosen) fonts[role] = chosen.value;
  }

  const issuerKind = text(walker, values, '报告主体');
  const recipient = wording(values, '主送机关')?.value;
  const signature = wording(values, '署名')?.value;
  const reportDate = date(walker, values, '成文日期');
  const publicationDate = date(walker, values, '发布日期');
  const customTitle = wording(values, '标题')?.value;
  const template = text(walker, values, '模板')?.value ?? DEFAULT_TEMPLATE;

  const tables = Object.fromEntries(
    TABLE_IDS.map((id) => [
      id,
      readTable(walker, id, values.get(TABLES[id][format].key)?.pair, format),
    ]),
  ) as Record<TableId, TableData>;

  const { narrative, diagnostics: narrativeDiagnostics } = buildNarrative(file, parsed.body);
  const keyPositions = new Map<string, Position>();
  for (const [key, entry] of values) keyPositions.set(key, walker.position(entry.pair.key as Node));
  keyPositions.set('', top);

  const diagnostics = [...parsed.diagnostics, ...walker.diagnostics, ...narrativeDiagnostics];
  if (year === undefined || !agency) return { report: undefined, diagnostics };

  const title = customTitle ?? `${agency.value}${year}年政府信息公开工作年度报告`;
  const report: Report = {
    file,
    year,
    agency: agency.value,
    title,
    format,
    template,
    fonts,
    tables,
    narrative,
    keyPositions,
    metadataTexts,
    ...(redHeader ? { redHeader } : {}),
    ...(issuerKind ? { issuerKind } : {}),
    ...(recipient ? { recipient } : {}),
    ...(signature ? { signature } : {}),
    ...(reportDate ? { date: reportDate } : {}),
    ...(publicationDate ? { publicationDate } : {}),
    ...(colophon ? { colophon } : {}),
  };
  return { report, diagnostics };
}
