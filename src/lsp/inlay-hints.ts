/**
 * Inlay hints: after a row whose 总计 is left out, the total the report will print (`→ 总计 6`);
 * after （七）总计 (or, when that row is left out, after the last row of the balance), the balance
 * of the 总计 column (一+二 = 三+四: 12 = 12 ✓), and the columns that do not balance.
 */
import { type InlayHint, InlayHintKind, type Range } from 'vscode-languageserver';
import { cellAt } from '../model/types.js';
import type { Analysis } from './analysis.js';
import { balanceOf, balanceRules, sumOfCell } from './sums.js';

const inRange = (line: number, r: Range) => line >= r.start.line && line <= r.end.line;

export function inlayHints(analysis: Analysis, visible: Range): InlayHint[] {
  const report = analysis.checked.report;
  if (!report) return [];
  const hints: InlayHint[] = [];
  for (const site of analysis.tables) {
    const table = report.tables[site.id];
    if (table.def.format !== site.def.format) continue;
    const rowSums = table.def.rules.filter((rule) => rule.kind === 'row-sum');
    for (const row of site.rows) {
      for (const rule of rowSums) {
        if (rule.kind !== 'row-sum' || !row.row.columns.includes(rule.total)) continue;
        if (cellAt(table, row.row.id, rule.total)?.state !== 'derived') continue;
        const sum = sumOfCell(table, row.row.id, rule.total);
        if (sum?.value === undefined || !inRange(row.range.end.line, visible)) continue;
        hints.push({ position: row.range.end, label: `→ ${rule.total} ${sum.value}`, kind: InlayHintKind.Parameter, paddingLeft: true });
      }
    }
    for (const rule of balanceRules(table)) {
      // After the result total; else after the last row of the rule the source has.
      const rows = site.rows.filter((r) => [...rule.left, ...rule.right].includes(r.row.id));
      const anchor = rows.find((r) => r.row.id === rule.right[0]) ?? rows.at(-1);
      if (!anchor || !inRange(anchor.range.end.line, visible)) continue;
      const rowSum = table.def.rules.find((r) => r.kind === 'row-sum');
      const totalColumn = rowSum?.kind === 'row-sum' ? rowSum.total : table.def.columns.at(-1)?.key;
      if (!totalColumn) continue;
      const balance = balanceOf(table, rule, totalColumn);
      if (balance.holds === undefined) continue;
      const off = table.def.columns
        .filter((c) => c.key !== totalColumn && balanceOf(table, rule, c.key).holds === false)
        .map((c) => c.key);
      const label = `${balance.rule}: ${balance.numbers}${off.length > 0 ? `；不平的列：${off.join('、')}` : ''}`;
      hints.push({ position: anchor.range.end, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: balance.terms });
    }
  }
  return hints;
}
