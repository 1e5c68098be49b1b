/**
 * Where a face puts ink: GB/T 9704 measures some elements on the printed glyphs (the 发文机关标志's
 * top edge, the red rule below the 发文字号, the 一字线 of the page number), not on line boxes.
 * pdfkit sets a line's baseline `ascent` below its top (hhea ascent), so the glyphs' boxes
 * (fontkit, from the font's outlines) tell where the ink of a line starts and ends.
 */
import type * as Fontkit from 'fontkit';

export interface InkExtent {
  /** Highest ink above the baseline, em (positive up). */
  readonly top: number;
  /** Lowest ink, em above the baseline (negative below it). */
  readonly bottom: number;
}

export interface FaceInk {
  /** hhea ascent, em: the baseline's depth below the top of a pdfkit line. */
  readonly ascent: number;
  /** Vertical ink extent of `text` in this face (0, 0 for text without ink). */
  readonly extent: (text: string) => InkExtent;
  /** Horizontal ink of one character: left and right edges from its origin, em. */
  readonly sides: (ch: string) => { readonly left: number; readonly right: number };
}

interface GlyphBox {
  readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
}

/** One per font for the life of the process: a glyph's box is decoded from its outline, once. */
const inkByFont = new WeakMap<Fontkit.Font, FaceInk>();

export function faceInk(font: Fontkit.Font): FaceInk {
  let ink = inkByFont.get(font);
  if (!ink) inkByFont.set(font, (ink = measureInk(font)));
  return ink;
}

function measureInk(font: Fontkit.Font): FaceInk {
  const em = font.unitsPerEm;
  const boxes = new Map<string, GlyphBox['bbox'] | undefined>();
  const box = (ch: string) => {
    if (!boxes.has(ch)) {
      const glyph = font.glyphForCodePoint(ch.codePointAt(0) ?? 0) as unknown as GlyphBox;
      const b = glyph.bbox;
      // A space has an empty box (Infinity or all zero): no ink.
      boxes.set(ch, Number.isFinite(b.minY) && b.maxY > b.minY ? b : undefined);
    }
    return boxes.get(ch);
  };
  return {
    ascent: font.ascent / em,
    extent: (text) => {
      let top = -Infinity;
      let bottom = Infinity;
      for (const ch of text) {
        const b = box(ch);
        if (!b) continue;
        top = Math.max(top, b.maxY / em);
        bottom = Math.min(bottom, b.minY / em);
      }
      return Number.isFinite(top) ? { top, bottom } : { top: 0, bottom: 0 };
    },
    sides: (ch) => {
      const b = box(ch);
      return b ? { left: b.minX / em, right: b.maxX / em } : { left: 0, right: 0 };
    },
  };
}
