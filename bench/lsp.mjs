// node bench/lsp.mjs (after npm run build): the language server's latency on the reference report
// (bench/reference-2024.md, ~10 pages). A client opens it over stdio, then edits one paragraph at
// a time, as an editor sends a change (an incremental edit of one line), and times the change →
// publishDiagnostics of that version. Measured two ways:
// - single edits, 400 ms apart (the server checks an edit after a quiet spell at once): p50/p95;
// - bursts of typing, 15 keystrokes 40 ms apart (gathered into one check 150 ms after the last
//   one ran): last keystroke → diagnostics of the last version.
// Printed as a table; bench/lsp-results.json. Runs on its own (bench/run.mjs is separate).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const EDITS = Number(process.env.BENCH_LSP_EDITS ?? 30);
const BURSTS = Number(process.env.BENCH_LSP_BURSTS ?? 8);
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-bench-lsp-'));
const file = path.join(work, 'reference-2024.md');
copyFileSync(path.join(root, 'bench/reference-2024.md'), file);
const uri = pathToFileURL(file).href;
let text = readFileSync(file, 'utf8');

const child = spawn(process.execPath, [path.join(root, 'bin/nianbao.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
const received = new Map();
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  received.set(params.version, { at: performance.now(), count: params.diagnostics.length });
  waiting.get(params.version)?.();
});
connection.listen();
const published = (version) =>
  received.has(version) ? Promise.resolve() : new Promise((resolve) => waiting.set(version, resolve));

await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
await connection.sendNotification('initialized', {});
let version = 1;
const openedAt = performance.now();
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
await published(version);
const openMs = received.get(version).at - openedAt;

// The narrative's paragraphs (lines of body text): each edit appends a clause to one of them.
const lines = text.split('\n');
const body = lines.findIndex((line, index) => index > 0 && line === '---');
const paragraphs = lines.map((line, index) => ({ line, index })).filter(({ line, index }) => index > body && line.length > 40 && !line.startsWith('#') && !line.startsWith('|'));
if (paragraphs.length === 0) throw new Error('no paragraphs in the reference report');

/** One keystroke-sized or clause-sized edit at the end of a paragraph's line, sent as an incremental change. */
async function type(lineIndex, insert) {
  const current = text.split('\n');
  const character = current[lineIndex].length;
  current[lineIndex] += insert;
  text = current.join('\n');
  version++;
  const range = { start: { line: lineIndex, character }, end: { line: lineIndex, character } };
  const sent = performance.now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
  return { version, sent };
}

const single = [];
for (let i = 0; i < EDITS; i++) {
  await sleep(400);
  const { line, index } = paragraphs[i % paragraphs.length];
  void line;
  const edit = await type(index, `经核实，第${i + 1}项工作已按期完成。`);
  await published(edit.version);
  single.push(received.get(edit.version).at - edit.sent);
}

const bursts = [];
for (let b = 0; b < BURSTS; b++) {
  await sleep(400);
  const { index } = paragraphs[(b * 3) % paragraphs.length];
  let last;
  for (const ch of '本年度共办理群众来信十五件。') {
    last = await type(index, ch);
    await sleep(40);
  }
  await published(last.version);
  bursts.push(received.get(last.version).at - last.sent);
}

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
child.on('exit', () => rmSync(work, { recursive: true, force: true }));

const round = (x) => Math.round(x * 10) / 10;
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  report: 'bench/reference-2024.md',
  lines: lines.length,
  open_ms: round(openMs),
  edit_p50_ms: round(pct(single, 50)),
  edit_p95_ms: round(pct(single, 95)),
  edits: single.length,
  burst_p50_ms: round(pct(bursts, 50)),
  burst_p95_ms: round(pct(bursts, 95)),
  bursts: bursts.length,
};
writeFileSync(path.join(root, 'bench/lsp-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`nianbao lsp on ${results.report} (${results.lines} lines), ${results.cpus}, Node ${results.node}`);
console.log('| measure | p50 | p95 | budget |');
console.log('|---|---|---|---|');
console.log(`| one-paragraph edit → diagnostics published (${results.edits} edits) | ${results.edit_p50_ms} ms | ${results.edit_p95_ms} ms | 50 ms |`);
console.log(`| typing burst, last keystroke → diagnostics (${results.bursts} bursts of 15) | ${results.burst_p50_ms} ms | ${results.burst_p95_ms} ms | ≤ 150 ms + one check |`);
console.log(`| open → first diagnostics | ${results.open_ms} ms | | |`);
