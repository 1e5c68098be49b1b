// npm run bench:import-pdf: the PDF reader on a 10-page PDF (nianbao's own PDF of the reference
// report, bench/reference-2024.md), in process: medians of RUNS after one warm-up read. Reading
// is pdfjs's work mostly (parsing the page's operators and fonts); the grid and paragraphs are
// a few ms a page. Prints the table; nothing is asserted (speed is not a test).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPdf } from '../dist/import/pdf/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-bench-pdf-')), 'reference-2024.pdf');
const build = spawnSync(process.execPath, [path.join(root, 'bin/nianbao.js'), 'build', '--force', path.join(root, 'bench/reference-2024.md'), '-o', pdf], { encoding: 'utf8' });
if (build.status !== 0 && build.status !== 1) throw new Error(`build failed: ${build.stderr}`);
const bytes = readFileSync(pdf);
const first = await readPdf(pdf, bytes);
const times = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await readPdf(pdf, bytes);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pages = new Set(first.blocks.map((b) => b.place.page)).size;
console.log(`read ${pages}-page PDF: median ${Math.round(times[Math.floor((times.length - 1) / 2)])} ms, min ${Math.round(times[0])} ms (${RUNS} runs; ${first.blocks.length} blocks)`);
