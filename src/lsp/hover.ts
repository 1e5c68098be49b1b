/**
 * Hover on a row or a cell of a table: its printed label, the rules it takes part in, and what
 * they come to with the report's numbers (总计 = 5 + 1 = 6, 一+二 = 三+四: 12 = 12 ✓).
 */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import { type Cell, cellAt, type TableData } from '../model/types.js';
import type { Analysis } from './analysis.js';
import { columnLabel, columnsOf, partName, rowLabel, ruleText } from './describe.js';
import { siteAt } from './sites.js';
import { balanceOf, balanceRules, sumOfCell } from './sums.js';

const STATE: Readonly<Record<Cell['state'], string>> = {
  written: '',
  omitted: '（没写，按缺省）',
  blank: '（留空）',
  'none-word': '（写的是“无”，按 0 计）',
  'not-applicable': '（不适用，不计入合计）',
  'to-fill': '（待填）',
  derived: '（没写，自动计算）',
};

function shown(cell: Cell | undefined): string {
  if (!cell) return '';
  const display = cell.display === '' ? '空白' : cell.display;
  return `${display}${STATE[cell.state]}`;
}

/** The lines about one cell's rules: as a total, as an addend of a row's or a column's total, in a balance. */
function cellRules(table: TableData, rowId: string, column: string): string[] {
  const { def } = table;
  const lines: string[] = [];
  const own = sumOfCell(table, rowId, column);
  if (own) lines.push(`是合计：${own.text}`);
  for (const rule of def.rules) {
    if (rule.kind === 'row-sum' && rule.addends.includes(column) && def.rows.find((r) => r.id === rowId)?.columns.includes(rule.total)) {
      const sum = sumOfCell(table, rowId, rule.total);
      if (sum) lines.push(`计入本行${rule.total}：${sum.text}`);
    }
    if (rule.kind === 'column-sum' && rule.addends.includes(rowId)) {
      const sum = sumOfCell(table, rule.total, column);
      if (sum) lines.push(`计入本列的合计：${sum.text}`);
    }
    if (rule.kind === 'balance' && [...rule.left, ...rule.right].includes(rowId)) {
      const balance = balanceOf(table, rule, column);
      lines.push(`勾稽关系（${column}列）：${balance.rule}：${balance.numbers}  \n${balance.terms}`);
    }
  }
  return lines;
}

export function hover(analysis: Analysis, at: Position): Hover | null {
  const report = analysis.checked.report;
  if (!report) return null;
  const found = siteAt(analysis.tables, at);
  if (!found) return null;
  const table = report.tables[found.table.id];
  if (table.def.format !== found.table.def.format) return null;
  const { def } = table;
  const { row } = found.row;
  const head = `${partName(def.part)}“${def.key}”表（${def.format} 格式）`;
  const lines: string[] = [];
  if (found.cell) {
    const column = found.cell.column;
    lines.push(`**${rowLabel(row)} › ${columnLabel(column)}**`, head, `值：${shown(cellAt(table, row.id, column.key))}`);
    lines.push(...cellRules(table, row.id, column.key));
  } else {
    lines.push(`**${rowLabel(row)}**`, head);
    const columns = columnsOf(def, row);
    lines.push(columns.map((c) => `${c.key} ${shown(cellAt(table, row.id, c.key))}`).join(' · '));
    const rowSum = def.rules.find((rule) => rule.kind === 'row-sum' && row.columns.includes(rule.total));
    const total = rowSum?.kind === 'row-sum' ? columns.find((c) => c.key === rowSum.total) : undefined;
    if (rowSum && total) {
      const sum = sumOfCell(table, row.id, total.key);
      if (sum) lines.push(`规则：${ruleText(def, rowSum)}  \n本行：${sum.text}`);
    }
    for (const rule of def.rules) {
      const column = total?.key ?? columns[0]?.key ?? '';
      if (rule.kind === 'column-sum' && rule.total === row.id) {
        const sum = sumOfCell(table, row.id, column);
        if (sum) lines.push(`${ruleText(def, rule)}（${column}列）：${sum.text}`);
      }
      if (rule.kind === 'column-sum' && rule.addends.includes(row.id)) lines.push(`计入 ${ruleText(def, rule)}`);
    }
    for (const rule of balanceRules(table)) {
      if (![...rule.left, ...rule.right].includes(row.id)) continue;
      const column = total?.key ?? columns[0]?.key ?? '';
      const balance = balanceOf(table, rule, column);
      lines.push(`勾稽关系（${column}列）：${balance.rule}：${balance.numbers}  \n${balance.terms}`);
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: found.cell?.whole ?? found.row.key };
}
