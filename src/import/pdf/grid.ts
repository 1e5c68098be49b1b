/**
 * Tables on one page from the drawn rules: rules that touch form one table; their positions make
 * the grid; two neighbouring grid slots are one cell unless a rule is drawn between them (that is
 * how a merged label cell shows). Text goes to the cell its characters sit in, so a run that the
 * PDF sets across two cells is cut between them.
 */
import { advance, joinPieces, oneSpace } from './chars.js';
import type { Run } from './run.js';
import type { Rule } from './rules.js';

/** Rules closer than this (points) are one line of the grid; a rule ending this near another meets it. */
const SNAP = 2.2;
/** A boundary counts as drawn where rules cover this share of it. */
const COVERED = 0.5;

export interface GridCell {
  readonly row: number;
  readonly col: number;
  rowSpan: number;
  readonly colSpan: number;
  text: string;
  /** Top-left corner of the cell, points from the page's top-left. */
  readonly x: number;
  readonly y: number;
}

/** A table as drawn on one page. */
export interface TablePiece {
  readonly page: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Grid lines: column edges left to right, row edges top to bottom. */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Every cell (empty ones too), in reading order. */
  readonly cells: GridCell[];
}

/** Positions within SNAP of each other as one (their mean). */
export function snap(values: readonly number[], tolerance = SNAP): number[] {
  const sorted = [...values].sort((p, q) => p - q);
  const groups: number[][] = [];
  for (const value of sorted) {
    const group = groups.at(-1);
    if (group && value - (group.at(-1) ?? value) <= tolerance) group.push(value);
    else groups.push([value]);
  }
  return groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Rules that touch or cross, as groups (each a table, or a lone rule that is no table). */
function clusters(rules: readonly Rule[]): Rule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const meets = (a: Rule, b: Rule) => {
    if (a.horizontal === b.horizontal) {
      return Math.abs(a.at - b.at) <= SNAP && a.from <= b.to + SNAP && b.from <= a.to + SNAP;
    }
    const [h, v] = a.horizontal ? [a, b] : [b, a];
    return v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;
  };
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      if (find(i) !== find(j) && meets(rules[i] as Rule, rules[j] as Rule)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Rule[]>();
  rules.forEach((rule, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), rule]);
  });
  return [...groups.values()];
}

/** The share of [from, to] that rules at a line cover. */
function coverage(rules: readonly Rule[], from: number, to: number): number {
  const spans = rules
    .map((r) => [Math.max(r.from, from), Math.min(r.to, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = from;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return to > from ? covered / (to - from) : 1;
}

interface Slotted {
  readonly text: string;
  readonly x: number;
  readonly right: number;
  readonly baseline: number;
  readonly size: number;
  readonly vertical: boolean;
}

/** The text of a cell: its pieces in lines top to bottom, each line left to right. */
export function cellText(pieces: readonly Slotted[]): string {
  const lines: Slotted[][] = [];
  for (const piece of [...pieces].sort((p, q) => p.baseline - q.baseline || p.x - q.x)) {
    const line = lines.find((l) => Math.abs((l[0]?.baseline ?? 0) - piece.baseline) < Math.max(1.5, piece.size * 0.4));
    if (line) line.push(piece);
    else lines.push([piece]);
  }
  let text = '';
  for (const line of lines) {
    line.sort((p, q) => p.x - q.x);
    let lineText = '';
    let right = Number.NEGATIVE_INFINITY;
    for (const piece of line) {
      lineText = joinPieces(lineText, piece.text, piece.x - right > piece.size * 0.2);
      right = piece.right;
    }
    // A line break inside a cell: Latin words were broken at a space; CJK joins directly.
    text = joinPieces(text, lineText, true);
  }
  return oneSpace(text);
}

/** Cut runs into the pieces that fall into one column each (a run set across cells). */
function cutAt(run: Run, xs: readonly number[]): Slotted[] {
  const chars = [...run.text];
  if (run.vertical || chars.length < 2) return [run];
  const total = chars.reduce((s, ch) => s + advance(ch), 0) || 1;
  const unit = (run.right - run.x) / total;
  const pieces: Slotted[] = [];
  let start = run.x;
  let column = -1;
  let current = '';
  let pieceStart = run.x;
  for (const ch of chars) {
    const width = advance(ch) * unit;
    const centre = start + width / 2;
    const col = band(xs, centre);
    if (col !== column && current !== '') {
      pieces.push({ ...run, text: current, x: pieceStart, right: start });
      current = '';
      pieceStart = start;
    }
    column = col;
    current += ch;
    start += width;
  }
  if (current !== '') pieces.push({ ...run, text: current, x: pieceStart, right: run.right });
  return pieces;
}

/** The point of a run that decides its cell: the middle of its letters' height. */
const middle = (piece: Slotted) => ({ x: (piece.x + piece.right) / 2, y: piece.vertical ? piece.baseline : piece.baseline - piece.size * 0.35 });

export function pageTables(page: number, rules: readonly Rule[], runs: readonly Run[]): { tables: TablePiece[]; rest: Run[] } {
  const tables: TablePiece[] = [];
  let rest: Run[] = [...runs];
  for (const group of clusters(rules)) {
    const horizontals = group.filter((r) => r.horizontal);
    const verticals = group.filter((r) => !r.horizontal);
    if (horizontals.length === 0 || verticals.length === 0) continue;
    const left = Math.min(...horizontals.map((r) => r.from), ...verticals.map((r) => r.at));
    const right = Math.max(...horizontals.map((r) => r.to), ...verticals.map((r) => r.at));
    const top = Math.min(...verticals.map((r) => r.from), ...horizontals.map((r) => r.at));
    const bottom = Math.max(...verticals.map((r) => r.to), ...horizontals.map((r) => r.at));
    // Thinner than a line of text either way: a box or an underline, not a table.
    if (right - left < 20 || bottom - top < 8) continue;
    const xs = snap([left, right, ...verticals.map((r) => r.at)]).filter((x, i, all) => i === 0 || x - (all[i - 1] ?? x) > SNAP);
    const ys = snap([top, bottom, ...horizontals.map((r) => r.at)]).filter((y, i, all) => i === 0 || y - (all[i - 1] ?? y) > SNAP);
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    if (rows < 1 || cols < 1 || rows * cols < 2) continue;
    const atX = xs.map((x) => verticals.filter((r) => Math.abs(r.at - x) <= SNAP));
    const atY = ys.map((y) => horizontals.filter((r) => Math.abs(r.at - y) <= SNAP));
    // Slots joined where no rule separates them.
    const parent = Array.from({ length: rows * cols }, (_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
      return i;
    };
    const join = (a: number, b: number) => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    };
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const y0 = ys[r] ?? 0;
        const y1 = ys[r + 1] ?? 0;
        const x0 = xs[c] ?? 0;
        const x1 = xs[c + 1] ?? 0;
        if (c + 1 < cols && coverage(atX[c + 1] ?? [], y0, y1) < COVERED) join(r * cols + c, r * cols + c + 1);
        if (r + 1 < rows && coverage(atY[r + 1] ?? [], x0, x1) < COVERED) join(r * cols + c, (r + 1) * cols + c);
      }
    }
    const extent = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const root = find(r * cols + c);
        const e = extent.get(root);
        if (e) extent.set(root, { r0: Math.min(e.r0, r), r1: Math.max(e.r1, r), c0: Math.min(e.c0, c), c1: Math.max(e.c1, c) });
        else extent.set(root, { r0: r, r1: r, c0: c, c1: c });
      }
    }
    // A slot belongs to the cell whose box holds it (a cell that is not a rectangle takes its box).
    const owner: number[] = new Array<number>(rows * cols).fill(-1);
    const cells: GridCell[] = [];
    const boxes = [...extent.values()].sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0);
    for (const e of boxes) {
      if (owner[e.r0 * cols + e.c0] !== -1) continue;
      const index = cells.length;
      for (let r = e.r0; r <= e.r1; r++) for (let c = e.c0; c <= e.c1; c++) if (owner[r * cols + c] === -1) owner[r * cols + c] = index;
      cells.push({ row: e.r0, col: e.c0, rowSpan: e.r1 - e.r0 + 1, colSpan: e.c1 - e.c0 + 1, text: '', x: xs[e.c0] ?? 0, y: ys[e.r0] ?? 0 });
    }
    const inCell: Slotted[][] = cells.map(() => []);
    const outside: Run[] = [];
    for (const run of rest) {
      const m = middle(run);
      if (m.x < left - 1 || m.x > right + 1 || m.y < top - 1 || m.y > bottom + 1) {
        outside.push(run);
        continue;
      }
      for (const piece of cutAt(run, xs)) {
        const p = middle(piece);
        const index = owner[band(ys, p.y) * cols + band(xs, p.x)] ?? -1;
        if (index >= 0) inCell[index]?.push(piece);
      }
    }
    cells.forEach((cell, i) => (cell.text = cellText(inCell[i] ?? [])));
    rest = outside;
    tables.push({ page, left, right, top, bottom, xs, ys, cells });
  }
  tables.sort((p, q) => p.top - q.top);
  return { tables, rest };
}

/** The band between grid lines that holds a position (the first or last band beyond the edges). */
function band(lines: readonly number[], value: number): number {
  for (let i = 0; i + 2 < lines.length; i++) if (value < (lines[i + 1] ?? 0)) return i;
  return Math.max(0, lines.length - 2);
}
