/**
 * What `nianbao init` leaves to be written: ×× in names and numbers, …… as a part's text. A
 * report still carrying them is not finished, and would print them as they are. (A table cell
 * still to fill carries 待填, `TO_FILL` in model/cells.ts, and gets `not-filled`.)
 */
import type { Diagnostic } from '../diagnostics/types.js';

/** Stands for a name or a number still to be written. */
export const NAME_PLACEHOLDER = '××';
/** Stands for a part's text still to be written (alone, or after `2024年，`). */
export const TEXT_PLACEHOLDER = '……';

const TEXT_LINE = new RegExp(`^(\\d{4}年，)?${TEXT_PLACEHOLDER}$`);

export function checkPlaceholders(file: string, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const name = line.indexOf(NAME_PLACEHOLDER);
    if (name >= 0 && !line.trimStart().startsWith('#')) {
      diagnostics.push({
        file,
        position: { line: index + 1, column: name + 1 },
        severity: 'error',
        code: 'placeholder',
        message: `“${NAME_PLACEHOLDER}”是 nianbao init 留下的占位，还没有换成实际的名称或文号`,
        hint: `把这一行的“${NAME_PLACEHOLDER}”换成实际内容`,
      });
    }
    if (TEXT_LINE.test(line.trim())) {
      diagnostics.push({
        file,
        position: { line: index + 1, column: line.indexOf(TEXT_PLACEHOLDER) + 1 },
        severity: 'error',
        code: 'placeholder',
        message: `“${TEXT_PLACEHOLDER}”是 nianbao init 留下的占位，这一部分还没有写`,
        hint: '写上这一部分的内容',
      });
    }
  });
  return diagnostics;
}
