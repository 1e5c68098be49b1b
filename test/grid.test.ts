/**
 * Grid blocks written in a source (issue 11): every size they control is bounded and checked
 * where it stands, and whatever a grid holds reaches the PDF or is a diagnostic.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, lines } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { lines as pdfLines, type PdfDocument, readPdf } from './support/pdf.js';

const ANCHOR = '本年度主动公开政府信息2610条。';
/** The fence of a grid given to withGrid stands on this line of the source. */
const FENCE = 47;

/** The valid fixture with a grid block written in part 一, after its paragraph (line 45). */
function withGrid(block: string): string {
  return edit(ANCHOR, `${ANCHOR}\n\n${block}\n`);
}

const grid = (info: string, ...rows: string[]) => ['```grid' + (info ? ` ${info}` : ''), ...rows, '```'].join('\n');

async function built(source: string): Promise<{ pdf: PdfDocument; dir: string }> {
  const dir = scratch({ 'r.md': source });
  const run = nianbao(['build', 'r.md'], dir);
  expect(run.stderr).toMatch(/^已生成 r\.pdf/);
  expect(run.status).toBe(0);
  return { pdf: await readPdf(readFileSync(path.join(dir, 'r.pdf'))), dir };
}

/** The PDF's text, page after page, without the spaces pdfjs puts between items. */
const allText = (pdf: PdfDocument) => pdf.pages.map((p) => p.text).join('').replace(/\s+/g, '');

/** Every string found in `text` once, in the order given. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `“${part}” after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

describe('grid limits, checked by nianbao check where they stand', () => {
  it('a grid cell {rs=99999 cs=99999} is an error at its position, not an out-of-memory abort', () => {
    const dir = scratch({ 'r.md': withGrid(grid('', 'a {rs=99999 cs=99999}')) });
    const check = nianbao(['check', 'r.md'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toBe(
      `r.md:${FENCE + 1}:3 错误 grid-span 单元格合并 99999 行（rs=99999），但从这一行到表格末尾只有 1 行\n  提示：rs 最多写 1\n`,
    );
    const build = nianbao(['build', 'r.md'], dir);
    expect(build.status).toBe(1);
    expect(build.stdout).toBe(check.stdout);
    expect(existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  }, 30_000);

  it('rs=2000 cs=2000 alone is an error at its position, and cs beyond 26 columns too', () => {
    expect(lines(withGrid(grid('', '甲 | a {rs=2000 cs=2000}', '乙 | 丙')))).toEqual([
      `r.md:${FENCE + 1}:7 错误 grid-span 单元格合并 2000 行（rs=2000），但从这一行到表格末尾只有 2 行`,
    ]);
    expect(lines(withGrid(grid('', '甲 | a {cs=2000}')))).toEqual([
      `r.md:${FENCE + 1}:7 错误 grid-too-wide 表格第 1 行排到了第 2001 列，超过了 26 列的上限`,
    ]);
  });

  it('a 1,000-column grid is an error at its 27th cell, not a table that keeps 57 cells', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const row = cells.join(' | ');
    expect(lines(withGrid(grid('', row)))).toEqual([
      `r.md:${FENCE + 1}:${row.indexOf('c26 ') + 1} 错误 grid-too-wide 表格第 1 行排到了第 27 列，超过了 26 列的上限`,
    ]);
  });

  it('a grid of more than 5,000 cells, or sources with more than 20,000, is an error at the row or block that exceeds it', () => {
    const row = Array.from({ length: 26 }, (_, i) => String(i)).join(' | ');
    expect(lines(withGrid(grid('', ...Array.from({ length: 193 }, () => row))))).toEqual([
      `r.md:${FENCE + 193}:1 错误 grid-shape 表格有 193 行 × 26 列 = 5018 个单元格，超过了一张表 5000 个的上限（从第 193 行起超出）`,
    ]);
    const block = grid('size=7.5', ...Array.from({ length: 192 }, () => row));
    expect(lines(withGrid(Array.from({ length: 5 }, () => block).join('\n\n')))).toEqual([
      `r.md:${FENCE + 4 * 195}:4 错误 grid-shape 到这张表为止，源文件里的 grid 表格共有 24960 个单元格，超过了 20000 个的上限`,
    ]);
  });

  it('widths=1e9 and size=99999 are errors at the value, not cells dropped', () => {
    expect(lines(withGrid(grid('widths=1e9,*', 'a | b')))).toEqual([
      `r.md:${FENCE}:16 错误 grid-option widths 里的“1e9”不对：列宽要在 10.5–442 pt 之间（至少放得下一个 10.5 pt 的字）`,
    ]);
    expect(lines(withGrid(grid('widths=*,400,100', 'a | b | c')))).toEqual([
      `r.md:${FENCE}:16 错误 grid-too-wide 表格至少宽 538.0 pt，超出了版心的 442.2 pt（156 mm）`,
    ]);
    expect(lines(withGrid(grid('size=99999', 'a | b')))).toEqual([
      `r.md:${FENCE}:14 错误 grid-option size=99999 不对：表格字号要在 7.5–22 pt 之间`,
    ]);
    // 26 columns of one character at 22 pt cannot fit 156 mm.
    expect(lines(withGrid(grid('size=22', Array.from({ length: 26 }, () => '字').join(' | '))))).toEqual([
      `r.md:${FENCE}:4 错误 grid-too-wide 表格至少宽 806.6 pt，超出了版心的 442.2 pt（156 mm）`,
    ]);
  });

  it('an empty grid block is a positioned diagnostic, not an internal error', () => {
    const dir = scratch({ 'r.md': withGrid(grid('')) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `r.md:${FENCE}:4 错误 grid-empty grid 表格块是空的，没有一行单元格\n  提示：每行写一行表格，单元格之间用“ | ”隔开；不要表格就删掉这个块\n`,
    );
    expect(run.stderr).not.toContain('内部错误');
  });

  it('header=999 is a positioned diagnostic, not an internal error', () => {
    const dir = scratch({ 'r.md': withGrid(grid('header=999', '甲 | 乙')) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `r.md:${FENCE}:16 错误 grid-option header=999 不对：表格只有 1 行\n  提示：header 是每页重复的表头行数，0 到 1 之间的整数\n`,
    );
    expect(run.stderr).not.toContain('内部错误');
  });

  it('grid diagnostics point at the source line:column, also inside a list, not into the template', () => {
    const source = withGrid(['1. 列表里的表：', '', '   ```grid', '   甲 | 乙', '   丙', '   ```'].join('\n'));
    expect(lines(source)).toEqual([`r.md:${FENCE + 4}:4 错误 grid-shape 表格第 2 行有 1 列，其他行有 2 列`]);
    const dir = scratch({ 'r.md': source });
    const run = nianbao(['build', 'r.md', '--force'], dir);
    expect(run.status).toBe(1);
    // Reported once, at the source, even when the build is forced past the check.
    expect(run.stdout.match(/grid-shape/g)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/report\.md\.hbs|template-table/);
  });

  it('a cell attribute or fence option nianbao does not know is an error, not text that silently disappears', () => {
    expect(lines(withGrid(grid('', '备注 {见附件} | 乙')))).toEqual([
      `r.md:${FENCE + 1}:5 错误 grid-cell 单元格属性“见附件”不认识`,
    ]);
    expect(lines(withGrid(grid('', '甲 {rs=0} | 乙')))).toEqual([
      `r.md:${FENCE + 1}:4 错误 grid-cell 单元格属性“rs=0”不对：rs 后面要写合并的行数（正整数）`,
    ]);
    expect(lines(withGrid(grid('headr=1', '甲 | 乙')))).toEqual([`r.md:${FENCE}:9 错误 grid-option grid 表格块的选项“headr=1”不认识`]);
    // Escaped braces are text.
    expect(lines(withGrid(grid('', '备注 \\{见附件\\} | 乙')))).toEqual([]);
  });
});

describe('whatever a grid holds reaches the PDF', () => {
  it('a grid cell taller than a page is split across pages, every line of it in the PDF, header rows repeated', async () => {
    const sentences = Array.from({ length: 600 }, (_, i) => `第${i + 1}句话。`);
    const { pdf } = await built(withGrid(grid('header=1', '说明 {th} | 内容 {th}', `长单元格 | ${sentences.join('')}`, '末行 | 结束')));
    // The cell's lines continue on the next page after its page number and the repeated header.
    const text = allText(pdf).replace(/—\d+—/g, '').replaceAll('说明内容', '');
    expectInOrder(text, sentences);
    expect(text).toContain('末行');
    const pages = pdf.pages.filter((p) => p.text.includes('句话'));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page.text).toContain('说明');
  }, 60_000);

  it('a table taller than the space breaks between rows, header rows repeated, every cell in the PDF', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `行${i + 1}号 | 值${i + 1}号`);
    const { pdf } = await built(withGrid(grid('header=1', '项目 {th} | 数值 {th}', ...rows)));
    const text = allText(pdf);
    expectInOrder(text, rows.flatMap((r) => r.split(' | ')));
    const pages = pdf.pages.filter((p) => /值\d+号/.test(p.text));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page.text).toContain('数值');
  }, 60_000);

  it('a row-spanning table taller than a page is cut between its merged rows, header repeated, every label kept', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`组${i + 1}号 {rs=3} | 甲${i + 1}号`, `乙${i + 1}号`, `丙${i + 1}号`]).flat();
    const { pdf } = await built(withGrid(grid('header=2', '合并表 {cs=2 th}', '分组 {th} | 项 {th}', ...rows)));
    const text = allText(pdf);
    expectInOrder(
      text,
      Array.from({ length: 40 }, (_, i) => [`组${i + 1}号`, `甲${i + 1}号`, `乙${i + 1}号`, `丙${i + 1}号`]).flat(),
    );
    const pages = pdf.pages.filter((p) => /甲\d+号/.test(p.text));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.text).toContain('合并表');
  }, 60_000);

  it('rows tied by a row span and taller than a page are an error at their first row, not a lost table', () => {
    const dir = scratch({ 'r.md': withGrid(grid('header=1', '甲 {th} | 乙 {th}', `${'长'.repeat(3000)} {rs=2} | 一`, '二')) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^r\\.md:${FENCE + 2}:1 错误 grid-too-tall 表格第 2–3 行由跨行合并（rs）连在一起，共高 \\d+ pt，一页只放得下 \\d+ pt\\n`));
    expect(existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  }, 30_000);

  it('header rows taller than a page are an error at the block, not a lost table', () => {
    const dir = scratch({ 'r.md': withGrid(grid('header=1', `${'长'.repeat(3000)} | 乙`, '值 | 值')) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^r\\.md:${FENCE}:4 错误 grid-too-tall 表头 1 行（header=1）高 \\d+ pt，一页放不下它和表格的内容\\n`));
    expect(existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  }, 30_000);

  it('26 columns at 六号, the widest grid allowed, keep all their cells', async () => {
    const cells = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火'];
    const { pdf } = await built(withGrid(grid('size=7.5', cells.join(' | '), cells.map(() => '〇').join(' | '))));
    // Both rows on one line each, at 六号, every cell in its place left to right.
    const drawn = pdf.pages.flatMap((page) => pdfLines(page, 7.5)).map((l) => l.text.replace(/\s+/g, ''));
    expect(drawn).toEqual([cells.join(''), '〇'.repeat(26)]);
  }, 60_000);
});

describe('grid blocks of a template', () => {
  it('a malformed grid block the template wrote itself is a template-table error in the template', () => {
    const dir = scratch({ 'r.md': withGrid('') });
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    const stock = readFileSync(path.join(ROOT, 'templates/年度报告/report.md.hbs'), 'utf8');
    writeFileSync(path.join(dir, 'templates/年度报告/report.md.hbs'), `${stock}\n\n\`\`\`grid header=9\n甲 | 乙\n\`\`\`\n`);
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^\S*templates\/年度报告\/report\.md\.hbs:1:1 错误 template-table 模板输出的第 \d+ 行：header=9 不对：表格只有 1 行\n/);
  });
});
