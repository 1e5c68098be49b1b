/**
 * The statistical tables as a typesetter sets them, read back from the PDF against the drawn
 * rules: every cell's text centred vertically in its cell (a merged cell's too), 1.5 mm between
 * a rule and the text, numbers centred, labels broken only between words, table 三 at 小五 or
 * more inside the 156 mm 版心.
 */
import { describe, expect, it } from 'vitest';
import { loadFont, SHIPPED_FONT_DIR } from '../src/fonts/resolve.js';
import { pageGeometry } from '../src/layout/geometry.js';
import { built } from './support/build.js';
import { type DrawnCell, drawnCells } from './support/cells.js';
import { PT_PER_MM, type PdfPage } from './support/pdf.js';

const body = loadFont(`${SHIPPED_FONT_DIR}FandolFang-Regular.ttf`);
/** The middle of the em box above the baseline, em: (ascent + descent) / 2 (Fandol: 0.38). */
const EM_MIDDLE = (body.font.ascent + body.font.descent) / 2 / body.font.unitsPerEm;
const emMiddle = (size: number) => (EM_MIDDLE * size) / PT_PER_MM;
/** Table text: 小五 to 五号 (body text is 三号, page numbers 四号). */
const TABLE_SIZE = (s: number) => s <= 10.5;

const tableCells = (page: PdfPage) => drawnCells(page, (item) => emMiddle(item.size), TABLE_SIZE);

/** How far the middle of a cell's lines (their em boxes) is from the middle of the cell, pt. */
function offCentre(cell: DrawnCell): number {
  const size = cell.items[0]?.size ?? 0;
  const first = cell.lines[0]?.baseline ?? 0;
  const last = cell.lines[cell.lines.length - 1]?.baseline ?? 0;
  const textMiddle = (first + last) / 2 - emMiddle(size);
  return (textMiddle - (cell.top + cell.bottom) / 2) * PT_PER_MM;
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
});
