/** Comparing an imported report with the report it was published from, as a reader compares them. */
import { signatureText } from '../../src/model/display.js';
import { cellAt, type Report } from '../../src/model/types.js';
import { TABLE_IDS } from '../../src/tables/definitions.js';

/** Every printed cell: `表 行 列 → what prints` (the table's layout is part of it). */
export function printedCells(report: Report): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const id of TABLE_IDS) {
    const table = report.tables[id];
    cells[`${id} 格式`] = String(table.def.format);
    for (const row of table.def.rows) {
      for (const column of row.columns) cells[`${id} ${row.id} ${column}`] = cellAt(table, row.id, column)?.display ?? '(none)';
    }
  }
  return cells;
}

/** The metadata a published report shows (机关 is not printed where 标题 and 署名 are given). */
export function printedMetadata(report: Report): Record<string, unknown> {
  return {
    年度: report.year,
    标题: report.title,
    发文机关标志: report.redHeader?.issuerMark,
    发文字号: report.redHeader?.documentNumber?.value,
    主送机关: report.recipient,
    署名: signatureText(report),
    成文日期: report.date ? `${report.date.year}-${report.date.month}-${report.date.day}` : undefined,
    抄送: report.colophon?.copyTo,
    印发机关: report.colophon?.printer,
    印发日期: report.colophon?.printDate ? `${report.colophon.printDate.year}-${report.colophon.printDate.month}-${report.colophon.printDate.day}` : undefined,
  };
}

/** The narrative's characters in order (spaces dropped): preamble, then each part's headings and text. */
export function narrativeCharacters(report: Report): string {
  const blocks = [report.narrative.preamble.blocks, ...report.narrative.parts.map((p) => p?.blocks ?? [])].flat();
  // An autolink <http://…> prints as its address.
  return blocks.map((b) => b.text).join('').replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1').replace(/\s+/g, '');
}

/** Characters of `expected` found in order in `actual` (longest common subsequence), as a share. */
export function inOrderShare(expected: string, actual: string): number {
  const a = [...expected];
  const b = [...actual];
  if (a.length === 0) return 1;
  let previous = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const current = new Uint32Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, current[j - 1] as number);
    }
    previous = current;
  }
  return (previous[b.length] as number) / a.length;
}
