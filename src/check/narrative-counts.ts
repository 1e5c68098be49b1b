/**
 * Counts the narrative quotes against the table that carries them (issue 12, item 4): 予以公开 N 件,
 * 无法提供 N 件, 结转下年度 N 件, 行政复议 N 件 and their 结果维持 … , each compared with the 总计
 * of its row (a group: the sum of its rows), and the claims “均获维持” / “均已结案” against table 四.
 * The application count (收到/受理 N 件) is checked in document.ts.
 *
 * How a count is found: a sentence (split at 。！？ and line breaks) is searched for the category
 * words below; a word takes the number that follows it (予以公开258件) or, where the category allows
 * it, the one just before it (1件结转下年度继续办理), but only inside its clause — the text between
 * two of ，；、（）and the sentence ends — and only with no other category word and no other number
 * in between. So “办结69件，1件结转下年度继续办理” gives 69 to nothing and 1 to 结转.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { definingRule } from '../model/derive.js';
import { cellAt, type Report, type TableData } from '../model/types.js';
import type { TableId } from '../tables/types.js';
import { allBlocks, positionIn } from './document.js';

/** A count the table carries, the rows that hold it and the words the text names it with. */
interface CountCategory {
  /** As the message names it (the printed row label). */
  readonly name: string;
  readonly table: TableId;
  /**
   * Row ids or group keys (a group stands for all its rows: （三）不予公开 is the sum of its eight);
   * `case` for a 复议/诉讼 result, whose rows are those of the case the sentence last named.
   */
  readonly rows: readonly string[] | 'case';
  /** The column compared: 总计, or an outcome of table 四. */
  readonly column: string;
  /** The row is itself a total (（七）总计): the message does not add “总计”. */
  readonly isTotalRow?: true;
  /** Regular-expression sources, without capture groups; at a place the first category listed wins. */
  readonly words: readonly string[];
  /** Whether the number may stand before the word: “1件结转下年度继续办理”, “2起行政复议”. */
  readonly numberFirst: boolean;
  /** A 复议/诉讼 count: sets the rows of the results that follow it in the sentence. */
  readonly isCase?: true;
  /**
   * What the sentence must say before the number for the word to be this count: 办结/答复 are of
   * applications only when 申请 is said (not “收到群众诉求348件，办结340件”).
   */
  readonly sentenceNeeds?: RegExp;
}

const LITIGATION_ROWS = ['未经复议直接起诉', '复议后起诉'];

/** The counts of tables 三 and 四, as data: one entry per category the narrative names. */
export const COUNT_CATEGORIES: readonly CountCategory[] = [
  {
    name: '“（一）予以公开”与“（二）部分公开”',
    table: 'application',
    rows: ['予以公开', '部分公开'],
    column: '总计',
    words: ['予以公开(?:及|和|与|、|或)部分公开', '予以公开（含部分公开）', '全部公开(?:及|和|与|、)部分公开'],
    numberFirst: true,
  },
  { name: '“（一）予以公开”', table: 'application', rows: ['予以公开'], column: '总计', words: ['予以公开', '全部公开', '同意公开'], numberFirst: true },
  { name: '“（二）部分公开”', table: 'application', rows: ['部分公开'], column: '总计', words: ['部分公开'], numberFirst: true },
  { name: '“（三）不予公开”', table: 'application', rows: ['不予公开'], column: '总计', words: ['不予公开'], numberFirst: true },
  { name: '“（四）无法提供”', table: 'application', rows: ['无法提供'], column: '总计', words: ['无法提供'], numberFirst: true },
  { name: '“（五）不予处理”', table: 'application', rows: ['不予处理'], column: '总计', words: ['不予处理'], numberFirst: true },
  { name: '“（六）其他处理”', table: 'application', rows: ['其他处理'], column: '总计', words: ['其他处理'], numberFirst: true },
  {
    name: '“（七）总计”',
    table: 'application',
    rows: ['总计'],
    column: '总计',
    isTotalRow: true,
    // Not 按期/按时/逾期/当场/书面/网上 答复: a part of the applications, not all of them; nor
    // 公开答复/提供答复/办理答复, the answer of one category (上海市科委 2024: 同意公开答复9件, 部分公开答复0件).
    words: ['(?<![期时场天日面上下开供理])(?:办结|答复)'],
    numberFirst: false,
    sentenceNeeds: /申请/,
  },
  {
    name: '“二、上年结转政府信息公开申请数量”',
    table: 'application',
    rows: ['上年结转'],
    column: '总计',
    words: ['上一?年度?结转'],
    numberFirst: true,
  },
  {
    name: '“四、结转下年度继续办理”',
    table: 'application',
    rows: ['结转下年度继续办理'],
    column: '总计',
    // 结转下年度继续办理, 结转至2026年, 顺延到下年度答复, 转入下一年度办理
    words: ['结转(?:至|到)?(?:下一?年度?|\\d{4}年度?)(?:继续办理)?', '(?:顺延|转入)(?:至|到)?下一?年度?'],
    numberFirst: true,
  },
  {
    name: '“行政复议”与“行政诉讼”',
    table: 'review',
    rows: ['行政复议', ...LITIGATION_ROWS],
    column: '总计',
    words: ['(?:行政)?复议(?:和|及|与|、)(?:行政)?诉讼'],
    numberFirst: true,
    isCase: true,
  },
  {
    name: '“行政诉讼”中“未经复议直接起诉”',
    table: 'review',
    rows: ['未经复议直接起诉'],
    column: '总计',
    words: ['(?:未经复议)?直接(?:提起)?(?:行政)?(?:起诉|诉讼)'],
    numberFirst: true,
    isCase: true,
  },
  {
    name: '“行政诉讼”中“复议后起诉”',
    table: 'review',
    rows: ['复议后起诉'],
    column: '总计',
    words: ['复议后(?:提起)?(?:行政)?(?:起诉|诉讼)'],
    numberFirst: true,
    isCase: true,
  },
  { name: '“行政复议”', table: 'review', rows: ['行政复议'], column: '总计', words: ['(?:行政)?复议'], numberFirst: true, isCase: true },
  {
    name: '“行政诉讼”（未经复议直接起诉 + 复议后起诉）',
    table: 'review',
    rows: LITIGATION_ROWS,
    column: '总计',
    words: ['(?:行政)?诉讼'],
    numberFirst: true,
    isCase: true,
  },
  { name: '结果维持', table: 'review', rows: 'case', column: '结果维持', words: ['(?:结果|予以)?维持'], numberFirst: false },
  { name: '结果纠正', table: 'review', rows: 'case', column: '结果纠正', words: ['(?:结果|被)?纠正', '被?纠错'], numberFirst: false },
  { name: '其他结果', table: 'review', rows: 'case', column: '其他结果', words: ['其他结果'], numberFirst: false },
  { name: '尚未审结', table: 'review', rows: 'case', column: '尚未审结', words: ['尚?未(?:审结|结案)'], numberFirst: false },
];

/** “均获维持”, “均已结案”: what the text says of every case it has just named. */
interface OutcomeClaim {
  readonly words: readonly string[];
  /** The outcome column the claim is about. */
  readonly column: '结果维持' | '尚未审结';
  /** 结果维持 = 总计 (all upheld), or 尚未审结 = 0 (all concluded). */
  readonly holds: 'all' | 'none';
}

export const OUTCOME_CLAIMS: readonly OutcomeClaim[] = [
  { words: ['均(?:获|被|予以|已被|已获)?维持', '全部(?:获|被|予以)?维持'], column: '结果维持', holds: 'all' },
  { words: ['均已?(?:审结|结案)', '全部(?:审结|结案)'], column: '尚未审结', holds: 'none' },
];

/** A claim of some cases only: “已审结的均获维持”, “其余均已结案”. */
const CLAIM_LIMITED = /已审结|审结的|已结案|结案的|其余|其他/;
/** A count of another period or body than the table's: its own clause says so. */
const CHANGE_IN_CLAUSE = /同比|较上年|比上年|较去年|比去年|上年同期|增加|减少|增长|下降|上升|回落|持平/;
/** A narrower subject for the whole sentence (区政府办代表区政府, 本机关 in a government's report). */
const SUBJECT_IN_SENTENCE = /(?<!人大|政协|党)代表(?!性)|本机关(?!不掌握)|本级|本部门|本单位/;
/** A number that is not a count: 近100件, 约20件, 不少于1件, 100件左右, 高效办成一件事. */
const APPROXIMATE_BEFORE = /(?:近|约|逾|超过?|不足|不到|大约|将近|不少于|不低于|不超过|至少|多达)$/;
const NOT_A_COUNT_AFTER = /^(?:左右|以上|以下|之多|余|多|事)/;

const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千万]+';
const NUMBER = `(\\d+|${CHINESE_NUMERAL})\\s*(?:件|条|项|起|宗)`;
/** Between a word and its number: no digit, numeral or clause break; a year (结转至2026年) may be. */
const GAP = '(?:\\d{4}年度?|[^\\d零〇一二两三四五六七八九十百千万，,；;、（）()\\n]){0,12}?';
const NUMBER_AFTER = new RegExp(`^(${GAP})${NUMBER}`);
const NUMBER_BEFORE = new RegExp(`(?<![\\d零〇一二两三四五六七八九十百千万])${NUMBER}(${GAP})$`);
const SENTENCE_END = /[。！？!?\n]/;
const CLAUSE_BREAK = /[，,；;、（）()]/;

const DIGIT: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWER: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 二十三 → 23, 一百零五 → 105, 两 → 2, 十五 → 15; undefined for what is not a numeral (一二, 万). */
export function chineseNumber(text: string): number | undefined {
  if (/^[百千万]/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGIT) {
      if (digit !== undefined && digit !== 0) return undefined;
      digit = DIGIT[ch];
    } else if (ch in POWER) {
      section += (digit ?? 1) * (POWER[ch] ?? 1);
      digit = undefined;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

function countOf(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : chineseNumber(text);
}

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly category?: CountCategory;
  readonly claim?: OutcomeClaim;
}

/**
 * All words in one regular expression, claims first, then the categories in their order: at a
 * place the first that matches wins, so a combined word (予以公开及部分公开, 复议后起诉, 均获维持) is
 * listed before the words it contains. One pass over a block instead of one per word.
 */
const ENTRIES: readonly { source: string; category?: CountCategory; claim?: OutcomeClaim }[] = [
  ...OUTCOME_CLAIMS.flatMap((claim) => claim.words.map((source) => ({ source, claim }))),
  ...COUNT_CATEGORIES.flatMap((category) => category.words.map((source) => ({ source, category }))),
];
/** How many capture groups a word has of its own (the words use (?:…), but nothing relies on it). */
const groupsIn = (source: string) => (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;
/** The capture-group number of each entry in ALL_WORDS. */
const GROUP_OF: readonly number[] = ENTRIES.map((_, i) =>
  ENTRIES.slice(0, i).reduce((group, entry) => group + 1 + groupsIn(entry.source), 1),
);
const ALL_WORDS = new RegExp(ENTRIES.map((e) => `(${e.source})`).join('|'), 'g');

/** Every category word and claim in a text, in order. */
function occurrencesIn(text: string): Occurrence[] {
  const found: Occurrence[] = [];
  ALL_WORDS.lastIndex = 0;
  for (let m = ALL_WORDS.exec(text); m; m = ALL_WORDS.exec(text)) {
    const entry = ENTRIES[GROUP_OF.findIndex((g) => m?.[g] !== undefined)];
    if (m[0] === '') ALL_WORDS.lastIndex++;
    if (!entry || m[0] === '') continue;
    found.push({ start: m.index, end: m.index + m[0].length, ...(entry.category ? { category: entry.category } : {}), ...(entry.claim ? { claim: entry.claim } : {}) });
  }
  return found;
}

interface Quoted {
  readonly index: number;
  readonly end: number;
  readonly count: number;
}

function clauseStart(sentence: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_BREAK.test(sentence[i] ?? '')) return i + 1;
  return 0;
}

function clauseEnd(sentence: string, index: number): number {
  for (let i = index; i < sentence.length; i++) if (CLAUSE_BREAK.test(sentence[i] ?? '')) return i;
  return sentence.length;
}

/** The number a word quotes, in its clause, with no other word between them. */
function numberOf(sentence: string, word: Occurrence, others: readonly Occurrence[]): Quoted | undefined {
  const between = (from: number, to: number) => others.some((o) => o !== word && o.start < to && o.end > from);
  const after = NUMBER_AFTER.exec(sentence.slice(word.end, clauseEnd(sentence, word.end)));
  if (after) {
    const index = word.end + (after[1]?.length ?? 0);
    const count = countOf(after[2] ?? '');
    if (count !== undefined && !between(word.end, index)) return { index, end: word.end + after[0].length, count };
    return undefined;
  }
  if (!word.category?.numberFirst) return undefined;
  const from = clauseStart(sentence, word.start);
  const before = NUMBER_BEFORE.exec(sentence.slice(from, word.start));
  if (!before) return undefined;
  const index = from + before.index;
  const count = countOf(before[1] ?? '');
  const end = word.start - (before[2]?.length ?? 0);
  if (count === undefined || between(index, word.start)) return undefined;
  return { index, end, count };
}

function notACount(sentence: string, quoted: Quoted): boolean {
  return APPROXIMATE_BEFORE.test(sentence.slice(0, quoted.index)) || NOT_A_COUNT_AFTER.test(sentence.slice(quoted.end));
}

/** Rows named by a category: row ids, a group key for all its rows. */
function rowsOf(table: TableData, keys: readonly string[]): string[] {
  return keys.flatMap((key) => table.def.rows.filter((r) => r.id === key || r.group === key).map((r) => r.id));
}

/**
 * A row's number in a column; a blank 总计 printed beside non-blank parts (上海 2019) counts as
 * the sum of its parts, which is what the row says; undefined when a cell could not be read.
 */
function valueOf(table: TableData, rowId: string, column: string): number | undefined {
  const cell = cellAt(table, rowId, column);
  if (!cell || cell.unread) return undefined;
  if (column === '总计' && (cell.state === 'blank' || cell.state === 'omitted')) {
    const defined = definingRule(table.def, rowId, column);
    if (defined) {
      const parts = defined.addends.map(([r, c]) => cellAt(table, r, c));
      if (parts.some((p) => !p || p.unread)) return undefined;
      return parts.reduce((sum, p) => sum + (p?.value ?? 0), 0);
    }
  }
  return cell.value;
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

const TABLE_NAME: Readonly<Record<TableId, string>> = { disclosure: '表二', application: '表三', review: '表四' };

/** A narrower count the text may have meant (上海 2019: 258 is 予以公开's 自然人 cell): said in the hint. */
function narrowerMatch(table: TableData, rows: readonly string[], column: string, count: number): string | undefined {
  if (count < 10) return undefined; // small numbers match some cell by chance
  for (const rowId of rows) {
    const row = table.def.rows.find((r) => r.id === rowId);
    if (!row) continue;
    if (rows.length > 1 && valueOf(table, rowId, column) === count) return `“${row.key}”一行的${column}`;
    if (column !== '总计') continue;
    for (const c of row.columns) {
      if (c !== column && cellAt(table, rowId, c)?.value === count) return `“${row.key}”一行“${c}”一格`;
    }
  }
  return undefined;
}

export function checkNarrativeCounts(report: Report): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const block of allBlocks(report)) {
    // The words are found once per block (no word spans a sentence end), then taken sentence by sentence.
    const inBlock = occurrencesIn(block.text);
    if (inBlock.length === 0) continue;
    let offset = 0;
    let next = 0;
    for (const sentence of block.text.split(SENTENCE_END)) {
      const at = offset;
      offset += sentence.length + 1;
      const occurrences: Occurrence[] = [];
      for (; next < inBlock.length && (inBlock[next]?.start ?? 0) < at + sentence.length; next++) {
        const o = inBlock[next] as Occurrence;
        occurrences.push({ ...o, start: o.start - at, end: o.end - at });
      }
      if (occurrences.length === 0) continue;
      // The 复议/诉讼 named since the last outcome: “行政复议7件，诉讼9件，均获维持”.
      let cases: CountCategory[] = [];
      let lastWasCase = false;
      const claimed = new Set<number>();
      for (const word of occurrences) {
        const warn = (index: number, message: string, hint: string) =>
          diagnostics.push({ file: report.file, position: positionIn(block, at + index), severity: 'warning', code: 'narrative-contradicts-table', message, hint });
        if (word.claim) {
          const claim = word.claim;
          const table = report.tables.review;
          if (!table.present || cases.length === 0) continue;
          if (CLAIM_LIMITED.test(sentence.slice(clauseStart(sentence, word.start), word.start))) continue;
          const broken = cases.flatMap((c) => {
            const rows = rowsOf(table, c.rows as readonly string[]);
            const outcome = sum(rows.map((r) => valueOf(table, r, claim.column)));
            const total = sum(rows.map((r) => valueOf(table, r, '总计')));
            if (outcome === undefined || total === undefined) return [];
            const holds = claim.holds === 'all' ? outcome === total : outcome === 0;
            return holds ? [] : [claim.holds === 'all' ? `${c.name}${claim.column} ${outcome}、总计 ${total}` : `${c.name}${claim.column} ${outcome}`];
          });
          if (broken.length > 0) {
            warn(
              word.start,
              `正文说“${sentence.slice(word.start, word.end)}”，但表四${broken.join('，')}`,
              claim.holds === 'all'
                ? '表四还有未获维持或尚未审结的案件：如指已审结的案件均获维持，请写明（如“已审结的均获维持，另有 2 件尚未审结”），或核对表四'
                : '表四还有尚未审结的案件：请写明（如“另有 2 件尚未审结”），或核对表四',
            );
          }
          lastWasCase = false;
          continue;
        }
        const category = word.category;
        if (!category) continue;
        if (category.isCase) {
          cases = lastWasCase ? [...cases, category] : [category];
          lastWasCase = true;
        } else {
          lastWasCase = false;
        }
        const table = report.tables[category.table];
        if (!table.present) continue;
        // An outcome after two cases (“复议7件，诉讼9件，维持13件”) could be of either: not compared.
        const keys = category.rows === 'case' ? (cases.length === 1 ? (cases[0]?.rows as readonly string[]) : undefined) : category.rows;
        if (!keys) continue;
        const quoted = numberOf(sentence, word, occurrences);
        if (!quoted || claimed.has(quoted.index)) continue;
        claimed.add(quoted.index);
        if (category.sentenceNeeds && !category.sentenceNeeds.test(sentence.slice(0, quoted.end))) continue;
        const clause = sentence.slice(clauseStart(sentence, Math.min(word.start, quoted.index)), clauseEnd(sentence, Math.max(word.end, quoted.end)));
        if (CHANGE_IN_CLAUSE.test(clause) || SUBJECT_IN_SENTENCE.test(sentence.slice(0, quoted.end)) || notACount(sentence, quoted)) continue;
        const rows = rowsOf(table, keys);
        const values = rows.map((r) => valueOf(table, r, category.column));
        const value = sum(values);
        if (value === undefined || value === quoted.count) continue;
        const caseName = category.rows === 'case' ? cases[0]?.name ?? '' : '';
        // Rows the category names (予以公开 + 部分公开) are shown added up; a group's items are not
        // (the hint names the one the text may have meant).
        const named = keys.length > 1;
        const total = named ? '的总计之和' : rows.length > 1 ? '各项总计之和' : category.isTotalRow ? '' : '总计';
        const what = category.column === '总计' ? `${category.name}${total}` : `${caseName}的“${category.column}”${rows.length > 1 ? '之和' : ''}`;
        const parts = named ? `（${values.join(' + ')}）` : '';
        const narrower = narrowerMatch(table, rows, category.column, quoted.count);
        const text = sentence.slice(Math.min(word.start, quoted.index), Math.max(word.end, quoted.end));
        warn(
          quoted.index,
          `正文写“${text}”，但${TABLE_NAME[category.table]}${what}为 ${value}${parts}`,
          narrower
            ? `正文的 ${quoted.count} 与${narrower}相同：如果只写了其中一部分，请写明是哪一部分；否则改正正文或核对${TABLE_NAME[category.table]}`
            : `正文引用的件数要与统计表一致：改正正文，或核对${TABLE_NAME[category.table]}`,
        );
      }
    }
  }
  return diagnostics;
}
