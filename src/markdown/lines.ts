/**
 * Line breaking for body paragraphs, done here rather than by pdfmake: pdfmake turns every hanzi
 * into an inline of its own and looks its style up character by character; one inline per line
 * lays out faster, and the rules are ours. Lines are justified with character spacing (which,
 * with one run per line, applies to hanzi too), no line starts with a closing mark or ends with
 * an opening one, and a run of Latin letters or digits is split only when it is wider than a
 * line (a URL, a long number): where UAX #14 allows, else between any two characters.
 */
import LineBreaker from 'linebreak';

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
  /**
   * Where the text may break (offsets into it, newlines removed): table labels break only
   * between words. A word wider than the line is asked again with `inside` (a bracketed
   * stretch then breaks between the words within it); a piece still wider is broken as text
   * without words is.
   */
  readonly words?: (text: string, inside: boolean) => readonly number[];
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

/**
 * Offsets inside `run` (never 0 or its length) at which to break it so that every piece `fits`:
 * its UAX #14 break opportunities, and between any two characters of a piece that has none
 * narrow enough. Linear in the length of the run.
 */
export function overlongBreaks(run: string, fits: (piece: string) => boolean): number[] {
  const offsets: number[] = [];
  const breaker = new LineBreaker(run);
  let start = 0;
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    const end = found.position;
    if (!fits(run.slice(start, end))) {
      // No opportunity inside: by code points (a pair of surrogates stays whole).
      let at = start;
      for (const ch of run.slice(start, end)) {
        if (at > start) offsets.push(at);
        at += ch.length;
      }
    }
    if (end < run.length) offsets.push(end);
    start = end;
  }
  return offsets;
}

/** `run` cut at `offsets`. */
function cutAt(run: string, offsets: readonly number[]): string[] {
  return [...offsets, run.length].map((end, i) => run.slice(i === 0 ? 0 : (offsets[i - 1] ?? 0), end));
}

export function breakLines(text: string, options: LineBreakOptions): BrokenLine[] {
  const width = (piece: string) => [...piece].reduce((sum, ch) => sum + options.measure(ch), 0);
  // The narrowest line (the indented first one) bounds every piece, so no piece is overprinted.
  const narrowest = options.width - Math.max(0, options.indent);
  const fits = (piece: string) => width(piece) <= narrowest + 0.01;
  const joined = text.replace(/\s*\n\s*/g, '');
  const broken = (piece: string) =>
    units(piece).flatMap((unit) => (unit.length > 1 && !fits(unit) ? cutAt(unit, overlongBreaks(unit, fits)) : [unit]));
  const pieces = options.words
    ? cutAt(joined, options.words(joined, false)).flatMap((word) =>
        fits(word) ? [word] : cutAt(word, options.words?.(word, true) ?? []).flatMap((piece) => (fits(piece) ? [piece] : broken(piece))),
      )
    : broken(joined);
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
