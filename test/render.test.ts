/** The PDF as a reader and a typesetter check it: text, numbers in their cells, GB/T 9704 geometry. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageGeometry } from '../src/page/geometry.js';
import { cellAt } from '../src/model/types.js';
import { PARTS } from '../src/tables/definitions.js';
import { DENSE_TABLE_FONT_SIZE, GRID_PADDING_X, GRID_RULE, tableGrid } from '../src/template/tables.js';
import { built } from './support/build.js';
import { type DrawnCell, tableCells } from './support/cells.js';
import { edit } from './support/check.js';
import { type Line, lines, type PdfPage, toMm } from './support/pdf.js';

const EXAMPLES = ['nanlong-2021', 'longde-chengguan-2021', 'nankou-2020', 'songduo-2021', 'changle-2022'];
const BODY = Math.round(pageGeometry.bodySize * 100) / 100;
const squash = (text: string) => text.replace(/\s+/g, '');
/** The running text of a document without its page numbers. */
const running = (texts: string[]) => squash(texts.join('')).replace(/—\d+—/g, '');

describe.each(EXAMPLES)('example %s', (name) => {
  const file = `examples/${name}.md`;

  it('carries the six headings and every paragraph, in order', async () => {
    const { document, report } = await built(file);
    if (!document || !report) throw new Error('no PDF');
    const text = running(document.pages.map((p) => p.text));
    let from = 0;
    // A part the report leaves out (nankou has no 六) prints nothing, not an empty heading.
    for (const part of PARTS.filter((_, i) => report.narrative.parts[i] !== undefined || i >= 1 && i <= 3)) {
      const at = text.indexOf(`${part.number}、${part.title}`, from);
      expect(at, `${part.number}、${part.title}`).toBeGreaterThanOrEqual(from);
      from = at;
    }
    for (const section of [report.narrative.preamble, ...report.narrative.parts]) {
      for (const block of section?.blocks ?? []) {
        if (block.kind === 'paragraph') expect(text).toContain(squash(block.text).replace(/\*\*|[<>]/g, '').slice(0, 40));
      }
    }
  });

  it('puts every value of table 三 in its cell', async () => {
    const { document, report } = await built(file);
    if (!document || !report) throw new Error('no PDF');
    const table = report.tables.application;
    const widths = tableGrid(table).widths as number[];
    // Column k spans [left, right] in mm: rules and padding between the content widths.
    let x = pageGeometry.margins.left + GRID_RULE;
    const columns = widths.map((w) => {
      const range = { left: toMm(x), right: toMm(x + w + 2 * GRID_PADDING_X) };
      x += w + 2 * GRID_PADDING_X + GRID_RULE;
      return range;
    });
    // Table 三 may cross a page: each row is read on the page that holds its label. A row is as
    // tall as its label's cell; its values are centred in it.
    const pages = document.pages.map((page) => ({ page, cells: tableCells(page) }));
    for (const row of table.def.rows) {
      const label = row.labels[row.labels.length - 1] as string;
      const holding = pages.find(({ cells }) => cells.some((c) => squash(c.text) === squash(label)));
      expect(holding, label).toBeDefined();
      const page = holding?.page as PdfPage;
      const cell = holding?.cells.find((c) => squash(c.text) === squash(label)) as DrawnCell;
      row.columns.forEach((key, k) => {
        const column = columns[3 + k] as { left: number; right: number };
        const cellItems = page.items.filter(
          (i) => i.baseline > cell.top && i.baseline < cell.bottom && i.x >= column.left - 0.2 && i.right <= column.right + 0.2 && i.str.trim() !== '',
        );
        expect(cellItems.map((i) => i.str).join(''), `${row.id} ${key}`).toBe(cellAt(table, row.id, key)?.display);
      });
    }
  });

  it('prints table 四 and table 二 with their values', async () => {
    const { document, report } = await built(file);
    if (!document || !report) throw new Error('no PDF');
    const text = squash(document.pages.map((p) => p.text).join(''));
    for (const block of report.tables.disclosure.def.blocks) expect(text).toContain(block.title);
    // Table 二: each row's label, then its values in column order, on one line.
    const disclosure = report.tables.disclosure;
    const tableLines = document.pages.flatMap((p) => lines(p, 10.5));
    for (const row of disclosure.def.rows) {
      const line = tableLines.find((l) => squash(l.text).startsWith(row.key)) as Line;
      expect(line, row.key).toBeDefined();
      expect(squash(line.text)).toBe(row.key + row.columns.map((c) => cellAt(disclosure, row.id, c)?.display ?? '').join(''));
    }
    const page = document.pages.find((p) => p.text.includes('复议后起诉')) as PdfPage;
    const header = lines(page, DENSE_TABLE_FONT_SIZE).find((l) => l.text.includes('复议后起诉')) as Line;
    const dataLine = lines(page, DENSE_TABLE_FONT_SIZE).find((l) => l.baseline > header.baseline && /^[\d无/.]+$/.test(squash(l.text)));
    const expected = report.tables.review.def.rows.flatMap((row) => row.columns.map((c) => cellAt(report.tables.review, row.id, c)?.display ?? '')).join('');
    expect(squash(dataLine?.text ?? '')).toBe(expected);
  });
});

describe('GB/T 9704 geometry', () => {
  it('body lines fill the 版心: start at 28 mm (or 2 characters in), end at 184 mm; 28 characters', async () => {
    const { document } = await built('examples/nanlong-2021.md');
    if (!document) throw new Error('no PDF');
    const body = document.pages.flatMap((p) => lines(p, BODY));
    const full = body.filter((l) => l.right > 183.5);
    expect(full.length).toBeGreaterThan(35);
    for (const line of full) {
      expect(Math.abs(line.x - 28) < 0.5 || Math.abs(line.x - (28 + toMm(2 * pageGeometry.bodySize))) < 0.5, `${line.text} at ${line.x}`).toBe(true);
      expect(Math.abs(line.right - 184), line.text).toBeLessThan(0.5);
    }
    for (const line of body) expect(line.right).toBeLessThan(184.5);
    // Characters per full, unindented line (digits count half, as they are half-width).
    const counts = full.filter((l) => Math.abs(l.x - 28) < 0.5).map((l) => [...l.text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1), 0));
    counts.sort((a, b) => a - b);
    expect(Math.round(counts[Math.floor(counts.length / 2)] ?? 0)).toBe(28);
  });

  it('a full text page has 22 body lines, the first at 37 mm', async () => {
    const { document } = await built('examples/nanlong-2021.md');
    const page = document?.pages[1] as PdfPage;
    const body = lines(page, BODY);
    expect(body).toHaveLength(22);
    const ascent = toMm(0.88 * pageGeometry.bodySize);
    expect(Math.abs((body[0]?.baseline ?? 0) - ascent - 37)).toBeLessThan(0.5);
    // 22 lines on the 28.95 pt pitch
    expect(Math.abs((body[21]?.baseline ?? 0) - (body[0]?.baseline ?? 0) - toMm(21 * 28.95))).toBeLessThan(0.3);
  });

  it('the 发文机关标志 is red CMYK 35 mm below the 版心, the rule red too', async () => {
    const { document } = await built('examples/nanlong-2021.md');
    const page = document?.pages[0] as PdfPage;
    const mark = lines(page).find((l) => l.text === '临夏市南龙镇政府文件') as Line;
    // Its top ink 35 mm below the 版心 (within 0.3 mm, from the glyph boxes): test/measures.test.ts.
    expect(mark.baseline).toBeGreaterThan(37 + 35);
    expect(page.content).toMatch(/\/DeviceCMYK cs\s+0 0\.8 0\.8 0 scn/);
    expect(page.content).toMatch(/\/DeviceCMYK CS\s+0 0\.8 0\.8 0 SCN/);
  });

  it('page numbers: — N — in 4号, 7 mm below the 版心, odd right and even left', async () => {
    const { document } = await built('examples/nanlong-2021.md');
    const pages = document?.pages ?? [];
    // Every page of this report carries its number (none is a blank page before the 版记).
    expect(pages.filter((page) => lines(page, 14).some((l) => /^—\s*\d+\s*—$/.test(l.text))).map((p) => p.number)).toEqual(pages.map((p) => p.number));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const number = lines(page, 14).find((l) => /^—\s*\d+\s*—$/.test(l.text));
      if (!number) continue;
      expect(number.text.replace(/\s/g, '')).toBe(`—${page.number}—`);
      // The 一字线 7 mm below the 版心, on its ink: test/measures.test.ts.
      expect(number.baseline).toBeGreaterThan(262 + 7);
      if (page.number % 2 === 1) expect(Math.abs(number.right - (184 - toMm(14)))).toBeLessThan(0.5);
      else expect(Math.abs(number.x - (28 + toMm(14)))).toBeLessThan(0.5);
    }
  });

  it('the 版记 is on an even page, its last rule on the bottom edge of the 版心', async () => {
    const { document } = await built('examples/nanlong-2021.md');
    const pages = document?.pages ?? [];
    const last = pages[pages.length - 1] as PdfPage;
    expect(last.number % 2).toBe(0);
    expect(squash(last.text)).toContain('抄送：本镇书记，镇长，分管副书记。');
    // pdfkit draws in top-down coordinates after `1 0 0 -1 0 841.89 cm`: the 版心 bottom is 262 mm.
    const rules = [...last.content.matchAll(/([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l/g)].map((m) => ({ y: toMm(Number(m[2])), x1: toMm(Number(m[1])), x2: toMm(Number(m[3])) }));
    const full = rules.filter((r) => Math.abs(r.x1 - 28) < 0.5 && Math.abs(r.x2 - 184) < 0.5);
    const lowest = Math.max(...full.map((r) => r.y));
    expect(Math.abs(lowest - 262)).toBeLessThan(0.5);
  });
});

describe('tables meet page breaks', () => {
  it('a table 三 that starts low on a page breaks between rows: its heading stays with the header rows, every row printed once', async () => {
    const filler = Array.from({ length: 14 }, (_, i) => `第${i + 1}段，本镇持续推进政务公开标准化规范化建设，及时回应群众关切，提升公开质量。`).join('\n\n');
    const text = edit('本年度主动公开政府信息2610条。', `本年度主动公开政府信息2610条。\n\n${filler}`);
    const { document, report } = await built('long.md', text);
    if (!document || !report) throw new Error('no PDF');
    const labels = report.tables.application.def.rows.map((r) => (r.labels[r.labels.length - 1] as string).slice(0, 8));
    const pagesWithTable = document.pages.filter((p) => labels.some((label) => squash(p.text).includes(label)));
    expect(pagesWithTable.map((p) => p.number)).toHaveLength(2);
    for (const label of labels) expect(document.pages.filter((p) => squash(p.text).includes(label)), label).toHaveLength(1);
    // Both pages carry the header rows.
    for (const page of pagesWithTable) expect(squash(page.text)).toContain('申请人情况');
    const first = pagesWithTable[0] as PdfPage;
    expect(squash(first.text)).toMatch(/三、收到和处理政府信息公开申请情况.*申请人情况/);
  });
});

describe('the 版记 on an even page (double-sided printing)', () => {
  it('after an odd last page it stands alone on the next page; a blank page before it and the 版记 page carry no number', async () => {
    const seen = new Set<string>();
    for (let n = 0; n <= 16; n++) {
      const filler = Array.from({ length: n }, (_, i) => `第${i + 1}段，本镇持续推进政务公开标准化规范化建设，及时回应群众关切。`).join('\n\n');
      const { document } = await built(`banji-${n}.md`, edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${filler}`));
      const pages = document?.pages ?? [];
      const last = pages[pages.length - 1] as PdfPage;
      const before = pages[pages.length - 2] as PdfPage;
      expect(last.number % 2, `n=${n}`).toBe(0);
      expect(pages.filter((p) => p.text.includes('抄送')).map((p) => p.number), `n=${n}`).toEqual([last.number]);
      const numbered = (p: PdfPage) => /—\s*\d+\s*—/.test(p.text);
      const bodyOnLast = squash(last.text).includes('本年度未收取信息处理费');
      if (squash(before.text) === '') {
        seen.add('blank page');
        expect([numbered(before), numbered(last)], `n=${n}`).toEqual([false, false]);
      } else {
        seen.add(bodyOnLast ? 'with the body' : 'alone');
        expect(pages.every(numbered), `n=${n}`).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(['alone', 'blank page', 'with the body']);
  });
});

describe('table heights', () => {
  it('are computed before layout exactly as drawn: tables 二, 三 and 四 (the paginator places them by these heights)', async () => {
    const { markdown } = await built('examples/longde-chengguan-2021.md');
    const { parseGrid } = await import('../src/markdown/grid.js');
    const { estimateGridHeight, gridHeight, gridTable } = await import('../src/layout/blocks.js');
    const { loadFont, SHIPPED_FONT_DIR } = await import('../src/fonts/resolve.js');
    const { renderPdf } = await import('../src/render/pdf.js');
    const { readPdf } = await import('./support/pdf.js');
    const { GRID_LINE_HEIGHT, TABLE_FONT_SIZE } = await import('../src/template/tables.js');
    const body = loadFont(`${SHIPPED_FONT_DIR}FandolFang-Regular.ttf`);
    const grids = [...(markdown ?? '').matchAll(/```(grid [^\n]*)\n([\s\S]*?)```/g)].map((m) => parseGrid(m[1] ?? '', m[2] ?? ''));
    expect(grids).toHaveLength(3);
    for (const grid of grids) {
      // Each table drawn alone on a page, in the report's table style: from its top rule to its bottom rule, pt.
      const definition = {
        pageSize: 'A4',
        pageMargins: [pageGeometry.margins.left, pageGeometry.margins.top, pageGeometry.margins.right, pageGeometry.margins.bottom],
        content: [gridTable(grid, body)],
        defaultStyle: { font: 'Body' },
        styles: { table: { lineHeight: GRID_LINE_HEIGHT, fontSize: TABLE_FONT_SIZE } },
      };
      const page = (await readPdf(await renderPdf(definition, { Body: { normal: body } }))).pages[0] as PdfPage;
      const ys = [...page.content.matchAll(/([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l/g)].filter((m) => m[2] === m[4]).map((m) => Number(m[2]));
      const drawn = Math.max(...ys) - Math.min(...ys);
      // The outer rules are half a rule inside the computed box at each edge.
      expect(gridHeight(grid, body)).toBeCloseTo(drawn + 0.5, 1);
      // The fallback (no font known) stays generous.
      expect(estimateGridHeight(grid, 10.5)).toBeGreaterThan(drawn);
    }
  });
});

describe('上行文', () => {
  it('签发人 stands on the right, 发文字号 on the left of the same line, the red rule below', async () => {
    const text = edit('  发文字号: 临南政发〔2022〕6号', '  发文字号: 临南政发〔2022〕6号\n  签发人: [张三]');
    const { document } = await built('shangxing.md', text);
    const page = document?.pages[0] as PdfPage;
    const row = lines(page).find((l) => l.text.includes('签发人：')) as Line;
    expect(row.text.replace(/\s/g, '')).toBe('临南政发〔2022〕6号签发人：张三');
    expect(Math.abs(row.x - (28 + toMm(pageGeometry.bodySize)))).toBeLessThan(0.5);
    expect(Math.abs(row.right - (184 - toMm(pageGeometry.bodySize)))).toBeLessThan(0.5);
  });
});

describe('headings stay with what follows', () => {
  it('the README example: 二、主动公开政府信息情况 does not end page 1 while its table starts page 2', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('```markdown', readme.indexOf('## The source format')) + '```markdown\n'.length;
    expect(start).toBeGreaterThan('```markdown\n'.length);
    const source = readme.slice(start, readme.indexOf('\n```\n', start) + 1);
    const { document } = await built('readme-example.md', source);
    if (!document) throw new Error('the README example built no PDF');
    expect(document.pages.length).toBeGreaterThan(1);
    for (const page of document.pages) {
      const body = lines(page).filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()));
      const last = body[body.length - 1];
      const headings = PARTS.map((p) => `${p.number}、${p.title}`);
      expect(headings.includes(squash(last?.text ?? '')), `page ${page.number} ends with “${last?.text}”`).toBe(false);
    }
  });
});
