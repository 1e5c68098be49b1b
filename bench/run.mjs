// npm run bench: nianbao beside Typst (shared/bench/typst, its pinned addon installed in a scratch
// folder) and the raw-pdfmake anchor (shared/bench/anchor-pdfmake.mjs), both found beside the
// repository or in NIANBAO_SHARED/bench, measured in one run: whole processes, alternating, medians
// of RUNS (≥ 7 for the cold builds); the watch loop against Typst's in-process rebuild; the batch,
// its RSS per worker, `check` of 100 sources, the 1× / 2× / 5× scale curve and, when
// bench/lsp.mjs is there, its figures. One table on stdout, every figure in bench/results.json.
// Whatever of shared/ is missing is said, and nianbao is measured alone.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANCHOR_FILES, findAnchor } from './anchor.mjs';
import { repeatNarrative } from './scale.mjs';
import { findTypst, prepareTypst, typstSource } from './typst.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// ≥ 7 whole processes each for the cold figures; BENCH_COLD_RUNS only for a quick look at the bench itself.
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? Math.max(7, RUNS));
const SCALE = [1, 2, 5];
const sorted = (v) => [...v].sort((a, b) => a - b);
const median = (v) => sorted(v)[Math.floor((v.length - 1) / 2)];
const pct = (v, p) => sorted(v)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
const round = (x) => (x === undefined || x === null ? null : Math.round(x));
const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : null);
/** Median with its spread, as the table and results.json give it. */
const spread = (v) => ({ median_ms: round(median(v)), min_ms: round(sorted(v)[0]), max_ms: round(sorted(v).at(-1)), samples: v.length });
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-'));
const node = process.execPath;
const bin = path.join(root, 'bin/nianbao.js');
const fonts = path.join(root, 'fonts');
const loadAtStart = loadavg();
const notes = [];
const say = (line) => {
  notes.push(line);
  console.log(line);
};

/**
 * A whole process: wall time (ms), CPU time (user + system, ms; less sensitive to a loaded
 * machine than the wall time) and peak RSS (MB), the last two via /usr/bin/time when present.
 */
function timed(args, cwd = root, env = {}) {
  const time = existsSync('/usr/bin/time');
  const start = performance.now();
  const run = spawnSync(time ? '/usr/bin/time' : node, time ? ['-f', '%M %U %S', node, ...args] : args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const [rssKb, user, system] = time ? run.stderr.trim().split('\n').pop().split(' ').map(Number) : [];
  return { ms, cpu: time ? (user + system) * 1000 : undefined, rss: time ? rssKb / 1024 : undefined, stdout: run.stdout };
}
const pagesOf = (file) => (readFileSync(file, 'latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

// ── The raw-pdfmake anchor: run as it is, from a scratch copy beside our node_modules (pdfmake 0.3.11) ──
const anchor = findAnchor();
let anchorArgs;
if (anchor.missing) {
  say(`anchors missing: ${anchor.missing.join(', ')} not found (set NIANBAO_SHARED to the folder holding bench/); no ratio to the raw-pdfmake anchor.`);
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

// ── Typst: the same content through its pinned addon, installed in a scratch folder ──
let typst;
let typstMissing;
const foundTypst = findTypst();
if (foundTypst.missing) typstMissing = `Typst missing: ${foundTypst.missing.join(', ')} not found (set NIANBAO_SHARED to the folder holding bench/typst)`;
else {
  const prepared = prepareTypst(foundTypst, path.join(work, 'typst'));
  if (prepared.unavailable) typstMissing = `Typst unavailable: ${prepared.unavailable}`;
  else typst = prepared;
}
if (typstMissing) say(`${typstMissing}; measuring nianbao without Typst.`);
const typstMain = typst && typstSource(typst, 1);
const typstCold = (main, out) => timed([path.join(typst.dir, 'cold.mjs'), '--out', out], typst.dir, { ...typst.env, TYPST_MAIN: main });

// ── Cold builds: whole processes, alternating (the first of each round rotates) so noise hits all alike ──
const reference = path.join(root, 'bench/reference-2024.md');
const contenders = [
  ['nianbao', () => timed([bin, 'build', reference, '-o', path.join(work, 'nianbao.pdf')])],
  ...(typst ? [['typst', () => typstCold(typstMain, path.join(work, 'typst.pdf'))]] : []),
  ...(anchorArgs ? [['anchor', () => timed(anchorArgs)]] : []),
];
const cold = Object.fromEntries(contenders.map(([name]) => [name, { wall: [], cpu: [], rss: 0 }]));
let typstInfo;
let anchorInfo;
for (let i = 0; i < COLD_RUNS; i++) {
  for (let k = 0; k < contenders.length; k++) {
    const [name, run] = contenders[(i + k) % contenders.length];
    const r = run();
    cold[name].wall.push(r.ms);
    cold[name].cpu.push(r.cpu ?? 0);
    cold[name].rss = Math.max(cold[name].rss, r.rss ?? 0);
    if (name === 'typst') typstInfo = JSON.parse(r.stdout);
    if (name === 'anchor') anchorInfo = JSON.parse(r.stdout);
  }
}
const nianbaoPages = pagesOf(path.join(work, 'nianbao.pdf'));

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

// ── Typst's in-process rebuild: compile once, then 20 one-paragraph edits (addSource → PDF on disk) ──
const typstWarm = typst && JSON.parse(timed([path.join(typst.dir, 'warm.mjs'), '--k', String(Math.max(20, RUNS * 4)), '--out', path.join(work, 'typst-warm.pdf')], typst.dir, { ...typst.env, TYPST_MAIN: typstMain }).stdout);

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
    const timeout = setTimeout(() => reject(new Error(`nianbao watch: no ${pattern} ×${count}\n${watchLog}`)), 60_000);
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
const batchPdfs = readdirSync(path.join(work, 'pdf')).filter((f) => f.endsWith('.pdf')).length;

// ── check of 100 sources, fresh process ──
const check = [];
for (let i = 0; i < RUNS; i++) check.push(timed([bin, 'check', batchDir], work).ms);

// ── Scale: the reference × 1, 2, 5 (each part's narrative repeated), cold, alternating; Typst likewise ──
const scaleRuns = Math.min(RUNS, 3);
const scaleSources = SCALE.map((n) => {
  if (n === 1) return reference;
  const file = path.join(work, `reference-x${n}.md`);
  writeFileSync(file, repeatNarrative(original, n));
  return file;
});
const typstScaleSources = typst ? SCALE.map((n) => (n === 1 ? typstMain : typstSource(typst, n))) : [];
const scale = SCALE.map((n) => ({ times: n, nianbao: { wall: [], cpu: [], rss: 0 }, typst: { wall: [] } }));
for (let i = 0; i < scaleRuns; i++) {
  for (const [k, n] of SCALE.entries()) {
    const out = path.join(work, `scale-x${n}.pdf`);
    const r = timed([bin, 'build', scaleSources[k], '-o', out]);
    scale[k].nianbao.wall.push(r.ms);
    scale[k].nianbao.cpu.push(r.cpu ?? 0);
    scale[k].nianbao.rss = Math.max(scale[k].nianbao.rss, r.rss ?? 0);
    scale[k].nianbao.pages = pagesOf(out);
    if (typst) {
      const t = typstCold(typstScaleSources[k], path.join(work, `typst-x${n}.pdf`));
      scale[k].typst.wall.push(t.ms);
      scale[k].typst.pages = JSON.parse(t.stdout).pages;
    }
  }
}

// ── The language server's latency, when its bench script is there (bench/lsp.mjs, its own figures) ──
let lsp = { missing: 'bench/lsp.mjs not found' };
const lspScript = path.join(root, 'bench/lsp.mjs');
if (existsSync(lspScript)) {
  const run = spawnSync(node, [lspScript], { cwd: root, encoding: 'utf8', env: { ...process.env, BENCH_JSON: '1' }, timeout: 600_000 });
  const json = run.stdout.trim().split('\n').reverse().map((line) => { try { return JSON.parse(line); } catch { return undefined; } }).find((v) => v && typeof v === 'object');
  lsp = run.status === 0 ? json ?? { output: run.stdout.trim() } : { failed: run.status ?? run.signal, stderr: run.stderr.trim().split('\n').slice(-5).join('\n') };
}

const workers = Math.min(availableParallelism(), 100);
const nianbaoCold = cold.nianbao;
const typstColdFigures = cold.typst;
const anchorCold = cold.anchor;
const watch = { p50_ms: round(pct(rebuilds, 50)), p95_ms: round(pct(rebuilds, 95)), samples: rebuilds.length };
const typstRebuild = typstWarm ? { p50_ms: round(pct(typstWarm.rebuild_ms, 50)), p95_ms: round(pct(typstWarm.rebuild_ms, 95)), samples: typstWarm.rebuild_ms.length, compile_median_ms: typstWarm.compile_median_ms, pdf_median_ms: typstWarm.pdf_median_ms, first_ms: typstWarm.first_ms } : null;
const scaleResults = scale.map((s) => ({
  times: s.times,
  nianbao: { pages: s.nianbao.pages, ...spread(s.nianbao.wall), cpu_median_ms: round(median(s.nianbao.cpu)), peak_rss_mb: round(s.nianbao.rss), ms_per_page: +(median(s.nianbao.wall) / s.nianbao.pages).toFixed(1) },
  ...(typst ? { typst: { pages: s.typst.pages, ...spread(s.typst.wall), ms_per_page: +(median(s.typst.wall) / s.typst.pages).toFixed(1) } } : {}),
}));
const [one, , five] = scaleResults;
// Linear in length: the 5× build costs no more per page than a straight line from the 1× build
// through the origin (a fixed start-up cost makes it cheaper).
const scaleLinear = five.nianbao.median_ms / one.nianbao.median_ms <= five.nianbao.pages / one.nianbao.pages;
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, load_at_start: loadAtStart.map((x) => +x.toFixed(2)), load_at_end: loadavg().map((x) => +x.toFixed(2)) },
  runs: RUNS,
  cold_runs: COLD_RUNS,
  notes,
  cold: {
    reference_pages: nianbaoPages,
    nianbao: { ...spread(nianbaoCold.wall), cpu_median_ms: round(median(nianbaoCold.cpu)), peak_rss_mb: round(nianbaoCold.rss) },
    typst: typstColdFigures ? { ...spread(typstColdFigures.wall), cpu_median_ms: round(median(typstColdFigures.cpu)), peak_rss_mb: round(typstColdFigures.rss), pages: typstInfo.pages, bytes: typstInfo.bytes, tagged: typstInfo.tagged, in_process_ms: typstInfo.ms, compile_ms: typstInfo.compile_ms, pdf_ms: typstInfo.pdf_ms } : { missing: typstMissing },
    anchor: anchorCold ? { ...spread(anchorCold.wall), cpu_median_ms: round(median(anchorCold.cpu)), pages: anchorInfo.pages, bytes: anchorInfo.bytes, cold_ms_reported: anchorInfo.cold_ms, warm_median_ms: anchorInfo.warm_median_ms } : { missing: anchor.missing },
    ratio_to_typst: typstColdFigures ? ratio(median(nianbaoCold.wall), median(typstColdFigures.wall)) : null,
    cpu_ratio_to_typst: typstColdFigures ? ratio(median(nianbaoCold.cpu), median(typstColdFigures.cpu)) : null,
    ratio_to_anchor: anchorCold ? ratio(median(nianbaoCold.wall), median(anchorCold.wall)) : null,
    budget_ratio_to_typst: 1.0,
    budget_ratio_to_anchor: 0.7,
  },
  watch: {
    nianbao_save_to_pdf: watch,
    typst_in_process_rebuild: typstRebuild ?? { missing: typstMissing },
    ratio_p50: typstRebuild ? ratio(watch.p50_ms, typstRebuild.p50_ms) : null,
    ratio_p95: typstRebuild ? ratio(watch.p95_ms, typstRebuild.p95_ms) : null,
    budget_ratio_p50: 1.0,
    budget_ratio_p95: 2.0,
  },
  batch: { sources: 100, pdfs_written: batchPdfs, workers, ...spread(batch), reports_per_s: +((100 * 1000) / median(batch)).toFixed(1), budget_reports_per_s: 12 },
  memory: { single_build_peak_rss_mb: round(nianbaoCold.rss), batch_peak_rss_mb: round(batchRss), per_worker_mb: round(batchRss / workers), budget_mb_per_worker: 250 },
  check100: { ...spread(check), budget_ms: 1000 },
  scale: { points: scaleResults, linear: scaleLinear, marginal_ms_per_page: +((five.nianbao.median_ms - one.nianbao.median_ms) / (five.nianbao.pages - one.nianbao.pages)).toFixed(1), marginal_cpu_ms_per_page: +((five.nianbao.cpu_median_ms - one.nianbao.cpu_median_ms) / (five.nianbao.pages - one.nianbao.pages)).toFixed(1) },
  lsp,
  docx: { build_with_docx_wall_ms_median: round(median(docxCold)), with_embedded_fonts_wall_ms_median: round(median(embedCold)), docx_bytes: docxBytes, embedded_docx_bytes: embedBytes },
};
writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });

const ok = (v) => (v ? 'ok' : 'MISSED');
const range = (f) => `${f.median_ms} ms (${f.min_ms}–${f.max_ms})`;
const c = results.cold;
console.log(`machine: ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}; load ${results.machine.load_at_start.join(' ')} → ${results.machine.load_at_end.join(' ')}; medians (min–max) of ${COLD_RUNS} cold, ${RUNS} otherwise`);
console.log('| measure | nianbao | Typst | ratio | budget | |');
console.log('|---|---|---|---|---|---|');
console.log(`| cold build, reference (${c.reference_pages} pages; Typst ${c.typst.pages ?? '–'}), whole process | ${range(c.nianbao)}, CPU ${c.nianbao.cpu_median_ms} ms | ${c.typst.missing ? 'not measured' : `${range(c.typst)}, CPU ${c.typst.cpu_median_ms} ms`} | ${c.ratio_to_typst ?? '–'} (CPU ${c.cpu_ratio_to_typst ?? '–'}) | ≤ 1.0 × Typst | ${c.typst.missing ? 'not measured' : ok(c.ratio_to_typst <= 1)} |`);
console.log(`| cold build against raw pdfmake | | anchor ${c.anchor.missing ? 'not measured' : range(c.anchor)} | ${c.ratio_to_anchor ?? '–'} | ≤ 0.7 × anchor | ${c.anchor.missing ? 'not measured' : ok(c.ratio_to_anchor <= 0.7)} |`);
const w = results.watch;
console.log(`| rebuild after a one-paragraph edit, p50 / p95 | ${watch.p50_ms} / ${watch.p95_ms} ms (watch, save → PDF) | ${typstRebuild ? `${typstRebuild.p50_ms} / ${typstRebuild.p95_ms} ms (in process)` : 'not measured'} | ${w.ratio_p50 ?? '–'} / ${w.ratio_p95 ?? '–'} | ≤ 1.0 / 2.0 × Typst | ${typstRebuild ? ok(w.ratio_p50 <= 1 && w.ratio_p95 <= 2) : 'not measured'} |`);
console.log(`| batch, 100 sources, ${workers} workers | ${results.batch.reports_per_s} reports/s (${range(results.batch)}) | | | ≥ 12 reports/s | ${ok(results.batch.reports_per_s >= 12)} |`);
console.log(`| peak RSS per worker | ${results.memory.per_worker_mb} MB (batch ${results.memory.batch_peak_rss_mb} MB, one build ${results.memory.single_build_peak_rss_mb} MB) | ${c.typst.peak_rss_mb ? `one build ${c.typst.peak_rss_mb} MB` : ''} | | ≤ 250 MB | ${ok(results.memory.per_worker_mb <= 250 && results.memory.single_build_peak_rss_mb <= 250)} |`);
console.log(`| check, 100 sources, fresh process | ${range(results.check100)} | | | < 1000 ms | ${ok(results.check100.median_ms < 1000)} |`);
for (const p of scaleResults)
  console.log(`| scale ${p.times}×: cold build | ${p.nianbao.pages} pages, ${range(p.nianbao)}, CPU ${p.nianbao.cpu_median_ms} ms, ${p.nianbao.ms_per_page} ms/page | ${p.typst ? `${p.typst.pages} pages, ${range(p.typst)}` : ''} | ${p.typst ? ratio(p.nianbao.median_ms, p.typst.median_ms) : ''} | linear | ${p.times === 5 ? ok(scaleLinear) : ''} |`);
if (lsp.missing || lsp.failed !== undefined) console.log(`| language server, edit → diagnostics | ${lsp.missing ?? `bench/lsp.mjs failed (${lsp.failed}): ${lsp.stderr}`} | | | | not measured |`);
else {
  const p50 = lsp.p50_ms ?? lsp.p50;
  const p95 = lsp.p95_ms ?? lsp.p95;
  console.log(`| language server, edit → diagnostics, p50 / p95 | ${p50 !== undefined ? `${p50} / ${p95} ms` : JSON.stringify(lsp)} | | | ${lsp.budget_ms ? `≤ ${lsp.budget_ms} ms` : '50 ms'} | ${p50 !== undefined ? ok(p50 <= (lsp.budget_ms ?? 50)) : ''} |`);
}
for (const line of notes) console.log(line);
console.log(`| cold build with --docx (PDF + DOCX, ${Math.round(docxBytes / 1024)} KB) / and --embed-fonts (${(embedBytes / 1e6).toFixed(1)} MB) | ${results.docx.build_with_docx_wall_ms_median} / ${results.docx.with_embedded_fonts_wall_ms_median} ms | | | | |`);
