/**
 * Code actions: the fixes a diagnostic's hint proposes, applied (a did-you-mean, the computed
 * total in place of a wrong one, the wrong total deleted so that it is computed, a missing part
 * heading inserted), and the rewrite of a row into the compact list form (README “Row form”).
 */
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { definingRule } from '../model/derive.js';
import { optionalTotal } from '../model/row-list.js';
import { cellAt } from '../model/types.js';
import { PARTS } from '../tables/definitions.js';
import type { Analysis } from './analysis.js';
import type { DiagnosticData } from './diagnostics.js';
import { columnsOf, rowName } from './describe.js';
import { type CellSite, type RowSite, siteAt, type TableSite } from './sites.js';
import { sumOfCell } from './sums.js';
import { comparePositions } from './text.js';

/** Codes of a written total that disagrees with its parts. */
const WRONG_TOTAL = new Set(['applicant-total', 'review-total', 'result-total', 'total-blank']);

const DID_YOU_MEAN = /是不是“([^”]+)”？/;
/** The corrected number a hint gives for a unit typed into a cell, or full-width digits (src/model/cells.ts). */
const CORRECTED_NUMBER = /(?:单位不写|只写数字|改用半角数字)：([+-]?\d+(?:\.\d+)?)/;
const NUMBER_FIXES = new Set(['unit-in-number', 'full-width-digits']);

function fix(title: string, uri: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: edits } }, ...(preferred ? { isPreferred: true } : {}) };
}

const lineStart = (line: number) => ({ line, character: 0 });

/** The edit that removes a cell from its row, with the comma or line it needs gone too. */
function deleteCell(row: RowSite, cell: CellSite, table: TableSite): TextEdit | undefined {
  const cells = [...row.cells].sort((a, b) => comparePositions(a.whole.start, b.whole.start));
  const index = cells.indexOf(cell);
  const before = cells[index - 1];
  const after = cells[index + 1];
  if (row.form === 'block-map' || row.form === 'block-list') {
    if (row.form === 'block-list' && after) return undefined;
    return { range: { start: lineStart(cell.whole.start.line), end: lineStart(cell.whole.end.line + 1) }, newText: '' };
  }
  if (row.form === 'flow-list') {
    // Only the last value of a list can go, and only where it is the computed total.
    const total = optionalTotal(table.def, columnsOf(table.def, row.row));
    if (after || !before || total?.key !== cell.column.key) return undefined;
  }
  if (row.form !== 'flow-map' && row.form !== 'flow-list') return undefined;
  if (before) return { range: { start: before.whole.end, end: cell.whole.end }, newText: '' };
  if (after) return { range: { start: cell.whole.start, end: after.whole.start }, newText: '' };
  return { range: cell.whole, newText: '' };
}

function totalFixes(analysis: Analysis, uri: string, diagnostic: LspDiagnostic): CodeAction[] {
  const report = analysis.checked.report;
  const found = siteAt(analysis.tables, diagnostic.range.start);
  if (!report || !found?.cell) return [];
  const table = report.tables[found.table.id];
  const { row } = found.row;
  const column = found.cell.column.key;
  if (!definingRule(table.def, row.id, column)) return [];
  const sum = sumOfCell(table, row.id, column);
  if (sum?.value === undefined) return [];
  const name = row.columns.length > 1 && row.key !== '总计' ? `“${rowName(table.def, row.id)}”的${column}` : `${rowName(table.def, row.id)}的“${column}”`;
  const actions = [fix(`把${name}改为 ${sum.value}（各项之和）`, uri, diagnostic, [{ range: found.cell.value, newText: String(sum.value) }], true)];
  const deletion = deleteCell(found.row, found.cell, found.table);
  if (deletion) actions.push(fix(`删去${name}，让它自动计算`, uri, diagnostic, [deletion]));
  return actions;
}

function partHeadingFix(analysis: Analysis, uri: string, diagnostic: LspDiagnostic, data: DiagnosticData): CodeAction[] {
  const part = PARTS.find((p) => data.message.includes(`“${p.number}、${p.title}”`));
  if (!part) return [];
  const { lines } = analysis;
  const line = diagnostic.range.start.line;
  const heading = `# ${part.title}`;
  let edit: TextEdit;
  if (/^\s{0,3}#\s/.test(lines[line] ?? '')) edit = { range: { start: lineStart(line), end: lineStart(line) }, newText: `${heading}\n\n` };
  else {
    const last = lines.length - 1;
    const end = { line: last, character: (lines[last] ?? '').length };
    const gap = (lines[last] ?? '') === '' ? ((lines[last - 1] ?? '') === '' ? '' : '\n') : '\n\n';
    edit = { range: { start: end, end }, newText: `${gap}${heading}\n` };
  }
  return [fix(`插入一级标题“${heading}”`, uri, diagnostic, [edit], true)];
}

/** The row in the list form: each column's value as typed, in the column order; a computed total left off. */
function listForm(analysis: Analysis, site: TableSite, row: RowSite): string | undefined {
  const report = analysis.checked.report;
  const table = report?.tables[site.id];
  if (!table || table.def.format !== site.def.format) return undefined;
  const columns = columnsOf(site.def, row.row);
  const total = optionalTotal(site.def, columns);
  const values: string[] = [];
  for (const column of columns) {
    const cell = row.cells.find((c) => c.column.key === column.key);
    if (cell) {
      values.push(cell.source);
      continue;
    }
    if (column.key === total?.key) continue;
    // A left-out total in the middle of the row (（七）总计's columns) is computed: the list would have to state it.
    if (definingRule(site.def, row.row.id, column.key)) return undefined;
    values.push(cellAt(table, row.row.id, column.key)?.display === '' || site.omittedAsBlank ? '~' : '0');
  }
  return `[${values.join(', ')}]`;
}

function listFormAction(analysis: Analysis, uri: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const site of analysis.tables) {
    for (const row of site.rows) {
      if (row.form !== 'flow-map' && row.form !== 'block-map') continue;
      if (row.commented || row.row.columns.length < 2) continue;
      if (comparePositions(row.range.end, range.start) < 0 || comparePositions(row.range.start, range.end) > 0) continue;
      const list = listForm(analysis, site, row);
      if (!list) continue;
      actions.push({
        title: `把“${rowName(site.def, row.row.id)}”改写为按列顺序的列表`,
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [uri]: [{ range: { start: row.key.end, end: row.range.end }, newText: `: ${list}` }] } },
      });
    }
  }
  return actions;
}

export function codeActions(analysis: Analysis, uri: string, range: Range, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'nianbao') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data) continue;
    const guess = DID_YOU_MEAN.exec(data.hint)?.[1];
    if (guess && (diagnostic.code === 'unknown-key' || diagnostic.code === 'part-unknown')) {
      actions.push(fix(`改为“${guess}”`, uri, diagnostic, [{ range: diagnostic.range, newText: guess }], true));
    }
    const corrected = NUMBER_FIXES.has(String(diagnostic.code)) ? CORRECTED_NUMBER.exec(data.hint)?.[1] : undefined;
    if (corrected !== undefined) actions.push(fix(`改为 ${corrected}`, uri, diagnostic, [{ range: diagnostic.range, newText: corrected }], true));
    if (WRONG_TOTAL.has(String(diagnostic.code))) actions.push(...totalFixes(analysis, uri, diagnostic));
    if (diagnostic.code === 'part-missing') actions.push(...partHeadingFix(analysis, uri, diagnostic, data));
  }
  actions.push(...listFormAction(analysis, uri, range));
  return actions;
}
