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
import { inOrderShare, narrativeCharacters, printedCells } from './support/imported.js';

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

/** Table 三 as county sites print it: a rowspan of 22, Word-ish cells, labels given per row. */
function applicationTable(labels: Record<string, string>, values: Record<string, string[]>): string {
  const zero = ['0', '0', '0', '0', '0', '0', '0'];
  const cells = (key: string) => (values[key] ?? zero).map((v) => `<td>${v}</td>`).join('');
  const label = (key: string, fallback: string) => labels[key] ?? fallback;
  const group = (name: string, items: [string, string][]) =>
    items.map(([key, text], i) => `<tr>${i === 0 ? `<td rowspan="${items.length}">${name}</td>` : ''}<td>${label(key, text)}</td>${cells(key)}</tr>`).join('\n');
  return `<table border="1" cellspacing="0" cellpadding="0">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td><td>法律服务<br>机构</td><td>其他</td></tr>
<tr><td colspan="3">${label('本年新收', '一、本年新收政府信息公开申请数量')}</td>${cells('本年新收')}</tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>${cells('上年结转')}</tr>
<tr><td rowspan="22">三、本<br>年度<br>办理<br>结果</td><td colspan="2">（一）予以公开</td>${cells('予以公开')}</tr>
<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>${cells('部分公开')}</tr>
${group('（三）不予公开', [['国家秘密', '1.属于国家秘密'], ['禁止公开', '2.其他法律行政法规禁止公开'], ['三安全', '3.危及“三安全一稳定”'], ['第三方', '4.保护第三方合法权益'], ['内部事务', '5.属于三类内部事务信息'], ['过程性', '6.属于四类过程性信息'], ['执法案卷', '7.属于行政执法案卷'], ['查询事项', '8.属于行政查询事项']])}
${group('（四）无法提供', [['不掌握', '1.本机关不掌握相关政府信息'], ['另行制作', '2.没有现成信息需要另行制作'], ['不明确', '3.补正后申请内容仍不明确']])}
${group('（五）不予处理', [['信访', '1.信访举报投诉类申请'], ['重复', '2.重复申请'], ['出版物', '3.要求提供公开出版物'], ['大量反复', '4.无正当理由大量反复申请'], ['确认', '5.要求行政机关确认或重新出具已获取信息']])}
${group('（六）其他处理', [['逾期不补正', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], ['逾期未缴费', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['其他', '3.其他']])}
<tr><td colspan="2">（七）总计</td>${cells('总计')}</tr>
<tr><td colspan="3">四、结转下年度继续办理</td>${cells('结转')}</tr>
</table>`;
}

/** A county page: the article in a layout table, <br> bodies with full-width indents, <center>. */
function countyPage(table3: string): string {
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>某县人民政府</title></head><body>
<table width="100%" border="0"><tr><td><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></td></tr>
<tr><td>
  <table width="960" align="center"><tr><td class="bt"><center><b>城关镇2023年政府信息公开工作年度报告</b></center></td></tr>
  <tr><td align="center">发布时间：2024-01-26　　来源：城关镇　　浏览次数：<span id="hits">12</span></td></tr>
  <tr><td class="content">
  <p>　　根据《中华人民共和国政府信息公开条例》规定，现发布本报告。本报告统计期限自2023年1月1日起至2023年12月31日止。</p>
  <p><b>一、 总体情况</b></p>
  <p>　　2023年，城关镇坚持以公开为常态。<br>　　（一）主动公开。全年主动公开政府信息312条。<br>　　（二）依申请公开。全年收到申请3件。</p>
  <p><b>二、主动公开政府信息情况</b></p>
  <table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
  <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
  <tr><td>规章</td><td>/</td><td>/</td><td>/</td></tr>
  <tr><td>行政规范性文件</td><td>2</td><td>0</td><td>5</td></tr>
  <tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
  <tr><td>行政许可</td><td colspan="3">１２</td></tr>
  <tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
  <tr><td>行政处罚</td><td colspan="3">&nbsp;</td></tr><tr><td>行政强制</td><td colspan="3">无</td></tr>
  <tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
  <tr><td>行政事业性收费</td><td colspan="3">0</td></tr></table>
  <p><b>三、收到和处理政府信息公开申请情况</b></p>
  ${table3}
  <p><b>四、政府信息公开行政复议、行政诉讼情况</b></p>
  <table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
  <tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
  <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
  <tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
  <p><b>五、存在的主要问题及改进情况</b></p>
  <p>　　一是公开内容不够丰富。二是解读形式单一。</p>
  <p><b>六、其他需要报告的事项</b></p>
  <p>　　本年度未收取信息处理费。</p>
  <p align="right">城关镇人民政府</p><p align="right">2024年1月20日</p>
  </td></tr></table>
</td></tr>
<tr><td>版权所有：某县人民政府　网站标识码：1234567890</td></tr></table>
</body></html>`;
}

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
