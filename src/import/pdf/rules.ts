/**
 * The rules a page draws, from its operator list: stroked straight segments (pdfmake, WPS) and
 * thin filled rectangles (WPS and Word draw many table borders as filled bars). Only horizontal
 * and vertical ones matter for tables; white ones are invisible and dropped.
 */
import { type Matrix, multiply, type ToPage } from './matrix.js';
import type { Ops } from './pdfjs.js';

/** A horizontal or vertical rule, in points from the page's top-left corner. */
export interface Rule {
  readonly horizontal: boolean;
  /** y of a horizontal rule, x of a vertical one. */
  readonly at: number;
  /** The rule's extent along its length (from < to). */
  readonly from: number;
  readonly to: number;
}


/** pdfjs's path buffer codes (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUADRATIC = 3;
const CLOSE = 4;


/** A filled bar this thin (points) is a rule, not a shaded cell. */
const BAR = 2.5;
/** Slant (points) still taken as straight. */
const STRAIGHT = 0.6;

const invisible = (colour: unknown) => typeof colour === 'string' && /^#f{6}$/i.test(colour);

/** The subpaths of a path buffer as lists of points (curves keep only their end points, and mark the subpath as curved). */
function subpaths(buffer: ArrayLike<number>, transform: (x: number, y: number) => [number, number]) {
  const result: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean; curved: boolean } | undefined;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i++];
    if (op === CLOSE) {
      if (current) current.closed = true;
      current = undefined;
      continue;
    }
    const count = op === CURVE ? 6 : op === QUADRATIC ? 4 : 2;
    const x = buffer[i + count - 2] ?? 0;
    const y = buffer[i + count - 1] ?? 0;
    i += count;
    if (op === MOVE || !current) {
      current = { points: [], closed: false, curved: false };
      result.push(current);
    }
    if (op === CURVE || op === QUADRATIC) current.curved = true;
    else if (op !== MOVE && op !== LINE) continue;
    current.points.push(transform(x, y));
  }
  return result;
}

function segmentRule([x0, y0]: [number, number], [x1, y1]: [number, number]): Rule | undefined {
  if (Math.abs(y1 - y0) <= STRAIGHT && Math.abs(x1 - x0) > STRAIGHT) {
    return { horizontal: true, at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) };
  }
  if (Math.abs(x1 - x0) <= STRAIGHT && Math.abs(y1 - y0) > STRAIGHT) {
    return { horizontal: false, at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) };
  }
  return undefined;
}

/** An axis-aligned rectangle's box, or undefined. */
function box(points: readonly [number, number][]): { left: number; right: number; top: number; bottom: number } | undefined {
  const unique = points.filter((p, i) => i === 0 || Math.hypot(p[0] - (points[i - 1]?.[0] ?? 0), p[1] - (points[i - 1]?.[1] ?? 0)) > 0.01);
  if (unique.length < 4 || unique.length > 5) return undefined;
  const xs = unique.map((p) => p[0]);
  const ys = unique.map((p) => p[1]);
  const left = Math.min(...xs);
  const right = Math.max(...xs);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  const onEdge = unique.every(
    ([x, y]) => (Math.abs(x - left) < STRAIGHT || Math.abs(x - right) < STRAIGHT) && (Math.abs(y - top) < STRAIGHT || Math.abs(y - bottom) < STRAIGHT),
  );
  return onEdge ? { left, right, top, bottom } : undefined;
}

export function drawnRules(OPS: Ops, list: { fnArray: number[]; argsArray: unknown[] }, toPage: ToPage): { rules: Rule[]; images: number } {
  const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  const rules: Rule[] = [];
  let images = 0;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let stroke: unknown = '#000000';
  let fill: unknown = '#000000';
  const stack: { ctm: Matrix; stroke: unknown; fill: unknown }[] = [];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) {
      stack.push({ ctm, stroke, fill });
      if (fn === OPS.paintFormXObjectBegin && Array.isArray(args?.[0])) ctm = multiply(args[0] as unknown as Matrix, ctm);
    } else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) {
      const state = stack.pop();
      if (state) ({ ctm, stroke, fill } = state);
    } else if (fn === OPS.transform && args) {
      ctm = multiply(args as unknown as Matrix, ctm);
    } else if (fn === OPS.setStrokeRGBColor || fn === OPS.setStrokeColor) {
      stroke = args?.[0];
    } else if (fn === OPS.setFillRGBColor || fn === OPS.setFillColor) {
      fill = args?.[0];
    } else if (IMAGES.has(fn ?? -1)) {
      images++;
    } else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const buffer = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!buffer) continue;
      const m = ctm;
      const transform = (x: number, y: number) => toPage(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
      const paths = subpaths(buffer, transform);
      if (STROKES.has(paint) && !invisible(stroke)) {
        for (const path of paths) {
          if (path.curved) continue;
          const points = path.closed && path.points.length > 2 ? [...path.points, path.points[0] as [number, number]] : path.points;
          for (let k = 1; k < points.length; k++) {
            const rule = segmentRule(points[k - 1] as [number, number], points[k] as [number, number]);
            if (rule) rules.push(rule);
          }
        }
      }
      if (FILLS.has(paint) && !invisible(fill)) {
        for (const path of paths) {
          if (path.curved) continue;
          const rect = box(path.points);
          if (!rect) continue;
          const width = rect.right - rect.left;
          const height = rect.bottom - rect.top;
          if (height <= BAR && width > height * 2) {
            rules.push({ horizontal: true, at: (rect.top + rect.bottom) / 2, from: rect.left, to: rect.right });
          } else if (width <= BAR && height > width * 2) {
            rules.push({ horizontal: false, at: (rect.left + rect.right) / 2, from: rect.top, to: rect.bottom });
          }
        }
      }
    }
  }
  return { rules, images };
}
