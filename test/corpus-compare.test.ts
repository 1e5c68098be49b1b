/**
 * The corpus test's yardsticks (test/support/corpus.ts), on the expected sources of the real
 * originals and on deliberately altered copies: every alteration a reader could make (a changed
 * cell, a blank for a number, a row dropped, a total left to be computed, a dropped paragraph, a
 * changed character) must lower the figures, and a flagged cell must count as flagged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/types.js';
import type { Report } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { edit } from './support/check.js';
import { accuracy, compareCells, compareNarrative, describeDiagnostics, lcsLength, narrativeText, placeOf, silentlyWrong } from './support/corpus.js';

const HONGZE_FILE = 'test/fixtures/originals-expected/01_hongze_2023.md';
const HUAIAN_FILE = 'test/fixtures/originals-expected/02_huaian_2024.md';
const HONGZE = readFileSync(HONGZE_FILE, 'utf8');
const HUAIAN = readFileSync(HUAIAN_FILE, 'utf8');

function model(text: string, file = 'imported.md'): Report {
  const report = checkSource(file, text).report;
  if (!report) throw new Error(`${file}: no report model`);
  return report;
}

const hongze = model(HONGZE, HONGZE_FILE);

function uncertainAt(line: number, column: number): Diagnostic {
  return { file: 'imported.md', position: { line, column }, severity: 'warning', code: 'import-uncertain', message: '', hint: '' };
}

describe('the expected sources of the real originals', () => {
  it('check them: hongze 2023 has its two wrong 复议/诉讼 totals and the 2019 table 三; huaian 2024 is clean', () => {
    const lines = (file: string, text: string) => checkSource(file, text).diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.severity} ${d.code}`);
    expect(lines(HONGZE_FILE, HONGZE)).toEqual(['22:1 warning format-outdated', '55:23 error review-total', '57:23 error review-total']);
    expect(lines(HUAIAN_FILE, HUAIAN)).toEqual([]);
  });

  it('describe those diagnostics by what they point at, not by line:column', () => {
    const checked = checkSource(HONGZE_FILE, HONGZE);
    expect(describeDiagnostics(hongze, HONGZE, checked.diagnostics)).toEqual([
      'format-outdated warning 表 依申请公开',
      'review-total error 表 复议诉讼 行政复议 总计',
      'review-total error 表 复议诉讼 复议后起诉 总计',
    ]);
  });

  it('have every cell: 186 in hongze (10 + 161 + 15), 200 in huaian (10 + 175 + 15)', () => {
    expect(compareCells(hongze, hongze)).toHaveLength(186);
    expect(compareCells(hongze, hongze).every((c) => c.exact)).toBe(true);
    const huaian = model(HUAIAN, HUAIAN_FILE);
    expect(accuracy(compareCells(huaian, huaian), [])).toEqual({ cells: 200, exact: 200, uncertain: 0, silent: 0 });
  });

  it('agree cell for cell with the earlier transcriptions of the same PDFs (mapping form) in test/fixtures/published', () => {
    for (const [expected, earlier] of [
      [HONGZE, 'test/fixtures/published/hongze-2023.md'],
      [HUAIAN, 'test/fixtures/published/huaian-2024.md'],
    ] as const) {
      const cells = compareCells(model(expected), model(readFileSync(earlier, 'utf8')));
      expect(cells.filter((c) => !c.exact)).toEqual([]);
    }
  });

  it('read against the earlier transcription’s run-in （一）主动公开情况。…: all the text, and only the five full stops more', () => {
    const earlier = model(readFileSync('test/fixtures/published/hongze-2023.md', 'utf8'));
    expect(compareNarrative(hongze, earlier)).toEqual({ expected: 1152, actual: 1157, common: 1152, recall: 1, precision: 1152 / 1157 });
  });
});

describe('cells: an altered copy lowers the count, and only a flagged cell is forgiven', () => {
  it('a changed number: one cell not exact, silently wrong until an import-uncertain points at it', () => {
    const altered = model(edit('行政许可: 550', '行政许可: 551', HONGZE));
    const cells = compareCells(hongze, altered);
    const wrong = cells.filter((c) => !c.exact);
    expect(wrong).toEqual([
      {
        table: 'disclosure',
        tableKey: '主动公开',
        row: '行政许可',
        column: '本年处理决定数量',
        expected: { display: '550', state: 'written' },
        actual: { display: '551', state: 'written', position: { line: 15, column: 9 } },
        exact: false,
      },
    ]);
    expect(accuracy(cells, silentlyWrong(cells, altered, []))).toEqual({ cells: 186, exact: 185, uncertain: 0, silent: 1 });
    // A warning elsewhere on the line (another cell's column) does not cover it.
    expect(silentlyWrong(cells, altered, [uncertainAt(15, 3)])).toHaveLength(1);
    expect(accuracy(cells, silentlyWrong(cells, altered, [uncertainAt(15, 9)]))).toEqual({ cells: 186, exact: 185, uncertain: 1, silent: 0 });
  });

  it('a blank (~) where a 21 is printed is not exact, though it counts as 0 … and a 0 printed blank neither', () => {
    const altered = model(edit('本年新收: [21, 0,', '本年新收: [~, ~,', HONGZE));
    const wrong = compareCells(hongze, altered).filter((c) => !c.exact);
    expect(wrong.map((c) => `${c.row}|${c.column} ${c.expected?.display}→${c.actual?.display}`)).toEqual(['本年新收|自然人 21→', '本年新收|商业企业 0→']);
  });

  it('a row of zeros left out prints 0 too, but the importer did not read it: 7 cells not exact', () => {
    const altered = model(edit('  上年结转: [0, 0, 0, 0, 0, 0, 0]\n', '', HONGZE));
    const cells = compareCells(hongze, altered);
    const wrong = cells.filter((c) => !c.exact);
    expect(wrong.map((c) => `${c.row}|${c.column} ${c.actual?.state}`)).toEqual(
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((column) => `上年结转|${column} ${column === '总计' ? 'derived' : 'omitted'}`),
    );
    expect(wrong.every((c) => c.actual?.display === '0')).toBe(true);
    expect(silentlyWrong(cells, altered, [])).toHaveLength(7);
  });

  it('a total left off (computed) is not the total as printed, even where it equals it', () => {
    const altered = model(edit('本年新收: [21, 0, 0, 0, 0, 0, 21]', '本年新收: [21, 0, 0, 0, 0, 0]', HONGZE));
    const wrong = compareCells(hongze, altered).filter((c) => !c.exact);
    expect(wrong.map((c) => `${c.row}|${c.column} ${c.actual?.display} ${c.actual?.state}`)).toEqual(['本年新收|总计 21 derived']);
    // Flagged at its row (a cell with no value written has no place but its row's key).
    const line = HONGZE.split('\n').findIndex((l) => l.startsWith('  本年新收:')) + 1;
    expect(silentlyWrong(compareCells(hongze, altered), altered, [uncertainAt(line, 3)])).toEqual([]);
  });

  it('the other layout of table 三 (其他处理 split in three): the one-row cells are missing, the three rows extra', () => {
    const altered = model(
      edit(
        '  格式: 2019\n',
        '',
        edit('  其他处理: [0, 0, 0, 0, 0, 0, 0]', '  其他处理:\n    逾期不补正: [0, 0, 0, 0, 0, 0, 0]\n    逾期未缴费: [0, 0, 0, 0, 0, 0, 0]\n    其他: [0, 0, 0, 0, 0, 0, 0]', HONGZE),
      ),
    );
    const cells = compareCells(hongze, altered);
    expect(cells).toHaveLength(186 + 21);
    const wrong = cells.filter((c) => !c.exact);
    expect(wrong).toHaveLength(28);
    expect(wrong.filter((c) => c.expected === undefined).map((c) => c.row)).toEqual([...Array(7).fill('其他处理.逾期不补正'), ...Array(7).fill('其他处理.逾期未缴费'), ...Array(7).fill('其他处理.其他')]);
    expect(wrong.filter((c) => c.actual === undefined).map((c) => c.row)).toEqual(Array(7).fill('其他处理'));
  });
});

describe('narrative: characters in order', () => {
  it('LCS lengths', () => {
    expect(lcsLength('ABCBDAB', 'BDCABA')).toBe(4);
    expect(lcsLength('', '公开')).toBe(0);
    expect(lcsLength('政府信息公开', '政府信息公开')).toBe(6);
    expect(lcsLength('依申请公开', '申请')).toBe(2);
    // By code point: an astral character is one character, not two halves that could match apart.
    expect(lcsLength('𠀀a', '\ud840a')).toBe(1);
  });

  it('the text compared: preamble and parts, sub-headings without numbering, no whitespace', () => {
    const text = narrativeText(hongze);
    expect(text.startsWith('本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）')).toBe(true);
    expect(text).toContain('推进政府信息公开工作规范、有序、健康发展。主动公开情况主要通过政府门户网站');
    expect(text.endsWith('全年收取政府信息公开信息处理费0元。')).toBe(true);
    expect(text).not.toMatch(/\s/u);
  });

  it('a dropped paragraph lowers the recall by its length: part 六 gone is 95.7 %, below the 98 % bar', () => {
    const paragraph = '2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。';
    const altered = model(edit(`${paragraph}\n`, '', HONGZE));
    const compared = compareNarrative(hongze, altered);
    expect(compared).toMatchObject({ expected: 1152, actual: 1152 - paragraph.length, common: 1152 - paragraph.length, precision: 1 });
    expect(compared.recall).toBeCloseTo(1 - paragraph.length / 1152, 9);
    expect(compared.recall).toBeLessThan(0.98);
  });

  it('a changed digit costs one character each way; text added costs precision only', () => {
    const digit = compareNarrative(hongze, model(edit('政府信息1136条', '政府信息1186条', HONGZE)));
    expect(digit).toMatchObject({ expected: 1152, actual: 1152, common: 1151 });
    const added = compareNarrative(hongze, model(edit('# 其他需要报告的事项\n', '# 其他需要报告的事项\n\n第 5 页\n', HONGZE)));
    expect(added).toMatchObject({ expected: 1152, actual: 1155, common: 1152, recall: 1 });
    expect(added.precision).toBeCloseTo(1152 / 1155, 9);
  });

  it('text out of order: the preamble read after part 六 counts once, in one of its places', () => {
    const preamble = HONGZE.slice(HONGZE.indexOf('本报告由'), HONGZE.indexOf('# 总体情况'));
    const moved = model(`${HONGZE.replace(preamble, '')}\n${preamble}`);
    const compared = compareNarrative(hongze, moved);
    const length = preamble.replace(/\s+/gu, '').length;
    expect(compared).toMatchObject({ expected: 1152, actual: 1152, common: 1152 - length });
    expect(compared.recall).toBeLessThan(0.98);
  });
});

describe('places of diagnostics', () => {
  it('a narrative position is its part and the text from there on', () => {
    const text = edit('建立政府网站日常监测机制。', '建立政府网站网站日常监测机制。', HONGZE);
    const report = model(text);
    const checked = checkSource('imported.md', text);
    const repeated = checked.diagnostics.filter((d) => d.code === 'repeated-word');
    expect(describeDiagnostics(report, text, repeated)).toEqual(['repeated-word warning 第1部分 “网站日常监测机制。”']);
    expect(placeOf(report, text, { line: 4, column: 1 })).toBe('前言 “# 读法：pdftote”');
    expect(placeOf(report, text, { line: 7, column: 1 })).toBe('键 年度');
  });
});
