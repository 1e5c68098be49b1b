/**
 * Where the words of a text start, as ICU's word segmenter finds them (Intl.Segmenter 'zh').
 *
 * The first segmenter of a process costs ~20 ms (ICU's locale data and break rules), and `check`
 * and `build` ask for little besides the tables' labels, which are fixed: for those the bundle
 * holds the segmenter's answer (known-words.ts), used only with the ICU it was made with. Off with
 * NIANBAO_NO_KNOWN_WORDS=1 (test/known-words.test.ts builds the reference report both ways).
 */
import { KNOWN_WORDS } from './known-words.js';

let segmenter: Intl.Segmenter | undefined;

/** Word starts found by the segmenter itself (made on first use). */
export function segmentedWordStarts(text: string): number[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return Array.from(segmenter.segment(text), (segment) => segment.index);
}

const known = KNOWN_WORDS !== undefined && KNOWN_WORDS.icu === process.versions.icu && process.env.NIANBAO_NO_KNOWN_WORDS !== '1' ? KNOWN_WORDS.words : undefined;

/** The UTF-16 offsets where the words of `text` start (0 first; none for an empty text). */
export function wordStarts(text: string): readonly number[] {
  return known?.get(text) ?? segmentedWordStarts(text);
}
