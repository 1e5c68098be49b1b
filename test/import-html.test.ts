/**
 * Importing web pages: a real government page (Word-exported markup in site chrome, see
 * test/fixtures/import/README.md) and hand-written pages in the shapes government sites use:
 * layout tables around the article, <br> bodies with full-width indents, a rowspan over 22 rows,
 * misspelled and truncated labels, a cell that cannot be placed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/import/index.js';
import { checkSource } from '../src/pipeline.js';
import { narrativeCharacters, printedCells } from './support/imported.js';
import { applicationTable, countyPage } from './support/pages.js';

const PINGTAN = 'test/fixtures/import/pingtan-2021.html';

describe('a real government page (平潭 2021, trimmed)', () => {
  it('gives the hand-verified transcription’s tables cell for cell, its title, year and 发布日期', async () => {
    const imported = await importFile(PINGTAN, readFileSync(PINGTAN));
    const expected = checkSource('pingtan-2021.md', readFileSync('test/fixtures/published/pingtan-2021.md', 'utf8')).report;
    const back = checkSource('imported.md', imported.source).report;
    if (!expected || !back) throw new Error('not a report');
    expect(printedCells(back)).toEqual(printedCells(expected));
    expect(back.title).toBe('平潭综合实验区2021年度政府信息公开工作年度报告');
    expect(back.year).toBe(2021);
    expect(back.publicationDate?.text).toBe('2022-02-08');
    // The site chrome (navigation, 来源, 附件下载, the footer) is not narrative.
    expect(narrativeCharacters(back)).toBe(narrativeCharacters(expected));
    expect(imported.diagnostics).toEqual([]);
  });

  it('is deterministic: the same bytes give the same source', async () => {
    const bytes = readFileSync(PINGTAN);
    expect((await importFile(PINGTAN, bytes)).source).toBe((await importFile(PINGTAN, bytes)).source);
  });
});

const VALUES = { 本年新收: ['3', '0', '0', '0', '0', '0', '3'], 予以公开: ['2', '0', '0', '0', '0', '0', '2'], 不掌握: ['1', '0', '0', '0', '0', '0', '1'], 总计: ['3', '0', '0', '0', '0', '0', '3'] };

describe('a county page in the shapes government sites use', () => {
  it('reads the article out of its layout tables, with 发布时间, the <br> body and the 署名', async () => {
    const imported = await importFile('城关镇2023.html', Buffer.from(countyPage(applicationTable({}, VALUES))));
    const report = checkSource('城关镇2023.md', imported.source).report;
    if (!report) throw new Error('not a report');
    expect(report.title).toBe('城关镇2023年政府信息公开工作年度报告');
    expect(report.year).toBe(2023);
    expect(report.publicationDate?.text).toBe('2024-01-26');
    expect(report.signature).toBe('城关镇人民政府');
    expect(report.date?.text).toBe('2024年1月20日');
    expect(report.agency).toBe('城关镇人民政府');
    const cells = printedCells(report);
    expect(cells['disclosure 规章 本年制发件数']).toBe('/');
    expect(cells['disclosure 行政许可 本年处理决定数量']).toBe('12'); // full-width digits
    expect(cells['disclosure 行政处罚 本年处理决定数量']).toBe(''); // &nbsp; only: blank
    expect(cells['disclosure 行政强制 本年处理决定数量']).toBe('无');
    expect(cells['application 本年新收 自然人']).toBe('3');
    expect(cells['application 无法提供.本机关不掌握相关政府信息 总计']).toBe('1');
    expect(cells['review 行政复议 总计']).toBe('1');
    // The <br> body: three paragraphs, the run-in （一） items kept as text.
    const part1 = report.narrative.parts[0]?.blocks.map((b) => `${b.kind}:${b.text}`);
    expect(part1).toEqual(['paragraph:2023年，城关镇坚持以公开为常态。', 'paragraph:（一）主动公开。全年主动公开政府信息312条。', 'paragraph:（二）依申请公开。全年收到申请3件。']);
    expect(imported.diagnostics).toEqual([]);
    // Nothing of the chrome (版权所有, 浏览次数, 首页) is narrative.
    expect(narrativeCharacters(report)).not.toMatch(/版权所有|浏览次数|首页/);
  });

  it('matches misspelled and truncated labels, and says so at the row', async () => {
    const page = countyPage(applicationTable({ 禁止公开: '2.其他法律行政法规止公开', 本年新收: '一、本年新收政府信', 三安全: '3.危及 “三安全 一稳定”' }, VALUES));
    const imported = await importFile('x.html', Buffer.from(page));
    const labels = imported.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.severity} ${d.code} ${d.message}`);
    const lines = imported.source.split('\n');
    const lineOf = (start: string) => lines.findIndex((l) => l.trimStart().startsWith(start)) + 1;
    expect(labels).toEqual([
      `${lineOf('本年新收:')}:3 warning import-label 表三的行标签“一、本年新收政府信”不完整，按“一、本年新收政府信息公开申请数量”读入`,
      `${lineOf('其他法律行政法规禁止公开:')}:5 warning import-label 表三的行标签“2.其他法律行政法规止公开”不完整，按“2.其他法律行政法规禁止公开”读入`,
    ]);
    const report = checkSource('x.md', imported.source).report;
    expect(report && printedCells(report)['application 本年新收 总计']).toBe('3');
    expect(lines[lineOf('本年新收:') - 1]).toBe('  本年新收: [3, 0, 0, 0, 0, 0, 3]  # 原文标签“一、本年新收政府信”');
  });

  it('writes a cell it cannot place as ~ with an import-uncertain warning at it, naming what it saw', async () => {
    const values = { ...VALUES, 予以公开: ['2', '见附件', '0', '0', '0', '0', '2'] };
    const imported = await importFile('y.html', Buffer.from(countyPage(applicationTable({}, values))));
    const lines = imported.source.split('\n');
    const line = lines.findIndex((l) => l.startsWith('  予以公开:')) + 1;
    expect(lines[line - 1]).toBe('  予以公开: [2, ~, 0, 0, 0, 0, 2]');
    expect(imported.diagnostics.map((d) => ({ at: `${d.position.line}:${d.position.column}`, code: d.code, message: d.message, hint: d.hint }))).toEqual([
      { at: `${line}:13`, code: 'import-uncertain', message: '表三“（一）予以公开”行“商业企业”列原文是“见附件”，不是数字，导入时写为空白 ~', hint: '对照原文把这一格的数填上（空白写 ~，没有写 0）' },
    ]);
    expect(imported.origin(line, 13)?.where).toBe(`第${imported.origin(line, 13)?.line}行 表三“（一）予以公开”行“商业企业”列`);
  });

  it('says a row the table never printed, and a row it cannot match, instead of inventing them', async () => {
    const table = applicationTable({}, VALUES).replace(/<tr><td colspan="3">二、上年结转[^\n]*\n/, '').replace('（七）总计', '合计数');
    const imported = await importFile('z.html', Buffer.from(countyPage(table.replace('rowspan="22"', 'rowspan="22"'))));
    const messages = imported.diagnostics.map((d) => d.message);
    expect(messages).toContain('原文表三没有“二、上年结转政府信息公开申请数量”这一行，导入时整行写为空白 ~');
    expect(messages).toContain('表三的行标签“合计数”与全国统一格式的任何一行都对不上，按它在表中的位置，按“（七）总计”读入');
    expect(imported.source).toContain('  上年结转: [~, ~, ~, ~, ~, ~, ~]');
  });
});
