/** A run of text as the PDF sets it (one string at one position in one font). */
export interface Run {
  readonly text: string;
  /** Left end of the baseline, and the right end (horizontal text). */
  readonly x: number;
  readonly right: number;
  readonly baseline: number;
  /** Font size in points. */
  readonly size: number;
  /** The font's name (subset prefix dropped), as the PDF names it. */
  readonly font: string;
  readonly bold: boolean;
  /** Set top to bottom (a CJK label in a narrow column turned 90°). */
  readonly vertical: boolean;
}
