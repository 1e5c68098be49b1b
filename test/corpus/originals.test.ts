/**
 * The corpus test (issue 15, item 5b; `npm run test:corpus`, not part of `npm test`): every real
 * original in `../shared/originals/` (or `$NIANBAO_SHARED/originals`) imported and compared with
 * its hand-verified expected source in test/fixtures/originals-expected/ (same name, `.md`).
 * Over all originals: ≥ 99 % of table cells exact, every non-exact cell flagged `import-uncertain`,
 * ≥ 98 % of the narrative's characters in order; each imported source's `check` output asserted.
 * Without the folder (a bare clone) it says so in one line and passes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { importFile } from '../../src/import/index.js';
import type { Report } from '../../src/model/types.js';
import { checkSource } from '../../src/pipeline.js';
import {
  type Accuracy,
  type CellComparison,
  type NarrativeComparison,
  accuracy,
  compareCells,
  compareNarrative,
  describeDiagnostics,
  silentlyWrong,
} from '../support/corpus.js';

const SHARED = process.env.NIANBAO_SHARED ?? path.resolve('..', 'shared');
const ORIGINALS = path.join(SHARED, 'originals');
const EXPECTED = 'test/fixtures/originals-expected';

/**
 * What `check` says about each imported source, by what it points at (a cell, a table, a key, a
 * place in the narrative): the report's own mistakes, judged in the expected folder's README.
 */
const CHECK_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '01_hongze_2023': [
    'format-outdated warning 表 依申请公开',
    'review-total error 表 复议诉讼 行政复议 总计',
    'review-total error 表 复议诉讼 复议后起诉 总计',
  ],
  '02_huaian_2024': [],
};

const originals = existsSync(ORIGINALS)
  ? readdirSync(ORIGINALS)
      .filter((name) => /\.(pdf|html?|docx|txt)$/iu.test(name))
      .sort()
  : [];

if (originals.length === 0) {
  console.log(`语料测试已跳过：没有 ${ORIGINALS}（真实原件不在项目里；设 NIANBAO_SHARED 指向参考资料目录即可运行）`);
}

interface Measured {
  readonly name: string;
  readonly cells: Accuracy;
  readonly silent: readonly CellComparison[];
  /** Every non-exact cell, flagged or not: the failure modes to note. */
  readonly nonExact: readonly CellComparison[];
  readonly narrative: NarrativeComparison;
  readonly check: readonly string[];
  readonly uncertain: number;
}

const measured: Measured[] = [];

function model(file: string, text: string): { report: Report; diagnostics: readonly Diagnostic[] } {
  const checked = checkSource(file, text);
  if (!checked.report) throw new Error(`${file}：读不出报告模型：${checked.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.code} ${d.message}`).join('；')}`);
  return { report: checked.report, diagnostics: checked.diagnostics };
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)} %`);

describe.skipIf(originals.length === 0)('the real originals, imported', () => {
  afterAll(() => {
    if (measured.length === 0) return;
    const rows = measured.map(
      (m) =>
        `| ${m.name} | ${m.cells.exact}/${m.cells.cells} (${percent(m.cells.exact, m.cells.cells)}) | ${m.cells.uncertain} | ${m.cells.silent} | ${m.narrative.common}/${m.narrative.expected} (${percent(m.narrative.common, m.narrative.expected)}) | ${percent(m.narrative.common, m.narrative.actual)} | ${m.uncertain} | ${m.check.length} |`,
    );
    const sum = (f: (m: Measured) => number) => measured.reduce((n, m) => n + f(m), 0);
    const cells = sum((m) => m.cells.cells);
    const exact = sum((m) => m.cells.exact);
    const common = sum((m) => m.narrative.common);
    const expectedChars = sum((m) => m.narrative.expected);
    console.log(
      [
        '',
        '| original | cells exact | not exact, flagged | not exact, silent | narrative chars in order | narrative precision | import-uncertain | check diagnostics |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        `| all | ${exact}/${cells} (${percent(exact, cells)}) | ${sum((m) => m.cells.uncertain)} | ${sum((m) => m.cells.silent)} | ${common}/${expectedChars} (${percent(common, expectedChars)}) | ${percent(common, sum((m) => m.narrative.actual))} | ${sum((m) => m.uncertain)} | ${sum((m) => m.check.length)} |`,
        '',
        ...measured.flatMap((m) =>
          m.nonExact.map((c) => `${m.name}: ${c.tableKey} ${c.row} ${c.column}: 应为 ${c.expected?.display ?? '（无此格）'}，导入 ${c.actual?.display ?? '（无此格）'}${m.silent.includes(c) ? '（未标 import-uncertain）' : ''}`),
        ),
      ].join('\n'),
    );
  });

  it.each(originals)('%s', async (name) => {
    const base = name.replace(/\.[^.]+$/u, '');
    const expectedFile = path.join(EXPECTED, `${base}.md`);
    expect(existsSync(expectedFile), `${name} 没有预期源文件 ${expectedFile}：先手工转录并逐格核对`).toBe(true);
    const expectedText = readFileSync(expectedFile, 'utf8');
    const expected = model(expectedFile, expectedText);

    const original = path.join(ORIGINALS, name);
    const imported = await importFile(original, new Uint8Array(readFileSync(original)));
    const actual = model(`${base}.imported.md`, imported.source);
    const importDiagnostics = [...imported.diagnostics, ...actual.diagnostics];

    const cells = compareCells(expected.report, actual.report);
    const silent = silentlyWrong(cells, actual.report, importDiagnostics);
    const narrative = compareNarrative(expected.report, actual.report);
    const check = describeDiagnostics(
      actual.report,
      imported.source,
      actual.diagnostics.filter((d) => d.code !== 'import-uncertain'),
    );
    measured.push({
      name,
      cells: accuracy(cells, silent),
      silent,
      nonExact: cells.filter((c) => !c.exact),
      narrative,
      check,
      uncertain: importDiagnostics.filter((d) => d.code === 'import-uncertain').length,
    });

    // No cell silently wrong: each non-exact cell, with what was expected and what came.
    expect(silent.map((c) => `${c.tableKey} ${c.row} ${c.column}: 应为 ${c.expected?.display ?? '（无此格）'}，导入 ${c.actual?.display ?? '（无此格）'}`)).toEqual([]);
    // The report's metadata as printed: the year and the title (whitespace aside, as in the
    // narrative: a PDF's gap between 2023 and 年 is spacing, not text); nothing invented that the PDF lacks.
    expect(actual.report.year).toBe(expected.report.year);
    const bare = (text: string) => text.replace(/\s+/gu, '');
    expect(bare(actual.report.title)).toBe(bare(expected.report.title));
    for (const field of ['redHeader', 'recipient', 'signature', 'date', 'colophon'] as const) {
      expect(actual.report[field] === undefined, `${field}`).toBe(expected.report[field] === undefined);
    }
    // check on the imported source says what it says on the expected one, at the same places.
    expect(describeDiagnostics(expected.report, expectedText, expected.diagnostics)).toEqual(CHECK_OUTPUT[base]);
    expect(check).toEqual(CHECK_OUTPUT[base]);
  });

  it('over all originals: ≥ 99 % of cells exact, ≥ 98 % of narrative characters in order', () => {
    expect(measured.map((m) => m.name)).toEqual(originals);
    const cells = measured.reduce((n, m) => n + m.cells.cells, 0);
    const exact = measured.reduce((n, m) => n + m.cells.exact, 0);
    const common = measured.reduce((n, m) => n + m.narrative.common, 0);
    const expectedChars = measured.reduce((n, m) => n + m.narrative.expected, 0);
    const actualChars = measured.reduce((n, m) => n + m.narrative.actual, 0);
    expect(exact / cells).toBeGreaterThanOrEqual(0.99);
    expect(common / expectedChars).toBeGreaterThanOrEqual(0.98);
    // And the narrative imported is the published one, not the tables' text or page numbers added.
    expect(common / actualChars).toBeGreaterThanOrEqual(0.98);
  });
});
