/**
 * fontkit's cmap lookups remembered by subtable (src/fonts/cmap-memo.ts): the same glyph for
 * every code point as fontkit finds without it, asked once or again, and the reference report
 * builds to the same bytes with it off (NIANBAO_NO_CMAP_MEMO=1). The last needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fontkit from '../src/fonts/fontkit.cjs';
import { loadFont } from '../src/fonts/resolve.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Processor {
  lookup(codePoint: number, variationSelector?: number): number;
}
const processorOf = (font: object) => (font as { _cmapProcessor: Processor })._cmapProcessor;

describe('remembered cmap lookups', () => {
  it('give every code point the glyph fontkit gives, the first time and the next', () => {
    const file = path.join(ROOT, 'fonts/FandolFang-Regular.ttf');
    const plain = processorOf(fontkit.create(readFileSync(file)) as object);
    const original = Object.getPrototypeOf(plain).lookup as unknown;
    const codePoints = [...Array.from({ length: 0x10000 }, (_, i) => i), 0x1f600, 0x20000, 0x2a6d6, 0x10ffff];
    const expected = codePoints.map((cp) => plain.lookup(cp));
    expect(expected.filter((id) => id !== 0).length).toBeGreaterThan(5000);

    const memoized = processorOf(loadFont(file).font as object);
    expect(Object.getPrototypeOf(memoized).lookup).not.toBe(original);
    expect(codePoints.map((cp) => memoized.lookup(cp))).toEqual(expected);
    expect(codePoints.map((cp) => memoized.lookup(cp))).toEqual(expected);
    // Another font's processor, of the same class, has its own answers.
    const other = processorOf(loadFont(path.join(ROOT, 'fonts/FandolHei-Bold.ttf')).font as object);
    const otherPlain = processorOf(fontkit.create(readFileSync(path.join(ROOT, 'fonts/FandolHei-Bold.ttf'))) as object);
    expect(codePoints.map((cp) => other.lookup(cp))).toEqual(codePoints.map((cp) => otherPlain.lookup(cp)));
  });

  it('the reference report builds to the same bytes with them off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cmap-'));
    const build = (out: string, env: Record<string, string>) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', path.join(ROOT, 'bench/reference-2024.md'), '-o', out], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...env },
      });
      expect(run.stderr).toMatch(/已生成/);
      return readFileSync(out);
    };
    const on = build(path.join(dir, 'on.pdf'), {});
    const off = build(path.join(dir, 'off.pdf'), { NIANBAO_NO_CMAP_MEMO: '1' });
    expect(on.length).toBeGreaterThan(100_000);
    expect(on.equals(off)).toBe(true);
  }, 120_000);
});
