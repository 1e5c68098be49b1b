/**
 * Structure-aware fuzzing (issue 11, item 9): mutations that know the source's shape — values
 * replaced by the wrong kind, keys renamed to near misses, YAML anchors/aliases/merge keys/tags,
 * alias bombs, BOM/NUL/lone surrogates, grid blocks with random spans, widths and headers, long
 * titles, long unbreakable runs, HTML entities. `check` runs in process on every case; a sample
 * goes through the real `nianbao build --html --force` CLI, and every PDF it writes is read back:
 * every paragraph and every table value of the source must be in it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import type { Report } from '../src/model/types.js';
import MarkdownIt from 'markdown-it';
import { checkSource } from '../src/pipeline.js';
import { ROOT, scratch } from './support/cli.js';
import { CONTROL, MUTATIONS, mulberry32, mutate } from './support/mutations.js';
import { readPdf } from './support/pdf.js';

/** Where a line and column may point: inside the input (or one past its last line). */
function positionInside(text: string, line: number, column: number): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length + 1 && column >= 1;
}

const CHECKED = 3000;
const BUILT = 300;
const PER_RUN = 50;

describe('structure-aware fuzz', () => {
  it(`${CHECKED} structure-aware mutations end in positioned diagnostics in Chinese, never an exception or a raw control character`, () => {
    const random = mulberry32(20261201);
    const names = Object.keys(MUTATIONS);
    const seen = new Set<string>();
    const failures: string[] = [];
    for (let n = 0; n < CHECKED; n++) {
      const { name, text } = mutate(random, names);
      seen.add(name);
      let result: ReturnType<typeof checkSource>;
      try {
        result = checkSource('f.md', text);
      } catch (error) {
        failures.push(`case ${n} (${name}): threw ${error instanceof Error ? error.stack?.split('\n').slice(0, 3).join(' | ') : error}`);
        continue;
      }
      for (const d of result.diagnostics) {
        if (!positionInside(text, d.position.line, d.position.column)) failures.push(`case ${n} (${name}): ${d.code} at ${d.position.line}:${d.position.column}`);
        if (!d.message || /\n\s+at /.test(d.message)) failures.push(`case ${n} (${name}): bad message ${d.message.slice(0, 80)}`);
      }
      const printed = formatDiagnostics(result.diagnostics);
      if (CONTROL.test(printed.replace(/\n/g, ''))) failures.push(`case ${n} (${name}): a raw control character in ${JSON.stringify(printed.slice(0, 120))}`);
      if (!result.report && !result.diagnostics.some((d) => d.severity === 'error')) failures.push(`case ${n} (${name}): no report and no error`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect([...seen].sort()).toEqual([...names].sort());
  }, 240_000);

  it(`${BUILT} mutated sources through nianbao build --html: exit 0/1/2, no stack trace, sources unchanged, nothing stray, every PDF complete`, async () => {
    const random = mulberry32(20261202);
    const names = Object.keys(MUTATIONS);
    const failures: string[] = [];
    let pdfs = 0;
    let pages = 0;
    let complete = 0;
    for (let run = 0; run < BUILT / PER_RUN; run++) {
      const dir = scratch();
      const reports = path.join(dir, 'reports');
      mkdirSync(reports);
      const sources = new Map<string, { name: string; text: string }>();
      const written = new Map<string, Buffer>();
      for (let k = 0; k < PER_RUN; k++) {
        const file = `r${String(k).padStart(2, '0')}.md`;
        const mutated = mutate(random, names);
        sources.set(file, mutated);
        writeFileSync(path.join(reports, file), mutated.text);
        written.set(file, readFileSync(path.join(reports, file)));
      }
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', 'reports', '--html', '--force'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NIANBAO_DEBUG: '', CI: 'true', SOURCE_DATE_EPOCH: '1700000000' },
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const output = `${result.stdout}\n${result.stderr}`;
      if (result.status === null || ![0, 1, 2].includes(result.status)) failures.push(`run ${run}: exit ${result.status} ${result.signal ?? ''}`);
      if (/\n\s+at .+:\d+:\d+/.test(output)) failures.push(`run ${run}: a stack trace: ${output.slice(0, 300)}`);
      if (/内部错误/.test(output)) failures.push(`run ${run}: 内部错误: ${output.split('\n').filter((l) => l.includes('内部错误')).slice(0, 3).join(' | ')}`);
      if (CONTROL.test(output.replace(/[\n\r]/g, ''))) failures.push(`run ${run}: a raw control character on the terminal`);
      // Nothing but the sources and their outputs in the folder; every source unchanged.
      if (readdirSync(dir).join() !== 'reports') failures.push(`run ${run}: stray files beside the folder: ${readdirSync(dir).join(', ')}`);
      const expected = new Set([...sources.keys()].flatMap((f) => [f, f.replace(/\.md$/, '.pdf'), f.replace(/\.md$/, '.html')]));
      for (const file of readdirSync(reports)) if (!expected.has(file)) failures.push(`run ${run}: a stray file ${file}`);
      for (const [file, { name }] of sources) {
        if (!readFileSync(path.join(reports, file)).equals(written.get(file) as Buffer)) failures.push(`run ${run} ${file} (${name}): the source was modified`);
        let pdf: Buffer;
        try {
          pdf = readFileSync(path.join(reports, file.replace(/\.md$/, '.pdf')));
        } catch {
          continue;
        }
        pdfs++;
        // A forced build of a source with errors was asked for despite them (its diagnostics say
        // what is wrong); a source that checks without errors must reach the PDF whole.
        const checked = checkSource(file, written.get(file) as Buffer);
        const missing = await missingFromPdf(pdf, checked.ok ? checked.report : undefined);
        if (checked.ok) complete++;
        pages += missing.pages;
        if (missing.items.length > 0 && process.env.FUZZ_DUMP) {
          // Keep the failing case to look at (FUZZ_DUMP=folder).
          mkdirSync(process.env.FUZZ_DUMP, { recursive: true });
          writeFileSync(path.join(process.env.FUZZ_DUMP, `run${run}-${file}`), written.get(file) as Buffer);
          writeFileSync(path.join(process.env.FUZZ_DUMP, `run${run}-${file}.pdf`), pdf);
        }
        for (const m of missing.items.slice(0, 3)) failures.push(`run ${run} ${file} (${name}): not in the PDF: ${m}`);
      }
    }
    expect(failures.slice(0, 30)).toEqual([]);
    // Enough of the sample really built for the completeness check to mean something.
    expect(pdfs).toBeGreaterThan(BUILT / 3);
    expect(pages).toBeGreaterThan(pdfs);
    expect(complete).toBeGreaterThan(BUILT / 10);
    console.log(`structure-aware build fuzz: ${BUILT} sources, ${pdfs} PDFs (${pages} pages), ${complete} of them from sources without errors checked for every paragraph and table value`);
  }, 1_200_000);
});

const squash = (s: string) => s.replace(/\s+/g, '');
const inline = new MarkdownIt();

/** A block's Markdown as a reader sees it printed: markup gone, entities decoded. */
function printedText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: ReturnType<typeof inline.parseInline>) => {
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'code_inline') out.push(token.content);
      if (token.children) walk(token.children);
    }
  };
  walk(inline.parseInline(markdown, {}));
  return out.join('');
}

/** What of the source's narrative and tables the PDF lacks (paragraphs as text, cells in order). */
async function missingFromPdf(bytes: Buffer, report: Report | undefined): Promise<{ pages: number; items: string[] }> {
  let document: Awaited<ReturnType<typeof readPdf>>;
  try {
    document = await readPdf(bytes);
  } catch (error) {
    return { pages: 0, items: [`the PDF does not open: ${error}`] };
  }
  if (!report) return { pages: document.pages.length, items: [] };
  const items = document.pages.flatMap((page) =>
    [...page.items].sort((a, b) => Math.round(a.baseline * 2) - Math.round(b.baseline * 2) || a.x - b.x)
      .filter((item) => !/^—\s*\d+\s*—$/.test(item.str.trim())),
  );
  const text = squash(items.map((i) => i.str).join(''));
  const missing: string[] = [];
  const blocks = [report.narrative.preamble.blocks, ...report.narrative.parts.map((p) => p?.blocks ?? [])].flat();
  for (const block of blocks) {
    if (block.kind === 'other') continue;
    const wanted = squash(printedText(block.text));
    if (wanted && !text.includes(wanted)) missing.push(`${block.kind} “${block.text.slice(0, 40)}”`);
  }
  const tokens = items.flatMap((i) => i.str.split(/\s+/).filter(Boolean));
  for (const table of Object.values(report.tables)) {
    if (!table.present) continue;
    let at = 0;
    for (const row of table.def.rows) {
      for (const column of row.columns) {
        const display = table.cells.get(`${row.id}|${column}`)?.display;
        if (!display) continue;
        const found = tokens.indexOf(display, at);
        if (found < 0) {
          missing.push(`${table.def.key} ${row.id} ${column} = ${display}`);
          break;
        }
        at = found + 1;
      }
    }
  }
  return { pages: document.pages.length, items: missing };
}
