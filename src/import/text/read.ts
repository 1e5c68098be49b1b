/**
 * Plain text as `pdftotext -layout` or a web page's text gives it: paragraphs broken into lines
 * (a new one after a blank line, an indented line, or a short line ending a sentence), form feeds
 * between pages, and table rows as lines whose cells are separated by a tab or two or more spaces.
 * Merged cells cannot be seen in text: a label printed on its own line is kept as a row of labels
 * only, and the recogniser matches the rows that carry values.
 */
import type { PublishedBlock, PublishedCell, PublishedDocument } from '../published.js';
import { isPartHeading } from '../recognise/document.js';
import { isValueLike } from '../recognise/grid.js';
import { normaliseText } from '../text.js';

const CELL_BREAK = /\t+|[ \u00a0\u3000]{2,}/u;

/** Words only a statistical table prints: a line holding one is part of a table. */
const TABLE_WORDS = /第二十条|信息内容|申请人情况|自然人|商业企业|法人或其他组织|结果维持|结果纠正|尚未审结|本年新收|上年结转|结转下年度|不予公开|无法提供|不予处理|其他处理|予以公开|部分公开|行政复议|行政诉讼|勾稽关系/u;

/** A line's cells; a cell of numbers one space apart (`0 0`) is that many cells, never one number. */
function cellsOf(line: string): string[] {
  return line
    .trim()
    .split(CELL_BREAK)
    .flatMap((cell) => (/^[\d/.,]+(?: [\d/.,]+)+$/.test(cell.trim()) ? cell.trim().split(' ') : [cell]))
    .map(normaliseText)
    .filter((c) => c !== '');
}


/** A page number line of a printed page (— 2 —, -3-, 第 4 页), left out of the text. */
const PAGE_NUMBER = /^\s*(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$/u;

/** A line of a table: cells ending in a value, or table words in cells. */
function isTableLine(line: string, inTable: boolean): boolean {
  const cells = cellsOf(line);
  if (cells.length === 0) return false;
  const last = cells.at(-1) as string;
  if (cells.length >= 2 && isValueLike(last) && cells.some((c) => !/[。，；]/.test(c))) return true;
  // A part heading (四、政府信息公开行政复议、行政诉讼情况) ends the table above it.
  if (isPartHeading(normaliseText(line))) return false;
  if (TABLE_WORDS.test(line) && !/[。；]/.test(line) && [...line.trim()].length <= 80) return true;
  // Inside a table, the pieces of a label broken over lines (商业 / 企业, 本年度 / 办理).
  return inTable && cells.every((c) => [...c].length <= 24 && !/[。；]/.test(c));
}

/**
 * A row of values only, below a row of labels only: one row whose label the print broke off
 * (（二）部分公开（区分处理的，只计这一 / 0 0 0 …).
 */
function joinBrokenRows(rows: PublishedCell[][]): PublishedCell[][] {
  const out: PublishedCell[][] = [];
  for (const row of rows) {
    const previous = out.at(-1);
    const valuesOnly = row.length > 0 && row.every((c) => isValueLike(c.text));
    const labelsOnly = (r: PublishedCell[]) => r.length > 0 && !isValueLike((r.at(-1) as PublishedCell).text);
    if (valuesOnly && previous && labelsOnly(previous)) out[out.length - 1] = [...previous, ...row];
    else out.push(row);
  }
  return out;
}

/** 发布时间：2024-01-20 (a web page's text keeps the line under the title). */
const PUBLISHED = /^\s*(?:发布时间|发布日期)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/u;

const SENTENCE_END = /[。！？：:；]$/u;
const INDENT = /^(?: {2,}|\u3000|\t)/u;

export function readText(file: string, text: string): PublishedDocument {
  const blocks: PublishedBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // The measure of the text: its longest line that is not a table row (those are padded wide).
  const width = Math.max(1, ...lines.filter((l) => !CELL_BREAK.test(l.trim())).map((l) => [...l.trim()].length));
  // The common left margin of the page (pdftotext -layout indents everything).
  const margin = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ ]*/.exec(l.replace(/\f/g, ''))?.[0].length ?? 0));
  let page = 1;
  const pages = text.includes('\f');
  let paragraph: { text: string; line: number; page: number; last: string } | undefined;
  // Lines of a laid-out page (pdftotext -layout) are broken at the measure; a web page's text
  // has one paragraph a line, some of them hundreds of characters long.
  const body = lines.filter((l) => l.trim() !== '' && !CELL_BREAK.test(l.trim()));
  const full = body.filter((l) => [...l.trim()].length >= width * 0.85).length;
  const laidOut = width <= 100 && full >= Math.max(3, body.length * 0.3);
  let table: { rows: PublishedCell[][]; line: number; page: number } | undefined;
  const placeOf = (line: number, at: number) => (pages ? { page: at, line } : { line });
  const endParagraph = () => {
    if (paragraph && paragraph.text.trim() !== '') blocks.push({ kind: 'paragraph', text: normaliseText(paragraph.text), place: placeOf(paragraph.line, paragraph.page) });
    paragraph = undefined;
  };
  const endTable = () => {
    // Two lines with cells at least, or it is a paragraph line that happened to end in a number.
    if (table && table.rows.filter((r) => r.length >= 2).length >= 2) blocks.push({ kind: 'table', rows: joinBrokenRows(table.rows), place: placeOf(table.line, table.page) });
    else if (table) for (const row of table.rows) blocks.push({ kind: 'paragraph', text: row.map((c) => c.text).join(' '), place: row[0]?.place ?? {} });
    table = undefined;
  };
  let published: string | undefined;
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    // A web page's 发布时间 line near the top is the page's, not the report's text.
    const date = index < 12 && !published ? PUBLISHED.exec(raw) : null;
    if (date) {
      published = (date[1] as string).replace(/\s/g, '');
      return;
    }
    let line = raw;
    while (line.includes('\f')) {
      page++;
      line = line.replace('\f', '');
    }
    line = line.slice(Math.min(margin, /^[ ]*/.exec(line)?.[0].length ?? 0));
    if (PAGE_NUMBER.test(line)) return;
    if (line.trim() === '') {
      endParagraph();
      return;
    }
    if (isTableLine(line, table !== undefined)) {
      endParagraph();
      table ??= { rows: [], line: lineNumber, page };
      table.rows.push(cellsOf(line).map((text) => ({ text, rowSpan: 1, colSpan: 1, place: placeOf(lineNumber, page) })));
      return;
    }
    endTable();
    const startsNew = !paragraph || !laidOut || INDENT.test(line) || (SENTENCE_END.test(paragraph.text.trim()) && [...paragraph.last].length < width * 0.9);
    if (startsNew || !paragraph) {
      endParagraph();
      paragraph = { text: line.trim(), line: lineNumber, page, last: line.trim() };
    } else {
      paragraph.text += line.trim();
      paragraph.last = line.trim();
    }
  });
  endParagraph();
  endTable();
  return { file, kind: 'text', blocks, ...(published ? { published } : {}) };
}
