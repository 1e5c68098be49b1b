/**
 * Text in a vertical font (WPS sets the narrow label 三、本年度办理结果 this way, one character per
 * move), placed from the operator list. pdfjs's text content merges such characters into one item
 * and loses some of them, so the reader drops its vertical items and places each glyph itself.
 */
import { type Matrix, multiply, type ToPage } from './matrix.js';
import type { Ops } from './pdfjs.js';
import type { Run } from './run.js';

const translate = (tx: number, ty: number, m: Matrix): Matrix => multiply([1, 0, 0, 1, tx, ty], m);

interface Glyph {
  readonly unicode?: string;
  readonly vmetric?: readonly number[];
  readonly isSpace?: boolean;
}

export function verticalRuns(
  OPS: Ops,
  list: { fnArray: number[]; argsArray: unknown[] },
  toPage: ToPage,
  vertical: ReadonlySet<string>,
  fontOf: (id: string) => { font: string; bold: boolean },
): Run[] {
  if (vertical.size === 0) return [];
  const runs: Run[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let font = '';
  let size = 0;
  let leading = 0;
  let charSpacing = 0;
  let wordSpacing = 0;
  const show = (glyphs: readonly (Glyph | number | null)[]) => {
    for (const glyph of glyphs) {
      if (typeof glyph === 'number') {
        tm = translate(0, (-glyph / 1000) * size, tm);
        continue;
      }
      if (!glyph) continue;
      const m = multiply(tm, ctm);
      const [x, y] = toPage(m[4], m[5]);
      const scale = Math.hypot(m[2], m[3]);
      const height = size * scale;
      const ch = glyph.unicode ?? '';
      // The vertical origin is the glyph's top centre; the run's "baseline" is its middle.
      if (ch.trim() !== '') {
        const { font: name, bold } = fontOf(font);
        runs.push({ text: ch, x: x - height / 2, right: x + height / 2, baseline: y + height / 2, size: Math.round(height * 100) / 100, font: name, bold, vertical: true });
      }
      const advance = ((glyph.vmetric?.[0] ?? -1000) / 1000) * size + charSpacing + (glyph.isSpace ? wordSpacing : 0);
      tm = translate(0, advance, tm);
    }
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = (list.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = multiply(args as unknown as Matrix, ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0])) ctm = multiply(args[0] as unknown as Matrix, ctm);
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.beginText:
        tm = tlm = [1, 0, 0, 1, 0, 0];
        break;
      case OPS.setFont:
        font = String(args[0]);
        size = Number(args[1]);
        break;
      case OPS.setTextMatrix:
        // pdfjs 5 passes the matrix as one typed array; older versions as six numbers.
        tm = tlm = Array.from((ArrayBuffer.isView(args[0]) || Array.isArray(args[0]) ? args[0] : args) as ArrayLike<number>) as unknown as Matrix;
        break;
      case OPS.setLeading:
        leading = Number(args[0]);
        break;
      case OPS.setLeadingMoveText:
        leading = -Number(args[1]);
        tm = tlm = translate(Number(args[0]), Number(args[1]), tlm);
        break;
      case OPS.moveText:
        tm = tlm = translate(Number(args[0]), Number(args[1]), tlm);
        break;
      case OPS.nextLine:
        tm = tlm = translate(0, -leading, tlm);
        break;
      case OPS.setCharSpacing:
        charSpacing = Number(args[0]);
        break;
      case OPS.setWordSpacing:
        wordSpacing = Number(args[0]);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        if (vertical.has(font)) show(args[0] as Glyph[]);
        break;
      case OPS.nextLineShowText:
        tm = tlm = translate(0, -leading, tlm);
        if (vertical.has(font)) show(args[0] as Glyph[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        wordSpacing = Number(args[0]);
        charSpacing = Number(args[1]);
        tm = tlm = translate(0, -leading, tlm);
        if (vertical.has(font)) show(args[2] as Glyph[]);
        break;
      default:
        break;
    }
  }
  return runs;
}
