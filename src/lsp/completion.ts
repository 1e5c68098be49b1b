/**
 * Completion in the front matter: keys at every level (metadata, table rows, sub-rows, columns)
 * in block maps, flow `{ }` maps and list rows, and the values where there is a choice. Where the
 * cursor is comes from the text itself (indentation and the brackets before the cursor), so that
 * half-typed YAML completes too; what may go there comes from the definitions.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  MarkupKind,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { ISSUER_KINDS } from '../model/issuer.js';
import { type FieldDef, FRONT_MATTER_FIELDS, TABLE_OPTION_KEYS } from '../model/fields.js';
import { optionalTotal } from '../model/row-list.js';
import { defaultFormat, TABLE_IDS, TABLES, tableDef } from '../tables/definitions.js';
import { type ColumnDef, type Format, FORMATS, type RowDef, type TableDef } from '../tables/types.js';
import type { Analysis } from './analysis.js';
import { CELL_WORDS, columnDescription, columnLabel, columnsOf, partHeading, rowDescription, rowLabel } from './describe.js';
import { indentOf, keyOfLine } from './text.js';

/** Where the cursor is, in YAML terms. */
export interface CursorContext {
  /** Keys from the top of the front matter down to the collection the cursor is in. */
  readonly path: readonly string[];
  /** A key being typed, the value of `key`, or the `index`th item of a list. */
  readonly slot: 'key' | 'value' | 'item';
  readonly key?: string;
  readonly index?: number;
  /** The text typed so far of the token at the cursor, and where it starts. */
  readonly prefix: string;
  readonly start: number;
  /** Keys already written beside the one being typed. */
  readonly siblings: ReadonlySet<string>;
  /** Whether the cursor is inside `{ }` or `[ ]`. */
  readonly flow: boolean;
}

interface Frame {
  kind: 'map' | 'seq';
  path: string[];
  key?: string;
  index: number;
  keys: string[];
}

const isBlank = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/** The block keys above a line, each less indented than the last; and the keys beside it. */
function blockContext(lines: readonly string[], first: number, line: number, indent: number, item: boolean) {
  const path: string[] = [];
  let level = indent;
  let parentLine = first - 1;
  let itemIndex = 0;
  for (let l = line - 1; l >= first && (indent > 0 || item); l--) {
    const text = lines[l] ?? '';
    if (isBlank(text)) continue;
    const own = indentOf(text);
    const content = text.slice(own);
    // An item of a block list may sit at its key's indentation (`本年新收:` then `- 5` below it).
    const firstParent = path.length === 0 && item;
    if (firstParent && own === indent && content.startsWith('-')) {
      itemIndex++;
      continue;
    }
    if (!(own < level || (firstParent && own === level))) continue;
    const entry = keyOfLine(content.replace(/^-\s+/, ''));
    if (!entry) break;
    if (path.length === 0) parentLine = l;
    path.unshift(entry.key);
    level = own;
    if (own === 0) break;
  }
  // Keys at this level under the same parent, above and below (not the line itself).
  const siblings = new Set<string>();
  for (let l = parentLine + 1; l < lines.length; l++) {
    const text = lines[l] ?? '';
    if (/^(---|\.\.\.)\s*$/.test(text)) break;
    if (isBlank(text) || l === line) continue;
    const own = indentOf(text);
    if (own < indent && l > line) break;
    if (own !== indent) continue;
    const entry = keyOfLine(text.slice(own));
    if (entry) siblings.add(entry.key);
  }
  return { path, itemIndex, siblings };
}

/** Reads the cursor's place from the lines of the front matter; undefined in a comment or outside. */
export function cursorContext(lines: readonly string[], first: number, end: number, at: Position): CursorContext | undefined {
  if (at.line < first || at.line >= end) return undefined;
  const text = lines[at.line] ?? '';
  const before = text.slice(0, at.character);
  const indent = indentOf(before.trim() === '' ? before : text);
  let rest = before.slice(Math.min(indent, before.length));
  const item = /^-(\s|$)/.test(rest);
  const block = blockContext(lines, first, at.line, indent, item);
  let offset = Math.min(indent, before.length);
  const stack: Frame[] = [];
  if (item) {
    const marker = /^-\s*/.exec(rest)?.[0] ?? '-';
    offset += marker.length;
    rest = rest.slice(marker.length);
    stack.push({ kind: 'seq', path: block.path, index: block.itemIndex, keys: [] });
  } else stack.push({ kind: 'map', path: block.path, index: 0, keys: [...block.siblings] });
  let token = '';
  let start = offset;
  let quote: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i] as string;
    const top = stack.at(-1) as Frame;
    if (quote) {
      if (ch === quote) quote = undefined;
      token += ch;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(rest[i - 1] ?? ''))) return undefined;
    if ((ch === '"' || ch === "'") && token.trim() === '') {
      quote = ch;
      token = ch;
      start = offset + i;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const path = top.kind === 'map' && top.key !== undefined ? [...top.path, top.key] : top.path;
      stack.push({ kind: ch === '{' ? 'map' : 'seq', path, index: 0, keys: [] });
      token = '';
      continue;
    }
    if ((ch === '}' || ch === ']') && stack.length > 1) {
      stack.pop();
      token = '';
      continue;
    }
    if (ch === ',' && stack.length > 1) {
      if (top.kind === 'map') top.key = undefined;
      else top.index++;
      token = '';
      continue;
    }
    if ((ch === ':' || ch === '：') && top.kind === 'map' && top.key === undefined && /^(\s|$|[{[])/.test(rest[i + 1] ?? '')) {
      top.key = token.trim();
      top.keys.push(top.key);
      token = '';
      continue;
    }
    if (token === '' && /\s/.test(ch)) continue;
    if (token === '') start = offset + i;
    token += ch;
  }
  if (token === '') start = at.character;
  const top = stack.at(-1) as Frame;
  const flow = stack.length > 1;
  const siblings = new Set(top.keys.filter((k) => k !== top.key));
  const common = { path: top.path, prefix: token, start, siblings, flow };
  if (top.kind === 'seq') return { ...common, slot: 'item', index: top.index };
  if (top.key !== undefined) return { ...common, slot: 'value', key: top.key };
  return { ...common, slot: 'key' };
}

const matches = (key: string, names: { key: string; aliases?: readonly string[] }) =>
  names.key === key || (names.aliases?.includes(key) ?? false);

/** The layout of a table as the source sets it: the table's 格式, else the report's, else by 年度. */
function formatOf(analysis: Analysis, tableKey: string): Format {
  const { lines, frontMatter } = analysis;
  if (!frontMatter) return 2021;
  let reportFormat: Format | undefined;
  let year: number | undefined;
  let tableFormat: Format | undefined;
  let inTable = false;
  for (let l = frontMatter.start; l < frontMatter.end; l++) {
    const text = lines[l] ?? '';
    if (isBlank(text)) continue;
    const own = indentOf(text);
    const entry = keyOfLine(text.slice(own));
    if (own === 0) {
      inTable = entry?.key === tableKey;
      if (entry?.key === TABLE_OPTION_KEYS.format && /^(2019|2021)$/.test(entry.value)) reportFormat = Number(entry.value) as Format;
      if (entry?.key === '年度' && /^\d{4}$/.test(entry.value)) year = Number(entry.value);
    } else if (inTable && entry?.key === TABLE_OPTION_KEYS.format && /^(2019|2021)$/.test(entry.value)) {
      tableFormat = Number(entry.value) as Format;
    }
  }
  return tableFormat ?? reportFormat ?? defaultFormat(year ?? 2021);
}

interface Offer {
  readonly text: string;
  readonly detail: string;
  readonly documentation: string;
  readonly kind: CompletionItemKind;
  /** A key whose value is a block of its own (a table, a group, 版头): no space after the colon. */
  readonly block?: boolean;
}

function fieldOffers(fields: readonly FieldDef[]): Offer[] {
  return fields.map((field) => {
    const table = TABLE_IDS.map((id) => TABLES[id][2021]).find((t) => t.key === field.key && field.type === 'table');
    return {
      text: field.key,
      detail: table ? `${partHeading(table.part)}的统计表` : field.required ? `${field.key}（必填）` : field.key,
      documentation: field.description,
      kind: field.type === 'section' || field.type === 'table' ? CompletionItemKind.Module : CompletionItemKind.Property,
      block: field.type === 'section' || field.type === 'table',
    };
  });
}

function columnOffers(def: TableDef, row: RowDef): Offer[] {
  return columnsOf(def, row).map((column) => ({
    text: column.key,
    detail: columnLabel(column),
    documentation: columnDescription(def, row, column),
    kind: CompletionItemKind.Field,
  }));
}

function cellOffers(def: TableDef, row: RowDef, column: ColumnDef | undefined): Offer[] {
  const where = column ? `“${rowLabel(row)}”行的“${columnLabel(column)}”` : `“${rowLabel(row)}”`;
  return CELL_WORDS.map((word) => ({
    text: word.text,
    detail: column ? `${columnLabel(column)}：${word.description.split('：')[0]}` : word.description.split('：')[0] ?? word.text,
    documentation: `${where}：${word.description}${column ? `。${columnDescription(def, row, column)}` : ''}`,
    kind: CompletionItemKind.Value,
  }));
}

function choiceOffers(choices: readonly string[], detail: string, documentation: string): Offer[] {
  return choices.map((text) => ({ text, detail, documentation, kind: CompletionItemKind.EnumMember }));
}

const FORMATS_LIST = FORMATS.map(String);
const FORMAT_DOC = '统计表格式：2021（国办公开办函〔2021〕30号）或 2019（国办公开办函〔2019〕60号）';

/** The offers at a place of the front matter. */
function offersAt(analysis: Analysis, context: CursorContext): Offer[] {
  const [first, second, third] = context.path;
  if (first === undefined) {
    if (context.slot === 'key') return fieldOffers(FRONT_MATTER_FIELDS);
    if (context.slot === 'value' && context.key === TABLE_OPTION_KEYS.format) return choiceOffers(FORMATS_LIST, '格式', FORMAT_DOC);
    if (context.slot === 'value' && context.key === '报告主体') {
      const field = FRONT_MATTER_FIELDS.find((f) => f.key === '报告主体');
      return choiceOffers(ISSUER_KINDS, '报告主体', field?.description ?? '');
    }
    return [];
  }
  const section = FRONT_MATTER_FIELDS.find((f) => f.key === first && f.type === 'section');
  if (section) return context.path.length === 1 && context.slot === 'key' ? fieldOffers(section.children ?? []) : [];
  const id = TABLE_IDS.find((t) => TABLES[t][2021].key === first);
  if (!id) return [];
  const def = tableDef(id, formatOf(analysis, first));
  const top = def.rows.filter((r) => !r.group);
  if (second === undefined) {
    if (context.slot !== 'key') return [];
    return [
      ...top.map((row) => ({ text: row.key, detail: rowLabel(row), documentation: rowDescription(def, row), kind: CompletionItemKind.Field })),
      ...def.groups.map((group) => {
        const members = def.rows.filter((r) => r.group === group.key);
        return {
          text: group.key,
          detail: members[0]?.labels.slice(0, -1).join(' › ') ?? group.key,
          documentation: `${def.key}表的一组小项，在下面缩进逐项写：${members.map((r) => r.key).join('、')}`,
          kind: CompletionItemKind.Module,
          block: true,
        };
      }),
      { text: TABLE_OPTION_KEYS.format, detail: '本表的格式', documentation: `${FORMAT_DOC}；一份报告混用两种格式时写在表里`, kind: CompletionItemKind.Property },
      { text: TABLE_OPTION_KEYS.omitted, detail: '没写的单元格印什么', documentation: '缺省: 0（默认）没写的单元格印 0；缺省: 空白 没写的单元格印空白（原表只填了部分格时）', kind: CompletionItemKind.Property },
    ];
  }
  const group = def.groups.find((g) => matches(second, g));
  const row = group
    ? third === undefined
      ? undefined
      : def.rows.find((r) => r.group === group.key && matches(third, r))
    : top.find((r) => matches(second, r));
  if (group && third === undefined) {
    if (context.slot === 'key') {
      return def.rows
        .filter((r) => r.group === group.key)
        .map((r) => ({ text: r.key, detail: rowLabel(r), documentation: rowDescription(def, r), kind: CompletionItemKind.Field }));
    }
    if (context.slot === 'value' && context.key !== undefined) {
      const item = def.rows.find((r) => r.group === group.key && matches(context.key as string, r));
      if (item && item.columns.length === 1) return cellOffers(def, item, columnsOf(def, item)[0]);
    }
    return [];
  }
  if (!row || context.path.length > (group ? 3 : 2)) return [];
  const columns = columnsOf(def, row);
  if (context.slot === 'key') return columnOffers(def, row);
  if (context.slot === 'value') {
    const column = columns.find((c) => matches(context.key ?? '', c));
    return column ? cellOffers(def, row, column) : [];
  }
  const column = columns[context.index ?? 0];
  if (!column) return [];
  const offers = cellOffers(def, row, column);
  return optionalTotal(def, columns)?.key === column.key
    ? offers.map((o) => ({ ...o, documentation: `${o.documentation}。这是最后一列，可以不写（去掉这一项），自动计算` }))
    : offers;
}

/** Values at the table level: 格式, 缺省, and a one-column row's cell. */
function tableValueOffers(analysis: Analysis, context: CursorContext): Offer[] {
  const [first] = context.path;
  const id = TABLE_IDS.find((t) => TABLES[t][2021].key === first);
  if (!id || context.path.length !== 1 || context.slot !== 'value' || context.key === undefined) return [];
  if (context.key === TABLE_OPTION_KEYS.format) return choiceOffers(FORMATS_LIST, '本表的格式', FORMAT_DOC);
  if (context.key === TABLE_OPTION_KEYS.omitted) return choiceOffers(['0', '空白'], '缺省', '没写的单元格印 0（默认）或空白');
  const def = tableDef(id, formatOf(analysis, first as string));
  const row = def.rows.find((r) => !r.group && matches(context.key as string, r));
  return row && row.columns.length === 1 ? cellOffers(def, row, columnsOf(def, row)[0]) : [];
}

export function completions(analysis: Analysis, at: Position): CompletionList | null {
  const frontMatter = analysis.frontMatter;
  if (!frontMatter) return null;
  const context = cursorContext(analysis.lines, frontMatter.start, frontMatter.end, at);
  if (!context) return null;
  const offers = [...offersAt(analysis, context), ...tableValueOffers(analysis, context)];
  const line = analysis.lines[at.line] ?? '';
  // Editing a key that is already followed by its colon: replace the key only.
  const after = context.prefix === '' ? '' : (/^[^\s:：,{}[\]#]*/.exec(line.slice(at.character))?.[0] ?? '');
  const colonFollows = after !== '' && /^\s*[:：]/.test(line.slice(at.character + after.length));
  const replace: Range = { start: { line: at.line, character: context.start }, end: { line: at.line, character: at.character + (context.slot === 'key' ? after.length : 0) } };
  const items: CompletionItem[] = offers
    .filter((offer) => context.slot !== 'key' || !context.siblings.has(offer.text))
    .map((offer, index) => {
      const insert =
        context.slot === 'key' && !colonFollows ? (offer.block && !context.flow ? `${offer.text}:` : `${offer.text}: `) : offer.text;
      return {
        label: offer.text,
        kind: offer.kind,
        detail: offer.detail,
        documentation: { kind: MarkupKind.PlainText, value: offer.documentation },
        sortText: String(index).padStart(3, '0'),
        filterText: offer.text,
        textEdit: { range: replace, newText: insert },
      };
    });
  return { isIncomplete: false, items };
}
