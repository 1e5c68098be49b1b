/**
 * Line breaking for body paragraphs, done here rather than by pdfmake: pdfmake turns every hanzi
 * into an inline of its own and looks its style up character by character; one inline per line
 * lays out faster, and the rules are ours. Lines are justified with character spacing (which,
 * with one run per line, applies to hanzi too), no line starts with a closing mark or ends with
 * an opening one, and a run of Latin letters or digits is never split.
 */

/** Marks that may not start a line (GB/T 15834 practice). */
const NO_START = new Set([...'，。、；：？！）》”’〕】」』…—·%％‰～,.;:?!)]}']);
/** Marks that may not end a line. */
const NO_END = new Set([...'（《“‘〔【「『([{']);

export interface LineBreakOptions {
  /** Width of one character at the body size, pt. */
  readonly measure: (ch: string) => number;
  /** Width of a full line, pt. */
  readonly width: number;
  /** Indent of the first line, pt. */
  readonly indent: number;
  /** Spread full lines to the width (body text); table cells are set at their natural width. */
  readonly justify?: boolean;
}

export interface BrokenLine {
  readonly text: string;
  /** Extra space after each character but the last, pt (0 on the last line; negative when squeezed). */
  readonly spacing: number;
  readonly first: boolean;
}

/** Units that never split: a run of ASCII letters and digits, or any other single character. */
function units(text: string): string[] {
  return text.match(/[A-Za-z0-9.%+\-/:]+|[\s\S]/gu) ?? [];
}

export function breakLines(text: string, options: LineBreakOptions): BrokenLine[] {
  const pieces = units(text.replace(/\s*\n\s*/g, ''));
  const width = (piece: string) => [...piece].reduce((sum, ch) => sum + options.measure(ch), 0);
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const available = () => options.width - (lines.length === 0 ? options.indent : 0);
  for (const piece of pieces) {
    const w = width(piece);
    // 标点挤压: a closing mark that overflows by at most half its width stays on the line, which is
    // then set a little tighter, rather than pushing a whole word down and leaving a loose line.
    const squeezable = NO_START.has([...piece][0] ?? '') && used + w <= available() + w / 2;
    if (line.length > 0 && used + w > available() + 0.01 && !squeezable) {
      // Kinsoku: carry the last character over rather than start a line with a closing mark,
      // and never leave an opening mark at the end of a line.
      if (NO_START.has([...piece][0] ?? '') && line.length > 1) {
        const carried = line.pop() as string;
        lines.push(line);
        line = [carried];
        used = width(carried);
      } else {
        lines.push(line);
        line = [];
        used = 0;
      }
      while (lines.length > 0 && (lines[lines.length - 1]?.length ?? 0) > 1 && NO_END.has([...(lines[lines.length - 1]?.at(-1) ?? '')].at(-1) ?? '')) {
        const carried = lines[lines.length - 1]?.pop() as string;
        line.unshift(carried);
        used += width(carried);
      }
    }
    line.push(piece);
    used += w;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((pieces, index) => {
    const chars = pieces.join('');
    const count = [...chars].length;
    const natural = width(chars);
    const room = options.width - (index === 0 ? options.indent : 0);
    const last = index === lines.length - 1;
    // Negative after a squeezed mark; the last line is set at its natural width unless it overflows.
    const spread = options.justify !== false && !last;
    const spacing = count > 1 && (spread || natural > room) ? (room - natural) / (count - 1) : 0;
    return { text: chars, spacing, first: index === 0 };
  });
}
