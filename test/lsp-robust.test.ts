/**
 * The language server's answers on every position of real and half-typed sources: no request
 * throws, every range it returns lies in the document, completion edits stay on the cursor's line,
 * and each rewrite or fix it offers gives a source that still reads (in-process, on the modules the
 * server calls; test/lsp.test.ts drives the server itself).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver';
import { codeActions } from '../src/lsp/actions.js';
import { Analysis } from '../src/lsp/analysis.js';
import { completions } from '../src/lsp/completion.js';
import { hover } from '../src/lsp/hover.js';
import { inlayHints } from '../src/lsp/inlay-hints.js';
import { documentSymbols } from '../src/lsp/symbols.js';
import { VALID } from './support/check.js';
import { ROOT } from './support/cli.js';

const FILE = '/nowhere/r.md';

function inside(lines: readonly string[], r: Range): boolean {
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= (lines[p.line] ?? '').length;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

/** Every request at every place of the front matter (every `step`th character), checked for sanity. */
function exercise(text: string, step = 1): void {
  const analysis = new Analysis(FILE, 1, text, () => undefined);
  const { lines } = analysis;
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: (lines.at(-1) ?? '').length } };
  const diagnostics = analysis.isReport ? analysis.diagnostics : [];
  for (const d of diagnostics) expect(inside(lines, d.range), `${d.code} ${JSON.stringify(d.range)}`).toBe(true);
  const end = analysis.frontMatter?.end ?? 0;
  for (let line = 0; line < Math.min(lines.length, end + 1); line++) {
    const length = (lines[line] ?? '').length;
    for (let character = 0; character <= length; character += step) {
      const at = { line, character };
      const list = completions(analysis, at);
      for (const item of list?.items ?? []) {
        const edit = item.textEdit as { range: Range; newText: string } | undefined;
        expect(edit && inside(lines, edit.range) && edit.range.start.line === line && edit.range.end.character >= character).toBe(true);
      }
      const answer = hover(analysis, at);
      if (answer?.range) expect(inside(lines, answer.range)).toBe(true);
    }
  }
  for (const hint of inlayHints(analysis, whole)) expect(inside(lines, { start: hint.position, end: hint.position })).toBe(true);
  for (const action of codeActions(analysis, 'file:///nowhere/r.md', whole, diagnostics)) {
    for (const edit of action.edit?.changes?.['file:///nowhere/r.md'] ?? []) {
      // An insertion at the end of a line may sit at the line after the last one only for appends.
      expect(inside(lines, edit.range) || edit.range.start.line === lines.length, action.title).toBe(true);
    }
  }
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
    for (const symbol of symbols) {
      expect(inside(lines, symbol.range) && inside(lines, symbol.selectionRange), symbol.name).toBe(true);
      walk(symbol.children ?? []);
    }
  };
  walk(documentSymbols(analysis));
}

describe('every request on every place', () => {
  it('of the examples and the published corpus', () => {
    const files = [
      ...readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.md')).map((n) => path.join(ROOT, 'examples', n)),
      ...readdirSync(path.join(ROOT, 'test/fixtures/published')).filter((n) => /\d{4}\.md$/.test(n)).map((n) => path.join(ROOT, 'test/fixtures/published', n)),
    ];
    for (const file of files) exercise(readFileSync(file, 'utf8'), 7);
  }, 120_000);

  it('of the source as it is typed: cut after every few characters, and with one character taken out', () => {
    for (let cut = 0; cut < VALID.length; cut += 23) exercise(VALID.slice(0, cut), 3);
    for (let hole = 0; hole < VALID.indexOf('\n---\n'); hole += 19) exercise(VALID.slice(0, hole) + VALID.slice(hole + 1), 4);
  }, 120_000);
});
