/**
 * The bench's own helpers (issue 17): the reference × N of the scale curve is the same report with
 * each part's narrative written N times, and a missing Typst yardstick is named, not fatal. The
 * figures themselves are `npm run bench`'s (no timing here).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const reference = readFileSync(path.join(ROOT, 'bench/reference-2024.md'), 'utf8');
const { repeatNarrative } = (await import(pathToFileURL(path.join(ROOT, 'bench/scale.mjs')).href)) as { repeatNarrative: (source: string, times: number) => string };
const { findTypst, TYPST_FILES } = (await import(pathToFileURL(path.join(ROOT, 'bench/typst.mjs')).href)) as {
  findTypst: (env: Record<string, string | undefined>) => { dir?: string; content?: string; missing?: string[] };
  TYPST_FILES: string[];
};

describe('the scale curve’s sources', () => {
  const parts = (source: string) => {
    const checked = checkSource('r.md', source);
    // The reference has all six parts.
    return { checked, parts: (checked.report?.narrative.parts ?? []).filter((p) => p !== undefined) };
  };
  const one = parts(reference);

  it('the reference has its six parts', () => {
    expect(one.parts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('× 1 is the reference itself', () => {
    expect(repeatNarrative(reference, 1).trimEnd()).toBe(reference.trimEnd());
  });

  for (const times of [2, 5]) {
    it(`× ${times}: the same six parts and tables, each part's paragraphs ${times} times, no new error`, () => {
      const many = parts(repeatNarrative(reference, times));
      expect(many.checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(many.parts.map((p) => p.heading)).toEqual(one.parts.map((p) => p.heading));
      expect(many.parts.map((p) => p.blocks.length)).toEqual(one.parts.map((p) => p.blocks.length * times));
      expect(many.parts.map((p) => p.blocks.map((b) => b.text).join('\n'))).toEqual(
        one.parts.map((p) => Array.from({ length: times }, () => p.blocks.map((b) => b.text).join('\n')).join('\n')),
      );
      expect(many.checked.report?.tables).toEqual(one.checked.report?.tables);
    });
  }
});

describe('finding the Typst yardstick', () => {
  it('no shared folder: the folder looked for is named', () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'nianbao-shared-'));
    expect(findTypst({ NIANBAO_SHARED: shared })).toEqual({ missing: [path.join(shared, 'bench/typst')] });
  });

  it('a folder without one of its files: that file is named', () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'nianbao-shared-'));
    mkdirSync(path.join(shared, 'bench/typst'), { recursive: true });
    for (const f of TYPST_FILES.filter((f) => f !== 'warm.mjs')) writeFileSync(path.join(shared, 'bench/typst', f), '');
    writeFileSync(path.join(shared, 'bench/reference-content.mjs'), '');
    expect(findTypst({ NIANBAO_SHARED: shared })).toEqual({ missing: [path.join(shared, 'bench/typst/warm.mjs')] });
  });

  it('all there: the folder and the reference content beside it', () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'nianbao-shared-'));
    mkdirSync(path.join(shared, 'bench/typst'), { recursive: true });
    for (const f of TYPST_FILES) writeFileSync(path.join(shared, 'bench/typst', f), '');
    writeFileSync(path.join(shared, 'bench/reference-content.mjs'), '');
    expect(findTypst({ NIANBAO_SHARED: shared })).toEqual({ dir: path.join(shared, 'bench/typst'), content: path.join(shared, 'bench/reference-content.mjs') });
  });
});
