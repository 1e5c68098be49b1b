/**
 * The row form of the tables (issue 12, item 5): a row written as a list in its table's column
 * order reads as the same cells as the mapping form, on a real published report and cell kind by
 * cell kind; a list of the wrong length and a wrong value are each one error, at the list and at
 * the value; `init` writes the row form and, filled in, checks clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialSource } from '../src/init/source.js';
import type { Cell, Report } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { TABLE_IDS } from '../src/tables/definitions.js';
import { edit, hints, lines, VALID } from './support/check.js';

const MAPPING = readFileSync('test/fixtures/published/huaian-2024.md', 'utf8');
const LISTS = readFileSync('test/fixtures/row-form/huaian-2024.md', 'utf8');

/** Every cell of every table, without the position (the two forms put values in other places). */
function cells(report: Report | undefined): Record<string, Omit<Cell, 'position'>> {
  const all: Record<string, Omit<Cell, 'position'>> = {};
  for (const id of TABLE_IDS) {
    for (const [key, { position: _position, ...cell }] of report?.tables[id].cells ?? []) all[`${id}|${key}`] = cell;
  }
  return all;
}

/** What each cell prints and counts as: a list writes 0 where the mapping left the cell out. */
function printed(report: Report | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(cells(report)).map(([key, cell]) => [key, `${cell.value} ${cell.display}`]));
}

/** The diagnostics without their positions: code, severity, message and hint. */
function said(text: string): string[] {
  return checkSource('r.md', text).diagnostics.map((d) => `${d.severity} ${d.code} ${d.message} | ${d.hint}`);
}

/** The source text at a position, for as long as `length`. */
function at(text: string, line: number, column: number, length: number): string {
  return [...(text.split('\n')[line - 1] ?? '')].slice(column - 1, column - 1 + length).join('');
}

describe('a real report (淮安市人民政府 2024) written in the row form', () => {
  it('is in the row form: every multi-column row of its tables is a list', () => {
    const front = LISTS.slice(0, LISTS.indexOf('\n---\n'));
    expect(front).not.toMatch(/: \{/);
    expect(front.match(/^ {2,4}\S+: \[/gm)).toHaveLength(2 + 25 + 3);
  });

  it('checks exactly as the mapping form (clean) and reads the same cells', () => {
    const lists = checkSource('r.md', LISTS);
    const mapping = checkSource('r.md', MAPPING);
    expect(lists.diagnostics).toEqual([]);
    expect(mapping.diagnostics).toEqual([]);
    expect(Object.keys(cells(lists.report))).toHaveLength(10 + 25 * 7 + 15);
    expect(cells(lists.report)).toEqual(cells(mapping.report));
    expect(cells(lists.report)['application|总计|总计']).toEqual({ value: 3050, display: '3050', state: 'written' });
  });

  it('places each written cell at its value in the list', () => {
    const table = checkSource('r.md', LISTS).report?.tables.application;
    const written = [...(table?.cells.values() ?? [])].filter((c) => c.state === 'written');
    expect(written).toHaveLength(25 * 7);
    for (const cell of written) {
      const position = cell.position ?? { line: 0, column: 0 };
      expect(at(LISTS, position.line, position.column, cell.display.length)).toBe(cell.display);
    }
  });

  it('the same mistake gives the same diagnostics in both forms, at the value in the list', () => {
    // 本年新收 总计 3119 → 3120: its row, its column's balance and the text's 受理 3119 件 disagree.
    const wrong = (text: string, from: string, to: string) => edit(from, to, text);
    const lists = wrong(LISTS, '本年新收: [3001, 53, 0, 0, 61, 4, 3119]', '本年新收: [3001, 53, 0, 0, 61, 4, 3120]');
    const mapping = wrong(MAPPING, '其他: 4, 总计: 3119 }', '其他: 4, 总计: 3120 }');
    expect(said(lists)).toEqual(said(mapping));
    expect(said(lists).map((l) => l.split(' ')[1])).toEqual(['applicant-total', 'balance', 'narrative-contradicts-table']);
    const first = checkSource('r.md', lists).diagnostics[0]?.position;
    expect(first).toEqual({ line: 20, column: 33 });
    expect(at(lists, 20, 33, 4)).toBe('3120');
  });
});

describe('cells in a list', () => {
  const MAPPED = '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }';

  it('~, 无, / and numbers read as in a mapping', () => {
    const list = edit(MAPPED, '本年新收: [5, 2, ~, 无, /, 0, 7]');
    const map = edit(MAPPED, '本年新收: { 自然人: 5, 商业企业: 2, 科研机构: ~, 社会公益组织: 无, 法律服务机构: /, 其他: 0, 总计: 7 }');
    expect(lines(list)).toEqual([]);
    expect(cells(checkSource('r.md', list).report)).toEqual(cells(checkSource('r.md', map).report));
    expect(cells(checkSource('r.md', list).report)['application|本年新收|社会公益组织']).toEqual({ value: 0, display: '无', state: 'none-word' });
  });

  it('a row of table 三 may leave off its 总计 (6 values), which is then computed', () => {
    const text = edit(MAPPED, '本年新收: [5, 2, 0, 0, 0, 0]');
    expect(lines(text)).toEqual([]);
    expect(cells(checkSource('r.md', text).report)['application|本年新收|总计']).toEqual({ value: 7, display: '7', state: 'derived' });
  });

  it('a written 总计 in the list is checked', () => {
    expect(lines(edit(MAPPED, '本年新收: [5, 2, 0, 0, 0, 0, 8]'))[0]).toBe(
      'r.md:21:28 错误 applicant-total 依申请公开“本年新收”：总计写的是 8，但各列之和为 7（自然人 5 + 商业企业 2，其余为 0）',
    );
  });

  it('mixes with the mapping form in one table and in one group', () => {
    const text = edit('属于国家秘密: { 商业企业: 1 }', '属于国家秘密: [0, 1, 0, 0, 0, 0, 1]');
    expect(text).toMatch(/不予公开:\n {4}属于国家秘密: \[/);
    expect(lines(text)).toEqual([]);
    expect(printed(checkSource('r.md', text).report)).toEqual(printed(checkSource('r.md', VALID).report));
  });

  it('table 二 rows take their own columns, in the 2021 and the 2019 layout; a one-column row takes [n] or n', () => {
    const t2021 = edit('规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }', '规章: [0, 0, 0]', edit('行政处罚: 3', '行政处罚: [3]'));
    expect(lines(t2021)).toEqual([]);
    expect(printed(checkSource('r.md', t2021).report)).toEqual(printed(checkSource('r.md', VALID).report));
    const t2019 = edit(
      '  规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }\n',
      '  格式: 2019\n  行政许可: [5, -2, 3]\n  行政事业性收费: [2, 0]\n  政府集中采购: [5, 552.91万元]\n',
      VALID.replace(/ {2}行政规范性文件: .*\n {2}行政许可: .*\n {2}行政处罚: .*\n {2}行政强制: .*\n {2}行政事业性收费: .*\n/, ''),
    );
    expect(lines(t2019)).toEqual(['r.md:13:1 警告 format-outdated 2021 年度的报告，“主动公开”表用的是 2019 格式']);
    const read = cells(checkSource('r.md', t2019).report);
    expect(read['disclosure|行政许可|本年增/减']).toEqual({ value: -2, display: '-2', state: 'written' });
    expect(read['disclosure|政府集中采购|采购总金额']).toMatchObject({ display: '552.91万元', unit: '万元' });
  });

  it('table 四 rows: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (总计 optional)', () => {
    const text = edit('行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: [1, 0, 0, 1, 2]');
    expect(lines(text)).toEqual([]);
    expect(printed(checkSource('r.md', text).report)).toEqual(printed(checkSource('r.md', VALID).report));
    expect(lines(edit('行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: [1, 0, 0, 1, 3]'))).toEqual([
      'r.md:32:22 错误 review-total 复议诉讼“行政复议”：总计写的是 3，但各列之和为 2（结果维持 1 + 尚未审结 1，其余为 0）',
    ]);
    const computed = edit('行政复议: { 结果维持: 1, 尚未审结: 1, 总计: 2 }', '行政复议: [1, 0, 0, 1]');
    expect(lines(computed)).toEqual([]);
    expect(cells(checkSource('r.md', computed).report)['review|行政复议|总计']).toEqual({ value: 2, display: '2', state: 'derived' });
  });
});

describe('mistakes in a list', () => {
  const MAPPED = '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }';

  it('too few values: one error at the list, naming the count and the columns in order', () => {
    const text = edit(MAPPED, '本年新收: [5, 2, 0]');
    expect(lines(text)).toEqual([
      'r.md:21:9 错误 row-length “依申请公开”的“本年新收”行列了 3 个值，应当是 7 个（或不写总计，6 个），依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计',
    ]);
    expect(hints(text)).toEqual(['每列一个值，按上面的顺序写；空着的格写 ~，没有的写 0；总计不写则自动计算。此行未计入合计校验，改正后再检查']);
  });

  it('too many values, in a group row and in table 二 (no total to leave off there)', () => {
    expect(lines(edit('属于国家秘密: { 商业企业: 1 }', '属于国家秘密: [0, 1, 0, 0, 0, 0, 1, 0]'))).toEqual([
      'r.md:26:13 错误 row-length “依申请公开”的“不予公开 › 属于国家秘密”行列了 8 个值，应当是 7 个（或不写总计，6 个），依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计',
    ]);
    const t2 = edit('规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }', '规章: [0, 0]');
    expect(lines(t2)).toEqual(['r.md:14:7 错误 row-length “主动公开”的“规章”行列了 2 个值，应当是 3 个，依次为本年制发件数、本年废止件数、现行有效件数']);
    expect(hints(t2)).toEqual(['每列一个值，按上面的顺序写；空着的格写 ~，没有的写 0']);
  });

  it('a wrong value points at that value, flow or block list, and is the one error', () => {
    expect(lines(edit(MAPPED, '本年新收: [5, 2, 0, 0, -1, 0]'))).toEqual([
      'r.md:21:22 错误 negative “本年新收”行“法律服务机构”不能是负数，这里是 -1',
    ]);
    const block = edit(MAPPED, '本年新收:\n    - 5\n    - 2\n    - 0\n    - ０\n    - 0\n    - 0\n    - 7');
    expect(lines(block)).toEqual(['r.md:25:7 错误 full-width-digits “本年新收”行“社会公益组织”“０”用了全角数字']);
    expect(lines(edit(MAPPED, '本年新收: [5, [2], 0, 0, 0, 0]'))).toEqual([
      'r.md:21:13 错误 not-a-number “本年新收”行“商业企业”应当是数字，这里是一个列表',
    ]);
  });

  it('a blank typed as nothing between two commas is a YAML error that says to write ~', () => {
    const text = edit(MAPPED, '本年新收: [5, 2, , 0, 0, 0]');
    expect(lines(text)).toEqual(['r.md:21:16 错误 yaml-syntax 列表里两个逗号之间没有值']);
    expect(hints(text)).toEqual(['空着的格写 ~，例如“[821, 35, ~, ~, 2, 1]”；没有的写 0']);
  });

  it('a group written as one list is wrong-type (each sub-row is its own list)', () => {
    const text = edit('不予公开:\n    属于国家秘密: { 商业企业: 1 }', '不予公开: [0, 1, 0, 0, 0, 0, 1]');
    expect(lines(text)).toEqual(['r.md:25:9 错误 wrong-type “不予公开”应当是按小项写的一组键值，这里是一个列表']);
    expect(hints(text)).toEqual([
      '在“不予公开:”下面缩进写各小项，每个小项一行，例如“  属于国家秘密: [0, 0, 0, 0, 0, 0, 0]”或“  属于国家秘密: { 自然人: 0 }”。这一组未计入合计校验，改正后再检查',
    ]);
  });

  it('a row written twice, once in each form, is a duplicate', () => {
    expect(lines(edit(MAPPED, `${MAPPED}\n  一、本年新收政府信息公开申请数量: [5, 2, 0, 0, 0, 0]`))).toEqual([
      'r.md:22:3 错误 duplicate-row “依申请公开”里“本年新收”写了两次',
    ]);
  });
});

describe('nianbao init writes the row form', () => {
  const text = initialSource({ year: 2024 });

  it('one list per row under a comment line with its columns in order', () => {
    expect(text).toContain(
      '主动公开:  # 待填 处填本年的数，没有就写 0\n  # 各列依次为 [本年制发件数, 本年废止件数, 现行有效件数]\n  规章: [待填, 待填, 待填]\n  行政规范性文件: [待填, 待填, 待填]\n  # 本年处理决定数量\n  行政许可: 待填\n',
    );
    expect(text).toContain('  # 各列依次为 [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]\n  本年新收: [待填, 待填, 待填, 待填, 待填, 待填, 待填]\n');
    expect(text).toContain('  不予公开:\n    属于国家秘密: [待填, 待填, 待填, 待填, 待填, 待填, 待填]\n');
    expect(text).toContain('复议诉讼:  # 待填 处填本年的数，没有就写 0\n  # 各列依次为 [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]\n  行政复议: [待填, 待填, 待填, 待填, 待填]\n');
    expect(text).not.toMatch(/: \{/);
  });

  it('left as written, every table is not-filled; filled in, it checks clean', () => {
    expect(lines(text).filter((l) => l.includes('not-filled'))).toHaveLength(3);
    const filled = text
      .replace(/××/g, '南龙')
      .replace('2024年，……', '2024年，本镇收到政府信息公开申请4件，均已按时答复。')
      .replace('\n……\n', '\n本镇将继续做好政府信息公开工作。\n')
      .replace('本年新收: [待填, 待填, 待填, 待填, 待填, 待填, 待填]', '本年新收: [3, 1, 0, 0, 0, 0, 4]')
      .replace('予以公开: [待填, 待填, 待填, 待填, 待填, 待填, 待填]', '予以公开: [3, 1, 0, 0, 0, 0]')
      .replace('  总计: [待填, 待填, 待填, 待填, 待填, 待填, 待填]', '  总计: [3, 1, 0, 0, 0, 0, 4]')
      .replace('行政许可: 待填', '行政许可: 12')
      .replace(/待填/g, '0');
    expect(lines(filled)).toEqual([]);
    const report = checkSource('r.md', filled).report;
    expect(report?.tables.application.cells.get('予以公开|总计')).toMatchObject({ value: 4, state: 'derived' });
    expect(report?.tables.disclosure.cells.get('行政许可|本年处理决定数量')).toMatchObject({ value: 12, state: 'written' });
  });

  it('--from carries 结转下年度继续办理 into the 上年结转 list, column by column', () => {
    const previous = checkSource('2023.md', edit('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: [1, 0, 0, 0, 2, 0, 3]', VALID.replace('年度: 2021', '年度: 2023'))).report;
    if (!previous) throw new Error('no report');
    const next = initialSource({ year: 2024, previous });
    expect(next).toContain('  本年新收: [待填, 待填, 待填, 待填, 待填, 待填, 待填]\n  上年结转: [1, 0, 0, 0, 2, 0, 3]\n');
  });
});
