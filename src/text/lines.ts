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
  /**
   * Width of one character, pt; `at` is its UTF-16 offset in the text (a paragraph with runs in
   * several faces measures each character in its own face).
   */
  readonly measure: (ch: string, at: number) => number;
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
  /** UTF-16 offset of the line's first character in the text (newlines removed). */
  readonly at: number;
}

/** Full-width marks whose glyph is half blank: 标点挤压 may take up to half of each. */
const COMPRESSIBLE = new Set([...'，。、；：（）《》“”‘’〔〕【】「」『』']);

/** The largest share of a character a justified line may add between two glyphs. */
export const MAX_SPACING = 0.25;

/**
 * Units that never split: a run of ASCII letters, digits and the marks of URLs, e-mail addresses
 * and numbers, or any other single character.
 */
function units(text: string): string[] {
  return text.match(/[A-Za-z0-9.%+\-/:@_=?&#~]+|[\s\S]/gu) ?? [];
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

/** A piece of a line and, when it is part of a Latin run, whether the run goes on after it. */
interface Piece {
  readonly text: string;
  /** UTF-16 offset of its first character in the text. */
  readonly at: number;
  readonly width: number;
  /** What 标点挤压 may take from it, pt. */
  readonly squeeze: number;
}

/**
 * Breaks a paragraph into lines, by nianbao's rules:
 * - a run of Latin letters, digits, a URL or an e-mail address breaks only at its UAX #14
 *   opportunities (after a slash, before a hyphen…), a piece wider than a line between any two
 *   characters;
 * - no line starts with a closing mark or ends with an opening one (禁则). Where that would push a
 *   character down, the line first takes it by 标点挤压: the full-width marks on it give up to
 *   half their width, so the line still holds its 28 characters;
 * - full lines are justified by even spacing, at most a quarter character between two glyphs; a
 *   line that would need more (a long Latin word pushed down) takes as much of that word as fits,
 *   broken between characters.
 * Spacing is even over the line's gaps (pdfmake sets a line as one run), compression included:
 * the amount never exceeds half of each full-width mark on the line, so no glyphs meet.
 */
export function breakLines(text: string, options: LineBreakOptions): BrokenLine[] {
  const width = (piece: string, at = 0) => {
    let sum = 0;
    let k = at;
    for (const ch of piece) {
      sum += options.measure(ch, k);
      k += ch.length;
    }
    return sum;
  };
  const squeezeOf = (piece: string, at: number) => {
    let sum = 0;
    let k = at;
    for (const ch of piece) {
      if (COMPRESSIBLE.has(ch)) sum += options.measure(ch, k) / 2;
      k += ch.length;
    }
    return sum;
  };
  const piece = (t: string, at: number): Piece => ({ text: t, at, width: width(t, at), squeeze: squeezeOf(t, at) });
  const em = options.measure('一', 0);
  // The narrowest line (the indented first one) bounds every piece, so no piece is overprinted.
  const narrowest = options.width - Math.max(0, options.indent);
  // (Measured where it starts: only the body face's widths matter for the cuts inside a Latin run.)
  const fits = (t: string) => width(t) <= narrowest + 0.01;
  // Letters, digits and full stops give UAX #14 no opportunity inside a run: only a run with other
  // marks (a URL, an address, a hyphenated number) or one wider than a line is cut.
  const broken = (t: string) =>
    units(t).flatMap((unit) => (unit.length > 1 && (!/^[A-Za-z0-9.]+$/.test(unit) || !fits(unit)) ? cutAt(unit, overlongBreaks(unit, fits)) : [unit]));
  const joined = text.replace(/\s*\n\s*/g, '');
  // Table cells break between words (options.words); a word too wide for its cell between the
  // words inside its brackets, then as any text.
  const texts = options.words
    ? cutAt(joined, options.words(joined, false)).flatMap((word) =>
        fits(word) ? [word] : cutAt(word, options.words?.(word, true) ?? []).flatMap((part) => (fits(part) ? [part] : broken(part))),
      )
    : broken(joined);
  let offset = 0;
  const queue: Piece[] = texts.map((t) => {
    const p = piece(t, offset);
    offset += t.length;
    return p;
  });
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  let squeeze = 0;
  const available = () => options.width - (lines.length === 0 ? options.indent : 0);
  const startsClosed = (p: Piece) => NO_START.has([...p.text][0] ?? '');
  const endsOpen = (l: readonly Piece[]) => NO_END.has([...(l.at(-1)?.text ?? '')].at(-1) ?? '');
  const count = (l: readonly Piece[]) => l.reduce((n, p) => n + [...p.text].length, 0);
  const push = (p: Piece) => {
    line.push(p);
    used += p.width;
    squeeze += p.squeeze;
  };
  const close = () => {
    lines.push(line);
    line = [];
    used = 0;
    squeeze = 0;
  };
  for (let k = 0; k < queue.length; k++) {
    const p = queue[k] as Piece;
    const room = available();
    if (line.length === 0 || used + p.width <= room + 0.01) {
      push(p);
      continue;
    }
    // 标点挤压 instead of a 禁则 carry: the piece would start the next line with a closing mark,
    // or the line would end with an opening one.
    if ((startsClosed(p) || endsOpen(line)) && used + p.width - squeeze - p.squeeze <= room + 0.01) {
      push(p);
      continue;
    }
    // A Latin piece pushed down would leave more than the spacing cap can fill: take what fits of it.
    // (Not in lines that are not justified, table cells: there a word moves whole, as it should.)
    const slack = room - used;
    const chars = [...p.text];
    if (options.justify !== false && chars.length > 1 && !startsClosed(p) && slack > MAX_SPACING * em * Math.max(1, count(line) - 1)) {
      let taken = 0;
      let w = 0;
      let at = p.at;
      while (taken < chars.length - 1 && w + options.measure(chars[taken] as string, at) <= slack + 0.01) {
        w += options.measure(chars[taken] as string, at);
        at += (chars[taken++] as string).length;
      }
      if (taken > 0) {
        const head = chars.slice(0, taken).join('');
        push(piece(head, p.at));
        queue.splice(k + 1, 0, piece(chars.slice(taken).join(''), p.at + head.length));
        close();
        continue;
      }
    }
    if (startsClosed(p) && line.length > 1) {
      // 禁则: carry the last character over rather than start a line with a closing mark.
      const carried = line.pop() as Piece;
      used -= carried.width;
      squeeze -= carried.squeeze;
      close();
      push(carried);
    } else {
      close();
    }
    // Never leave an opening mark at the end of a line.
    while (lines.length > 0 && (lines[lines.length - 1]?.length ?? 0) > 1 && endsOpen(lines[lines.length - 1] as Piece[])) {
      const carried = lines[lines.length - 1]?.pop() as Piece;
      line.unshift(carried);
      used += carried.width;
      squeeze += carried.squeeze;
    }
    push(p);
  }
  if (line.length > 0) lines.push(line);
  return lines.map((pieces, index) => {
    const chars = pieces.map((p) => p.text).join('');
    const at = pieces[0]?.at ?? 0;
    const n = [...chars].length;
    const natural = width(chars, at);
    const room = options.width - (index === 0 ? options.indent : 0);
    const last = index === lines.length - 1;
    // Negative after a squeeze; the last line is set at its natural width unless it overflows.
    const spread = options.justify !== false && !last;
    const spacing = n > 1 && (spread || natural > room) ? (room - natural) / (n - 1) : 0;
    return { text: chars, spacing, first: index === 0, at };
  });
}
