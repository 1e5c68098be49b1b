/**
 * The statistical tables as a typesetter sets them, read back from the PDF against the drawn
 * rules: every cell's text centred vertically in its cell (a merged cell's too), 1.5 mm between
 * a rule and the text, numbers centred, labels broken only between words, table 三 at 小五 or
 * more inside the 156 mm 版心.
 */
import { describe, expect, it } from 'vitest';
import { pageGeometry } from '../src/page/geometry.js';
import { built } from './support/build.js';
import { type DrawnCell, emMiddle, rules, tableCells } from './support/cells.js';
import { PT_PER_MM, toMm } from './support/pdf.js';

/** How far the middle of a cell's lines (their em boxes) is from the middle of the cell, pt. */
function offCentre(cell: DrawnCell): number {
  const size = cell.items[0]?.size ?? 0;
  const first = cell.lines[0]?.baseline ?? 0;
  const last = cell.lines[cell.lines.length - 1]?.baseline ?? 0;
  const textMiddle = (first + last) / 2 - emMiddle(size);
  return (textMiddle - (cell.top + cell.bottom) / 2) * PT_PER_MM;
}

/** Half a rule, mm: text is measured from a rule's inner edge. */
const HALF_RULE = 0.25 / PT_PER_MM;

/**
 * Words of the national tables' labels that a line may not split (the breaks the issue found:
 * （三）不/予公开, （四）无/法提供, 自然/人, 本年/度办/理结/果; and the rest of their kind).
 */
const WORDS = [
  '不予公开', '无法提供', '不予处理', '其他处理', '自然人', '本年度', '办理', '结果', '商业', '企业', '科研', '机构',
  '社会', '公益', '组织', '法律', '服务', '维持', '纠正', '尚未', '审结', '总计', '情形', '补正', '申请人', '政府信息',
  '行政机关', '勾稽', '关系', '第一项', '第二项', '第三项', '第四项',
];

/** The multi-line cells whose lines split one of WORDS, as 'line/line'. */
function brokenWords(cells: readonly DrawnCell[]): string[] {
  return cells
    .filter((c) => c.lines.length > 1)
    .filter((c) => WORDS.some((w) => c.text.includes(w) && !c.lines.some((l) => l.text.replace(/\s/g, '').includes(w))))
    .map((c) => c.lines.map((l) => l.text.replace(/\s/g, '')).join('/'));
}

const SOURCES = ['examples/changle-2022.md', 'test/fixtures/published/huaian-2024.md'];

describe.each(SOURCES)('%s', (file) => {
  it('centres every cell vertically: its text within 1 pt of the cell middle, merged cells too', async () => {
    const { document } = await built(file);
    if (!document) throw new Error('no PDF');
    const cells = document.pages.flatMap(tableCells);
    const merged = cells.filter((c) => c.bottom - c.top > 8);
    expect(merged.length).toBeGreaterThan(10);
    const off = cells.filter((c) => Math.abs(offCentre(c)) > 1).map((c) => `${c.text} ${offCentre(c).toFixed(2)} pt`);
    expect(off).toEqual([]);
  });

  it('leaves at least 1.5 mm between every rule and the text beside it, and centres every number', async () => {
    const { document } = await built(file);
    if (!document) throw new Error('no PDF');
    const cells = document.pages.flatMap(tableCells);
    const tight = cells.filter((c) =>
      c.lines.some((l) => l.x - (c.left + HALF_RULE) < 1.5 - 0.02 || c.right - HALF_RULE - l.right < 1.5 - 0.02),
    );
    expect(tight.map((c) => c.text)).toEqual([]);
    // A label that fills its cell sits at the padding exactly.
    const gaps = cells.flatMap((c) => c.lines.map((l) => l.x - (c.left + HALF_RULE)));
    expect(Math.min(...gaps)).toBeCloseTo(1.5, 1);
    const numbers = cells.filter((c) => /^\d+$/.test(c.text.trim()));
    expect(numbers.length).toBeGreaterThan(100);
    const aside = numbers.filter((c) => Math.abs(((c.lines[0]?.x ?? 0) + (c.lines[0]?.right ?? 0)) / 2 - (c.left + c.right) / 2) > 0.1);
    expect(aside.map((c) => c.text)).toEqual([]);
  });

  it('breaks labels only between words', async () => {
    const { document } = await built(file);
    if (!document) throw new Error('no PDF');
    const cells = document.pages.flatMap(tableCells);
    expect(cells.filter((c) => c.lines.length > 1).length).toBeGreaterThan(10);
    expect(brokenWords(cells)).toEqual([]);
  });

  it('sets table 三 at 小五 (9 pt) or more, its rules inside the 156 mm 版心', async () => {
    const { document } = await built(file);
    if (!document) throw new Error('no PDF');
    const pages = document.pages.filter((p) => /本年新收|本年度办理结果|不予公开/.test(p.text.replace(/\s/g, '')));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const cells = tableCells(page);
      const sizes = cells.flatMap((c) => c.items.map((i) => i.size));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
      const xs = rules(page).vertical.map((r) => r.at);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(toMm(pageGeometry.margins.left) - 0.1);
      expect(Math.max(...xs)).toBeLessThanOrEqual(toMm(pageGeometry.margins.left) + 156 + 0.1);
    }
  });
});
