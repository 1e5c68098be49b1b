// npm run bench: speed figures, medians of several runs, written to bench/results.json.
// For now: checking 100 sources (in one process, and the whole CLI as a fresh process).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSource } from '../dist/pipeline.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 7;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// 100 sources: the five examples and the test fixture, repeated with distinct names.
const originals = [
  ...readdirSync(path.join(root, 'examples')).map((f) => path.join(root, 'examples', f)),
  path.join(root, 'test/fixtures/valid.md'),
].map((file) => readFileSync(file, 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-'));
mkdirSync(path.join(dir, 'reports'));
const sources = Array.from({ length: 100 }, (_, i) => {
  const name = `reports/r${String(i).padStart(3, '0')}.md`;
  const text = originals[i % originals.length];
  writeFileSync(path.join(dir, name), text);
  return { name, text };
});

const inProcess = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  for (const { name, text } of sources) checkSource(name, text);
  inProcess.push(performance.now() - start);
}

const cli = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  spawnSync(process.execPath, [path.join(root, 'bin/nianbao.js'), 'check', 'reports'], {
    cwd: dir,
  });
  cli.push(performance.now() - start);
}

const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  runs: RUNS,
  check100: {
    in_process_ms_median: Math.round(median(inProcess)),
    in_process_ms_min: Math.round(Math.min(...inProcess)),
    cli_cold_ms_median: Math.round(median(cli)),
    cli_cold_ms_min: Math.round(Math.min(...cli)),
    budget_ms: 1000,
  },
};
writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `machine: ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}`,
);
console.log('| measure | median | min | budget |');
console.log('|---|---|---|---|');
console.log(
  `| check 100 sources, in one process | ${results.check100.in_process_ms_median} ms | ${results.check100.in_process_ms_min} ms | < 1000 ms |`,
);
console.log(
  `| nianbao check reports/ (100 files), fresh process | ${results.check100.cli_cold_ms_median} ms | ${results.check100.cli_cold_ms_min} ms | < 1000 ms |`,
);
