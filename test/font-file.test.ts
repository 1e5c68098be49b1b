import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureOutline, openFontFile } from '../src/fonts/file.js';
import { SHIPPED_FONT_DIR } from '../src/fonts/resolve.js';
import { built } from './support/build.js';
import { nianbao, scratch } from './support/cli.js';

const fontkit = createRequire(import.meta.url)('fontkit') as { create: (b: Buffer) => FontkitFont };
interface FontkitFont {
  numGlyphs: number;
  getGlyph: (id: number) => { id: number; path: { commands: unknown[] } };
  loca: { offsets: number[] };
  directory: { tables: Record<string, { offset: number; length: number }> };
}

const FANG = path.join(SHIPPED_FONT_DIR, 'FandolFang-Regular.ttf');

/** Each glyph's outline bytes (its slice of glyf), by glyph id. */
function outlines(bytes: Buffer): Buffer[] {
  const font = fontkit.create(bytes);
  const glyf = font.directory.tables.glyf as { offset: number };
  const loca = font.loca.offsets;
  return Array.from({ length: font.numGlyphs }, (_, id) => bytes.subarray(glyf.offset + (loca[id] ?? 0), glyf.offset + (loca[id + 1] ?? 0)));
}

/** The TrueType programs embedded in a PDF (FontFile2 streams, inflated). */
function embeddedFonts(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const ids = [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => m[1]);
  return ids.map((id) => {
    const start = text.indexOf(`\n${id} 0 obj`);
    const streamAt = text.indexOf('stream\n', start) + 'stream\n'.length;
    const end = text.indexOf('\nendstream', streamAt);
    return inflateSync(pdf.subarray(streamAt, end));
  });
}

describe('font files read lazily', () => {
  it('reads the tables at once and an outline only when it is asked for, byte for byte', () => {
    const whole = readFileSync(FANG);
    const lazy = openFontFile(FANG);
    try {
      expect(lazy.lazy).toBe(true);
      expect(lazy.buffer.length).toBe(whole.length);
      const original = outlines(whole);
      // 永 (a glyph that has an outline) is all zeros until it is read.
      const id = fontkit.create(whole) as unknown as { glyphForCodePoint: (c: number) => { id: number } };
      const yong = id.glyphForCodePoint(0x6c38).id;
      const before = outlines(lazy.buffer)[yong] as Buffer;
      expect(before.length).toBeGreaterThan(40);
      expect(before.every((b) => b === 0)).toBe(true);
      ensureOutline(lazy.buffer, yong);
      expect(Buffer.compare(outlines(lazy.buffer)[yong] as Buffer, original[yong] as Buffer)).toBe(0);
      // Everything outside glyf is the file itself.
      const glyf = fontkit.create(whole).directory.tables.glyf as { offset: number; length: number };
      expect(Buffer.compare(lazy.buffer.subarray(0, glyf.offset), whole.subarray(0, glyf.offset))).toBe(0);
      expect(Buffer.compare(lazy.buffer.subarray(glyf.offset + glyf.length), whole.subarray(glyf.offset + glyf.length))).toBe(0);
    } finally {
      lazy.close();
    }
  });

  it('decodes a glyph the same when its points are asked for later (the subset reads only the header)', async () => {
    const { loadFont } = await import('../src/fonts/resolve.js');
    const lazy = loadFont(FANG).font as unknown as { glyphForCodePoint: (c: number) => { path: { commands: unknown[] }; _decode: () => { numberOfContours: number } } };
    const whole = fontkit.create(readFileSync(FANG)) as unknown as typeof lazy;
    for (const ch of '年报政府信息公开（一）1。') {
      const glyph = lazy.glyphForCodePoint(ch.codePointAt(0) as number);
      expect(glyph._decode().numberOfContours).toBeGreaterThan(0);
      expect(glyph.path.commands).toEqual(whole.glyphForCodePoint(ch.codePointAt(0) as number).path.commands);
    }
  });

  /** Every outline embedded in the PDF is one the font files have (none read as zeros). */
  function expectRealOutlines(pdf: Buffer): void {
    const known = new Set<string>();
    for (const file of ['FandolFang-Regular.ttf', 'FandolHei-Regular.ttf', 'FandolKai-Regular.ttf', 'FandolSong-Bold.ttf', 'FandolSong-Regular.ttf']) {
      for (const outline of outlines(readFileSync(path.join(SHIPPED_FONT_DIR, file)))) if (outline.length > 0) known.add(outline.toString('hex'));
    }
    const subsets = embeddedFonts(pdf);
    expect(subsets).toHaveLength(5);
    let glyphs = 0;
    for (const subset of subsets) {
      const drawn = outlines(subset).filter((o) => o.length > 0);
      glyphs += drawn.length;
      // A glyph read as zeros would be an outline no font file has.
      for (const outline of drawn) expect(known.has(outline.toString('hex'))).toBe(true);
    }
    // The body alone uses several hundred distinct characters.
    expect(glyphs).toBeGreaterThan(500);
  }

  it('embeds the real outline of every glyph a report uses', async () => {
    const result = await built(path.resolve('examples/changle-2022.md'));
    expectRealOutlines(result.pdf as Buffer);
  });

  it('does so from the command line too (the bundle holds one fontkit, the one the hook patches)', () => {
    const out = path.join(scratch(), 'changle.pdf');
    const run = nianbao(['build', 'examples/changle-2022.md', '-o', out]);
    expect(run.status).toBe(0);
    expectRealOutlines(readFileSync(out));
  });
});
