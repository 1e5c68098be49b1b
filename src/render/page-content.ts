/**
 * A placed page's text and rules written as one content stream string. Drawn through pdfkit's
 * API, every run costs a `text()` call (options merged, the string measured twice, a save, a
 * transform and a restore, each operator a Buffer of its own) and every rule five operator
 * calls: ~60 % of drawing the reference report. Everything is already placed, so the page's
 * operators are written here in one string and handed to pdfkit once.
 *
 * Relies on pdfkit 0.19.1 (PDFKIT_VERSION, test/page-content.test.ts checks it): a document's
 * `_font` after `font()` is the EmbeddedFont, whose `encode(text)` gives the glyph ids (adding
 * them to the subset, its widths and its ToUnicode map) and `ref()` its font dictionary, entered
 * in `page.fonts` (the page's /Font resources) as pdfkit's own text() does; `addContent` writes
 * to the page. When one of them is missing, or a run has glyph offsets (never for plain text,
 * see fonts/plain-layout.ts), or NIANBAO_NO_PAGE_CONTENT=1, the caller draws through the API.
 */
import type { PdfKitDocument } from 'pdfmake/js/PDFDocument.js';

export const PDFKIT_VERSION = '0.19.1';

interface Position {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;
}
interface EmbeddedFont {
  readonly id: string;
  encode(text: string): [string[], Position[]];
  ref(): unknown;
}
interface Internals {
  readonly _font?: EmbeddedFont;
  readonly page?: { readonly fonts?: Record<string, unknown>; readonly height?: number };
  addContent?: (data: string) => unknown;
}

/** pdfkit's number format (PDFObject.number): six decimals at most. */
const number = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** CMYK 0–100 as pdfkit writes it (0–1), or black in RGB, as a colour space and a colour. */
export function colour(ink: readonly number[] | undefined): { space: string; value: string } {
  return ink ? { space: '/DeviceCMYK', value: ink.map((v) => number(v / 100)).join(' ') } : { space: '/DeviceRGB', value: '0 0 0' };
}

/** Whether this document has the internals; false with NIANBAO_NO_PAGE_CONTENT=1. */
export function pageContentWorks(doc: PdfKitDocument): boolean {
  if (process.env.NIANBAO_NO_PAGE_CONTENT === '1') return false;
  const d = doc as unknown as Internals;
  return typeof d.addContent === 'function';
}

/** The operators of one page, collected and written at once. */
export class PageContent {
  private readonly ops: string[] = [];
  private fill = '';
  private lineWidth = NaN;

  constructor(private readonly doc: PdfKitDocument) {}

  /**
   * A run in the document's current font at `size`, its baseline at `baseline` (from the page
   * top): false (nothing written) when the internals are missing or its glyphs are not plain.
   */
  text(text: string, x: number, baseline: number, size: number, spacing: number, ink: readonly number[] | undefined): boolean {
    const d = this.doc as unknown as Internals;
    const font = d._font;
    const fonts = d.page?.fonts;
    const height = d.page?.height;
    if (!font || typeof font.encode !== 'function' || typeof font.ref !== 'function' || !fonts || typeof height !== 'number') return false;
    const [glyphs, positions] = font.encode(text);
    if (positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0 || p.xAdvance !== p.advanceWidth)) return false;
    fonts[font.id] ??= font.ref();
    const { space, value } = colour(ink);
    const fill = `${space} cs\n${value} scn`;
    if (fill !== this.fill) this.ops.push((this.fill = fill));
    // pdfkit's page space has its origin at the top left (y down); text is set in the PDF's own.
    this.ops.push(
      `q\n1 0 0 -1 0 ${number(height)} cm\nBT\n1 0 0 1 ${number(x)} ${number(height - baseline)} Tm\n/${font.id} ${number(size)} Tf\n${spacing !== 0 ? `${number(spacing)} Tc\n` : ''}<${glyphs.join('')}> Tj\nET\nQ`,
    );
    return true;
  }

  rule(x1: number, y1: number, x2: number, y2: number, width: number, ink: readonly number[] | undefined): void {
    if (width !== this.lineWidth) this.ops.push(`${number((this.lineWidth = width))} w`);
    const { space, value } = colour(ink);
    // The colour after the path, as pdfkit's stroke(colour) writes it.
    this.ops.push(`${number(x1)} ${number(y1)} m\n${number(x2)} ${number(y2)} l\n${space} CS\n${value} SCN\nS`);
  }

  /** Writes what was collected (before anything is drawn through the API on this page). */
  flush(): void {
    if (this.ops.length === 0) return;
    (this.doc as unknown as Required<Pick<Internals, 'addContent'>>).addContent(this.ops.join('\n'));
    this.ops.length = 0;
    // The API may change the graphics state after this: state it again next time.
    this.fill = '';
    this.lineWidth = NaN;
  }
}
