/**
 * Runs wider than a line (issue 11): a URL, an e-mail address, an 80-digit number are broken
 * where UAX #14 allows, else between characters, and never overprinted into one line. Read back
 * from the PDF: every character present in order, no line wider than the 版心, no glyph drawn
 * over its neighbour (no character spacing tighter than a squeezed punctuation mark gives).
 */
import { describe, expect, it } from 'vitest';
import { pageGeometry } from '../src/page/geometry.js';
import { titleLines as balancedTitle } from '../src/text/title.js';
import { breakLines } from '../src/text/lines.js';
import { built } from './support/build.js';
import { edit } from './support/check.js';
import { lines, type PdfDocument, toMm } from './support/pdf.js';

const LEFT = toMm(pageGeometry.margins.left);
const TYPE_WIDTH = toMm(pageGeometry.typeWidth);
const squash = (text: string) => text.replace(/\s+/g, '');
/** The running text of a document without its page numbers. */
const running = (document: PdfDocument) => squash(document.pages.map((p) => p.text).join('')).replace(/—\d+—/g, '');
/** Character spacing set in the page content, pt (pdfkit writes `n Tc` before each line). */
const spacings = (document: PdfDocument) => document.pages.flatMap((p) => [...p.content.matchAll(/(-?[\d.]+) Tc/g)].map((m) => Number(m[1])));

const URL = 'https://www.example.gov.cn/zwgk/xxgk/2022/0131/report-annual-information-disclosure-of-linxia-nanlong.html';
const EMAIL = 'zhengwu.gongkai.xinxi.bangongshi.linxia.nanlong.zhen.renmin.zhengfu@example.gov.cn';
const NUMBER = '1234567890'.repeat(8);

async function withParagraph(name: string, paragraph: string): Promise<PdfDocument> {
  const { document } = await built(`${name}.md`, edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${paragraph}`));
  if (!document) throw new Error('no PDF');
  return document;
}

/** Every line of the PDF within the 版心, and no character spacing below a squeeze. */
function expectNothingOverprinted(document: PdfDocument) {
  for (const page of document.pages) {
    for (const line of lines(page)) {
      expect(line.x, line.text).toBeGreaterThanOrEqual(LEFT - 0.1);
      expect(line.right, line.text).toBeLessThanOrEqual(LEFT + TYPE_WIDTH + 0.1);
    }
  }
  // 标点挤压 takes at most half a mark (half of 5.5 mm) from a 28-character line: under 0.3 pt a
  // character. An 80-digit run squeezed into one line took 2.4 pt from each.
  expect(Math.min(...spacings(document))).toBeGreaterThan(-0.5);
}

describe('an unbreakable run wider than a line is broken, never overprinted (issue 11)', () => {
  it('a long URL in a paragraph breaks at UAX #14 opportunities', async () => {
    const document = await withParagraph('url', `详见网址${URL}。`);
    expect(running(document)).toContain(`详见网址${URL}。`);
    expectNothingOverprinted(document);
    const urlLines = document.pages.flatMap((p) => lines(p)).filter((l) => /[a-z]{4}/.test(l.text));
    // Broken after a slash or before a hyphen (UAX #14), not inside a word.
    expect(urlLines.length).toBeGreaterThan(1);
    for (const line of urlLines.slice(0, -1)) expect(line.text).toMatch(/[/-]$/);
  });

  it('an e-mail address wider than a line breaks, every character kept', async () => {
    const document = await withParagraph('email', `联系邮箱：${EMAIL}。`);
    expect(running(document)).toContain(`联系邮箱：${EMAIL}。`);
    expectNothingOverprinted(document);
  });

  it('an 80-digit number breaks between digits', async () => {
    const document = await withParagraph('number', `编号${NUMBER}。`);
    expect(running(document)).toContain(`编号${NUMBER}。`);
    expectNothingOverprinted(document);
  });

  it('a URL in a grid table cell breaks within the cell', async () => {
    const grid = ['```grid header=1 widths=100,300', '项目 | 网址', `公开平台 | ${URL}`, '```'].join('\n');
    const document = await withParagraph('cell', grid);
    expect(running(document)).toContain(URL.slice(0, 30));
    expect(squash(running(document))).toContain(URL.replace(/\s/g, ''));
    expectNothingOverprinted(document);
  });

  it('a URL in the 标题 breaks where UAX #14 allows, each line within the 版心', async () => {
    const title = `${URL.slice(0, 60)}政府信息公开工作年度报告`;
    const { document } = await built('title.md', edit('主送机关: 市政府信息中心', `主送机关: 市政府信息中心\n标题: ${title}`));
    if (!document) throw new Error('no PDF');
    const titleLines = lines(document.pages[0] as (typeof document.pages)[number], pageGeometry.titleSize);
    expect(titleLines.map((l) => l.text)).toEqual(balancedTitle(title));
    expect(titleLines.map((l) => l.text).join('')).toBe(title);
    for (const line of titleLines) expect(line.right - line.x, line.text).toBeLessThanOrEqual(TYPE_WIDTH + 0.1);
  });
});

describe('line breaking is linear in the paragraph', () => {
  const measure = (ch: string) => ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 7.85 : 15.7);
  const options = { measure, width: 442.2, indent: 31.4 };
  const natural = (text: string) => [...text].reduce((sum, ch) => sum + measure(ch), 0);

  it('a paragraph of 200,000 characters is broken into full lines, nothing lost', () => {
    const text = '本机关坚持以人民为中心，全面推进政务公开。'.repeat(10_000);
    const broken = breakLines(text, options);
    expect(broken.map((l) => l.text).join('')).toBe(text);
    expect(broken.length).toBeGreaterThan(text.length / 28);
    for (const line of broken) expect(natural(line.text) + (line.first ? options.indent : 0)).toBeLessThanOrEqual(options.width + 15.7 / 2);
  });

  it('a run of 200,000 letters is broken into lines that each fit, never overprinted', () => {
    const text = `网址https://example.gov.cn/${'a'.repeat(200_000)}`;
    const broken = breakLines(text, options);
    expect(broken.map((l) => l.text).join('')).toBe(text);
    for (const line of broken) {
      expect(natural(line.text) + (line.first ? options.indent : 0)).toBeLessThanOrEqual(options.width + 0.01);
      expect(line.spacing).toBeGreaterThanOrEqual(0);
    }
  });
});
