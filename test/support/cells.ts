/**
 * A table read back from the PDF as a reader sees it: the cells the drawn rules enclose, and the
 * text in each. pdfmake draws no rule inside a merged cell, so a merged cell is one box here.
 */
import { loadFont, SHIPPED_FONT_DIR } from '../../src/fonts/resolve.js';
import { PT_PER_MM, type PdfPage, type TextItem, toMm } from './pdf.js';

const body = loadFont(`${SHIPPED_FONT_DIR}FandolFang-Regular.ttf`);
/** The middle of the body face's em box above the baseline, em: (ascent + descent) / 2 (Fandol: 0.38). */
const EM_MIDDLE = (body.font.ascent + body.font.descent) / 2 / body.font.unitsPerEm;
/** The middle of the em box of text of `size` pt above its baseline, mm. */
export const emMiddle = (size: number) => (EM_MIDDLE * size) / PT_PER_MM;

/** A drawn rule, mm from the page's top left corner. */
interface Rule {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

export interface DrawnCell {
  /** The rules around the cell (their centre lines), mm from the top left corner of the page. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** The text items inside, in reading order. */
  readonly items: readonly TextItem[];
  /** The text's lines (items on one baseline, within 0.3 mm), top to bottom. */
  readonly lines: readonly { readonly baseline: number; readonly text: string; readonly x: number; readonly right: number }[];
  readonly text: string;
}

/** Horizontal and vertical rules of a page's content stream (pdfmake draws `x y m x y l` in a flipped space). */
export function rules(page: PdfPage): { horizontal: Rule[]; vertical: Rule[] } {
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  for (const m of page.content.matchAll(/(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l/g)) {
    const [x1, y1, x2, y2] = [m[1], m[2], m[3], m[4]].map((v) => toMm(Number(v))) as [number, number, number, number];
    if (Math.abs(y1 - y2) < 0.01) horizontal.push({ at: y1, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 0.01) vertical.push({ at: x1, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
  return { horizontal, vertical };
}

const covers = (rule: Rule, at: number) => rule.from - 0.05 <= at && at <= rule.to + 0.05;

/**
 * The cells of the tables on a page, each with the text in it. `ink` gives, for a text item,
 * the height above its baseline (mm) at which to test which cell holds it (the middle of its em
 * box). Text outside every ruled box (headings, body) is left out.
 */
export function drawnCells(page: PdfPage, ink: (item: TextItem) => number, size?: (s: number) => boolean): DrawnCell[] {
  const { horizontal, vertical } = rules(page);
  const cells = new Map<string, { box: [number, number, number, number]; items: TextItem[] }>();
  for (const item of page.items) {
    // pdfjs fills the gaps between runs with space items: not text that was set.
    if (item.str.trim() === '' || (size && !size(item.size))) continue;
    const x = (item.x + item.right) / 2;
    const y = item.baseline - ink(item);
    const left = Math.max(...vertical.filter((r) => r.at < x && covers(r, y)).map((r) => r.at));
    const right = Math.min(...vertical.filter((r) => r.at > x && covers(r, y)).map((r) => r.at));
    const top = Math.max(...horizontal.filter((r) => r.at < y && covers(r, x)).map((r) => r.at));
    const bottom = Math.min(...horizontal.filter((r) => r.at > y && covers(r, x)).map((r) => r.at));
    if (![left, right, top, bottom].every(Number.isFinite)) continue;
    const key = [left, right, top, bottom].map((v) => v.toFixed(2)).join(' ');
    const cell = cells.get(key) ?? { box: [left, right, top, bottom], items: [] };
    cell.items.push(item);
    cells.set(key, cell);
  }
  return [...cells.values()].map(({ box: [left, right, top, bottom], items }) => {
    const groups: TextItem[][] = [];
    for (const item of [...items].sort((p, q) => p.baseline - q.baseline || p.x - q.x)) {
      const group = groups.find((g) => Math.abs((g[0] as TextItem).baseline - item.baseline) < 0.3);
      if (group) group.push(item);
      else groups.push([item]);
    }
    const lines = groups.map((g) => ({
      baseline: (g[0] as TextItem).baseline,
      text: g.map((i) => i.str).join(''),
      x: Math.min(...g.map((i) => i.x)),
      right: Math.max(...g.map((i) => i.right)),
    }));
    return { left, right, top, bottom, items: groups.flat(), lines, text: lines.map((l) => l.text).join('') };
  });
}

/** The cells of a page's tables (text of 五号 or less: body text is 三号, page numbers 四号). */
export function tableCells(page: PdfPage): DrawnCell[] {
  return drawnCells(page, (item) => emMiddle(item.size), (s) => s <= 10.5);
}
