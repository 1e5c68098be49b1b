/**
 * Each example's DOCX as LibreOffice sets it (soffice --headless --convert-to pdf): every value
 * in its text, its page count within one of nianbao's PDF, the 版记 at the foot of its last page,
 * page numbers on the right sides. The fonts are embedded (--embed-fonts): a machine without
 * Chinese fonts (CI's) then sets it in the Fandol faces, as one without 仿宋_GB2312 would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PdfDocument, readPdf } from './support/pdf.js';
import type { Document } from '../src/document/types.js';
import { EXAMPLES, exampleDocx, treeTexts } from './support/docx.js';

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const available = soffice.status === 0;
if (!available) console.warn('docx-libreoffice: soffice (LibreOffice) is not installed, skipped: apt-get install libreoffice-writer-nogui (.ci/run does)');

/** 版心: 37 mm below the top, 225 mm tall; the page's middle at 105 mm. */
const TYPE_BOTTOM = 37 + 225;

interface Rendered {
  readonly office: PdfDocument;
  readonly nianbao: PdfDocument;
  readonly document: Document;
}

/** The text set inside the 版心 (page numbers left out), pages in order, without spaces. */
function typeText(office: PdfDocument): string {
  return office.pages
    .flatMap((page) => page.items.filter((item) => item.baseline <= TYPE_BOTTOM + 1).map((item) => item.str))
    .join('')
    .replace(/\s+/g, '');
}

/** Whether `text`'s characters stand in `within` in order (a cell's lines set beside its neighbours'). */
function subsequence(text: string, within: string): boolean {
  let at = 0;
  for (const ch of text) {
    at = within.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

const rendered = new Map<string, Rendered>();

describe.skipIf(!available)('DOCX in LibreOffice', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));
    const sources: { name: string; pdf: Buffer; document: Document }[] = [];
    for (const name of EXAMPLES) {
      const { docx, document, pdf } = await exampleDocx(name, { embedFonts: true });
      writeFileSync(path.join(dir, `${name}.docx`), docx);
      sources.push({ name, pdf, document });
    }
    // One conversion for all, in a profile of its own (a running LibreOffice would take the job).
    const run = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...EXAMPLES.map((n) => path.join(dir, `${n}.docx`))],
      { encoding: 'utf8', timeout: 540_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
    for (const source of sources) {
      rendered.set(source.name, {
        office: await readPdf(readFileSync(path.join(dir, `${source.name}.pdf`))),
        nianbao: await readPdf(source.pdf),
        document: source.document,
      });
    }
  }, 600_000);

  for (const name of EXAMPLES) {
    describe(name, () => {
      const get = () => rendered.get(name) as Rendered;

      it('carries every paragraph in order, and every table value', () => {
        const { office, document } = get();
        const all = typeText(office);
        // Paragraphs (the tree without its tables) read in order, each whole.
        const prose = treeTexts({ ...document, body: document.body.filter((b) => b.kind !== 'table') });
        let at = 0;
        const missing: string[] = [];
        for (const text of prose) {
          const wanted = text.replace(/\s+/g, '');
          if (!wanted) continue;
          const found = all.indexOf(wanted, at);
          if (found < 0) missing.push(wanted);
          else at = found + wanted.length;
        }
        expect(missing).toEqual([]);
        // A table's cells: each whole; one spanning rows has its lines read between its neighbours'.
        for (const table of document.body.filter((b) => b.kind === 'table')) {
          for (const cell of table.rows.flat()) {
            const wanted = cell.text.replace(/\s+/g, '');
            if (!wanted) continue;
            expect(cell.rowSpan > 1 ? subsequence(wanted, all) : all.includes(wanted), wanted).toBe(true);
          }
        }
      });

      it("has nianbao's page count, within one", () => {
        const { office, nianbao } = get();
        expect(Math.abs(office.pages.length - nianbao.pages.length)).toBeLessThanOrEqual(1);
      });

      it('ends with the 版记 at the foot of the 版心, on an even page (when it has one)', () => {
        const { office, document } = get();
        if (!document.colophon) return;
        const last = office.pages[office.pages.length - 1];
        expect(office.pages.length % 2).toBe(0);
        const printed = last?.items.filter((item) => item.str.includes('印发')) ?? [];
        expect(printed.length).toBeGreaterThan(0);
        for (const item of printed) {
          expect(item.baseline).toBeGreaterThan(TYPE_BOTTOM - 10);
          expect(item.baseline).toBeLessThan(TYPE_BOTTOM);
        }
      });

      it('numbers its pages below the 版心, odd ones on the right, even ones on the left', () => {
        const { office } = get();
        for (const page of office.pages) {
          // “— N —”, as one item or three.
          const number = page.items.find((item) => item.baseline > TYPE_BOTTOM && /^(— )?\d+( —)?$/.test(item.str.trim()));
          expect(number?.str.replace(/\D/g, '')).toBe(String(page.number));
          if (page.number % 2 === 1) expect(number?.x).toBeGreaterThan(105);
          else expect(number?.x).toBeLessThan(105);
        }
      });
    });
  }
});
