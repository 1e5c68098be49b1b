// npm run bench: nianbao against the raw-pdfmake anchor (shared/bench/anchor-pdfmake.mjs beside
// the repository, or NIANBAO_SHARED/bench), measured side by side in one run; medians of RUNS;
// table on stdout, bench/results.json. Without the anchor, nianbao is measured alone.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANCHOR_FILES, findAnchor } from './anchor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
const round = (x) => Math.round(x);
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-'));
const node = process.execPath;
const bin = path.join(root, 'bin/nianbao.js');
const fonts = path.join(root, 'fonts');

/** Wall time of a whole process, ms, and its peak RSS (MB) via /usr/bin/time when present. */
function timed(args, cwd = root, env = {}) {
  const time = existsSync('/usr/bin/time');
  const start = performance.now();
  const run = spawnSync(time ? '/usr/bin/time' : node, time ? ['-f', '%M', node, ...args] : args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const rss = time ? Number(run.stderr.trim().split('\n').pop()) / 1024 : undefined;
  return { ms, rss, stdout: run.stdout };
}

// ── The anchor: run as it is, from a scratch copy beside our node_modules (pdfmake 0.3.11) ──
const anchor = findAnchor();
let anchorArgs;
if (anchor.missing) {
  console.log(`anchors missing: ${anchor.missing.join(', ')} not found (set NIANBAO_SHARED to the folder holding bench/); measuring nianbao alone, no ratio to the anchor.`);
} else {
  const anchorDir = path.join(work, 'anchor');
  mkdirSync(anchorDir);
  for (const f of ANCHOR_FILES) copyFileSync(path.join(anchor.dir, f), path.join(anchorDir, f));
  symlinkSync(path.join(root, 'node_modules'), path.join(anchorDir, 'node_modules'));
  anchorArgs = [
    path.join(anchorDir, 'anchor-pdfmake.mjs'), '--out', path.join(work, 'anchor.pdf'), '--json',
    '--body', path.join(fonts, 'FandolFang-Regular.ttf'), '--title', path.join(fonts, 'FandolSong-Bold.ttf'),
    '--hei', path.join(fonts, 'FandolHei-Regular.ttf'), '--kai', path.join(fonts, 'FandolKai-Regular.ttf'),
    '--song', path.join(fonts, 'FandolSong-Regular.ttf'),
  ];
}

// ── Cold builds, alternating so that noise hits both alike ──
const reference = path.join(root, 'bench/reference-2024.md');
const anchorCold = [];
const nianbaoCold = [];
let anchorInfo;
let nianbaoRss = 0;
for (let i = 0; i < RUNS; i++) {
  if (anchorArgs) {
    const a = timed(anchorArgs);
    anchorCold.push(a.ms);
    anchorInfo = JSON.parse(a.stdout);
  }
  const n = timed([bin, 'build', reference, '-o', path.join(work, 'nianbao.pdf')]);
  nianbaoCold.push(n.ms);
  nianbaoRss = Math.max(nianbaoRss, n.rss ?? 0);
}

// ── DOCX: the same build with --docx (PDF and Word file), and with the fonts embedded ──
const docxCold = [];
const embedCold = [];
for (let i = 0; i < RUNS; i++) {
  docxCold.push(timed([bin, 'build', reference, '--docx', '-o', path.join(work, 'docx.pdf')]).ms);
  embedCold.push(timed([bin, 'build', reference, '--docx', '--embed-fonts', '-o', path.join(work, 'embed.pdf')]).ms);
}
const docxBytes = readFileSync(path.join(work, 'docx.docx')).length;
const embedBytes = readFileSync(path.join(work, 'embed.docx')).length;

// The anchor's own warm rebuilds in one process, for comparison with the watch loop.
if (anchorArgs) anchorInfo.warm_median_ms = JSON.parse(timed([...anchorArgs, '--warm', '5']).stdout).warm_median_ms;

// ── Watch: save → PDF written, one paragraph edited, with the real `nianbao watch` ──
const watched = path.join(work, 'watched.md');
const original = readFileSync(reference, 'utf8');
writeFileSync(watched, original);
const watcher = spawn(node, [bin, 'watch', watched, '-o', path.join(work, 'watched.pdf')], { cwd: work });
let watchLog = '';
let onLog = () => {};
watcher.stderr.setEncoding('utf8');
watcher.stderr.on('data', (chunk) => {
  watchLog += chunk;
  onLog();
});
const logged = (pattern, count) =>
  new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`nianbao watch: no ${pattern} ×${count}\n${watchLog}`)), 30_000);
    onLog = () => {
      if ((watchLog.match(new RegExp(pattern.source, 'g')) ?? []).length >= count) {
        clearTimeout(timeout);
        resolve();
      }
    };
    onLog();
  });
await logged(/正在监视/, 1);
const rebuilds = [];
for (let i = 0; i < Math.max(20, RUNS * 4); i++) {
  const built = logged(/已生成/, i + 2);
  const start = performance.now();
  writeFileSync(watched, original.replace('。', `。第${i}次修改。`));
  await built;
  rebuilds.push(performance.now() - start);
  // Saves a person makes, not a burst: let the watcher settle between them.
  await new Promise((resolve) => setTimeout(resolve, 100));
}
watcher.kill('SIGINT');

// ── Batch: 100 sources (the examples and the fixture, repeated) on the worker pool ──
const batchDir = path.join(work, 'county');
mkdirSync(batchDir);
const sources = [...readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, 'examples', f)), path.join(root, 'test/fixtures/valid.md')];
for (let i = 0; i < 100; i++) copyFileSync(sources[i % sources.length], path.join(batchDir, `r${String(i).padStart(3, '0')}.md`));
const batch = [];
let batchRss = 0;
for (let i = 0; i < Math.min(RUNS, 3); i++) {
  rmSync(path.join(work, 'pdf'), { recursive: true, force: true });
  const b = timed([bin, 'build', batchDir, '--out-dir', path.join(work, 'pdf'), '--force'], work, { CI: 'true' });
  batch.push(b.ms);
  batchRss = Math.max(batchRss, b.rss ?? 0);
}

// ── check of 100 sources, fresh process ──
const check = [];
for (let i = 0; i < RUNS; i++) check.push(timed([bin, 'check', batchDir], work).ms);

const workers = Math.min(availableParallelism(), 100);
const ratio = anchorInfo ? +(median(nianbaoCold) / median(anchorCold)).toFixed(2) : null;
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  runs: RUNS,
  anchor: anchorInfo ? { pages: anchorInfo.pages, bytes: anchorInfo.bytes, cold_wall_ms_median: round(median(anchorCold)), cold_ms_reported: anchorInfo.cold_ms, warm_median_ms: anchorInfo.warm_median_ms } : { missing: anchor.missing },
  cold: { nianbao_wall_ms_median: round(median(nianbaoCold)), anchor_wall_ms_median: anchorInfo ? round(median(anchorCold)) : null, ratio, budget_ratio: 0.7 },
  watch: { p50_ms: round(pct(rebuilds, 50)), p95_ms: round(pct(rebuilds, 95)), samples: rebuilds.length, budget_p50_ms: 100, budget_p95_ms: 200 },
  batch: { sources: 100, workers, wall_ms_median: round(median(batch)), reports_per_s: +((100 * 1000) / median(batch)).toFixed(1), budget_reports_per_s: 8 },
  memory: { single_build_peak_rss_mb: round(nianbaoRss), batch_peak_rss_mb: round(batchRss), per_worker_mb: round(batchRss / workers), budget_mb_per_worker: 250 },
  check100: { wall_ms_median: round(median(check)), budget_ms: 1000 },
  docx: { build_with_docx_wall_ms_median: round(median(docxCold)), with_embedded_fonts_wall_ms_median: round(median(embedCold)), docx_bytes: docxBytes, embedded_docx_bytes: embedBytes },
};
writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });

const ok = (v) => (v ? 'ok' : 'MISSED');
console.log(`machine: ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}; medians of ${RUNS}`);
console.log('| measure | nianbao | anchor | ratio | budget | |');
console.log('|---|---|---|---|---|---|');
if (anchorInfo) console.log(`| cold build, reference report (${anchorInfo.pages} pages), whole process | ${results.cold.nianbao_wall_ms_median} ms | ${results.cold.anchor_wall_ms_median} ms | ${ratio} | ≤ 0.7 × anchor | ${ok(ratio <= 0.7)} |`);
else console.log(`| cold build, reference report, whole process | ${results.cold.nianbao_wall_ms_median} ms | anchors missing | – | ≤ 0.7 × anchor | not measured |`);
console.log(`| watch rebuild, save → PDF, p50 / p95 | ${results.watch.p50_ms} / ${results.watch.p95_ms} ms | (warm ${anchorInfo?.warm_median_ms ?? '–'} ms) | | ≤ 100 / 200 ms | ${ok(results.watch.p50_ms <= 100 && results.watch.p95_ms <= 200)} |`);
console.log(`| batch, 100 sources, ${workers} workers | ${results.batch.reports_per_s} reports/s (${results.batch.wall_ms_median} ms) | | | ≥ 8 reports/s | ${ok(results.batch.reports_per_s >= 8)} |`);
console.log(`| peak RSS per worker | ${results.memory.per_worker_mb} MB (one build ${results.memory.single_build_peak_rss_mb} MB) | | | ≤ 250 MB | ${ok(results.memory.per_worker_mb <= 250 && results.memory.single_build_peak_rss_mb <= 250)} |`);
console.log(`| check, 100 sources, fresh process | ${results.check100.wall_ms_median} ms | | | < 1000 ms | ${ok(results.check100.wall_ms_median < 1000)} |`);
console.log(`| cold build with --docx (PDF + DOCX, ${Math.round(docxBytes / 1024)} KB) / and --embed-fonts (${(embedBytes / 1e6).toFixed(1)} MB) | ${results.docx.build_with_docx_wall_ms_median} / ${results.docx.with_embedded_fonts_wall_ms_median} ms | | | | |`);
if (!anchorInfo) console.log('anchors missing: the cold-build ratio to the raw-pdfmake anchor was not measured.');
