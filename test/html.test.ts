/** The web page, opened in real headless Chromium: merges, numbers, no requests, live reload. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../src/html/render.js';
import { compose } from '../src/document/compose.js';
import { cellAt } from '../src/model/types.js';
import { launch } from './support/browser.js';
import { built } from './support/build.js';
import { VALID } from './support/check.js';
import { Running } from './support/spawn.js';

const EXAMPLES = ['nanlong-2021', 'longde-chengguan-2021', 'nankou-2020', 'songduo-2021', 'changle-2022'];
const OUT = path.resolve('test/.out');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe.each(EXAMPLES)('HTML of %s', (name) => {
  it('has the tables with the spans and numbers of the definitions, and makes no request', async () => {
    const { report, markdown } = await built(`examples/${name}.md`);
    if (!report || markdown === undefined) throw new Error('no build');
    const file = path.join(OUT, `${name}.html`);
    writeFileSync(file, reportHtml(compose(report, markdown)));
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe(report.title);
    const captions = await page.locator('table.stat caption').allTextContents();
    expect(captions).toEqual(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);

    const application = report.tables.application;
    const t3 = page.locator('table.stat').nth(1);
    const results = application.def.rows.filter((r) => r.labels[0] === '三、本年度办理结果').length;
    expect(await t3.locator('th', { hasText: '三、本年度办理结果' }).getAttribute('rowspan')).toBe(String(results));
    expect(await t3.locator('th', { hasText: '（本列数据的勾稽关系为' }).evaluate((th) => [th.getAttribute('rowspan'), th.getAttribute('colspan')])).toEqual(['3', '3']);
    expect(await t3.locator('th', { hasText: '申请人情况' }).getAttribute('colspan')).toBe('7');
    expect(await t3.locator('th', { hasText: '（三）不予公开' }).getAttribute('rowspan')).toBe('8');
    // Every row: its data cells, in order, are the model's cells.
    const rows = await t3.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toEqual(application.def.rows.map((row) => row.columns.map((c) => cellAt(application, row.id, c)?.display ?? '')));
    // 复议诉讼: 行政复议 cs=5, 行政诉讼 cs=10, the five outcome headers rs=2.
    const t4 = page.locator('table.stat').nth(2);
    expect(await t4.locator('th', { hasText: '行政诉讼' }).first().getAttribute('colspan')).toBe('10');
    expect(await t4.locator('thead tr').first().locator('th').first().getAttribute('colspan')).toBe('5');
    expect(await t4.locator('tbody td').allTextContents()).toEqual(
      report.tables.review.def.rows.flatMap((row) => row.columns.map((c) => cellAt(report.tables.review, row.id, c)?.display ?? '')),
    );
    expect(await page.locator('th[scope]').count()).toBe(await page.locator('th').count());
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('is valid HTML', async () => {
    const { report, markdown } = await built(`examples/${name}.md`);
    if (!report || markdown === undefined) throw new Error('no build');
    // Column widths are per table, so <col style="width"> stays: the only rule turned off.
    const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'], rules: { 'no-inline-style': 'off' } });
    const result = await validator.validateString(reportHtml(compose(report, markdown)), `${name}.html`);
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});

describe('watch --serve', () => {
  it('serves the page and reloads it with the new text after a save', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-serve-'));
    writeFileSync(path.join(dir, 'r.md'), VALID);
    const running = new Running(['watch', 'r.md', '--serve', '0'], dir);
    try {
      await running.until(/网页预览：http:\/\/127\.0\.0\.1:\d+\//);
      const url = /网页预览：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(running.stderr)?.[1] as string;
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(url);
      await expect.poll(() => page.locator('p', { hasText: '公开的及时性还需提高。' }).count()).toBe(1);
      writeFileSync(path.join(dir, 'r.md'), readFileSync(path.join(dir, 'r.md'), 'utf8').replace('公开的及时性还需提高。', '网页随保存自动刷新。'));
      await expect.poll(() => page.locator('p', { hasText: '网页随保存自动刷新。' }).count(), { timeout: 15_000 }).toBe(1);
      expect(requests.every((u) => u.startsWith(url))).toBe(true);
      await page.close();
    } finally {
      await running.stop();
    }
  }, 60_000);
});
