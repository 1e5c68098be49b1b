/**
 * One PDF page as the reader needs it: the text runs and the drawn rules, both in points from the
 * page's top-left corner (the viewport's orientation, so a rotated page reads as it is shown).
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Ops } from './pdfjs.js';
import { drawnRules, type Rule } from './rules.js';
import type { Run } from './run.js';
import { verticalRuns } from './vertical.js';

export type { Run };

export interface PageContent {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly runs: readonly Run[];
  readonly rules: readonly Rule[];
  /** Pictures painted on the page (a scan is one per page). */
  readonly images: number;
}

/** Font names come as the PDF's bytes read as Latin-1; WPS writes Chinese names in UTF-8. */
function fontName(raw: string | undefined): string {
  if (!raw) return '';
  const name = raw.replace(/^[A-Z]{6}\+/, '');
  try {
    const decoded = Buffer.from(name, 'latin1').toString('utf8');
    return decoded.includes('\uFFFD') ? name : decoded;
  } catch {
    return name;
  }
}

/** A bold face or a heading face (黑体 and its kin: what a clerk sees as bold). */
const BOLD = /bold|black|heavy|demi|semibold|黑体|simhei|heiti|(?:^|[^a-z])hei(?:[^a-z]|$)|fzhtk|fzht|hei-/i;

export async function readPage(OPS: Ops, page: PDFPageProxy): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const [va = 1, vb = 0, vc = 0, vd = -1, ve = 0, vf = 0] = viewport.transform;
  const toPage = (x: number, y: number): [number, number] => [va * x + vc * y + ve, vb * x + vd * y + vf];
  // The operator list first: it loads the fonts, whose real names tell bold from regular.
  const operators = await page.getOperatorList();
  const { rules, images } = drawnRules(OPS, operators, toPage);
  const content = await page.getTextContent({ disableNormalization: false });
  const fonts = new Map<string, { font: string; bold: boolean }>();
  const fontOf = (id: string) => {
    let known = fonts.get(id);
    if (!known) {
      let raw: string | undefined;
      try {
        raw = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }).name : undefined;
      } catch {
        raw = undefined;
      }
      const font = fontName(raw);
      known = { font, bold: BOLD.test(font) };
      fonts.set(id, known);
    }
    return known;
  };
  const vertical = new Set(Object.entries(content.styles).filter(([, style]) => style.vertical).map(([id]) => id));
  const runs: Run[] = verticalRuns(OPS, operators, toPage, vertical, fontOf);
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '' || vertical.has(item.fontName)) continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    // Direction of the baseline on the page, and the text's height.
    const [x0, y0] = toPage(e, f);
    const length = Math.hypot(a, b) || 1;
    const [x1, y1] = toPage(e + (a / length) * item.width, f + (b / length) * item.width);
    const size = Math.round(Math.hypot(c, d) * 100) / 100;
    const turned = Math.abs(y1 - y0) > Math.abs(x1 - x0);
    const { font, bold } = fontOf(item.fontName);
    runs.push(
      turned
        ? // A turned run: treat it as a column of characters; its "baseline" is its middle.
          { text: item.str, x: Math.min(x0, x1) - size / 2, right: Math.min(x0, x1) + size / 2, baseline: (y0 + y1) / 2, size, font, bold, vertical: true }
        : { text: item.str, x: Math.min(x0, x1), right: Math.max(x0, x1), baseline: y0, size, font, bold, vertical: false },
    );
  }
  return { number: page.pageNumber, width: viewport.width, height: viewport.height, runs, rules, images };
}
