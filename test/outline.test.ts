/** The PDF's bookmarks and language, read back with pdfjs-dist as a reader's viewer reads them. */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { composeSource, planPdf } from '../src/build/index.js';
import { renderPdf } from '../src/render/pdf.js';
import { pageGeometry } from '../src/page/geometry.js';
import { PDFMAKE_VERSION, setOutlineDestinations } from '../src/render/outline-destinations.js';
import { PARTS } from '../src/tables/definitions.js';
import { built } from './support/build.js';
import { lines, readPdf, toMm } from './support/pdf.js';

const EXAMPLES = ['nanlong-2021', 'longde-chengguan-2021', 'nankou-2020', 'songduo-2021', 'changle-2022'];
const squash = (text: string) => text.replace(/\s+/g, '');

interface Bookmark {
  readonly title: string;
  readonly page: number;
  /** The destination: [name, left, top, zoom] after the page. */
  readonly view: unknown[];
  readonly items: readonly Bookmark[];
}

async function bookmarks(pdf: Buffer): Promise<{ outline: Bookmark[]; language: unknown; pageHeight: number }> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  type Item = { title: string; dest: unknown; items: Item[] };
  const read = async (items: Item[] | null): Promise<Bookmark[]> => {
    const out: Bookmark[] = [];
    for (const item of items ?? []) {
      const dest = (typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest) as unknown[];
      const page = (await document.getPageIndex(dest[0] as { num: number; gen: number })) + 1;
      out.push({ title: item.title, page, view: dest.slice(1), items: await read(item.items) });
    }
    return out;
  };
  const outline = await read((await document.getOutline()) as Item[] | null);
  const metadata = await document.getMetadata();
  const pageHeight = (await document.getPage(1)).view[3] ?? 0;
  return { outline, language: (metadata.info as Record<string, unknown>).Language, pageHeight };
}

/** A heading's own text: the number the layout puts in front of it (（一）, 1., （1）) taken off. */
const withoutNumber = (text: string) => squash(text).replace(/^(（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)/, '');

describe.each(EXAMPLES)('bookmarks of %s', (name) => {
  it('are the title and the six parts, each part holding its sub-headings, nested by level', async () => {
    const { pdf, report } = await built(`examples/${name}.md`);
    if (!pdf || !report) throw new Error('no PDF');
    const { outline } = await bookmarks(pdf);
    // A text-only part (一, 五, 六) the source leaves out is not printed (nankou-2020 has no 六), so it has no bookmark.
    const printed = PARTS.map((part, i) => ({ part, i })).filter(({ i }) => (i >= 1 && i <= 3) || report.narrative.parts[i] !== undefined);
    expect(outline.map((b) => b.title)).toEqual([squash(report.title), ...printed.map(({ part: p }) => `${p.number}、${p.title}`)]);
    expect(outline[0]?.items).toEqual([]);
    for (const [k, { part, i }] of printed.entries()) {
      const bookmark = outline[k + 1] as Bookmark;
      // Depth-first: the sub-headings of the part as the source has them, each at its level.
      const flat: { title: string; depth: number }[] = [];
      const visit = (items: readonly Bookmark[], depth: number) => {
        for (const item of items) {
          flat.push({ title: item.title, depth });
          visit(item.items, depth + 1);
        }
      };
      visit(bookmark.items, 2);
      const headings = (report.narrative.parts[i]?.blocks ?? []).filter((b) => b.kind === 'heading');
      expect(flat.map((f) => f.depth), `part ${part.number}`).toEqual(headings.map((h) => h.level));
      flat.forEach((f, k) => expect(squash(headings[k]?.text ?? '')).toContain(withoutNumber(f.title)));
    }
  });

  it('open at their heading: on its page, the view’s top the top of the heading’s line', async () => {
    const { pdf, document } = await built(`examples/${name}.md`);
    if (!pdf || !document) throw new Error('no PDF');
    const { outline, pageHeight } = await bookmarks(pdf);
    const all: Bookmark[] = [];
    const visit = (items: readonly Bookmark[]) => items.forEach((b) => (all.push(b), visit(b.items)));
    visit(outline);
    let previous = { page: 0, top: 0 };
    for (const bookmark of all) {
      const [fit, left, top, zoom] = bookmark.view as [{ name: string }, unknown, number, unknown];
      // Zoom and horizontal position are the reader's: only the vertical position is set.
      expect([fit.name, left, zoom]).toEqual(['XYZ', null, null]);
      const topMm = toMm(pageHeight - top);
      const page = document.pages[bookmark.page - 1];
      if (!page) throw new Error(`no page ${bookmark.page}`);
      // The first line at or below the view's top is the heading (its first line, for a title).
      const line = lines(page).find((l) => l.baseline > topMm);
      expect(line, bookmark.title).toBeDefined();
      expect(squash(bookmark.title).startsWith(squash(line?.text ?? '-').slice(0, 6)), `${bookmark.title} / ${line?.text}`).toBe(true);
      expect((line?.baseline ?? 0) - topMm).toBeLessThan(toMm(pageGeometry.pitch));
      // In reading order.
      expect(bookmark.page * 1000 + topMm).toBeGreaterThan(previous.page * 1000 + previous.top);
      previous = { page: bookmark.page, top: topMm };
    }
  });

  it('say the document is in Chinese (/Lang zh-CN)', async () => {
    const { pdf } = await built(`examples/${name}.md`);
    if (!pdf) throw new Error('no PDF');
    expect((await bookmarks(pdf)).language).toBe('zh-CN');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });
});

describe('the destination rewrite of pdfmake’s layout (render/outline-destinations.ts, NIANBAO_PDFMAKE_LAYOUT=1)', () => {
  afterEach(() => setOutlineDestinations(true));

  it('relies on the pdfmake version package.json pins and node_modules holds', () => {
    const pin = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.pdfmake;
    const installed = (JSON.parse(readFileSync('node_modules/pdfmake/package.json', 'utf8')) as { version: string }).version;
    expect([pin, installed]).toEqual([PDFMAKE_VERSION, PDFMAKE_VERSION]);
  });

  it('off, the PDF is pdfmake’s own: the same bytes but for the bookmarks’ page-corner destinations', async () => {
    const file = 'examples/changle-2022.md';
    const text = readFileSync(file, 'utf8');
    // Through pdfmake's layout of the definition, where the rewrite applies.
    const build = async () => {
      const plan = planPdf(file, await composeSource(file, text, { force: true, systemFonts: false }));
      if ('diagnostics' in plan) throw new Error('not planned');
      return renderPdf(plan.definition, plan.families);
    };
    setOutlineDestinations(false);
    const off = await build();
    setOutlineDestinations(true);
    const on = await build();
    const { outline, pageHeight } = await bookmarks(off);
    const width = 595.28;
    // pdfkit's default: the top right corner of the page, zoom 0 (kept).
    for (const bookmark of outline) expect(bookmark.view.slice(1)).toEqual([width, pageHeight, 0]);
    expect(outline.map((b) => b.page)).toEqual((await bookmarks(on)).outline.map((b) => b.page));
    // The objects, without the cross-reference table (its offsets move with the longer arrays).
    const destless = (pdf: Buffer) => pdf.toString('latin1').replace(/\/Dest \[[^\]]*\]/g, '/Dest []').replace(/\nxref\n[\s\S]*$/, '');
    expect(on.equals(off)).toBe(false);
    expect(destless(on)).toBe(destless(off));
    // Nothing else moved: the text read back is the same, page by page.
    const [a, b] = [await readPdf(on), await readPdf(off)];
    expect(a.pages.map((p) => p.text)).toEqual(b.pages.map((p) => p.text));
  });
});
