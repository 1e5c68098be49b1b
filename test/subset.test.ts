/**
 * The TrueType subset written from the file's bytes (src/fonts/subset.ts) must be fontkit's,
 * byte for byte, for any set of glyphs in any shipped face; and a build must write the same PDF
 * with it off (NIANBAO_NO_FAST_SUBSET=1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../src/fonts/resolve.js';
import { fontkitSubset, subsetsHere, TrueTypeSubset } from '../src/fonts/subset.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FONTS = ['FandolFang-Regular.ttf', 'FandolHei-Bold.ttf', 'FandolHei-Regular.ttf', 'FandolKai-Regular.ttf', 'FandolSong-Bold.ttf', 'FandolSong-Regular.ttf'];

describe('the TrueType subset', () => {
  for (const file of FONTS) {
    it(`${file}: fontkit's bytes for the glyphs of a report and for scattered glyphs`, () => {
      const loaded = loadFont(path.join(ROOT, 'fonts', file));
      const font = loaded.font as unknown as { numGlyphs: number; glyphForCodePoint(cp: number): { id: number } };
      expect(subsetsHere(font as never)).toBe(true);
      const text = readFileSync(path.join(ROOT, 'examples/nanlong-2021.md'), 'utf8');
      const fromText = [...new Set([...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).id))];
      const scattered = Array.from({ length: 200 }, (_, i) => (i * 7919) % font.numGlyphs);
      for (const ids of [fromText, scattered, [font.numGlyphs - 1, 3, 3, 1]]) {
        const ours = new TrueTypeSubset(font as never);
        const theirs = fontkitSubset(font);
        for (const id of ids) expect(ours.includeGlyph(id)).toBe(theirs.includeGlyph(id));
        const a = ours.encode();
        const b = theirs.encode();
        expect(a.length).toBe(b.length);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }
    });
  }

  it('the PDF is the same with it off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-subset-'));
    const build = (name: string, env: Record<string, string>) => {
      const out = path.join(dir, name);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', path.join(ROOT, 'bench/reference-2024.md'), '-o', out], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.status).toBe(0);
      return readFileSync(out);
    };
    const on = build('on.pdf', {});
    const off = build('off.pdf', { NIANBAO_NO_FAST_SUBSET: '1' });
    expect(on.length).toBeGreaterThan(10_000);
    expect(on.equals(off)).toBe(true);
  });
});
