/**
 * Where the characters of a run were written in the template's Markdown. A run keeps only the
 * offset its text starts at; its characters follow in order with Markdown syntax (emphasis
 * marks, escapes, entities, line indentation) between them, which `align` steps over. The
 * composer finds a run's start with it, the glyph preflight each character's place.
 */
import { markdown } from '../source/markdown.js';

const SEARCH_WINDOW = 256;

const ENTITY = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * The offset in `raw` of each code point of `text` (its decoded form), from `from` on: Markdown
 * syntax between them is skipped, an entity or a backslash escape stands for what it decodes to.
 */
export function align(raw: string, from: number, text: string): { offsets: (number | undefined)[]; end: number } {
  const offsets: (number | undefined)[] = [];
  let p = from;
  for (const ch of text) {
    let found: number | undefined;
    // Syntax between two characters is short; a character not found costs a window, not the rest.
    for (let q = p, end = Math.min(raw.length, p + SEARCH_WINDOW); q < end; q++) {
      const entity = raw[q] === '&' ? ENTITY.exec(raw.slice(q, q + 40)) : null;
      if (entity && markdown.utils.unescapeAll(entity[0]) === ch) {
        found = q;
        p = q + entity[0].length;
        break;
      }
      if (raw.startsWith(ch, q)) {
        found = q;
        p = q + ch.length;
        break;
      }
    }
    offsets.push(found);
  }
  return { offsets, end: p };
}
