import { describe, expect, it } from 'vitest';
import { type Measured, type MeasuredTable, paginate, rowsHeight } from '../src/paginate/index.js';

const P = 10;
/** A page of `n` lines of pitch 10 (the paginator keeps 0.5 pt to spare). */
const room = (first: number, height = first) => ({ first: first * P + 1, height: height * P + 1 });
const lines = (count: number): Measured => ({ kind: 'lines', count, pitch: P });
const heading: Measured = { kind: 'heading', height: P };
/** Pages as "block:from-to" lists. */
function layout(blocks: Measured[], pages: ReturnType<typeof room>): string[][] {
  return paginate(blocks, pages).pages.map((page) => page.map((p) => `${p.block}:${p.from}-${p.to}`));
}

describe('paragraphs', () => {
  it('split between lines, two or more on each side', () => {
    expect(layout([lines(5), lines(6)], room(8))).toEqual([['0:0-5', '1:0-3'], ['1:3-6']]);
  });
  it('never leave one line at the bottom (near miss: room for exactly one more line)', () => {
    // 6 lines used, 1 left: the next paragraph does not start here.
    expect(layout([lines(6), lines(4)], room(7))).toEqual([['0:0-6'], ['1:0-4']]);
  });
  it('never leave one line at the top: the split moves up one line', () => {
    // Room for 4 of 5 lines would leave the last alone: 3 here, 2 there.
    expect(layout([lines(5)], room(4, 10))).toEqual([['0:0-3'], ['0:3-5']]);
  });
  it('a three-line paragraph cannot split (2 + 1 or 1 + 2): it moves whole', () => {
    expect(layout([lines(2), lines(3)], room(4, 10))).toEqual([['0:0-2'], ['1:0-3']]);
  });
  it('a paragraph longer than a page runs over several', () => {
    expect(layout([lines(25)], room(10))).toEqual([['0:0-10'], ['0:10-20'], ['0:20-25']]);
  });
});

describe('headings', () => {
  it('keep two lines of what follows', () => {
    // 2 lines of room after the first paragraph: a heading and one line do not stay.
    expect(layout([lines(6), heading, lines(5)], room(8))).toEqual([['0:0-6'], ['1:0-1', '2:0-5']]);
  });
  it('near miss: room for the heading and two lines keeps them', () => {
    expect(layout([lines(5), heading, lines(5)], room(8))).toEqual([['0:0-5', '1:0-1', '2:0-2'], ['2:2-5']]);
  });
  it('a heading before a heading keeps what the second keeps', () => {
    expect(layout([lines(5), heading, heading, lines(4)], room(8))).toEqual([['0:0-5'], ['1:0-1', '2:0-1', '3:0-4']]);
  });
  it('a heading before a table keeps its header rows and first row', () => {
    const table: MeasuredTable = { kind: 'table', top: 0, bottom: 0, rule: 0, header: 20, rows: [10, 10], spans: [] };
    expect(layout([lines(4), heading, table], room(7))).toEqual([['0:0-4'], ['1:0-1', '2:0-2']]);
    expect(layout([lines(3), heading, table], room(7))).toEqual([['0:0-3', '1:0-1', '2:0-1'], ['2:1-2']]);
  });
});

describe('tables', () => {
  const table = (rows: number[], spans: MeasuredTable['spans'] = []): MeasuredTable => ({ kind: 'table', top: 3, bottom: 5, rule: 1, header: 20, rows, spans });
  it('break between rows, the header counted on every page, the top margin not at a page top', () => {
    // 1 + 20 + 3 on the first page (top margin), then 7 × 11: 101 pt; bottom margin dropped where cut.
    const t = table(Array.from({ length: 12 }, () => 10));
    const result = paginate([t], { first: 101.5, height: 101.5 });
    expect(result.pages.map((p) => p.map((x) => `${x.from}-${x.to}${x.atTop ? ' top' : ''}${x.cut ? ' cut' : ''}`))).toEqual([['0-7 cut'], ['7-12 top']]);
    // The last piece keeps its bottom margin: 1 + 20 + 5 × 11 + 5.
    expect(result.pages[1]?.[0]?.height).toBe(81);
  });
  it('near miss: one pt short for the seventh row leaves six', () => {
    const t = table(Array.from({ length: 12 }, () => 10));
    expect(paginate([t], { first: 100.5, height: 200 }).pages[0]?.[0]?.to).toBe(6);
  });
  it('a row span cut by the break is restated: each piece is tall enough for its label', () => {
    // A label needing 50 pt over rows 0–5 of 10 pt: whole, no stretch; cut after row 1, the
    // two rows on the first page stretch to hold it (51 pt), and so do the four on the next (51 pt).
    const t = table([10, 10, 10, 10, 10, 10], [{ first: 0, last: 5, height: 50 }]);
    expect(rowsHeight(t, 0, 6)).toBe(66);
    expect(rowsHeight(t, 0, 2)).toBe(51);
    expect(rowsHeight(t, 2, 6)).toBe(51);
    // Room for two rows of 10 pt (3 + 1 + 20 + 22 = 46 pt) but not for the label's 50: the table moves.
    expect(paginate([t], { first: 60.5, height: 200 }).pages.map((p) => p.map((x) => `${x.from}-${x.to}`))).toEqual([[], ['0-6']]);
    // Near miss: room for the label over one row (3 + 1 + 20 + 51 = 75 pt) keeps it, and rows fit in that stretch up to the fourth.
    const cut = paginate([t], { first: 75.5, height: 200 }).pages;
    expect(cut.map((p) => p.map((x) => `${x.from}-${x.to} ${x.height}`))).toEqual([['0-4 75'], ['4-6 77']]);
  });
  it('a single row taller than an empty page is placed alone and reported', () => {
    const t = table([10, 500, 10]);
    const result = paginate([t], { first: 100.5, height: 100.5 });
    expect(result.pages.map((p) => p.map((x) => `${x.from}-${x.to}`))).toEqual([['0-1'], ['1-2'], ['2-3']]);
    expect(result.overflow).toEqual([0]);
  });
});

describe('the 署名 kept with the last lines', () => {
  const signature: Measured = { kind: 'box', height: 2 * P, withPrevious: true };
  it('takes two lines of the paragraph along when it does not fit below it', () => {
    expect(layout([lines(8), signature], room(9))).toEqual([['0:0-6'], ['0:6-8', '1:0-1']]);
  });
  it('near miss: it fits below the paragraph, and stays', () => {
    expect(layout([lines(7), signature], room(9))).toEqual([['0:0-7', '1:0-1']]);
  });
});

describe('the last page', () => {
  it('reports what it uses, for the 版记', () => {
    expect(paginate([lines(5)], room(8)).lastUsed).toBe(50);
  });
});
