/**
 * The pages as drawn: every line of text at its baseline with its runs' x positions, every rule
 * as a stroke; points from the page's top left corner. nianbao's layout decides all of it (the
 * lines are broken, the blocks measured, the pages broken), so a renderer only draws: no
 * measuring, no line breaking, no decisions (src/render/draw.ts).
 */
import type { FontRole } from '../document/types.js';

/** CMYK, 0–100 (the 版头's red); black when absent. */
export type Ink = readonly [number, number, number, number];

/** A run of one face on a line. */
export interface PlacedRun {
  readonly text: string;
  readonly role: FontRole;
  readonly size: number;
  /** The first glyph's left edge. */
  readonly x: number;
}

export interface PlacedText {
  readonly kind: 'text';
  /** The line box's top (a bookmark opens here). */
  readonly top: number;
  readonly baseline: number;
  readonly runs: readonly PlacedRun[];
  /** Extra space after each character (justified lines), pt. */
  readonly spacing: number;
  readonly ink?: Ink;
  /** A bookmark to this line: the title (level 0) or a heading (levels 1–4). */
  readonly bookmark?: { readonly title: string; readonly level: number };
}

/** A straight stroke from (x1, y1) to (x2, y2), centred on that line. */
export interface PlacedRule {
  readonly kind: 'rule';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  readonly ink?: Ink;
}

export type Placed = PlacedText | PlacedRule;

export interface PlacedPage {
  readonly items: readonly Placed[];
}

export interface PlacedDocument {
  readonly width: number;
  readonly height: number;
  readonly pages: readonly PlacedPage[];
  readonly info: {
    readonly title: string;
    readonly author: string;
    readonly subject: string;
    readonly keywords: string;
    readonly creator: string;
    readonly producer: string;
    readonly creationDate: Date;
  };
  /** The catalog's /Lang. */
  readonly language: string;
}

/** What placing text needs of a face, in em. */
export interface FaceMetrics {
  readonly advance: (ch: string) => number;
  /** Baseline below the line box's top (pdfkit's ascender). */
  readonly ascent: number;
  /** Natural line height (pdfkit's, before pdfmake's lineHeight factor). */
  readonly lineEm: number;
}

export type FaceMetricsByRole = Readonly<Record<FontRole, FaceMetrics>>;

/** Width of `text` in a face at `size`, with `spacing` between its characters (not after the last). */
export function textWidth(face: FaceMetrics, text: string, size: number, spacing = 0): number {
  let width = 0;
  let count = 0;
  for (const ch of text) {
    width += face.advance(ch);
    count++;
  }
  return width * size + spacing * Math.max(0, count - 1);
}

/**
 * One line of runs from `x`, its top at `top`: the baseline is the tallest run's ascent below the
 * top (as pdfkit sets a line of inlines), each run starting where the one before ends.
 */
export function placeLine(
  pieces: readonly { readonly text: string; readonly role: FontRole }[],
  faces: FaceMetricsByRole,
  at: { readonly x: number; readonly top: number; readonly size: number; readonly spacing?: number; readonly ink?: Ink },
): PlacedText {
  const spacing = at.spacing ?? 0;
  let x = at.x;
  let ascent = 0;
  const runs: PlacedRun[] = [];
  for (const piece of pieces) {
    if (!piece.text) continue;
    const face = faces[piece.role];
    runs.push({ text: piece.text, role: piece.role, size: at.size, x });
    // The spacing follows every character, the last of a run too: the next run keeps the pitch.
    x += textWidth(face, piece.text, at.size, spacing) + spacing;
    ascent = Math.max(ascent, face.ascent * at.size);
  }
  return { kind: 'text', top: at.top, baseline: at.top + ascent, runs, spacing, ...(at.ink ? { ink: at.ink } : {}) };
}
