/**
 * A new report source with every key present, generated from the field and table definitions;
 * or next year's, carrying last year's metadata and its 结转下年度继续办理 into 上年结转.
 */
import { cellAt, type Report } from '../model/types.js';
import { defaultFormat, TABLE_IDS, tableDef } from '../tables/definitions.js';
import type { RowDef, TableDef } from '../tables/types.js';
import { NAME_PLACEHOLDER as X, TEXT_PLACEHOLDER } from '../check/placeholders.js';
import { TO_FILL } from '../model/cells.js';

function yamlString(text: string): string {
  return /^[\w\u4e00-\u9fff〔〕（）、]+$/u.test(text) ? text : JSON.stringify(text);
}

/** A row in the row form: its values in the column order; a one-column row is the value itself. */
function rowLine(row: RowDef, values: (column: string) => number | typeof TO_FILL, indent: string): string {
  const cells = row.columns.map(values);
  return `${indent}${row.key}: ${cells.length === 1 ? cells[0] : `[${cells.join(', ')}]`}`;
}

/** The comment naming the columns of the rows below it (table 二 changes them from block to block). */
function columnsComment(def: TableDef, row: RowDef, indent: string): string {
  const labels = row.columns.map((key) => {
    const column = def.columns.find((c) => c.key === key);
    return column?.label ?? key;
  });
  return `${indent}# ${labels.length === 1 ? labels[0] : `各列依次为 [${labels.join(', ')}]`}`;
}

function tableYaml(def: TableDef, values: (row: RowDef, column: string) => number | typeof TO_FILL, note: string): string[] {
  const lines = [`${def.key}:${note ? `  # ${note}` : ''}`];
  let group: string | undefined;
  let columns = '';
  for (const row of def.rows) {
    if (row.columns.join() !== columns) {
      columns = row.columns.join();
      lines.push(columnsComment(def, row, '  '));
    }
    if (row.group !== group) {
      group = row.group;
      if (group) lines.push(`  ${group}:`);
    }
    lines.push(rowLine(row, (c) => values(row, c), row.group ? '    ' : '  '));
  }
  return lines;
}

export interface InitOptions {
  readonly year: number;
  readonly previous?: Report;
}

/**
 * No `# yaml-language-server: $schema=` line: a source is Markdown, which no YAML language server
 * is given (VS Code's YAML extension reads YAML documents only), and a path to the schema inside
 * nianbao's install broke with a space in it, a pnpm store path, or the report moved. Editors get
 * the checks from `nianbao lsp`; YAML tools can map the shipped schema themselves (README).
 */
export function initialSource({ year, previous }: InitOptions): string {
  const format = defaultFormat(year);
  const lines: string[] = ['---'];
  lines.push(`年度: ${year}`);
  lines.push(`机关: ${previous ? yamlString(previous.agency) : `${X}镇人民政府`}`);
  const header = previous?.redHeader;
  if (header || !previous) {
    lines.push('版头:                     # 网页发布的报告删去版头');
    lines.push(`  发文机关标志: ${header ? yamlString(header.issuerMark) : `${X}镇人民政府文件`}`);
    const number = header?.documentNumber?.value.replace(/〔\d{4}〕\d+号$/, `〔${year + 1}〕1号`) ?? `${X}政发〔${year + 1}〕1号`;
    lines.push(`  发文字号: ${yamlString(number)}`);
  }
  if (previous?.recipient || !previous) lines.push(`主送机关: ${previous?.recipient ? yamlString(previous.recipient) : `${X}县人民政府办公室`}`);
  lines.push(`署名: ${previous?.signature ? yamlString(previous.signature) : previous ? yamlString(previous.agency) : `${X}镇人民政府`}`);
  lines.push(`成文日期: ${year + 1}年1月20日`);
  const colophon = previous?.colophon;
  if (colophon || !previous) {
    lines.push('版记:');
    lines.push(`  抄送: [${(colophon?.copyTo ?? [`${X}县人民政府办公室`]).map(yamlString).join(', ')}]`);
    lines.push(`  印发机关: ${yamlString(colophon?.printer ?? previous?.agency ?? `${X}镇人民政府`)}`);
    lines.push(`  印发日期: ${year + 1}年1月20日`);
  }
  lines.push('');
  for (const id of TABLE_IDS) {
    const def = tableDef(id, format);
    // This year's figures start 待填 (not ~, which is a cell published blank): the checker says
    // which are still to fill in.
    const carry = (row: RowDef, column: string): number | typeof TO_FILL => {
      if (!previous || id !== 'application' || row.id !== '上年结转') return TO_FILL;
      return cellAt(previous.tables.application, '结转下年度继续办理', column)?.value ?? 0;
    };
    const note = id === 'application' ? `${TO_FILL} 处填本年的数，没有就写 0；总计列和“总计”行（（七）总计）可以删去，会自动计算` : `${TO_FILL} 处填本年的数，没有就写 0`;
    lines.push(...tableYaml(def, carry, note), '');
  }
  lines.pop();
  lines.push('---', '', '现将本机关' + `${year}年政府信息公开工作年度报告如下。`, '');
  const prose: [string, string][] = [
    ['总体情况', `${year}年，${TEXT_PLACEHOLDER}`],
    ['存在的主要问题及改进情况', TEXT_PLACEHOLDER],
    ['其他需要报告的事项', '本年度未收取信息处理费。'],
  ];
  for (const [heading, text] of prose) lines.push(`# ${heading}`, '', text, '');
  return lines.join('\n');
}
