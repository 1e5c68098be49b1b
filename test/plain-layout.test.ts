/**
 * The plain-layout trick (src/fonts/plain-layout.ts): plain strings in a face that shapes
 * nothing are laid out from the cmap instead of by fontkit's shaper. The runs must be fontkit's,
 * glyph for glyph and position for position, and a build must write the same bytes with the
 * trick off (NIANBAO_NO_PLAIN_LAYOUT=1). The CLI runs need `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../src/fonts/resolve.js';
import { FONTKIT_VERSION, plainRun, shapedRun } from '../src/fonts/plain-layout.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FONTS = ['FandolFang-Regular.ttf', 'FandolHei-Regular.ttf', 'FandolKai-Regular.ttf', 'FandolSong-Bold.ttf', 'FandolSong-Regular.ttf'];

interface Run {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}

describe('plain layout', () => {
  it('relies on the fontkit it was written against', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/fontkit/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(FONTKIT_VERSION);
    const ours = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(ours.dependencies.fontkit).toBe(FONTKIT_VERSION);
  });

  it('gives fontkit’s own runs for the text of every example, in every shipped face', () => {
    const text = ['changle-2022.md', 'songduo-2021.md']
      .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8'))
      .join('')
      .replace(/[\n\t]/g, ' ');
    const samples = [...new Set(text.match(/.{1,40}/gu) ?? [])].slice(0, 400);
    samples.push('— 12 —', '国办发〔2024〕1号', 'ABC xyz 0123', '（一）', '％‰');
    for (const file of FONTS) {
      const loaded = loadFont(path.join(ROOT, 'fonts', file));
      for (const sample of samples) {
        const ours = plainRun(loaded.font as never, sample);
        const theirs = shapedRun(loaded.font, sample) as Run;
        expect(ours.glyphs.map((g) => g.id)).toEqual(theirs.glyphs.map((g) => g.id));
        expect(ours.glyphs.map((g) => g.codePoints)).toEqual(theirs.glyphs.map((g) => g.codePoints));
        expect(ours.positions).toEqual(theirs.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })));
        expect(ours.advanceWidth).toBe(theirs.advanceWidth);
      }
    }
  });

  it('leaves to fontkit what needs shaping: a combining mark, a variation selector, a soft hyphen', () => {
    const loaded = loadFont(path.join(ROOT, 'fonts', 'FandolFang-Regular.ttf'));
    const font = loaded.font as unknown as { layout: (t: string) => Run };
    // Through the patched method: these are not plain, so they are fontkit's runs (a mark has no advance of its own).
    for (const text of ['e\u0301', '葛\ufe00', 'a\u00adb', '\u200b']) {
      const run = font.layout(text);
      expect(run.glyphs.length).toBeGreaterThan(0);
      expect(Object.getPrototypeOf(run)).not.toBe(Object.prototype);
    }
  });

  it('writes the same PDF with the trick off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-plain-'));
    const build = (name: string, env: Record<string, string>) => {
      const out = path.join(dir, name);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'build', path.join(ROOT, 'examples/changle-2022.md'), '-o', out], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1700000000' },
      });
      expect(run.status).toBe(0);
      return readFileSync(out);
    };
    const on = build('on.pdf', {});
    const off = build('off.pdf', { NIANBAO_NO_PLAIN_LAYOUT: '1' });
    expect(on.length).toBeGreaterThan(10_000);
    expect(on.equals(off)).toBe(true);
  });
});
