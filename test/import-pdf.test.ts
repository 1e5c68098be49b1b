/**
 * The PDF reader (issue 15, item 1): nianbao's own PDFs of the five examples, read back, give the
 * tables cell by cell (text, row, column, spans) as the same build's web page has them, tables
 * across pages as one, every paragraph's characters in order, and the title / 署名 / date flags.
 * A scan, an encrypted and a broken file give their exact errors. Fixtures are made here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import PDFDocument, { type PdfKitDocument, type PdfKitOptions } from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishedDocument, PublishedParagraph, PublishedTable } from '../src/import/published.js';
import { PdfReadError, readPdf } from '../src/import/pdf/index.js';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

const EXAMPLES = ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021'];
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-import-pdf-'));
const squeeze = (text: string) => text.replace(/\s+/gu, '');

const children = (node: Node | DefaultTreeAdapterMap['document']): Node[] => ('childNodes' in node ? node.childNodes : []);
const isElement = (node: Node): node is Element => 'tagName' in node;
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return isElement(node) && node.tagName !== 'script' && node.tagName !== 'style' ? children(node).map(textOf).join('') : '';
}
function* elements(node: Node | DefaultTreeAdapterMap['document']): Generator<Element> {
  for (const child of children(node)) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child);
  }
}
const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

/** A table as the web page has it: per row, its cells' text (whitespace removed), rowspan, colspan. */
function htmlTables(html: string): string[][][] {
  return [...elements(parse(html))]
    .filter((e) => e.tagName === 'table')
    .map((table) =>
      [...elements(table)]
        .filter((e) => e.tagName === 'tr')
        .map((tr) =>
          children(tr)
            .filter(isElement)
            .filter((c) => c.tagName === 'td' || c.tagName === 'th')
            .map((c) => `${squeeze(textOf(c))} ${attr(c, 'rowspan') ?? 1}x${attr(c, 'colspan') ?? 1}`),
        ),
    );
}

/** The web page's text blocks outside tables (headings, paragraphs), whitespace removed. */
function htmlParagraphs(html: string): string[] {
  const body = [...elements(parse(html))].find((e) => e.tagName === 'body');
  const blocks: string[] = [];
  const walk = (node: Node) => {
    if (!isElement(node) || ['table', 'script', 'style', 'caption'].includes(node.tagName)) return;
    if (/^(p|h[1-6]|li)$/u.test(node.tagName)) {
      const text = squeeze(textOf(node));
      if (text !== '') blocks.push(text);
      return;
    }
    children(node).forEach(walk);
  };
  if (body) children(body).forEach(walk);
  return blocks;
}

const pdfTable = (table: PublishedTable) => table.rows.map((row) => row.map((c) => `${squeeze(c.text)} ${c.rowSpan}x${c.colSpan}`));
const tablesOf = (doc: PublishedDocument) => doc.blocks.filter((b): b is PublishedTable => b.kind === 'table');
const paragraphsOf = (doc: PublishedDocument) => doc.blocks.filter((b): b is PublishedParagraph => b.kind === 'paragraph');

const built: Record<string, { pdf: string; html: string; doc: PublishedDocument }> = {};

beforeAll(async () => {
  for (const name of EXAMPLES) {
    const pdf = path.join(dir, `${name}.pdf`);
    // --force: two examples are real reports with real mistakes; their PDFs are still made.
    spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--force', '--html', `examples/${name}.md`, '-o', pdf], { encoding: 'utf8' });
    const html = readFileSync(path.join(dir, `${name}.html`), 'utf8');
    built[name] = { pdf, html, doc: await readPdf(pdf, readFileSync(pdf)) };
  }
}, 120_000);

describe('nianbao’s own PDFs read back', () => {
  it.each(EXAMPLES)('%s: every cell of the three tables at its row and column, with its spans, as the web page has it', (name) => {
    const { html, doc } = built[name] as (typeof built)[string];
    const expected = htmlTables(html);
    expect(expected).toHaveLength(3);
    expect(tablesOf(doc).map(pdfTable)).toEqual(expected);
  });

  it.each(EXAMPLES)('%s: every paragraph and heading, its characters in order, one block each', (name) => {
    const { html, doc } = built[name] as (typeof built)[string];
    const read = paragraphsOf(doc).map((p) => squeeze(p.text));
    const expected = htmlParagraphs(html);
    // Each of the page's blocks is a paragraph of the PDF, in the same order; the PDF may have
    // more (the 版头's lines), never fewer. One exception: the 版记's 印发 line, which the PDF sets
    // as two things on one line (印发机关 left, 印发日期 right), is read as those two.
    let at = 0;
    for (const block of expected) {
      const single = read.indexOf(block, at);
      const pair = read.findIndex((p, i) => i >= at && block.endsWith('印发') && p + (read[i + 1] ?? '') === block);
      const found = single >= 0 ? single : pair;
      expect(found, `${block.slice(0, 30)}… after paragraph ${at}`).toBeGreaterThanOrEqual(at);
      at = found + (single >= 0 ? 1 : 2);
    }
  });

  it('joins table 三 across the page break into one table and drops the repeated header rows', () => {
    // longde's table 三 starts on page 3 and goes on to page 4, where nianbao repeats its header.
    const { doc, pdf } = built['longde-chengguan-2021'] as (typeof built)[string];
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.match(/申请人情况/gu)).toHaveLength(2);
    const table = tablesOf(doc)[1] as PublishedTable;
    const pages = new Set(table.rows.flat().map((c) => c.place.page));
    expect([...pages].sort()).toEqual([3, 4]);
    expect(table.rows.flat().filter((c) => c.text === '申请人情况')).toHaveLength(1);
    // The label that spans the break is one cell again: 三、本年度办理结果 over all 22 result rows.
    const results = table.rows.flat().find((c) => c.text === '三、本年度办理结果');
    expect(results?.rowSpan).toBe(22);
    expect(table.rows).toHaveLength(28);
  });

  it('flags the title centred and largest, the 署名 and the date set right', () => {
    for (const name of EXAMPLES) {
      const paragraphs = paragraphsOf((built[name] as (typeof built)[string]).doc);
      // The title: centred, larger than the body (the 版头's issuer mark, where there is one, is larger still).
      const title = paragraphs.find((p) => /^\S+年度?政府信息公开工作(年度)?报告$/u.test(p.text));
      const body = paragraphs.find((p) => p.text === '一、总体情况');
      expect(title?.centred, name).toBe(true);
      expect(title?.size ?? 0, name).toBeGreaterThan((body?.size ?? 99) + 4);
      const larger = paragraphs.filter((p) => (p.size ?? 0) > (title?.size ?? 0));
      expect(larger.every((p) => p.text.endsWith('文件') && p.centred), name).toBe(true);
    }
    const longde = paragraphsOf((built['longde-chengguan-2021'] as (typeof built)[string]).doc);
    expect(longde.slice(-2).map((p) => [p.text, p.right])).toEqual([
      ['城关镇人民政府', true],
      ['2021年1月19日', true],
    ]);
    // Body paragraphs are neither.
    const body = longde.find((p) => p.text.startsWith('2021年,我镇坚持'));
    expect([body?.centred, body?.right, body?.bold]).toEqual([undefined, undefined, undefined]);
    expect(longde.find((p) => p.text === '一、总体情况')?.bold).toBe(true);
  });

  it('drops the page numbers', () => {
    for (const name of EXAMPLES) {
      const paragraphs = paragraphsOf((built[name] as (typeof built)[string]).doc);
      expect(paragraphs.filter((p) => /^[-—－]\s*\d+\s*[-—－]$/u.test(p.text)), name).toEqual([]);
    }
  });

  it('says where each cell is in the original: page and position', () => {
    const table = tablesOf((built['nankou-2020'] as (typeof built)[string]).doc)[2] as PublishedTable;
    const first = table.rows[0]?.[0];
    expect(first?.text).toBe('行政复议');
    expect(first?.place.page).toBe(3);
    // The table sits in the text column (left margin 28 mm = 79.4 pt).
    expect(first?.place.x).toBeCloseTo(79.4, 0);
  });
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

describe('a PDF printed by LibreOffice (the stand-in for a Word-made PDF)', () => {
  // LibreOffice's HTML import takes a table's borders from its border attribute, not from CSS:
  // the page's tables get one, as a Word table has its borders. .ci/run installs LibreOffice
  // and a CJK font (fonts-wqy-microhei); without soffice there is nothing to print with.
  it.skipIf(!soffice)('nanlong printed from its web page: the same three tables, cell by cell, and the paragraphs in order', async () => {
    const { html } = built['nanlong-2021'] as (typeof built)[string];
    const bordered = path.join(dir, 'nanlong-lo.html');
    writeFileSync(bordered, html.replace(/<table/gu, '<table border="1" cellspacing="0"'));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, bordered], { stdio: 'ignore', timeout: 120_000 });
    const printed = path.join(dir, 'nanlong-lo.pdf');
    const doc = await readPdf(printed, readFileSync(printed));
    expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(/Producer: +LibreOffice/u);
    expect(tablesOf(doc).map(pdfTable)).toEqual(htmlTables(html));
    // LibreOffice sets table 三 over three pages, repeating its three header rows on each: one
    // table again, the header once.
    expect(execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' }).match(/申请人情况/gu)).toHaveLength(3);
    const three = tablesOf(doc)[1] as PublishedTable;
    expect([...new Set(three.rows.flat().map((c) => c.place.page))]).toEqual([3, 4, 5]);
    expect(three.rows.flat().filter((c) => c.text === '申请人情况')).toHaveLength(1);
    const read = paragraphsOf(doc).map((p) => squeeze(p.text));
    // LibreOffice leaves out the 版头's issuer mark (set in CSS it cannot follow): not in the PDF at all.
    const [issuer, ...blocks] = htmlParagraphs(html);
    expect(issuer).toBe('临夏市南龙镇政府文件');
    expect(squeeze(execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' }))).not.toContain(issuer);
    let at = 0;
    for (const block of blocks) {
      const found = read.indexOf(block, at);
      expect(found, block.slice(0, 30)).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  }, 180_000);
});

/** A PDF made with pdfkit (pdfmake's engine, a dependency). */
function pdfkit(draw: (doc: PdfKitDocument) => void, options: PdfKitOptions = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}

async function readError(file: string, bytes: Uint8Array): Promise<PdfReadError> {
  try {
    await readPdf(file, bytes);
  } catch (error) {
    if (error instanceof PdfReadError) return error;
    throw error;
  }
  throw new Error('read without an error');
}

describe('a table drawn as WPS draws it, cut by a page break', () => {
  // The shape of 淮安市 2024's table 三 at its page break (WPS 文字): stroked rules on one page,
  // thin filled bars overleaf, no rule under the last row at the page foot, the label column
  // 三、本年度办理结果 going on blank, （四）无法提供 cut into （四）无 and 法提供, no header repeated;
  // and a row set as one string across two cells, as some printers write rows.
  const xs = [77, 103, 180, 340, 420, 516];
  const song = 'fonts/FandolSong-Regular.ttf';
  const cut = () =>
    pdfkit(
      (doc) => {
        const vertical = (x: number, from: number, to: number) => doc.moveTo(x, from).lineTo(x, to).lineWidth(0.5).stroke();
        const horizontal = (y: number, from: number, to: number) => doc.moveTo(from, y).lineTo(to, y).lineWidth(0.5).stroke();
        const bar = (y: number, from: number, to: number) => doc.rect(from, y - 0.25, to - from, 0.5).fill('#000000');
        const text = (s: string, x: number, y: number, size = 10) => doc.font(song).fontSize(size).text(s, x, y, { lineBreak: false });
        text('三、收到和处理政府信息公开申请情况', 77, 560, 16);
        for (const y of [600, 630, 660]) horizontal(y, 77, 516);
        horizontal(690, 103, 516);
        for (const x of [77, 340, 420, 516]) vertical(x, 600, 730);
        vertical(103, 660, 730);
        vertical(180, 690, 730);
        text('项目', 120, 608);
        text('自然人', 350, 608);
        text('总计', 440, 608);
        text('一、本年新收政府信息公开申请数量', 80, 638);
        text('10', 370, 638);
        text('10', 460, 638);
        [...'三、本年度办理结果'].forEach((ch, i) => text(ch, 87, 662 + i * 7, 7));
        text('（一）予以公开', 106, 668);
        text('5', 370, 668);
        text('5', 460, 668);
        text('（四）无', 106, 702);
        text('1.本机关不掌握相关政府信息', 182, 702, 9);
        text('746', 370, 702);
        text('769', 460, 702);
        text('- 1 -', 285, 800, 12);
        doc.addPage();
        for (let i = 0; i + 1 < xs.length; i++) bar(60, xs[i] ?? 0, xs[i + 1] ?? 0);
        bar(90, 180, 516);
        horizontal(120, 77, 516);
        for (const x of xs) vertical(x, 60, 120);
        text('法提供', 106, 82);
        text('2.没有现成信息需要另行制作', 182, 68, 9);
        text('11', 370, 68);
        text('11', 460, 68);
        text('3.补正后申请内容仍不明确', 182, 98, 9);
        text(`1${' '.repeat(24)}1`, 375, 98);
        text('四、政府信息公开行政复议、行政诉讼情况', 77, 160, 16);
        text('- 2 -', 285, 800, 12);
      },
      { margin: 0 },
    );

  it('is one table: the label column over both pages, （四）无法提供 whole, the row set as one string cut between its cells', async () => {
    const doc = await readPdf('wps.pdf', await cut());
    expect(doc.blocks.map((b) => (b.kind === 'table' ? 'table' : b.text))).toEqual([
      '三、收到和处理政府信息公开申请情况',
      'table',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
    const table = tablesOf(doc)[0] as PublishedTable;
    expect(table.rows.map((row) => row.map((c) => `${c.text} ${c.rowSpan}x${c.colSpan}`))).toEqual([
      ['项目 1x3', '自然人 1x1', '总计 1x1'],
      ['一、本年新收政府信息公开申请数量 1x3', '10 1x1', '10 1x1'],
      ['三、本年度办理结果 4x1', '（一）予以公开 1x2', '5 1x1', '5 1x1'],
      ['（四）无法提供 3x1', '1.本机关不掌握相关政府信息 1x1', '746 1x1', '769 1x1'],
      ['2.没有现成信息需要另行制作 1x1', '11 1x1', '11 1x1'],
      ['3.补正后申请内容仍不明确 1x1', '1 1x1', '1 1x1'],
    ]);
    // Each cell says where it is printed: the second page's rows on page 2.
    expect(table.rows[4]?.map((c) => c.place.page)).toEqual([2, 2, 2]);
    expect(table.rows[4]?.[1]?.place).toEqual({ page: 2, x: 340, y: 60 });
  });
});

describe('files the reader cannot read', () => {
  it('a scan (pages that are pictures of pages): no text layer, OCR first', async () => {
    // A real page of nankou's report as a picture, two pages of it, as a scanner makes them.
    const { pdf } = built['nankou-2020'] as (typeof built)[string];
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', pdf, path.join(dir, 'scan')]);
    const scan = await pdfkit((doc) => {
      doc.image(readFileSync(path.join(dir, 'scan-1.png')), 0, 0, { width: 595.28 });
      doc.addPage().image(readFileSync(path.join(dir, 'scan-2.png')), 0, 0, { width: 595.28 });
    });
    const error = await readError('南口镇2020年报.pdf', scan);
    expect(error.message).toBe('“南口镇2020年报.pdf”没有文字层（2 页都只有图片，像是扫描件）：读不出其中的文字和表格');
    expect(error.hint).toBe(
      '先用 OCR 软件给 PDF 加上文字层（如 ocrmypdf -l chi_sim、WPS 或 Acrobat 的“文字识别”），再导入；也可以导入同一报告的网页版或 Word 版',
    );
  });

  it('a scan with a page number stamped on as text is still a scan', async () => {
    const { pdf } = built['nankou-2020'] as (typeof built)[string];
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'stamped')]);
    const scan = await pdfkit((doc) => {
      doc.image(readFileSync(path.join(dir, 'stamped-1.png')), 0, 0, { width: 595.28 });
      doc.fontSize(12).text('- 1 -', 280, 800, { lineBreak: false });
    }, { margin: 0 });
    expect((await readError('x.pdf', scan)).message).toBe('“x.pdf”没有文字层（唯一的一页只有图片，像是扫描件）：读不出其中的文字和表格');
  });

  it('a PDF with nothing printed', async () => {
    const blank = await pdfkit(() => undefined);
    const error = await readError('空白.pdf', blank);
    expect([error.message, error.hint]).toEqual(['“空白.pdf”里没有任何文字', '确认这是年度报告的 PDF；若是扫描件，先用 OCR 软件加上文字层再导入']);
  });

  it('an encrypted PDF', async () => {
    const locked = await pdfkit((doc) => doc.fontSize(12).text('2023'), { userPassword: 'secret', pdfVersion: '1.7' });
    const error = await readError('加密.pdf', locked);
    expect([error.message, error.hint]).toEqual([
      '“加密.pdf”有打开密码，无法读取',
      '用 PDF 阅读器输入密码打开后“另存为”或“打印为 PDF”得到不加密的副本，再导入',
    ]);
  });

  it('a file that is not a PDF, and a PDF cut short', async () => {
    const page = readFileSync('examples/nankou-2020.md');
    const notPdf = await readError('年报.pdf', page);
    expect([notPdf.message, notPdf.hint]).toEqual([
      '“年报.pdf”不是可以读取的 PDF（找不到 PDF 的结构，文件不完整或不是 PDF）',
      '文件可能不完整或已损坏：重新下载原文件；若它其实是网页或 Word 文件，把扩展名改对后再导入',
    ]);
    const { pdf } = built['nankou-2020'] as (typeof built)[string];
    const bytes = readFileSync(pdf);
    const cut = await readError('cut.pdf', bytes.subarray(0, 900));
    expect(cut.message).toMatch(/^“cut\.pdf”(不是可以读取的 PDF|里没有任何文字)/u);
    // The caller's bytes are left as they were (pdfjs takes over the buffer it is given).
    expect(bytes.byteLength).toBeGreaterThan(900);
    writeFileSync(path.join(dir, 'again.pdf'), bytes);
    expect(tablesOf(await readPdf('again.pdf', bytes))).toHaveLength(3);
  });
});
