/**
 * The cmap and hmtx read from a face's bytes (src/fonts/metrics.ts) must answer as fontkit does:
 * the same glyph for every code point the face maps (and 0 for what it lacks), the same advance
 * for every glyph; and a build must write the same bytes with it off (NIANBAO_NO_DIRECT_METRICS=1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { directMetrics } from '../src/fonts/metrics.js';
import { loadFont } from '../src/fonts/resolve.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FONTS = ['FandolFang-Regular.ttf', 'FandolHei-Bold.ttf', 'FandolHei-Regular.ttf', 'FandolKai-Regular.ttf', 'FandolSong-Bold.ttf', 'FandolSong-Regular.ttf'];

interface Internals {
  directory: { tables: Record<string, { offset: number; length: number }> };
  stream: { buffer: Uint8Array };
  characterSet: number[];
  numGlyphs: number;
  getGlyph(id: number): { advanceWidth: number };
  glyphForCodePoint(cp: number): { id: number };
}

describe('direct cmap and hmtx', () => {
  for (const file of FONTS) {
    it(`${file}: fontkit's glyph and advance for every mapped code point, and 0 for unmapped ones`, () => {
      const font = loadFont(path.join(ROOT, 'fonts', file)).font as unknown as Internals;
      const direct = directMetrics(font.stream.buffer, font.directory.tables);
      expect(direct).toBeDefined();
      if (!direct) return;
      const mapped = font.characterSet;
      expect(mapped.length).toBeGreaterThan(6000);
      // Every 7th code point the face maps, and a stretch it does not (Hangul, private use, astral).
      const probes = [...mapped.filter((_, i) => i % 7 === 0), 0x20, 0x3000, 0xac00, 0xe000, 0xffff, 0x1f600, 0x20000];
      for (const cp of probes) expect(direct.glyphId(cp), `U+${cp.toString(16)}`).toBe(font.glyphForCodePoint(cp).id);
      for (let id = 0; id < font.numGlyphs; id += 13) expect(direct.advance(id), `glyph ${id}`).toBe(font.getGlyph(id).advanceWidth);
      expect(direct.advance(font.numGlyphs - 1)).toBe(font.getGlyph(font.numGlyphs - 1).advanceWidth);
    });
  }

  it('the PDF is the same with it off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-metrics-'));
    const build = (name: string, env: Record<string, string>) => {
      const out = path.join(dir, name);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', path.join(ROOT, 'examples/nanlong-2021.md'), '-o', out], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.status).toBe(0);
      return readFileSync(out);
    };
    const on = build('on.pdf', {});
    const off = build('off.pdf', { NIANBAO_NO_DIRECT_METRICS: '1' });
    expect(on.length).toBeGreaterThan(10_000);
    expect(on.equals(off)).toBe(true);
  });
});
