/**
 * What was recognised, written as a nianbao source: the front matter in the order `nianbao init`
 * writes it, each table row in the row form under a comment naming its columns, the narrative
 * under the six `#` parts. Every line remembers where in the original it came from (a row line,
 * each of its values), so that a diagnostic on the source can be said against the original.
 */
import { defaultFormat, PARTS, TABLE_IDS, tableDef } from '../../tables/definitions.js';
import type { RowDef, TableDef } from '../../tables/types.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { OriginalPlace, PublishedDocument, PublishedKind } from '../published.js';
import type { NarrativeOut, Recognised } from './document.js';
import { rowName, TABLE_NAMES, type TableOut } from './tables.js';

export interface Origin extends OriginalPlace {
  /** Where, said for a clerk: 第3页 表三“本年新收”行“自然人”列. */
  readonly where: string;
}

interface LineOrigin {
  readonly origin: Origin;
  /** Per value of a row list: its columns in the line (1-based, from ≤ column < to) and origin. */
  readonly spans?: readonly { readonly from: number; readonly to: number; readonly origin: Origin }[];
}

export interface WrittenSource {
  readonly source: string;
  readonly diagnostics: Diagnostic[];
  readonly origin: (line: number, column?: number) => Origin | undefined;
}

export const KIND_NAMES: Readonly<Record<PublishedKind, string>> = { pdf: 'PDF', html: '网页 HTML', docx: 'Word 文档 DOCX', text: '纯文本' };

/** 第3页 / 第120行: where a place is in the original, by what its reader knows. */
export function placeText(place: OriginalPlace | undefined): string {
  if (!place) return '';
  if (place.page !== undefined) return `第${place.page}页`;
  if (place.line !== undefined) return `第${place.line}行`;
  return '';
}

function originOf(place: OriginalPlace | undefined, what: string): Origin {
  const at = placeText(place);
  return { ...(place ?? {}), where: [at, what].filter(Boolean).join(' ') };
}

/** A YAML scalar: plain when nothing in it means something to YAML, else double-quoted. */
function yamlText(text: string): string {
  return /^[^\s#:,[\]{}&*!|>'"%@`?~-][^#:,[\]{}]*$/u.test(text) && !/\s$/.test(text) && !/^(?:true|false|null|yes|no|on|off|[-+]?\d[\d.e+-]*)$/i.test(text) ? text : JSON.stringify(text);
}

/**
 * Markdown that reads back as the text: block markers at the start and the inline markers that
 * would change it escaped (raw HTML is off, so `<` stays as it is; `_` inside words is no mark).
 */
function markdownText(text: string): string {
  const inline = text.replace(/([\\`*])/g, '\\$1');
  return inline.replace(/^(#|>|[-+=]|\d+[.)](?=\s|$)|`{3}|~{3})/u, (m) => `\\${m}`);
}

class Writer {
  readonly lines: string[] = [];
  readonly origins = new Map<number, LineOrigin>();
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly file: string) {}

  push(line: string, origin?: LineOrigin): number {
    this.lines.push(line);
    if (origin) this.origins.set(this.lines.length, origin);
    return this.lines.length;
  }

  warn(line: number, column: number, code: string, message: string, hint: string): void {
    this.diagnostics.push({ file: this.file, position: { line, column }, severity: 'warning', code, message, hint });
  }
}

function columnsComment(def: TableDef, row: RowDef): string {
  const labels = row.columns.map((key) => def.columns.find((c) => c.key === key)?.label ?? key);
  return `# ${labels.length === 1 ? labels[0] : `各列依次为 [${labels.join(', ')}]`}`;
}

function writeTable(w: Writer, table: TableOut, year: number | undefined): void {
  const def = tableDef(table.id, table.format);
  const name = TABLE_NAMES[table.id];
  const keyLine = w.push(`${def.key}:`, { origin: originOf(table.place, name) });
  if (year === undefined || table.format !== defaultFormat(year)) w.push(`  格式: ${table.format}`, { origin: originOf(table.place, name) });
  const rowLines = new Map<string, { line: number; starts: Map<string, number>; keyColumn: number }>();
  let columns = '';
  let group: string | undefined;
  for (const row of def.rows) {
    const out = table.rows.get(row.id);
    if (!out) continue;
    if (row.columns.join() !== columns) {
      columns = row.columns.join();
      w.push(`  ${columnsComment(def, row)}`);
    }
    if (row.group !== group) {
      group = row.group;
      if (group) w.push(`  ${group}:`);
    }
    const indent = row.group ? '    ' : '  ';
    const head = `${indent}${row.key}: `;
    const values = row.columns.map((c) => out.cells.get(c)?.text ?? '~');
    const starts = new Map<string, number>();
    const spans: { from: number; to: number; origin: Origin }[] = [];
    let text: string;
    const cellWhere = (column: string) => `${name}“${rowName(row)}”行${row.columns.length > 1 || table.id !== 'disclosure' ? `“${def.columns.find((c) => c.key === column)?.label ?? column}”列` : ''}`;
    if (values.length === 1) {
      text = `${head}${values[0]}`;
      const column = row.columns[0] as string;
      starts.set(column, head.length + 1);
      spans.push({ from: head.length + 1, to: text.length + 1, origin: originOf(out.cells.get(column)?.place ?? out.place, cellWhere(column)) });
    } else {
      text = `${head}[`;
      row.columns.forEach((column, index) => {
        if (index > 0) text += ', ';
        const from = text.length + 1;
        text += values[index];
        starts.set(column, from);
        spans.push({ from, to: text.length + 1, origin: originOf(out.cells.get(column)?.place ?? out.place, cellWhere(column)) });
      });
      text += ']';
    }
    const seen = out.seen ? `  # 原文标签“${out.seen.replace(/\s+/g, ' ')}”` : '';
    const line = w.push(`${text}${seen}`, { origin: originOf(out.place ?? table.place, `${name}“${rowName(row)}”行`), spans });
    rowLines.set(row.id, { line, starts, keyColumn: indent.length + 1 });
  }
  for (const note of table.notes) {
    const at = note.row ? rowLines.get(note.row) : undefined;
    const column = at ? (note.column ? (at.starts.get(note.column) ?? at.keyColumn) : at.keyColumn) : 1;
    w.warn(at?.line ?? keyLine, column, note.code, note.message, note.hint);
  }
}

function writeNarrative(w: Writer, blocks: readonly NarrativeOut[], where: string): void {
  let paragraph = 0;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      w.push(`${'#'.repeat(block.level ?? 2)} ${markdownText(block.text)}`, { origin: originOf(block.place, `${where}小标题“${block.text}”`) });
    } else {
      paragraph++;
      w.push(markdownText(block.text), { origin: originOf(block.place, `${where}第${paragraph}段`) });
    }
    w.push('');
  }
}

export function writeSource(document: PublishedDocument, found: Recognised, displayName: string): WrittenSource {
  const w = new Writer(document.file);
  const meta = (key: string, value: { text: string; place: OriginalPlace } | undefined, label = key, indent = '') => {
    if (!value) return undefined;
    return w.push(`${indent}${key}: ${yamlText(value.text)}`, { origin: originOf(value.place, label) });
  };
  w.push('---');
  w.push(`# 由 nianbao import 从“${displayName}”（${KIND_NAMES[document.kind]}）导入，未经人工核对。`);
  w.push('# 表格逐格照原文：空白写 ~，0、/、无照原样，总计照原文（nianbao check 会核对）；');
  w.push('# 无法确定的格子写作 ~，并有 import-uncertain 警告，请对照原文填写。');
  const year = found.year ? Number(found.year.text) : undefined;
  const yearLine = found.year ? w.push(`年度: ${found.year.text}`, { origin: originOf(found.year.place, "年度") }) : w.push("年度: ");
  const agencyLine = found.agency ? meta('机关', found.agency) : w.push('机关: ××');
  meta('标题', found.title);
  if (found.issuerMark || found.documentNumber) {
    w.push('版头:');
    meta('发文机关标志', found.issuerMark, '发文机关标志', '  ');
    meta('发文字号', found.documentNumber, '发文字号', '  ');
  }
  meta('主送机关', found.recipient);
  meta('署名', found.signature);
  meta('成文日期', found.date);
  if (found.published) w.push(`发布日期: ${found.published}  # 网页上的发布时间`);
  if (found.copyTo || found.printer || found.printDate) {
    w.push('版记:');
    if (found.copyTo) w.push(`  抄送: [${found.copyTo.items.map(yamlText).join(', ')}]`, { origin: originOf(found.copyTo.place, '版记“抄送”') });
    meta('印发机关', found.printer, '版记“印发机关”', '  ');
    meta('印发日期', found.printDate, '版记“印发日期”', '  ');
  }
  for (const note of found.notes) {
    const line = note.key === '年度' ? yearLine : note.key === '机关' ? agencyLine : 1;
    w.warn(line ?? 1, 1, note.code, note.message, note.hint);
  }
  for (const id of TABLE_IDS) {
    const table = found.tables[id];
    w.push('');
    if (!table) {
      const line = w.push(`# ${TABLE_NAMES[id]}：原文里没有找到`);
      w.warn(line, 1, 'import-uncertain', `原文里没有找到${TABLE_NAMES[id]}（${tableDef(id, 2021).key}），导入时没有写这张表`, '对照原文：表格若是图片或附件，照原文把它填进来');
      continue;
    }
    writeTable(w, table, year);
  }
  const renamed = found.parts.flatMap((part, index) => {
    const canonical = PARTS[index]?.title;
    return part && canonical && part.heading.text !== canonical ? [`# 原文第${PARTS[index]?.number}部分的标题是“${part.heading.text}”，写为 # ${canonical}`] : [];
  });
  for (const line of renamed) w.push(line);
  w.push('---');
  w.push('');
  writeNarrative(w, found.preamble, '导语');
  found.parts.forEach((part, index) => {
    if (!part) return;
    const def = PARTS[index];
    if (!def) return;
    // Parts 二–四 are the tables: their heading is written only when text stands under it.
    if (index >= 1 && index <= 3 && part.blocks.length === 0) return;
    w.push(`# ${def.title}`, { origin: originOf(part.heading.place, `“${def.number}、${part.heading.text}”`) });
    w.push('');
    writeNarrative(w, part.blocks, `第${def.number}部分`);
  });
  while (w.lines.at(-1) === '') w.lines.pop();
  const source = `${w.lines.join('\n')}\n`;
  const origins = w.origins;
  return {
    source,
    diagnostics: w.diagnostics,
    origin: (line, column) => {
      const entry = origins.get(line);
      if (!entry) return undefined;
      if (column !== undefined && entry.spans) {
        const span = entry.spans.find((s) => column >= s.from && column < s.to) ?? entry.spans.find((s) => column < s.from);
        if (span) return span.origin;
      }
      return entry.origin;
    },
  };
}
