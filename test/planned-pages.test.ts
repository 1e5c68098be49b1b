/**
 * nianbao breaks the pages; pdfmake only draws them. The plan's explicit page breaks are the only
 * ones: a PDF with a page more than the plan (pdfmake finding a block taller than its room and
 * moving it on) would mean a measure was wrong and the paginator's rules no longer hold.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSource, planPdf } from '../src/build/index.js';
import { renderPdf } from '../src/render/pdf.js';
import { readPdf } from './support/pdf.js';

const SOURCES = [
  'examples/changle-2022.md',
  'examples/longde-chengguan-2021.md',
  'examples/nankou-2020.md',
  'examples/nanlong-2021.md',
  'examples/songduo-2021.md',
  'bench/reference-2024.md',
  'test/fixtures/published/pingtan-2021.md',
  'test/fixtures/published/shanghai-bgt-2019.md',
];

/** Nodes of the flow that start a page, and the text each page's plan starts with. */
function plannedPages(content: readonly Record<string, unknown>[]): string[] {
  const firsts: string[] = [];
  const textOf = (node: unknown): string =>
    typeof node === 'string'
      ? node
      : Array.isArray(node)
        ? node.map(textOf).join('')
        : node && typeof node === 'object'
          ? textOf((node as Record<string, unknown>).text ?? (node as Record<string, unknown>).stack ?? ((node as { table?: { body?: unknown } }).table?.body ?? ''))
          : '';
  content.forEach((node, i) => {
    if (i === 0 || node.pageBreak === 'before') firsts.push(textOf(node).replace(/\s+/g, '').slice(0, 6));
  });
  return firsts;
}

describe('pdfmake draws the pages nianbao planned', () => {
  for (const file of SOURCES) {
    it(`${file}: as many pages as planned, each starting with what the plan put first`, async () => {
      const composed = await composeSource(file, readFileSync(file, 'utf8'), { force: true, systemFonts: false, sourceDateEpoch: '0' });
      const plan = planPdf(file, composed, { sourceDateEpoch: '0' });
      if ('diagnostics' in plan) throw new Error(JSON.stringify(plan.diagnostics));
      const planned = plannedPages(plan.definition.content as Record<string, unknown>[]);
      const pdf = await readPdf(await renderPdf(plan.definition, plan.families));
      expect(pdf.pages).toHaveLength(planned.length);
      pdf.pages.forEach((page, p) => {
        if (p === 0 || !planned[p]) return;
        // The page's text, less its number, starts where the plan said (a table page with its header).
        expect(page.text.replace(/\s+/g, '').replace(/^—\d+—/, ''), `page ${p + 1}`).toContain(planned[p] as string);
      });
    });
  }
});
