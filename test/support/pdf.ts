/** Reading a PDF back as a reader's tools would: text with positions (pdfjs-dist), raw drawing ops. */
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const PT_PER_MM = 72 / 25.4;
export const toMm = (pt: number) => pt / PT_PER_MM;

export interface TextItem {
  readonly str: string;
  /** From the page's left edge, mm. */
  readonly x: number;
  /** Baseline, from the page's top edge, mm. */
  readonly baseline: number;
  readonly right: number;
  /** Font size, pt. */
  readonly size: number;
  readonly font: string;
}

export interface PdfPage {
  readonly number: number;
  readonly items: readonly TextItem[];
  readonly text: string;
  /** The page's content stream, inflated. */
  readonly content: string;
}

export interface PdfDocument {
  readonly pages: readonly PdfPage[];
  readonly info: Record<string, unknown>;
}

/** Every stream of the file, inflated, in file order (pdfkit writes one content stream per page). */
function contentStreams(bytes: Buffer): string[] {
  const streams: string[] = [];
  const text = bytes.toString('latin1');
  const pattern = /\/Length (\d+)[^>]*>>\s*stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const raw = bytes.subarray(start, start + Number(match[1]));
    try {
      streams.push(inflateSync(raw).toString('latin1'));
    } catch {
      // not a Flate stream (fonts are Flate too, but they are not page content: filtered below)
    }
  }
  return streams.filter((s) => /\b(BT|re|m)\b/.test(s) && /\b(Tf|S|f)\b/.test(s));
}

export async function readPdf(bytes: Buffer): Promise<PdfDocument> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const metadata = await document.getMetadata();
  const streams = contentStreams(bytes).filter((s) => s.includes('BT'));
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const height = page.view[3] ?? 841.89;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [a = 0, b = 0, , , e = 0, f = 0] = item.transform as number[];
      items.push({
        str: item.str,
        x: toMm(e),
        baseline: toMm(height - f),
        right: toMm(e + item.width),
        size: Math.round(Math.hypot(a, b) * 100) / 100,
        font: item.fontName,
      });
    }
    pages.push({ number: n, items, text: items.map((i) => i.str).join(''), content: streams[n - 1] ?? '' });
  }
  return { pages, info: metadata.info as Record<string, unknown> };
}

export interface Line {
  readonly baseline: number;
  readonly x: number;
  readonly right: number;
  readonly text: string;
  readonly size: number;
}

/** Items grouped into lines by baseline (within 0.3 mm), left to right. */
export function lines(page: PdfPage, size?: number): Line[] {
  const items = page.items.filter((i) => size === undefined || Math.abs(i.size - size) < 0.05);
  const groups: TextItem[][] = [];
  for (const item of [...items].sort((p, q) => p.baseline - q.baseline || p.x - q.x)) {
    const group = groups.find((g) => Math.abs((g[0]?.baseline ?? 0) - item.baseline) < 0.3);
    if (group) group.push(item);
    else groups.push([item]);
  }
  return groups.map((g) => {
    const sorted = g.sort((p, q) => p.x - q.x);
    return {
      baseline: sorted[0]?.baseline ?? 0,
      x: Math.min(...sorted.map((i) => i.x)),
      right: Math.max(...sorted.map((i) => i.right)),
      text: sorted.map((i) => i.str).join(''),
      size: sorted[0]?.size ?? 0,
    };
  });
}
