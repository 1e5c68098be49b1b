/**
 * `nianbao check … --summary summary.html` (issue 15, item 4): built for the real published
 * corpus and the examples by the CLI, validated with html-validate, read in Chromium with and
 * without scripts: every report listed, its counts and figures equal to what `check` says and to
 * the report models, the rules counted, the charts drawn, no external request; screenshots at
 * 1280 and 390 px in test/.out/.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';
import { FIGURES, type FigureDef, figureOf, formatFigure } from '../src/summary/figures.js';
import { summaryPage } from '../src/summary/page.js';
import { cellPlace } from '../src/summary/place.js';
import { launch } from './support/browser.js';
import { nianbao, scratch } from './support/cli.js';

const OUT = path.resolve('test/.out');
const SOURCES = [
  ...readdirSync('test/fixtures/published').filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => `test/fixtures/published/${f}`),
  ...readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => `examples/${f}`),
].sort();

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
}

const figure = (id: string): FigureDef => {
  const found = FIGURES.find((f) => f.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};
const model = (file: string) => checkSource(file, readFileSync(file)).report;

describe('key figures, from the report models', () => {
  it('hongze 2023 (expected source of the original): 21 received, 4 of 21 disclosed, 复议 1 corrected, 诉讼 0', () => {
    const report = model('test/fixtures/originals-expected/01_hongze_2023.md');
    expect(FIGURES.map((f) => formatFigure(figureOf(report, f)))).toEqual(['21', '19.0%', '1', '0']);
    expect(figureOf(report, figure('disclosureRate'))).toEqual({ kind: 'rate', value: 4 / 21, numerator: 4, denominator: 21 });
  });

  it('huaian 2024: 3119 received, (1362 + 454) ÷ 3050, 复议 64 corrected, 诉讼 4 + 1', () => {
    const report = model('test/fixtures/originals-expected/02_huaian_2024.md');
    expect(FIGURES.map((f) => formatFigure(figureOf(report, f)))).toEqual(['3119', '59.5%', '64', '5']);
  });

  it('no rate without applications finished, no figure from a cell still 待填 or unreadable', () => {
    expect(figureOf(model('examples/changle-2022.md'), figure('disclosureRate'))).toEqual({ kind: 'none', why: '没有办结的申请' });
    const text = readFileSync('test/fixtures/originals-expected/01_hongze_2023.md', 'utf8').replace('本年新收: [21, 0, 0, 0, 0, 0, 21]', '本年新收: [21, 0, 0, 0, 0, 0, 待填]');
    const report = checkSource('r.md', text).report;
    expect(figureOf(report, figure('received'))).toEqual({ kind: 'none', why: '有格子读不出或待填' });
    expect(formatFigure(figureOf(undefined, figure('received')))).toBe('—');
  });

  it('a diagnostic’s place in the printed table', () => {
    const report = model('test/fixtures/originals-expected/01_hongze_2023.md');
    expect(cellPlace(report, { line: 55, column: 23 })).toBe('复议诉讼 · 行政复议 · 总计');
    expect(cellPlace(report, { line: 22, column: 1 })).toBe('依申请公开');
    const grouped = report?.tables.application.cells.get('不予公开.属于国家秘密|自然人')?.position;
    expect(grouped && cellPlace(report, grouped)).toBe('依申请公开 · （三）不予公开 1.属于国家秘密 · 自然人');
    expect(cellPlace(report, { line: 60, column: 1 })).toBeUndefined();
  });

  it('a published file checked directly: the place in the original instead of line:column, and the cell', () => {
    const file = 'test/fixtures/originals-expected/01_hongze_2023.md';
    const checked = checkSource(file, readFileSync(file));
    const review = checked.diagnostics.find((d) => d.code === 'review-total');
    if (!review) throw new Error('no review-total');
    const placed = { ...review, original: { where: '第4页 表四“行政复议”行“总计”列', page: 4 } };
    const html = summaryPage([{ file: '洪泽区2023年报.pdf', report: checked.report, diagnostics: [placed] }]);
    expect(html).toContain('<span class="where">第4页 表四“行政复议”行“总计”列</span>');
    expect(html).toContain('（复议诉讼 · 行政复议 · 总计）');
  });

  it('a source with no report model is listed, with its errors and no figures', () => {
    const checked = checkSource('乡镇/坏.md', 'no front matter\n');
    const html = summaryPage([{ file: '乡镇/坏.md', report: checked.report, diagnostics: checked.diagnostics }]);
    expect(html).toContain('<a href="#report-1">坏.md</a>');
    expect(html).toContain('front-matter-missing');
    expect(html).toContain('有错误 1 份');
  });
});

describe('check --summary on the published corpus and the examples', () => {
  let dir: string;
  let file: string;
  let diagnostics: JsonDiagnostic[];
  let browser: Browser;

  beforeAll(async () => {
    dir = scratch();
    file = path.join(dir, 'summary.html');
    const run = nianbao(['check', ...SOURCES, '--format', 'json', '--summary', file]);
    expect(run.status).toBe(1); // the corpus has real errors
    diagnostics = JSON.parse(run.stdout) as JsonDiagnostic[];
    browser = await launch({ shippedFonts: true });
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const of = (source: string) => diagnostics.filter((d) => d.file === source);

  it('is valid HTML (recommended and document rules, none turned off)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'] });
    const result = await validator.validateString(readFileSync(file, 'utf8'), 'summary.html');
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('needs nothing from outside: no URL, no external script or style', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/u);
    expect(html).not.toMatch(/https?:\/\//u);
    expect(html).not.toMatch(/@import|url\(/u);
  });

  async function open(javaScriptEnabled: boolean, width = 1280): Promise<{ page: Page; requests: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);
    return { page, requests };
  }

  it('without scripts: every report listed with check’s counts, figures and diagnostics', async () => {
    const { page, requests } = await open(false);
    const rows = page.locator('#overview tbody tr');
    expect(await rows.count()).toBe(SOURCES.length);
    for (const [index, source] of SOURCES.entries()) {
      const report = model(source);
      const row = rows.nth(index);
      const cells = await row.locator('td').allTextContents();
      const errors = of(source).filter((d) => d.severity === 'error').length;
      const warnings = of(source).length - errors;
      expect(await row.locator('th a').textContent()).toBe(`${report?.agency} ${report?.year}年`);
      expect(await row.locator('th .path').textContent()).toBe(source);
      expect(cells).toEqual([errors > 0 ? '有错误' : warnings > 0 ? '有警告' : '通过', String(errors), String(warnings), ...FIGURES.map((f) => formatFigure(figureOf(report, f)))]);
      const section = page.locator(`#report-${index + 1}`);
      expect(await section.locator('ol.diagnostics > li').count()).toBe(of(source).length);
      expect(await section.locator('ol.diagnostics > li .where').allTextContents()).toEqual(of(source).map((d) => `${d.line}:${d.column}`));
      expect(await section.locator('ol.diagnostics > li code').allTextContents()).toEqual(of(source).map((d) => d.code));
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const status = SOURCES.map((s) => (of(s).some((d) => d.severity === 'error') ? 'error' : of(s).length > 0 ? 'warning' : 'ok'));
    const n = (s: string) => status.filter((x) => x === s).length;
    expect(await page.locator('#totals').textContent()).toBe(
      `共 ${SOURCES.length} 份报告：通过 ${n('ok')} 份，有警告 ${n('warning')} 份，有错误 ${n('error')} 份；共 ${errors} 个错误，${diagnostics.length - errors} 个警告。`,
    );
    expect(await page.locator('#overview tfoot td').allTextContents()).toEqual(['', String(errors), String(diagnostics.length - errors), '4769', '53.0%', '72', '10']);
    expect(requests).toEqual([`file://${file}`]);
    await page.context().close();
  });

  it('the cell of a table diagnostic is named: hongze 2023’s 复议 总计 printed 0', async () => {
    const { page } = await open(false);
    const index = SOURCES.indexOf('test/fixtures/published/hongze-2023.md') + 1;
    const items = await page.locator(`#report-${index} ol.diagnostics > li`).allTextContents();
    expect(items[1]).toContain('49:52 错误 review-total 复议诉讼“行政复议”：总计写的是 0，但各列之和为 11');
    expect(items[1]).toContain('（复议诉讼 · 行政复议 · 总计）');
    expect(items[1]).toContain('提示：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结');
    await page.context().close();
  });

  it('per rule, how many reports break it and how often', async () => {
    const { page } = await open(false);
    const codes = [...new Set(diagnostics.map((d) => d.code))];
    const expected = codes
      .map((code) => ({ code, reports: new Set(diagnostics.filter((d) => d.code === code).map((d) => d.file)).size, times: diagnostics.filter((d) => d.code === code).length }))
      .sort((a, b) => b.reports - a.reports || b.times - a.times || a.code.localeCompare(b.code));
    const rows = page.locator('#rules tbody tr');
    expect(await rows.count()).toBe(codes.length);
    const shown = [];
    for (let i = 0; i < codes.length; i++) {
      const row = rows.nth(i);
      const cells = await row.locator('td').allTextContents();
      shown.push({ code: await row.locator('th').textContent(), reports: Number(cells[1]), times: Number(cells[2]) });
      expect(await row.locator('td a').count()).toBe(Number(cells[1]));
    }
    expect(shown).toEqual(expected);
    await page.context().close();
  });

  it('charts: one bar a report for errors and warnings and for each key figure', async () => {
    const { page } = await open(false);
    expect(await page.locator('svg.chart').count()).toBe(1 + FIGURES.length);
    const problems = page.locator('#chart-problems-title').locator('xpath=..');
    expect(await problems.locator('g').count()).toBe(SOURCES.length);
    const huaian = SOURCES.indexOf('test/fixtures/published/huaian-2024.md');
    expect(await page.locator('svg[aria-labelledby^="chart-received"] g').nth(huaian).locator('text.value').textContent()).toBe('3119');
    expect(await page.locator('svg[aria-labelledby^="chart-disclosureRate"] g').nth(huaian).locator('text.value').textContent()).toBe('59.5%');
    // The largest count fills the bar room: huaian's 3119 received.
    const widths = await page.locator('svg[aria-labelledby^="chart-received"] rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(Math.max(...widths)).toBeCloseTo(400 - 176 - 64, 1);
    await page.context().close();
  });

  it('with the inline script, a header sorts its table; screenshots at 1280 and 390 px', async () => {
    const { page } = await open(true);
    const errorsColumn = async () => (await page.locator('#overview tbody tr td:nth-of-type(2)').allTextContents()).map(Number);
    await page.locator('#overview thead th', { hasText: '错误' }).locator('button').click();
    const ascending = await errorsColumn();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('#overview thead th', { hasText: '错误' }).locator('button').click();
    const descending = await errorsColumn();
    expect(descending[0]).toBe(Math.max(...descending));
    expect(await page.locator('#overview tbody tr').first().locator('th a').textContent()).toBe('上海市人民政府办公厅 2019年');
    await page.screenshot({ path: path.join(OUT, 'summary-1280.png'), fullPage: true });
    await page.context().close();

    const phone = await open(true, 390);
    // Nothing but the tables' own scrolling boxes is wider than the phone.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: path.join(OUT, 'summary-390.png'), fullPage: true });
    await phone.page.context().close();
  });
});

describe('check --summary: where it may write', () => {
  it('only to a .html file, never over an input, only where a folder exists; nothing written when refused', () => {
    const dir = scratch({ 'r.md': readFileSync('test/fixtures/originals-expected/02_huaian_2024.md', 'utf8') });
    const notHtml = nianbao(['check', 'r.md', '--summary', 'r.md'], dir);
    expect(notHtml.status).toBe(2);
    expect(notHtml.stderr).toBe('nianbao: --summary 的文件名应以 .html 结尾，这里是“r.md”\n  提示：用 --summary 指定另一个文件名，例如 --summary 汇总.html\n');
    const missing = nianbao(['check', 'r.md', '--summary', 'no/such/s.html'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('所在的目录“no/such”不存在');
    expect(missing.stdout).toBe('');
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
    const ok = nianbao(['check', 'r.md', '--summary', 's.html'], dir);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('检查了 1 个文件：0 个错误，0 个警告\n已写出汇总页 s.html（1 份报告）\n');
    expect(readFileSync(path.join(dir, 's.html'), 'utf8')).toContain('共 1 份报告：通过 1 份，有警告 0 份，有错误 0 份；共 0 个错误，0 个警告。');
    expect(readdirSync(dir).sort()).toEqual(['r.md', 's.html']);
  });
});
