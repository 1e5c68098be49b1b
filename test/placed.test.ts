/**
 * nianbao places every line and rule itself (layout/place.ts) and draws them without pdfmake's
 * layout (render/draw.ts). The same source through pdfmake's layout of the definition
 * (NIANBAO_PDFMAKE_LAYOUT=1, layout/document.ts) must give the same pages: read back from both
 * PDFs, every line's text, baseline and left edge, and every rule (the strokes' union: pdfmake
 * draws a rule a cell at a time), on every example and the bench's 10-page reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSource, planPdf } from '../src/build/index.js';
import { drawPdf } from '../src/render/draw.js';
import { renderPdf } from '../src/render/pdf.js';
import { lines, type PdfDocument, type PdfPage, readPdf, toMm } from './support/pdf.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021'].map((name) => path.join(ROOT, 'examples', `${name}.md`));
SOURCES.push(path.join(ROOT, 'bench/reference-2024.md'));

interface Stroke {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly width: number;
}

/** The page's strokes (`w … x y m x y l … S`), mm, merged where they touch on one line. */
function strokes(page: PdfPage): { horizontal: Stroke[]; vertical: Stroke[] } {
  const horizontal: Stroke[] = [];
  const vertical: Stroke[] = [];
  let width = 1;
  for (const m of page.content.matchAll(/(-?[\d.]+) w|(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l/g)) {
    if (m[1] !== undefined) {
      width = Number(m[1]);
      continue;
    }
    const [x1, y1, x2, y2] = [m[2], m[3], m[4], m[5]].map((v) => toMm(Number(v))) as [number, number, number, number];
    if (Math.abs(y1 - y2) < 0.001) horizontal.push({ at: y1, from: Math.min(x1, x2), to: Math.max(x1, x2), width });
    else vertical.push({ at: x1, from: Math.min(y1, y2), to: Math.max(y1, y2), width });
  }
  const merge = (list: Stroke[]) => {
    const sorted = [...list].sort((a, b) => a.at - b.at || a.width - b.width || a.from - b.from);
    const out: Stroke[] = [];
    for (const s of sorted) {
      const last = out[out.length - 1];
      if (last && Math.abs(last.at - s.at) < 0.005 && last.width === s.width && s.from <= last.to + 0.005) out[out.length - 1] = { ...last, to: Math.max(last.to, s.to) };
      else out.push(s);
    }
    return out;
  };
  return { horizontal: merge(horizontal), vertical: merge(vertical) };
}

const NANLONG = path.join(ROOT, 'examples/nanlong-2021.md');
/** 上行文 versions of nanlong: 签发人 on the 发文字号's line, two names a line. */
const SIGNED = [['张三'], ['张三', '李四', '王五']].map((names) => ({
  name: `nanlong-2021 with 签发人 ${names.join('、')}`,
  text: readFileSync(NANLONG, 'utf8').replace('  发文字号: 临南政发〔2022〕60号\n', `  发文字号: 临南政发〔2022〕60号\n  签发人: [${names.join(', ')}]\n`),
}));

async function both(file: string, text = readFileSync(file, 'utf8')) {
  const composed = await composeSource(file, text, { systemFonts: false, force: true, sourceDateEpoch: '1700000000' });
  const plan = planPdf(file, composed, { sourceDateEpoch: '1700000000' });
  if ('diagnostics' in plan) throw new Error(`${file}: ${plan.diagnostics.map((d) => d.message).join('; ')}`);
  expect(plan.placed, 'every block of the examples can be placed').toBeDefined();
  const [placed, laidOut, throughApi] = await Promise.all([
    drawPdf(plan.placed!, plan.faces),
    renderPdf(plan.definition, plan.families),
    drawPdf(plan.placed!, plan.faces, { pageContent: false }),
  ]);
  return { placed: await readPdf(placed), laidOut: await readPdf(laidOut), throughApi: await readPdf(throughApi) };
}

/** Both documents' pages the same: every line (text, size, baseline, left edge) and every rule. */
function samePages(placed: PdfDocument, laidOut: PdfDocument, tolerance: number): void {
  expect(placed.pages.length).toBe(laidOut.pages.length);
  placed.pages.forEach((page, p) => {
    const other = laidOut.pages[p] as PdfPage;
    const mine = lines(page);
    const theirs = lines(other);
    expect(mine.map((l) => [l.text, l.size]), `page ${p + 1}`).toEqual(theirs.map((l) => [l.text, l.size]));
    mine.forEach((line, k) => {
      const their = theirs[k];
      expect(Math.abs(line.baseline - (their?.baseline ?? NaN)), `page ${p + 1} “${line.text}” baseline`).toBeLessThan(tolerance);
      expect(Math.abs(line.x - (their?.x ?? NaN)), `page ${p + 1} “${line.text}” left edge`).toBeLessThan(tolerance);
    });
    const [a, b] = [strokes(page), strokes(other)];
    for (const direction of ['horizontal', 'vertical'] as const) {
      expect(a[direction].length, `page ${p + 1} ${direction} rules`).toBe(b[direction].length);
      a[direction].forEach((stroke, k) => {
        const their = b[direction][k] as Stroke;
        const off = Math.max(Math.abs(stroke.at - their.at), Math.abs(stroke.from - their.from), Math.abs(stroke.to - their.to));
        expect(off, `page ${p + 1} ${direction} rule ${k}: ${JSON.stringify(stroke)} / ${JSON.stringify(their)}`).toBeLessThan(tolerance);
        expect(stroke.width).toBeCloseTo(their.width, 3);
      });
    }
  });
}

describe('placed pages are the pages pdfmake lays out', () => {
  const cases = [...SOURCES.map((file) => ({ name: path.basename(file), file, text: readFileSync(file, 'utf8') })), ...SIGNED.map((c) => ({ ...c, file: NANLONG }))];
  for (const { name, file, text } of cases) {
    it(name, async () => {
      expect(text).toBeTruthy();
      const { placed, laidOut, throughApi } = await both(file, text);
      samePages(placed, laidOut, 0.01);
      // The page-content trick (render/page-content.ts) off: pdfkit's API draws the same pages.
      samePages(placed, throughApi, 0.0005);
      // One Tj a run written by the trick; pdfkit's text() writes TJ arrays.
      expect(placed.pages[0]?.content).toMatch(/> Tj\n/);
      expect(placed.pages[0]?.content).not.toMatch(/\] TJ/);
      expect(throughApi.pages[0]?.content).toMatch(/\] TJ/);
      if (name.includes('签发人')) expect(placed.pages[0]?.text).toContain('签发人：张三');
      expect(placed.info.Title).toBe(laidOut.info.Title);
      expect(placed.info.Producer).toBe('nianbao');
    });
  }
});
