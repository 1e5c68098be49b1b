/** Checks across years: this year's 上年结转 is last year's 结转下年度继续办理, column by column. */
import type { Diagnostic } from '../diagnostics/types.js';
import { cellAt, type Report } from '../model/types.js';

export function checkAgainstPrevious(report: Report, previous: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const table = report.tables.application;
  const last = previous.tables.application;
  if (previous.year !== report.year - 1) {
    diagnostics.push({
      file: report.file,
      position: report.keyPositions.get('年度') ?? table.position,
      severity: 'warning',
      code: 'previous-year',
      message: `用作上一年的报告是 ${previous.year} 年度的，本报告是 ${report.year} 年度`,
      hint: `--previous 应当指向 ${report.year - 1} 年度的报告`,
    });
  }
  for (const column of table.def.columns) {
    const carried = cellAt(table, '上年结转', column.key);
    const forward = cellAt(last, '结转下年度继续办理', column.key);
    if (!carried || !forward || carried.value === forward.value || carried.unread || forward.unread) continue;
    if (carried.state === 'not-applicable' || forward.state === 'not-applicable') continue;
    diagnostics.push({
      file: report.file,
      position: carried.position ?? table.rowPositions.get('上年结转') ?? table.position,
      severity: 'error',
      code: 'carryover-mismatch',
      message: `依申请公开“${column.key}”列：上年结转 ${carried.value}，但 ${previous.year} 年度报告的结转下年度继续办理是 ${forward.value}`,
      hint: `上年结转应等于上一年的结转下年度继续办理（${previous.file}）：请改为 ${forward.value}`,
    });
  }
  // 现行有效件数 continues from year to year (2021 format); amendments can break it, so only warn.
  const disclosure = report.tables.disclosure;
  const lastDisclosure = previous.tables.disclosure;
  if (
    disclosure.def.format === 2021 &&
    lastDisclosure.def.format === 2021 &&
    disclosure.present &&
    lastDisclosure.present
  ) {
    for (const row of disclosure.def.rows.filter((r) => r.columns.includes('现行有效件数'))) {
      const cell = (t: typeof disclosure, c: string) => cellAt(t, row.id, c);
      const before = cell(lastDisclosure, '现行有效件数');
      const issued = cell(disclosure, '本年制发件数');
      const repealed = cell(disclosure, '本年废止件数');
      const now = cell(disclosure, '现行有效件数');
      if (!before || !issued || !repealed || !now || now.state !== 'written') continue;
      if ([before, issued, repealed, now].some((c) => c.unread)) continue;
      const expected = before.value + issued.value - repealed.value;
      if (expected === now.value) continue;
      diagnostics.push({
        file: report.file,
        position: now.position ?? disclosure.position,
        severity: 'warning',
        code: 'in-force-continuity',
        message: `主动公开“${row.key}”现行有效件数 ${now.value}，但上年 ${before.value} + 本年制发 ${issued.value} − 本年废止 ${repealed.value} = ${expected}`,
        hint: '如有修订、清理或统计口径变化，可以忽略；否则请核对',
      });
    }
  }
  return diagnostics;
}
