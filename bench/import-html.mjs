// npm run bench:import-html: the importer on one real government web page (the trimmed 平潭 2021
// page of test/fixtures/import, 181 KB of Word-exported markup in site chrome), in process after
// one warm-up: parse5, the recogniser and the source writer. Medians of BENCH_RUNS (default 7).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importFile } from '../dist/import/index.js';

const file = fileURLToPath(new URL('../test/fixtures/import/pingtan-2021.html', import.meta.url));
const bytes = readFileSync(file);
const runs = Number(process.env.BENCH_RUNS ?? 7);
await importFile(file, bytes);
const times = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await importFile(file, bytes);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`import of one HTML page (${Math.round(bytes.length / 1024)} KB): median ${median.toFixed(0)} ms over ${runs} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
