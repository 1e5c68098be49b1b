/**
 * Blank, zero, not applicable and to-fill are four different things (issue 12, item 1): in the
 * model, in the checks (a total written blank beside parts that add up to more than 0 is
 * `total-blank`; a 待填 left by `nianbao init` is `not-filled`), in the PDF and in the HTML.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reportHtml } from '../src/html/render.js';
import { compose } from '../src/document/compose.js';
import { initialSource } from '../src/init/source.js';
import { pageGeometry } from '../src/page/geometry.js';
import { cellAt, type TableData } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { DENSE_TABLE_FONT_SIZE, GRID_PADDING_X, GRID_RULE, tableGrid } from '../src/template/tables.js';
import { built } from './support/build.js';
import { edit, hints, lines } from './support/check.js';
import { type Line, lines as pdfLines, type PdfPage, toMm } from './support/pdf.js';

const table = (text: string, id: 'disclosure' | 'application' | 'review'): TableData => {
  const report = checkSource('r.md', text).report;
  if (!report) throw new Error('no report');
  return report.tables[id];
};
const shown = (t: TableData, row: string, column: string) => {
  const cell = cellAt(t, row, column);
  return cell && { value: cell.value, display: cell.display, state: cell.state };
};

describe('the four kinds of cell, each in a one-column row of table 二', () => {
  const disclosure = (value: string) => table(edit('行政处罚: 3', `行政处罚: ${value}`), 'disclosure');

  it('0 is a number, ~ and nothing are blank, / is not applicable, 待填 is to fill in', () => {
    expect(shown(disclosure('0'), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '0', state: 'written' });
    // A one-column row takes ~ like every other cell: blank, not a row left out (which printed 0).
    expect(shown(disclosure('~'), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '', state: 'blank' });
    expect(shown(disclosure(''), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '', state: 'blank' });
    expect(shown(disclosure('无'), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '无', state: 'none-word' });
    expect(shown(disclosure('/'), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '/', state: 'not-applicable' });
    expect(shown(disclosure('待填'), '行政处罚', '本年处理决定数量')).toEqual({ value: 0, display: '待填', state: 'to-fill' });
  });

  it('only 待填 is unfinished: a blank, 0, 无 or / is what the report says', () => {
    for (const value of ['0', '~', '', '无', '/']) expect(lines(edit('行政处罚: 3', `行政处罚: ${value}`)), value).toEqual([]);
    expect(lines(edit('行政处罚: 3', '行政处罚: 待填'))).toEqual(['r.md:17:9 警告 not-filled 主动公开表还有 1 格是“待填”，尚未填写（第一格：“行政处罚”）']);
    expect(hints(edit('行政处罚: 3', '行政处罚: 待填'))).toEqual(['把“待填”换成本年的数字：没有就写 0，原表空着的写 ~']);
  });
});

describe('total-blank: a total written blank beside parts that are not all 0', () => {
  it('a row 总计 left blank names the sum it should show, at the cell; nothing else follows from it', () => {
    const text = edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2, 总计: ~ }');
    expect(lines(text)).toEqual(['r.md:21:32 错误 total-blank 依申请公开“本年新收”：总计空着，但各列之和为 7（自然人 5 + 商业企业 2，其余为 0）']);
    expect(hints(text)).toEqual(['这一格应为 7：写上 7，或删去这一格让它自动计算']);
    // It prints blank, as written; the sums it takes part in (the balance) use the 7 it should show.
    expect(shown(table(text, 'application'), '本年新收', '总计')).toEqual({ value: 7, display: '', state: 'blank' });
  });

  it('a blank （七）总计 cell of a column is measured against the result rows', () => {
    expect(lines(edit('总计: { 自然人: 5, 商业企业: 2, 总计: 7 }', '总计: { 自然人: ~, 商业企业: 2, 总计: 7 }'))).toEqual([
      'r.md:29:14 错误 total-blank 依申请公开“自然人”列：（七）总计空着，但各项办理结果之和为 5（予以公开 3 + 部分公开 1 + 无法提供 › 本机关不掌握相关政府信息 1，其余为 0）',
    ]);
  });

  it('the corner （七）总计 × 总计, the total of two rules, is said once', () => {
    expect(lines(edit('总计: { 自然人: 5, 商业企业: 2, 总计: 7 }', '总计: { 自然人: 5, 商业企业: 2, 总计: ~ }'))).toEqual([
      'r.md:29:30 错误 total-blank 依申请公开“（七）总计”：总计空着，但各列之和为 7（自然人 5 + 商业企业 2，其余为 0）',
    ]);
  });

  it('a blank 总计 in a result row is one error: the written （七）总计 is not then called wrong', () => {
    expect(lines(edit('予以公开: { 自然人: 3, 商业企业: 1 }', '予以公开: { 自然人: 3, 商业企业: 1, 总计: ~ }'))).toEqual([
      'r.md:23:32 错误 total-blank 依申请公开“予以公开”：总计空着，但各列之和为 4（自然人 3 + 商业企业 1，其余为 0）',
    ]);
  });

  it('near misses: parts all blank, or 0, 无 and / only, leave a blank total right; a written 0 is review-total', () => {
    const review = (row: string) => lines(edit('复议后起诉: {}', `复议后起诉: ${row}`));
    expect(review('{ 结果维持: ~, 结果纠正: ~, 其他结果: ~, 尚未审结: ~, 总计: ~ }')).toEqual([]);
    expect(review('{ 总计: ~ }')).toEqual([]);
    expect(review('{ 结果维持: 0, 结果纠正: 无, 其他结果: /, 总计: ~ }')).toEqual([]);
    expect(review('{ 其他结果: 2, 总计: ~ }')).toEqual(['r.md:34:25 错误 total-blank 复议诉讼“复议后起诉”：总计空着，但各列之和为 2（其他结果 2，其余为 0）']);
    expect(review('{ 其他结果: 2, 总计: 0 }')).toEqual(['r.md:34:25 错误 review-total 复议诉讼“复议后起诉”：总计写的是 0，但各列之和为 2（其他结果 2，其余为 0）']);
  });
});

describe('blank counts as 0 in every sum; 待填 takes part in none', () => {
  it('a blank part is 0: the （七）总计 that counted it is then wrong', () => {
    expect(lines(edit('予以公开: { 自然人: 3, 商业企业: 1 }', '予以公开: { 自然人: 3, 商业企业: ~ }'))).toEqual([
      'r.md:29:23 错误 result-total 依申请公开“商业企业”列：（七）总计写的是 2，但各项办理结果之和为 1（不予公开 › 属于国家秘密 1，其余为 0）',
      'r.md:29:30 错误 result-total 依申请公开“总计”列：（七）总计写的是 7，但各项办理结果之和为 6（予以公开 3 + 部分公开 1 + 不予公开 › 属于国家秘密 1 + 无法提供 › 本机关不掌握相关政府信息 1，其余为 0）',
    ]);
  });

  it('a 待填 part has no value yet: no sum is checked with it, one warning points at it', () => {
    expect(lines(edit('予以公开: { 自然人: 3, 商业企业: 1 }', '予以公开: { 自然人: 3, 商业企业: 待填 }'))).toEqual([
      'r.md:23:25 警告 not-filled 依申请公开表还有 1 格是“待填”，尚未填写（第一格：“予以公开”行“商业企业”）',
    ]);
    const both = edit('予以公开: { 自然人: 3, 商业企业: 1 }', '予以公开: { 自然人: 待填, 商业企业: 待填 }');
    expect(lines(both)).toEqual(['r.md:23:16 警告 not-filled 依申请公开表还有 2 格是“待填”，尚未填写（第一格：“予以公开”行“自然人”）']);
    // The row's computed 总计 is unknown too, and prints so.
    expect(shown(table(both, 'application'), '予以公开', '总计')).toEqual({ value: 0, display: '待填', state: 'derived' });
  });

  it('a new source from nianbao init: every figure is 待填, every table unfinished, and the schema accepts it', () => {
    const source = initialSource({ year: 2024 });
    expect(source).toContain('本年新收: [待填, 待填, 待填, 待填, 待填, 待填, 待填]');
    expect(source).toContain('  行政许可: 待填\n');
    expect(source).not.toMatch(/: ~/);
    expect(checkSource('2024.md', source).diagnostics.filter((d) => d.code === 'not-filled').map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '15:1 主动公开表的各列尚未填写本年的数字',
      '26:1 依申请公开表的各列尚未填写本年的数字',
      '58:1 复议诉讼表的各列尚未填写本年的数字',
    ]);
    const schema = JSON.parse(readFileSync('schema/nianbao.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(parse(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? ''))).toBe(true);
  });
});

describe('上海市人民政府办公厅 2019: the 总计 column printed blank beside （七）总计 805', () => {
  const file = 'test/fixtures/published/shanghai-bgt-2019.md';
  const diagnostics = checkSource(file, readFileSync(file)).diagnostics;

  it('is a total-blank error at each blank 总计 whose row has numbers, naming its sum', () => {
    expect(diagnostics.filter((d) => d.code === 'total-blank').map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '26:53 依申请公开“予以公开”：总计空着，但各列之和为 272（自然人 258 + 商业企业 12 + 法律服务机构 1 + 其他 1，其余为 0）',
      '27:23 依申请公开“部分公开”：总计空着，但各列之和为 3（自然人 3，其余为 0）',
      '29:28 依申请公开“不予公开 › 属于国家秘密”：总计空着，但各列之和为 14（自然人 14，其余为 0）',
      '33:31 依申请公开“不予公开 › 属于三类内部事务信息”：总计空着，但各列之和为 5（自然人 5，其余为 0）',
      '34:39 依申请公开“不予公开 › 属于四类过程性信息”：总计空着，但各列之和为 4（自然人 3 + 商业企业 1，其余为 0）',
      '36:39 依申请公开“不予公开 › 属于行政查询事项”：总计空着，但各列之和为 12（自然人 10 + 商业企业 2，其余为 0）',
      '38:56 依申请公开“无法提供 › 本机关不掌握相关政府信息”：总计空着，但各列之和为 265（自然人 252 + 商业企业 12 + 法律服务机构 1，其余为 0）',
      '39:43 依申请公开“无法提供 › 没有现成信息需要另行制作”：总计空着，但各列之和为 47（自然人 44 + 商业企业 3，其余为 0）',
      '40:33 依申请公开“无法提供 › 补正后申请内容仍不明确”：总计空着，但各列之和为 25（自然人 25，其余为 0）',
      '42:41 依申请公开“不予处理 › 信访举报投诉类申请”：总计空着，但各列之和为 149（自然人 148 + 商业企业 1，其余为 0）',
      '43:34 依申请公开“不予处理 › 重复申请”：总计空着，但各列之和为 9（自然人 5 + 商业企业 4，其余为 0）',
    ]);
    // Each points at the ~ itself.
    const source = readFileSync(file, 'utf8').split('\n');
    for (const d of diagnostics.filter((d) => d.code === 'total-blank')) expect(source[d.position.line - 1]?.slice(d.position.column - 1, d.position.column)).toBe('~');
  });

  it('is nothing more: the sums it should show add up to the printed 805, and the rows blank throughout are right', () => {
    // (and the three narrative counts of item 4, asserted in published.test.ts and narrative-counts.test.ts)
    expect(diagnostics.map((d) => d.code)).toEqual([...Array(11).fill('total-blank'), ...Array(3).fill('narrative-contradicts-table')]);
  });
});

describe('consistent reports with blanks stay clean', () => {
  it.each(['examples/nanlong-2021.md', 'examples/songduo-2021.md', 'examples/changle-2022.md'])('%s has no arithmetic diagnostic', (file) => {
    const codes = checkSource(file, readFileSync(file)).diagnostics.map((d) => d.code);
    expect(codes.filter((c) => /total|balance|not-filled/.test(c))).toEqual([]);
  });
});

// ── Printing: a computed total of blanks prints blank, in the PDF and in the HTML ───────────

/**
 * Table 三 published with its blanks (缺省: 空白) and no （七）总计 row: the row is computed, blank
 * where every result cell is blank; table 四's 复议后起诉 written ~ throughout, its 总计 computed.
 */
const BLANKS = edit('依申请公开:\n', '依申请公开:\n  缺省: 空白\n')
  .replace('  总计: { 自然人: 5, 商业企业: 2, 总计: 7 }\n', '')
  .replace('复议后起诉: {}', '复议后起诉: { 结果维持: ~, 结果纠正: ~, 其他结果: ~, 尚未审结: ~ }');
const RESULT_TOTAL = ['5', '2', '', '', '', '', '7'];
const REVIEW = ['1', '0', '0', '1', '2', '0', '1', '0', '0', '1', '', '', '', '', ''];

/** The text printed in each column of a table's grid on `line`. */
function cellTexts(page: PdfPage, line: Line, widths: number[]): string[] {
  let x = pageGeometry.margins.left + GRID_RULE;
  return widths.map((w) => {
    const [left, right] = [toMm(x), toMm(x + w + 2 * GRID_PADDING_X)];
    x += w + 2 * GRID_PADDING_X + GRID_RULE;
    const items = page.items.filter((i) => Math.abs(i.baseline - line.baseline) < 0.3 && i.x >= left - 0.2 && i.right <= right + 0.2);
    return items.map((i) => i.str).join('');
  });
}

describe('a computed total of blank cells prints blank', () => {
  it('in the model: （七）总计 blank where its column is, 复议后起诉 总计 blank without 缺省', () => {
    expect(lines(BLANKS)).toEqual([]);
    const application = table(BLANKS, 'application');
    expect(application.def.columns.map((c) => cellAt(application, '总计', c.key)?.display)).toEqual(RESULT_TOTAL);
    expect(shown(table(BLANKS, 'review'), '复议后起诉', '总计')).toEqual({ value: 0, display: '', state: 'derived' });
  });

  it('in the PDF', async () => {
    const { document } = await built('r.md', BLANKS);
    if (!document) throw new Error('no PDF');
    const t3 = document.pages.find((p) => p.text.replace(/\s/g, '').includes('（七）总计')) as PdfPage;
    const total = pdfLines(t3, DENSE_TABLE_FONT_SIZE).find((l) => l.text.includes('（七）总计')) as Line;
    expect(total).toBeDefined();
    const widths = tableGrid(table(BLANKS, 'application')).widths as number[];
    expect(cellTexts(t3, total, widths).slice(3)).toEqual(RESULT_TOTAL);

    const t4 = document.pages.find((p) => p.text.includes('复议后起诉')) as PdfPage;
    const header = pdfLines(t4, DENSE_TABLE_FONT_SIZE).find((l) => l.text.includes('复议后起诉')) as Line;
    const data = pdfLines(t4, DENSE_TABLE_FONT_SIZE).find((l) => l.baseline > header.baseline && /^[\d\s]+$/.test(l.text)) as Line;
    expect(data).toBeDefined();
    const reviewWidths = tableGrid(table(BLANKS, 'review')).widths as number[];
    expect(cellTexts(t4, data, reviewWidths)).toEqual(REVIEW);
  });

  it('in the HTML', async () => {
    const { report, markdown } = await built('r.md', BLANKS);
    if (!report || markdown === undefined) throw new Error('no build');
    const html = reportHtml(compose(report, markdown));
    const cells = (row: string) => [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1] ?? '');
    expect(cells(rows.find((r) => r.includes('（七）总计')) ?? '')).toEqual(RESULT_TOTAL);
    const t4 = html.slice(html.lastIndexOf('<table'));
    expect(cells(t4.slice(t4.indexOf('<tbody'))).slice(0, 15)).toEqual(REVIEW);
  });
});

describe('a row written ~ is a row of blanks', () => {
  it('in a row of several columns (2019 行政许可) each cell is blank, not 0', () => {
    const text = edit('主动公开:\n', '主动公开:\n  格式: 2019\n').replace(/ {2}规章: .*\n {2}行政规范性文件: .*\n {2}行政许可: 12\n/, '  规章: ~\n  规范性文件:\n  行政许可: ~\n');
    const disclosure = table(text, 'disclosure');
    for (const row of ['规章', '规范性文件', '行政许可']) {
      expect(disclosure.def.rows.find((r) => r.id === row)?.columns.map((c) => shown(disclosure, row, c))).toEqual(
        disclosure.def.rows.find((r) => r.id === row)?.columns.map(() => ({ value: 0, display: '', state: 'blank' })),
      );
    }
  });

  it('a row of table 三 written ~ is blank throughout, its 总计 too, and right', () => {
    const text = edit('部分公开: { 自然人: 1 }', '部分公开: ~').replace('总计: { 自然人: 5, 商业企业: 2, 总计: 7 }', '总计: { 自然人: 4, 商业企业: 2, 总计: 6 }').replace('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 4, 商业企业: 2, 总计: 6 }');
    expect(lines(text).filter((l) => / 错误 /.test(l))).toEqual([]);
    expect(shown(table(text, 'application'), '部分公开', '总计')).toEqual({ value: 0, display: '', state: 'blank' });
  });
});
