/**
 * The word segmenter's answer for fixed texts (the statistical tables' labels), made when nianbao
 * is built: scripts/known-words.mjs replaces this module in the bundle with the table it computes.
 * Run from src/ (the tests) there is none, and every text goes to the segmenter.
 */
export interface KnownWords {
  /** ICU version the table was made with (process.versions.icu): another ICU may segment otherwise. */
  readonly icu: string;
  /** Text → the UTF-16 offsets where its words start (Intl.Segmenter 'zh', granularity 'word'). */
  readonly words: ReadonlyMap<string, readonly number[]>;
}

export const KNOWN_WORDS: KnownWords | undefined = undefined;
