// The start-up trial of issue 17 (item 2): a V8 startup snapshot against the code cache that
// bin/nianbao.js uses now (src/bundle/load.ts). Run after `npm run build`:
//
//   node bench/startup-snapshot.mjs            (BENCH_RUNS whole processes each, default 7)
//
// In a scratch folder it builds two snapshots of dist/bundle/cli.cjs with
// `node --snapshot-blob X --build-snapshot entry.cjs`:
//   loaded   the bundle compiled and initialised (every module's top level run);
//   trained  the same after one build of the reference report in the builder, so that every
//            function that build runs is compiled in the heap (its fonts are scratch copies, whose
//            parsed tables then ride along in the blob unused: the real fonts are loaded as usual).
// and alternates whole processes of `build bench/reference-2024.md`: the code cache; each snapshot
// started as `node --snapshot-blob X build …` (the best case: the user typed the flag); and each
// through a launcher, which is what bin/nianbao.js would have to be (a running Node cannot switch
// to a snapshot: the blob is only read when the process starts, so `nianbao` would start a
// second Node). Prints wall and CPU medians and checks that every PDF is the same bytes.
// Not part of `npm run bench`: it answers one question, and its answer is in README (Speed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-snapshot-'));
const bundle = path.join(root, 'dist/bundle/cli.cjs');
const bin = path.join(root, 'bin/nianbao.js');
const reference = path.join(root, 'bench/reference-2024.md');
const MAIN_CALL = 'main(process.argv).then(';
if (!readFileSync(bundle, 'latin1').includes(MAIN_CALL)) throw new Error(`${bundle}: no “${MAIN_CALL}” to take over (run npm run build; has src/cli.ts changed?)`);

// The training build's fonts: copies, named in its source, so the real files' cache entries
// (which hold an open descriptor) are never in the blob.
const train = path.join(work, 'train');
mkdirSync(train);
const roles = { 正文: 'FandolFang-Regular.ttf', 标题: 'FandolSong-Bold.ttf', 发文机关标志: 'FandolSong-Bold.ttf', 一级标题: 'FandolHei-Regular.ttf', 二级标题: 'FandolKai-Regular.ttf', 页码: 'FandolSong-Regular.ttf' };
for (const file of new Set(Object.values(roles))) copyFileSync(path.join(root, 'fonts', file), path.join(train, file));
const source = readFileSync(reference, 'utf8');
writeFileSync(path.join(train, 'r.md'), `---\n字体:\n${Object.entries(roles).map(([role, file]) => `  ${role}: ${path.join(train, file)}`).join('\n')}\n${source.slice(4)}`);

const entry = (trained) => `'use strict';
const { createRequire } = require('node:module');
const v8 = require('node:v8');
const fs = require('node:fs');
const filename = ${JSON.stringify(bundle)};
// ICU objects cannot be serialised: a segmenter made at a module's top level (src/text/title.ts)
// is made for real on first use, and dropped again before the heap is written.
const RealSegmenter = Intl.Segmenter;
const lazy = [];
class LazySegmenter {
  #args; #real;
  constructor(...args) { this.#args = args; lazy.push(this); }
  #get() { return (this.#real ??= new RealSegmenter(...this.#args)); }
  drop() { this.#real = undefined; }
  segment(text) { return this.#get().segment(text); }
  resolvedOptions() { return this.#get().resolvedOptions(); }
  static supportedLocalesOf(...args) { return RealSegmenter.supportedLocalesOf(...args); }
}
Intl.Segmenter = LazySegmenter;
v8.startupSnapshot.addSerializeCallback(() => { for (const s of lazy) s.drop(); });
const code = fs.readFileSync(filename, 'latin1').replace(${JSON.stringify(MAIN_CALL)}, 'globalThis.__nianbaoMain = () => ' + ${JSON.stringify(MAIN_CALL)});
const run = (0, eval)('(function (exports, require, module, __filename, __dirname) {' + code + '\\n})\\n//# sourceURL=' + filename);
const module = { exports: {} };
run(module.exports, createRequire(filename), module, filename, require('node:path').dirname(filename));
${trained ? `const argv = process.argv;
process.argv = [argv[0], ${JSON.stringify(bin)}, 'build', ${JSON.stringify(path.join(train, 'r.md'))}, '-o', ${JSON.stringify(path.join(train, 'r.pdf'))}];
const write = [process.stdout.write, process.stderr.write];
process.stdout.write = process.stderr.write = () => true;
globalThis.__nianbaoMain().then(() => { process.argv = argv; [process.stdout.write, process.stderr.write] = write; process.exitCode = 0; });` : ''}
v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Node 20 puts the first argument after the flags at argv[1]; the command line expects the script there.
  process.argv.splice(1, 0, ${JSON.stringify(bin)});
  globalThis.__nianbaoMain();
});
`;

const blobs = {};
for (const kind of ['loaded', 'trained']) {
  const file = path.join(work, `${kind}.cjs`);
  writeFileSync(file, entry(kind === 'trained'));
  blobs[kind] = path.join(work, `${kind}.blob`);
  const made = spawnSync(process.execPath, ['--snapshot-blob', blobs[kind], '--build-snapshot', file], { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`snapshot ${kind} failed (${made.status}): ${made.stderr.split('\n').filter((l) => !/Warning|It may still|To request|trace-warnings/.test(l)).join('\n')}`);
}
const launcher = path.join(work, 'launch.mjs');
writeFileSync(launcher, `import { spawnSync } from 'node:child_process';\nconst [blob, ...args] = process.argv.slice(2);\nprocess.exitCode = spawnSync(process.execPath, ['--snapshot-blob', blob, ...args], { stdio: 'inherit' }).status ?? 1;\n`);

const variants = [
  ['code cache (bin/nianbao.js, as shipped)', (out) => [bin, 'build', reference, '-o', out]],
  ...Object.entries(blobs).flatMap(([kind, blob]) => [
    [`snapshot ${kind}, node --snapshot-blob`, (out) => ['--snapshot-blob', blob, 'build', reference, '-o', out]],
    [`snapshot ${kind}, through a launcher`, (out) => [launcher, blob, 'build', reference, '-o', out]],
  ]),
  ['node -e 0 (one Node start)', () => ['-e', '0']],
];
const figures = variants.map(() => ({ wall: [], cpu: [] }));
const load = loadavg();
for (let i = 0; i < RUNS; i++) {
  for (let k = 0; k < variants.length; k++) {
    const v = (i + k) % variants.length;
    const out = path.join(work, `v${v}.pdf`);
    const start = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...variants[v][1](out)], { cwd: root, encoding: 'utf8' });
    figures[v].wall.push(performance.now() - start);
    const [user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    figures[v].cpu.push((user + system) * 1000);
    if (run.status !== 0 && run.status !== 1) throw new Error(`${variants[v][0]} failed (${run.status}): ${run.stderr}`);
  }
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const span = (v) => `${Math.round(median(v))} ms (${Math.round(Math.min(...v))}–${Math.round(Math.max(...v))})`;
const pdfs = readdirSync(work).filter((f) => /^v\d+\.pdf$/.test(f)).map((f) => readFileSync(path.join(work, f)));
const identical = pdfs.every((p) => p.equals(pdfs[0]));
console.log(`load ${load.map((x) => x.toFixed(1)).join(' ')} → ${loadavg().map((x) => x.toFixed(1)).join(' ')}; medians (min–max) of ${RUNS}; blobs: ${Object.entries(blobs).map(([k, f]) => `${k} ${(readFileSync(f).length / 1e6).toFixed(1)} MB`).join(', ')}`);
console.log('| start-up | wall | CPU (user + system) |');
console.log('|---|---|---|');
for (const [k, [name]] of variants.entries()) console.log(`| ${name} | ${span(figures[k].wall)} | ${span(figures[k].cpu)} |`);
console.log(`PDFs of every variant byte-identical: ${identical ? 'yes' : 'NO'}`);
rmSync(work, { recursive: true, force: true });
if (!identical) process.exitCode = 1;
