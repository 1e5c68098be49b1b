/**
 * Plain text as `pdftotext -layout` or a web page's text gives it: paragraphs broken into lines
 * (a new one after a blank line, an indented line, or a short line ending a sentence), form feeds
 * between pages, and table rows as lines whose cells are separated by a tab or two or more spaces.
 * Merged cells cannot be seen in text: a label printed on its own line is kept as a row of labels
 * only, and the recogniser matches the rows that carry values.
 */
import type { PublishedBlock, PublishedCell, PublishedDocument } from '../published.js';
import { isValueLike } from '../recognise/grid.js';
import { normaliseText } from '../text.js';

const CELL_BREAK = /\t+|[ \u00a0\u3000]{2,}/u;

/** Words only a statistical table prints: a line holding one is part of a table. */
const TABLE_WORDS = /第二十条|信息内容|申请人情况|自然人|商业企业|法人或其他组织|结果维持|结果纠正|尚未审结|本年新收|上年结转|结转下年度|不予公开|无法提供|不予处理|其他处理|予以公开|部分公开|行政复议|行政诉讼|勾稽关系/u;

function cellsOf(line: string): string[] {
  return line.trim().split(CELL_BREAK).map(normaliseText).filter((c) => c !== '');
}

/** A line of a table: cells ending in a value, or table words in cells. */
function isTableLine(line: string): boolean {
  const cells = cellsOf(line);
  if (cells.length === 0) return false;
  const last = cells.at(-1) as string;
  if (cells.length >= 2 && isValueLike(last) && cells.some((c) => !/[。，；]/.test(c))) return true;
  return TABLE_WORDS.test(line) && !/[。；]/.test(line) && [...line.trim()].length <= 80;
}

const SENTENCE_END = /[。！？：:；]$/u;
const INDENT = /^(?: {2,}|\u3000|\t)/u;

export function readText(file: string, text: string): PublishedDocument {
  const blocks: PublishedBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const width = Math.max(1, ...lines.map((l) => [...l.trim()].length));
  // The common left margin of the page (pdftotext -layout indents everything).
  const margin = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ ]*/.exec(l.replace(/\f/g, ''))?.[0].length ?? 0));
  let page = 1;
  const pages = text.includes('\f');
  let paragraph: { text: string; line: number; page: number; last: string } | undefined;
  // Lines of a laid-out page (pdftotext -layout) are broken at the measure; a web page's text
  // has one paragraph a line, some of them hundreds of characters long.
  const laidOut = width <= 100;
  let table: { rows: PublishedCell[][]; line: number; page: number } | undefined;
  const placeOf = (line: number, at: number) => (pages ? { page: at, line } : { line });
  const endParagraph = () => {
    if (paragraph && paragraph.text.trim() !== '') blocks.push({ kind: 'paragraph', text: normaliseText(paragraph.text), place: placeOf(paragraph.line, paragraph.page) });
    paragraph = undefined;
  };
  const endTable = () => {
    // Two lines with cells at least, or it is a paragraph line that happened to end in a number.
    if (table && table.rows.filter((r) => r.length >= 2).length >= 2) blocks.push({ kind: 'table', rows: table.rows, place: placeOf(table.line, table.page) });
    else if (table) for (const row of table.rows) blocks.push({ kind: 'paragraph', text: row.map((c) => c.text).join(' '), place: row[0]?.place ?? {} });
    table = undefined;
  };
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    let line = raw;
    while (line.includes('\f')) {
      page++;
      line = line.replace('\f', '');
    }
    line = line.slice(Math.min(margin, /^[ ]*/.exec(line)?.[0].length ?? 0));
    if (line.trim() === '') {
      endParagraph();
      return;
    }
    if (isTableLine(line)) {
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
  return { file, kind: 'text', blocks };
}
