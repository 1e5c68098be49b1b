/**
 * The text outside tables: runs → lines → paragraphs. A paragraph starts at a first-line indent of
 * about two characters, a centred or right-set line, a change of size or a wider gap; it ends at a
 * short last line. Lines of a paragraph join without a space where either side is CJK.
 */
import { isWide, joinPieces } from './chars.js';
import type { Run } from './run.js';

export interface TextLine {
  readonly page: number;
  readonly text: string;
  readonly x: number;
  readonly right: number;
  readonly baseline: number;
  readonly size: number;
  readonly bold: boolean;
}

/** Runs on one baseline, left to right; runs more than four characters apart are separate lines. */
export function pageLines(page: number, runs: readonly Run[]): TextLine[] {
  const groups: Run[][] = [];
  for (const run of [...runs].sort((p, q) => p.baseline - q.baseline || p.x - q.x)) {
    const group = groups.find((g) => {
      const first = g[0] as Run;
      return Math.abs(first.baseline - run.baseline) < Math.max(1, Math.min(first.size, run.size) * 0.3);
    });
    if (group) group.push(run);
    else groups.push([run]);
  }
  // A wide gap on one baseline parts two things set on one line (版记: 印发机关 left, 印发日期 right).
  const parts: Run[][] = [];
  for (const group of groups) {
    group.sort((p, q) => p.x - q.x);
    let part: Run[] = [];
    for (const run of group) {
      const last = part.at(-1);
      if (last && run.x - last.right > Math.max(run.size, last.size) * 4) {
        parts.push(part);
        part = [];
      }
      part.push(run);
    }
    parts.push(part);
  }
  return parts.map((group) => {
    let text = '';
    let right = Number.NEGATIVE_INFINITY;
    let boldChars = 0;
    let chars = 0;
    for (const run of group) {
      text = joinPieces(text, run.text, run.x - right > run.size * 0.2);
      right = Math.max(right, run.right);
      const count = [...run.text].length;
      chars += count;
      if (run.bold) boldChars += count;
    }
    // The line's size: the size most of its characters are set in.
    const sizes = new Map<number, number>();
    for (const run of group) sizes.set(run.size, (sizes.get(run.size) ?? 0) + run.text.length);
    const size = [...sizes.entries()].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 0;
    return {
      page,
      text: text.trim(),
      x: group[0]?.x ?? 0,
      right,
      baseline: group.reduce((s, r) => Math.max(s, r.baseline), Number.NEGATIVE_INFINITY),
      size,
      bold: boldChars * 2 > chars,
    };
  });
}

/** A page number as printed in a header or footer: “- 3 -”, “—3—”, “3”, “第 3 页”, “3/6”. */
const PAGE_NUMBER = /^[-—–－‒―~～·•]*\s*(?:第\s*)?\d{1,3}\s*(?:页)?\s*(?:[/／]\s*\d{1,3}|共\s*\d{1,3}\s*页)?\s*[-—–－‒―~～·•]*$/u;

/**
 * Lines in the top or bottom margin that are page numbers, or that repeat on several pages at the
 * same place (a running header): dropped, they are not part of the report's text.
 */
export function dropFurniture(pages: readonly { height: number; lines: TextLine[] }[]): TextLine[][] {
  const margin = (line: TextLine, height: number) => line.baseline < height * 0.1 || line.baseline > height * 0.88;
  const repeats = new Map<string, number>();
  for (const { height, lines } of pages) {
    for (const line of new Set(lines.filter((l) => margin(l, height)).map((l) => l.text))) repeats.set(line, (repeats.get(line) ?? 0) + 1);
  }
  return pages.map(({ height, lines }) =>
    lines.filter((line) => !(margin(line, height) && (PAGE_NUMBER.test(line.text) || (pages.length >= 3 && (repeats.get(line.text) ?? 0) >= 3)))),
  );
}

/** The text column: where body lines start and end (the commonest edges of the commonest size). */
export interface Column {
  readonly left: number;
  readonly right: number;
  readonly size: number;
}

const mode = (values: readonly number[]) => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts.entries()].sort((p, q) => q[1] - p[1] || p[0] - q[0])[0]?.[0];
};

export function textColumn(lines: readonly TextLine[], pageWidth: number): Column {
  const size = mode(lines.map((l) => l.size * 10));
  const body = lines.filter((l) => size === undefined || Math.abs(l.size * 10 - size) < 5);
  const left = mode(body.map((l) => l.x)) ?? pageWidth * 0.15;
  // Full lines end at the right edge: the commonest right end among lines long enough to be full.
  const right = mode(body.filter((l) => l.right - left > pageWidth * 0.5).map((l) => l.right)) ?? pageWidth - left;
  return { left, right, size: size === undefined ? 16 : size / 10 };
}

export type LineShape = 'indented' | 'centred' | 'right' | 'flush';

export function shapeOf(line: TextLine, column: Column): LineShape {
  const em = Math.min(line.size || column.size, column.size);
  const leftGap = line.x - column.left;
  const rightGap = column.right - line.right;
  // Centred: equal room both sides (a title line nearly as wide as the column has little of it).
  if (leftGap > 0.5 * em && rightGap > 0.5 * em && Math.abs(leftGap - rightGap) <= Math.max(0.8 * em, 0.03 * (column.right - column.left))) {
    // An indented short line whose gaps happen to match is a first line, not centred.
    if (Math.abs(leftGap - 2 * em) > 0.4 * em || leftGap > 3 * em) return 'centred';
  }
  if (leftGap >= 5 * em && rightGap <= 7 * em && rightGap < leftGap - 3 * em) return 'right';
  if (leftGap >= 1.3 * em && leftGap <= 4.5 * em) return 'indented';
  return 'flush';
}

export interface Paragraph {
  readonly text: string;
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold: boolean;
  readonly centred: boolean;
  readonly right: boolean;
}

/** Builds paragraphs from lines in reading order; `breakHere` ends the one being built (a table). */
export class ParagraphBuilder {
  private lines: TextLine[] = [];
  private shape: LineShape = 'flush';
  readonly paragraphs: Paragraph[] = [];
  constructor(private readonly column: Column) {}

  add(line: TextLine): void {
    const shape = shapeOf(line, this.column);
    const last = this.lines.at(-1);
    if (last && this.continues(last, line, shape)) {
      this.lines.push(line);
      return;
    }
    this.end();
    this.lines = [line];
    this.shape = shape;
  }

  private continues(last: TextLine, line: TextLine, shape: LineShape): boolean {
    const em = last.size || this.column.size;
    if (Math.abs(last.size - line.size) > 0.6) return false;
    const gap = last.page === line.page ? line.baseline - last.baseline : em * 1.6;
    if (gap < 0) return false;
    // Title lines: consecutive centred lines of one size are one title.
    if (this.shape === 'centred') return shape === 'centred' && gap <= em * 2.2;
    if (this.shape === 'right' || shape === 'centred' || shape === 'right' || shape === 'indented') return false;
    // A short line ended the paragraph; a gap wider than the leading so far starts a new one.
    if (this.column.right - last.right > 1.2 * em) return false;
    const previous = this.lines.at(-2);
    const leading = previous && previous.page === last.page ? last.baseline - previous.baseline : em * 2;
    return gap <= Math.max(leading * 1.35, em * 1.2) && gap <= em * 3;
  }

  end(): void {
    const first = this.lines[0];
    if (!first) return;
    let text = '';
    let chars = 0;
    let boldChars = 0;
    for (const line of this.lines) {
      text = joinPieces(text, line.text, !isWide(line.text[0] ?? ''));
      const count = [...line.text].length;
      chars += count;
      if (line.bold) boldChars += count;
    }
    this.paragraphs.push({
      text,
      page: first.page,
      x: first.x,
      y: first.baseline - first.size,
      size: first.size,
      bold: boldChars * 2 > chars,
      centred: this.shape === 'centred',
      right: this.shape === 'right',
    });
    this.lines = [];
  }
}
