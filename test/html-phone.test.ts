/** The web page on a 390 px phone and printed from the browser, in real headless Chromium. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../src/html/render.js';
import { compose } from '../src/document/compose.js';
import { formatDate } from '../src/model/dates.js';
import { launch } from './support/browser.js';
import { built } from './support/build.js';
import { readPdf } from './support/pdf.js';

const SOURCES = [
  ...['nanlong-2021', 'longde-chengguan-2021', 'nankou-2020', 'songduo-2021', 'changle-2022'].map((name) => `examples/${name}.md`),
  'bench/reference-2024.md',
];
const OUT = path.resolve('test/.out');
const PHONE = { width: 390, height: 844 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch({ shippedFonts: true });
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function page(file: string, html: string, viewport: { width: number; height: number }) {
  const target = path.join(OUT, `${path.basename(file, '.md')}-${viewport.width}.html`);
  writeFileSync(target, html);
  const tab = await browser.newPage({ viewport });
  await tab.goto(`file://${target}`);
  return tab;
}

describe.each(SOURCES)('%s on a phone', (file) => {
  it('scrolls only down at 390 px: the text fits, each table scrolls sideways in its own box', async () => {
    const { report, markdown } = await built(file);
    if (!report || markdown === undefined) throw new Error('no build');
    const tab = await page(file, reportHtml(compose(report, markdown)), PHONE);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Nothing outside a table box reaches past the screen's right edge.
    const outside = await tab.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(outside).toEqual([]);
    const boxes = await tab.locator('table.stat').evaluateAll((tables) =>
      tables.map((t) => {
        const box = t.parentElement as HTMLElement;
        return { box: box.className, overflow: getComputedStyle(box).overflowX, right: box.getBoundingClientRect().right, scrolls: box.scrollWidth > box.clientWidth, region: box.tagName, label: box.getAttribute('aria-label'), caption: t.querySelector('caption')?.textContent };
      }),
    );
    expect(boxes.length).toBe(3);
    for (const box of boxes) {
      expect(box).toMatchObject({ box: 'table-scroll', overflow: 'auto', scrolls: true, region: 'SECTION', label: box.caption });
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    }
    // Body text no smaller than a phone's reading size, and a line holds a readable count.
    const paragraph = await tab.locator('.gongwen > p').nth(1).evaluate((p) => ({ size: parseFloat(getComputedStyle(p).fontSize), width: p.clientWidth }));
    expect(paragraph.size).toBeGreaterThanOrEqual(16);
    expect(paragraph.width / paragraph.size).toBeGreaterThanOrEqual(18);
    await tab.screenshot({ path: path.join(OUT, `${path.basename(file, '.md')}-390.png`), fullPage: true });
    await tab.close();
  });

  it('keeps the desktop page at 1280 px: the sheet’s 公文 margins, no table box scrolling', async () => {
    const { report, markdown } = await built(file);
    if (!report || markdown === undefined) throw new Error('no build');
    const tab = await page(file, reportHtml(compose(report, markdown)), { width: 1280, height: 900 });
    const sheet = await tab.locator('article.gongwen').evaluate((a) => ({ width: a.getBoundingClientRect().width, left: getComputedStyle(a).paddingLeft, size: getComputedStyle(a).fontSize }));
    // 210 mm, 28 mm, 16 pt at 96 px an inch.
    expect(sheet.width).toBeCloseTo((210 / 25.4) * 96, 0);
    expect(parseFloat(sheet.left)).toBeCloseTo((28 / 25.4) * 96, 0);
    expect(parseFloat(sheet.size)).toBeCloseTo((16 / 72) * 96, 2);
    expect(await tab.locator('.table-scroll').evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length)).toBe(0);
    await tab.screenshot({ path: path.join(OUT, `${path.basename(file, '.md')}-1280.png`), fullPage: true });
    await tab.close();
  });
});

describe('printing the page from the browser', () => {
  it('keeps the 署名 and 成文日期 together and with the last paragraph, wherever the page ends', async () => {
    const file = 'examples/nanlong-2021.md';
    const { report, markdown } = await built(file);
    if (!report?.signature || !report.date || markdown === undefined) throw new Error('no build');
    const html = reportHtml(compose(report, markdown));
    const closing = /<div class="closing">\n<p>([^<]*)<\/p>/.exec(html);
    if (!closing) throw new Error('no closing block');
    const ending = (closing[1] ?? '').slice(-8);
    const pages: number[] = [];
    // Three more lines of text before the closing block each time (a 156 mm line holds 28
    // characters): over a page's worth of lengths (22 lines) the block, 4 lines high, meets
    // the page's foot.
    for (let lines = 0; lines < 24; lines += 3) {
      const filler = lines > 0 ? `<p>${'测试'.repeat(14 * lines - 1)}</p>\n` : '';
      const tab = await page(file, html.replace('<div class="closing">', `${filler}<div class="closing">`), { width: 1000, height: 1400 });
      const pdf = await readPdf(await tab.pdf({ format: 'A4', preferCSSPageSize: true }));
      await tab.close();
      // The last paragraph's end, the 署名 and the 成文日期 run on, on one page (NFKC: Chromium's
      // text maps some characters of the Fandol fonts to their Kangxi radicals, ⼈ for 人).
      const block = `${ending}${report.signature}${formatDate(report.date)}`.normalize('NFKC');
      expect(pdf.pages.filter((p) => p.text.normalize('NFKC').replace(/\s+/g, '').includes(block)).length, `${lines} more lines`).toBe(1);
      pages.push(pdf.pages.length);
    }
    // The lengths did carry the block across a page boundary.
    expect(new Set(pages).size).toBeGreaterThan(1);
  }, 120_000);
});
