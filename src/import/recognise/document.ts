/**
 * The recogniser: a published document (blocks in reading order) → what a nianbao source says.
 * Metadata from the top (标题, 版头, 主送机关) and the bottom (署名, 成文日期, 版记), the six
 * parts by their numbered headings, sub-headings by their numbering, and the three tables by
 * their labels (tables.ts). The same rules serve every reader.
 */
import { defaultFormat, PARTS } from '../../tables/definitions.js';
import type { Format, TableId } from '../../tables/types.js';
import type { OriginalPlace, PublishedBlock, PublishedDocument, PublishedParagraph } from '../published.js';
import { asciiDigits, normaliseText } from '../text.js';
import { classifyTable, type ImportNote, readTable, type TableOut } from './tables.js';

export interface Located {
  readonly text: string;
  readonly place: OriginalPlace;
}

export interface NarrativeOut {
  readonly kind: 'heading' | 'paragraph';
  /** 2–4 for sub-headings (##, ###, ####). */
  readonly level?: number;
  readonly text: string;
  readonly place: OriginalPlace;
}

export interface PartOut {
  readonly number: number;
  /** The heading as published (without its numbering). */
  readonly heading: Located;
  readonly blocks: NarrativeOut[];
}

export interface Recognised {
  readonly year?: Located;
  readonly agency?: Located;
  readonly title?: Located;
  readonly issuerMark?: Located;
  readonly documentNumber?: Located;
  readonly recipient?: Located;
  readonly signature?: Located;
  readonly date?: Located;
  readonly published?: string;
  readonly copyTo?: { readonly items: readonly string[]; readonly place: OriginalPlace };
  readonly printer?: Located;
  readonly printDate?: Located;
  readonly tables: Partial<Record<TableId, TableOut>>;
  readonly preamble: NarrativeOut[];
  readonly parts: (PartOut | undefined)[];
  readonly notes: (ImportNote & { readonly key?: string })[];
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 二〇二二年二月二十一日 → 2022年2月21日 (a date in Chinese numerals, as a 成文日期 is often printed). */
function chineseDate(text: string): string | undefined {
  const match = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/u.exec(text);
  if (!match) return undefined;
  const year = [...(match[1] as string)].map((ch) => CHINESE_DIGITS[ch]).join('');
  const small = (s: string) => {
    const chars = [...s];
    if (chars.length === 1) return CHINESE_DIGITS[s] ?? 0;
    if (chars[0] === '十') return 10 + (CHINESE_DIGITS[chars[1] as string] ?? 0);
    return (CHINESE_DIGITS[chars[0] as string] ?? 0) * 10 + (chars[2] ? (CHINESE_DIGITS[chars[2]] ?? 0) : 0);
  };
  return `${year}年${small(match[2] as string)}月${small(match[3] as string)}日`;
}

const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u;

/** A paragraph that is only a date: 2022年2月21日, 二〇二二年二月二十一日, 2022-02-21. */
export function readDate(text: string): string | undefined {
  const plain = asciiDigits(text).replace(/\s+/g, '');
  if (DATE.test(plain)) return plain;
  const iso = ISO_DATE.exec(plain);
  if (iso) return `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日`;
  return chineseDate(plain);
}

/** 发文字号: 代字〔年份〕序号号 (also with [ ] 【 】 （ ） brackets as pages type them). */
const DOCUMENT_NUMBER = /^[\u4e00-\u9fff]{1,12}[〔[【（(]\d{4}[〕\]】）)]\d{1,5}号$/u;

/** A part heading: 一、总体情况 (the numeral, a 顿号 or a stop, the title; maybe run in with text). */
const PART_HEADING = /^([一二三四五六])\s*[、.．，]\s*(.*)$/u;

function normaliseTitle(text: string): string {
  return text.replace(/[。.：:\s]+$/u, '').replace(/其它/g, '其他').replace(/[“”"]/g, '');
}

/** The part a heading's title names: exact or an alias, or close to one (a local wording). */
function partOfTitle(number: number, title: string): boolean {
  const part = PARTS[number - 1];
  if (!part) return false;
  const t = normaliseTitle(title);
  if (t === part.title || (part.aliases as readonly string[]).includes(t)) return true;
  // Local wordings keep the title's key words: 主动公开, 依申请/申请, 复议/诉讼, 问题, 其他/事项.
  const words: readonly RegExp[] = [/总体/, /主动公开/, /收到.*申请|依申请|申请.*情况/, /复议|诉讼/, /问题|改进/, /其他|事项/];
  // A row label run into its spanning label (三、1.信访举报投诉类申请) is no heading.
  if (/^[\d（(]/u.test(t)) return false;
  return (words[number - 1] as RegExp).test(t) && [...t].length <= 40;
}

interface HeadingHit {
  readonly number: number;
  readonly title: string;
  /** Text run in after the heading on the same line (a text layer's joined paragraph). */
  readonly rest: string;
}

/** Whether a paragraph is the heading of part `expected` (or of a later one). */
function partHeading(paragraph: PublishedParagraph): HeadingHit | undefined {
  const match = PART_HEADING.exec(paragraph.text);
  if (!match) return undefined;
  const number = '一二三四五六'.indexOf(match[1] as string) + 1;
  const body = (match[2] as string).trim();
  if ([...body].length <= 40 && !/[。；]/.test(body.slice(0, -1)) && partOfTitle(number, body)) return { number, title: normaliseTitle(body), rest: '' };
  // Run in: 一、总体情况2021年，我区…: the longest title or alias the line starts with.
  const part = PARTS[number - 1];
  const names = part ? [part.title, ...(part.aliases as readonly string[])].sort((a, b) => b.length - a.length) : [];
  const name = names.find((n) => body.startsWith(n));
  if (name) return { number, title: name, rest: body.slice(name.length).replace(/^[。：:\s]+/u, '') };
  return undefined;
}

/** Whether a line is one of the six part headings (not a table row label such as 四、结转下年度继续办理). */
export function isPartHeading(text: string): boolean {
  const hit = partHeading({ kind: 'paragraph', text, place: {} });
  return hit !== undefined && hit.rest === '';
}

/** Sub-heading levels by their numbering: （一） → 2, 1. → 3, （1） → 4; kept as text when run in. */
const SUB_HEADINGS: readonly [RegExp, number][] = [
  [/^[（(][一二三四五六七八九十]+[）)]\s*/u, 2],
  [/^\d+\s*[.．、]\s*/u, 3],
  [/^[（(]\d+[）)]\s*/u, 4],
];

function subHeading(text: string): { level: number; text: string } | undefined {
  for (const [pattern, level] of SUB_HEADINGS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match[0].length).replace(/[：:]$/u, '');
    // A heading is short and ends no sentence: （一）主动公开方面。按照… is a run-in item, text.
    if (rest === '' || [...rest].length > 30 || /[。；，,！？!?]/.test(rest)) return undefined;
    return { level, text: rest };
  }
  return undefined;
}

/** A report's title: a year, 政府信息公开, and 报告 or 年报 at the end. */
const TITLE = /\d{4}\s*年.*政府信息公开.*(?:报告|年报)$|政府信息公开.*\d{4}\s*年.*(?:报告|年报)$/u;

/** 机关 from the title: what precedes the year (平潭综合实验区2021年度… → 平潭综合实验区). */
function agencyOfTitle(title: string): string | undefined {
  const match = /^(.+?)(?:关于)?\d{4}\s*年/u.exec(title);
  return match?.[1]?.trim() || undefined;
}

/** Where a title's pieces join: the print breaks a long title over lines (or a PDF over paragraphs). */
function findTitle(paragraphs: readonly PublishedParagraph[]): { text: string; used: PublishedParagraph[] } | undefined {
  // One paragraph first (a PDF's or Word's title broken over lines only when none is whole).
  for (const paragraph of paragraphs) if (TITLE.test(paragraph.text) && [...paragraph.text].length <= 80) return { text: paragraph.text, used: [paragraph] };
  for (let i = 0; i < paragraphs.length; i++) {
    let text = '';
    for (let j = i; j < Math.min(paragraphs.length, i + 3); j++) {
      text += (paragraphs[j] as PublishedParagraph).text;
      if ([...text].length > 80) break;
      if (j > i && TITLE.test(text)) return { text, used: paragraphs.slice(i, j + 1) };
    }
  }
  return undefined;
}

const COPY_TO = /^抄\s*送\s*[:：]\s*(.+?)[。.]?$/u;
const PRINTED = /^(.+?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$/u;

/** 署名 and 成文日期 run together: 平潭综合实验区管委会 2022年1月20日. */
const SIGNED_DATE = /^(.{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$/u;

const located = (text: string, place: OriginalPlace): Located => ({ text, place });

export function recognise(document: PublishedDocument): Recognised {
  const notes: Recognised['notes'] = [];
  // Every reader's text the same way (the PDF reader keeps a space between 2023 and 年).
  const blocks: PublishedBlock[] = document.blocks.map((b) =>
    b.kind === 'paragraph' ? { ...b, text: normaliseText(b.text) } : { ...b, rows: b.rows.map((r) => r.map((c) => ({ ...c, text: normaliseText(c.text) }))) },
  );
  // The first part heading splits the head (metadata, preamble) from the body.
  let first = blocks.findIndex((b) => b.kind === 'paragraph' && !b.outside && partHeading(b)?.number === 1);
  if (first < 0) first = blocks.findIndex((b) => b.kind === 'paragraph' && !b.outside && partHeading(b) !== undefined);
  const head = (first >= 0 ? blocks.slice(0, first) : blocks).filter((b): b is PublishedParagraph => b.kind === 'paragraph');
  const body = first >= 0 ? blocks.slice(first).filter((b) => b.kind === 'table' || !b.outside) : [];

  // ── Head: 版头, 标题, 主送机关, preamble ──
  const inside = head.filter((p) => !p.outside);
  const numberIndex = inside.findIndex((p) => DOCUMENT_NUMBER.test(asciiDigits(p.text).replace(/\s+/g, '')));
  const documentNumberBlock = numberIndex >= 0 ? inside[numberIndex] : undefined;
  const issuerBlock = numberIndex > 0 ? inside.slice(0, numberIndex).filter((p) => /文件$|政府$|委员会$|办公室$|局$/.test(p.text)).at(-1) : undefined;
  const titleFound = findTitle(inside.filter((p) => p !== documentNumberBlock && p !== issuerBlock)) ?? findTitle(head.filter((p) => p.outside));
  let title: Located | undefined = titleFound ? located(titleFound.text, titleFound.used[0]?.place ?? {}) : undefined;
  if (!title && document.pageTitle) {
    const piece = document.pageTitle.split(/[_|｜\-—]+/).map((s) => s.trim()).find((s) => /报告|年报/.test(s));
    if (piece) title = located(piece, {});
  }
  const used = new Set<PublishedParagraph>([...(titleFound?.used ?? []), ...(documentNumberBlock ? [documentNumberBlock] : []), ...(issuerBlock ? [issuerBlock] : [])]);
  const afterTitle = titleFound ? inside.indexOf(titleFound.used.at(-1) as PublishedParagraph) + 1 : numberIndex + 1;
  const preambleBlocks = inside.slice(Math.max(0, afterTitle)).filter((p) => !used.has(p));
  let recipient: Located | undefined;
  const firstPreamble = preambleBlocks[0];
  if (firstPreamble && /[:：]$/.test(firstPreamble.text) && [...firstPreamble.text].length <= 40 && !/[。，]/.test(firstPreamble.text)) {
    recipient = located(firstPreamble.text.replace(/[:：]$/u, ''), firstPreamble.place);
    preambleBlocks.shift();
  }
  const preamble: NarrativeOut[] = preambleBlocks.map((p) => ({ kind: 'paragraph', text: p.text, place: p.place }));

  // ── Body: the six parts, their tables ──
  const parts: (PartOut | undefined)[] = PARTS.map(() => undefined);
  const tables: Partial<Record<TableId, TableOut>> = {};
  let current: PartOut | undefined;
  const yearGuess = yearOf(title?.text) ?? yearOfBody(blocks);
  const fallbackFormat: Format = defaultFormat(yearGuess ?? 2021);
  for (const block of body) {
    if (block.kind === 'table') {
      const id = classifyTable(block) ?? (current && current.number >= 2 && current.number <= 4 ? (['disclosure', 'application', 'review'] as const)[current.number - 2] : undefined);
      if (!id) {
        notes.push({ code: 'import-uncertain', message: `第${block.place.page ? `${block.place.page}页` : `${block.place.line ?? '?'}行`}的一个表格不是三张统计表中的任何一张，没有导入`, hint: '对照原文：表格里的内容若要保留，写成文字或 grid 表格' });
        continue;
      }
      if (tables[id]) {
        notes.push({ code: 'import-uncertain', message: `原文有两张${id === 'disclosure' ? '表二' : id === 'application' ? '表三' : '表四'}，只导入了第一张`, hint: '对照原文核对这张表' });
        continue;
      }
      tables[id] = readTable(id, block, fallbackFormat);
      continue;
    }
    const hit = partHeading(block);
    if (hit && (!current || hit.number > current.number) && !parts[hit.number - 1]) {
      current = { number: hit.number, heading: located(hit.title, block.place), blocks: [] };
      parts[hit.number - 1] = current;
      if (hit.rest) current.blocks.push({ kind: 'paragraph', text: hit.rest, place: block.place });
      continue;
    }
    const sub = subHeading(block.text);
    current?.blocks.push(sub ? { kind: 'heading', level: sub.level, text: sub.text, place: block.place } : { kind: 'paragraph', text: block.text, place: block.place });
  }

  // ── The end: 版记, 成文日期, 署名 (taken off the last part) ──
  const last = [...parts].reverse().find(Boolean);
  let signature: Located | undefined;
  let date: Located | undefined;
  let copyTo: Recognised['copyTo'];
  let printer: Located | undefined;
  let printDate: Located | undefined;
  const tail = last?.blocks ?? preamble;
  for (let guard = 0; guard < 4 && tail.length > 0; guard++) {
    const end = tail.at(-1) as NarrativeOut;
    const printed = PRINTED.exec(end.text);
    const copied = COPY_TO.exec(end.text);
    if (printed && !printer) {
      printer = located((printed[1] as string).trim(), end.place);
      printDate = located((printed[2] as string).replace(/\s+/g, ''), end.place);
      tail.pop();
    } else if (copied && !copyTo) {
      copyTo = { items: (copied[1] as string).split(/[，,、；;]\s*/u).map((s) => s.trim()).filter(Boolean), place: end.place };
      tail.pop();
    } else break;
  }
  const end = tail.at(-1);
  if (end && end.kind === 'paragraph') {
    const alone = readDate(end.text);
    const joined = alone ? undefined : SIGNED_DATE.exec(end.text);
    if (alone) {
      date = located(alone, end.place);
      tail.pop();
      const before = tail.at(-1);
      if (before && before.kind === 'paragraph' && [...before.text].length <= 30 && !/[。，；：:,]/.test(before.text)) {
        signature = located(before.text, before.place);
        tail.pop();
      }
    } else if (joined && !/[。，；：:,]/.test(joined[1] as string)) {
      signature = located((joined[1] as string).trim(), end.place);
      date = located(readDate(joined[2] as string) ?? (joined[2] as string), end.place);
      tail.pop();
    }
  }

  // ── 年度 and 机关 ──
  const year = yearGuess !== undefined ? located(String(yearGuess), title?.place ?? {}) : date ? located(String(Number(date.text.slice(0, 4)) - 1), date.place) : undefined;
  const fromTitle = title ? agencyOfTitle(title.text) : undefined;
  const agency = signature ? located(signature.text, signature.place) : fromTitle ? located(fromTitle, title?.place ?? {}) : issuerBlock ? located(issuerBlock.text.replace(/文件$/, ''), issuerBlock.place) : undefined;
  if (!year) notes.push({ code: 'import-uncertain', key: '年度', message: '原文的标题和正文里都找不到报告年度，导入时没有写年度', hint: '在“年度:”后写上报告的年份' });
  if (!agency) notes.push({ code: 'import-uncertain', key: '机关', message: '原文里找不到发布报告的机关（标题、署名都没有），导入时写为“××”', hint: '在“机关:”后写上机关全称' });

  return {
    ...(year ? { year } : {}),
    ...(agency ? { agency } : {}),
    ...(title ? { title } : {}),
    ...(issuerBlock ? { issuerMark: located(issuerBlock.text, issuerBlock.place) } : {}),
    ...(documentNumberBlock ? { documentNumber: located(asciiDigits(documentNumberBlock.text).replace(/\s+/g, ''), documentNumberBlock.place) } : {}),
    ...(recipient ? { recipient } : {}),
    ...(signature ? { signature } : {}),
    ...(date ? { date } : {}),
    ...(document.published ? { published: document.published } : {}),
    ...(copyTo ? { copyTo } : {}),
    ...(printer ? { printer } : {}),
    ...(printDate ? { printDate } : {}),
    tables,
    preamble,
    parts,
    notes,
  };
}

function yearOf(title: string | undefined): number | undefined {
  const match = /(\d{4})\s*年/u.exec(asciiDigits(title ?? ''));
  return match ? Number(match[1]) : undefined;
}

/** The statistical period the body states: 自2021年1月1日起至2021年12月31日止, 2021年1月1日至12月31日. */
function yearOfBody(blocks: readonly PublishedBlock[]): number | undefined {
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const match = /(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*至/u.exec(asciiDigits(block.text));
    if (match) return Number(match[1]);
  }
  return undefined;
}
