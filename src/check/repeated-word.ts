/**
 * A word or phrase typed twice in a row (资金资金, a pasted phrase doubled): a slip evaluators
 * count. A single character said twice is a word (天天, 常常, 看看, 一一), so only units of two
 * or more characters are looked at; AABB (明明白白) is no repeat of a unit; the few verbs doubled
 * on purpose and 一X一X (一步一步) are skipped.
 */
import type { Diagnostic, Position } from '../diagnostics/types.js';
import type { Report } from '../model/types.js';
import { narrativeBlocks, positionInBlock } from './text-position.js';

/** Two-character words doubled on purpose ("let us 研究研究"): ABAB verbs and adjectives. */
export const DOUBLED_ON_PURPOSE: readonly string[] = [
  '研究', '讨论', '商量', '考虑', '学习', '了解', '交流', '沟通', '检查', '整理', '清理',
  '总结', '准备', '介绍', '休息', '打扫', '锻炼', '比较', '琢磨', '活动', '雪白', '通红',
];

/** The longest unit looked for: a doubled clause of a pasted sentence fits. */
const LONGEST_UNIT = 40;

/** Where a unit cannot run across: punctuation, quotes, brackets, Markdown markup, tabs, line breaks. */
const SEPARATORS = new Set([...'，。；：、！？,.;:!?“”‘’"\'「」『』（）()《》〈〉【】[]{}<>*_`~#|—…·\t\r\n'].map((ch) => ch.charCodeAt(0)));
const HAN = /\p{Script=Han}/gu;
const NUMERALS = /^[〇零一二三四五六七八九十百千万亿两]+$/u;

export interface Repeat {
  /** The unit typed twice. */
  readonly unit: string;
  /** Index of its second copy in the text. */
  readonly index: number;
}

function countable(unit: string): boolean {
  if ((unit.match(HAN) ?? []).length < 2) return false; // a number, a code: 2021年2021, 1010
  if (NUMERALS.test(unit)) return false; // 二〇二〇
  if (/^(.)\1*$/u.test(unit)) return false;
  if (/^\s|\s$/u.test(unit)) return false; // 结果 结果: a table's header cells, not a word typed twice
  if (/^一\p{Script=Han}$/u.test(unit)) return false; // 一步一步, 一件一件
  return !DOUBLED_ON_PURPOSE.includes(unit);
}

/** Per UTF-16 unit, 1 + the index where it was last seen (0: not seen); cleared after each use. */
const LAST_SEEN = new Int32Array(0x10000);

/** Every unit of two or more characters immediately typed again, once per run of copies. */
export function findRepeats(text: string): Repeat[] {
  // next[i]: the next index holding the same character as i. A unit at i of length L needs
  // text[i + L] === text[i], so only those lengths are tried (linear in practice).
  const next = new Int32Array(text.length);
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    next[i] = (LAST_SEEN[code] ?? 0) - 1;
    LAST_SEEN[code] = i + 1;
  }
  for (let i = 0; i < text.length; i++) LAST_SEEN[text.charCodeAt(i)] = 0;
  const repeats: Repeat[] = [];
  let segmentStart = 0;
  for (let end = 0; end <= text.length; end++) {
    if (end < text.length && !SEPARATORS.has(text.charCodeAt(end))) continue;
    findInSegment(text, next, segmentStart, end, repeats);
    segmentStart = end + 1;
  }
  return repeats;
}

const JUDGED_UNTIL = new Int32Array(LONGEST_UNIT + 1);

function sameAt(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Where the copies of a unit at `i` of `length` stop: the end of the run with that period. */
function periodicRunEnd(text: string, i: number, length: number, to: number): number {
  let end = i;
  while (end + length < to && text[end] === text[end + length]) end++;
  return end + length;
}

function findInSegment(text: string, next: Int32Array, from: number, to: number, repeats: Repeat[]): void {
  // Per unit length, where a run already judged ends: a unit read from inside it is the same run
  // read from another start (步一步一 inside 一步一步一个).
  const judgedUntil = JUDGED_UNTIL.fill(0);
  let i = from;
  while (i + 4 <= to) {
    // A run of one character (某某某…) holds no unit of two different ones: go to its last two.
    if (text[i] === text[i + 1] && text[i] === text[i + 2]) {
      i++;
      continue;
    }
    let found = false;
    for (let j = next[i] ?? -1; j >= 0 && j - i <= LONGEST_UNIT && i + 2 * (j - i) <= to; j = next[j] ?? -1) {
      const length = j - i;
      if (length < 2 || i < (judgedUntil[length] ?? 0) || !sameAt(text, i, j, length)) continue;
      const runEnd = periodicRunEnd(text, i, length, to);
      judgedUntil[length] = runEnd - length;
      const unit = text.slice(i, j);
      if (!countable(unit)) continue;
      // The second copy; a third or fourth is the same slip, reported once.
      repeats.push({ unit, index: j });
      i = runEnd;
      found = true;
      break;
    }
    if (!found) i++;
  }
}

function quoted(unit: string): string {
  return [...unit].length > 16 ? `${[...unit].slice(0, 16).join('')}…` : unit;
}

export function checkRepeatedWords(report: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const push = (position: Position, unit: string, where: string) =>
    diagnostics.push({
      file: report.file,
      position,
      severity: 'warning',
      code: 'repeated-word',
      message: `${where}“${quoted(unit)}”连着写了两遍`,
      hint: `删去其中一个“${quoted(unit)}”；确是有意重复的，可以忽略本警告`,
    });
  for (const text of report.metadataTexts) {
    for (const repeat of findRepeats(text.value)) {
      const position = text.verbatim
        ? { line: text.position.line, column: text.position.column + repeat.index }
        : text.position;
      push(position, repeat.unit, `“${text.key}”里`);
    }
  }
  for (const block of narrativeBlocks(report)) {
    if (block.kind === 'other') continue;
    for (const repeat of findRepeats(block.text)) push(positionInBlock(block, repeat.index), repeat.unit, '');
  }
  return diagnostics;
}
