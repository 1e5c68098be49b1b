/**
 * The web-publication form: a standalone HTML page rendered from the document tree, as the PDF
 * is, with the same table merges, Chinese typography in CSS, a print stylesheet and accessible
 * tables. Pure: no requests leave the page (no external fonts, scripts or images; raw HTML in
 * the narrative is text in the tree, escaped here).
 */
import { type Block, type Document, type FontRole, HEADING_FACE, PRODUCER, type Run } from '../document/types.js';
import type { Grid } from '../markdown/grid.js';
import { emWidth } from '../text/title.js';
import { RESPONSIVE_CSS, scrollingTable } from './responsive.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `
:root { --red: rgb(255, 51, 51); }
html { background: #eee; }
body { margin: 0; }
.gongwen { box-sizing: border-box; max-width: 210mm; margin: 2em auto; padding: 37mm 26mm 35mm 28mm; background: #fff; color: #000;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "FandolFang", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
  font-size: 16pt; line-height: 28.95pt; }
.gongwen p { margin: 0; text-indent: 2em; text-align: justify; }
.gongwen p.verbatim { text-indent: 0; text-align: left; white-space: pre-wrap; }
.gongwen .issuer { margin: 35mm 0 0; text-align: center; text-indent: 0; color: var(--red); font-size: 30pt; line-height: 1.2; font-weight: bold;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STSong", "Songti SC", "SimSun", serif; }
.gongwen .doc-number { margin-top: 57.9pt; text-align: center; text-indent: 0; }
.gongwen .signers { text-align: right; text-indent: 0; padding-right: 1em; }
.red-rule { border: 0; border-top: 1px solid var(--red); margin: 4mm 0 0; }
h1.title { margin: 57.9pt 0 28.95pt; text-align: center; font-weight: bold; word-break: keep-all; font-size: 22pt; line-height: 28.95pt;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STSong", "Songti SC", "SimSun", serif; }
.gongwen .recipient { text-indent: 0; }
.gongwen > h1.title:first-child { margin-top: 0; }
h2, h3, h4, h5 { margin: 0; font-size: 1em; font-weight: normal; text-indent: 2em; }
h2 { font-family: "黑体", "SimHei", "Heiti SC", "FandolHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "FandolKai", serif; }
table.stat { width: 100%; border-collapse: collapse; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.35; }
table.stat th, table.stat td { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle; font-weight: normal; }
table.stat .left { text-align: left; }
table.stat caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.signature { margin-top: 28.95pt; text-align: right; padding-right: 2em; }
.gongwen .signature p { text-indent: 0; text-align: right; }
.banji { margin-top: 57.9pt; font-size: 14pt; border-top: 1px solid #000; border-bottom: 1px solid #000; }
.gongwen .banji p { text-indent: 0; padding: 0 1em; }
.banji .printer { display: flex; justify-content: space-between; border-top: 0.7px solid #000; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  html { background: none; }
  .gongwen { margin: 0; padding: 0; max-width: none; }
  .gongwen .issuer { margin-top: 35mm; }
  table.stat { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
}`;

/** A grid as an HTML table: header rows in <thead> with column scopes, row labels as row headers. */
export function gridHtml(grid: Grid): string {
  const rows = grid.rows.map((row, r) => {
    const inHead = r < grid.headerRows;
    const cells = row.map((cell) => {
      const attrs: string[] = [];
      if (cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
      if (cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
      if (cell.align !== 'center') attrs.push(`class="${cell.align}"`);
      if (cell.header) {
        const scope = inHead || cell.colSpan > 1 ? (cell.colSpan > 1 ? 'colgroup' : 'col') : cell.rowSpan > 1 ? 'rowgroup' : 'row';
        attrs.unshift(`scope="${scope}"`);
        return `<th ${attrs.join(' ')}>${escapeHtml(cell.text)}</th>`;
      }
      return `<td${attrs.length ? ` ${attrs.join(' ')}` : ''}>${escapeHtml(cell.text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  // Column widths as in the PDF, in per cent of the fixed ones' sum ('*' shares the rest).
  const fixed = grid.widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const cols = grid.widths.every((w) => w !== '*') && fixed > 0
    ? `<colgroup>${grid.widths.map((w) => `<col style="width:${((Number(w) / fixed) * 100).toFixed(2)}%">`).join('')}</colgroup>`
    : '';
  const head = grid.headerRows > 0 ? `<thead>${rows.slice(0, grid.headerRows).join('')}</thead>` : '';
  const caption = grid.caption ? `<caption>${escapeHtml(grid.caption)}</caption>` : '';
  const table = `<table class="stat">${caption}${cols}${head}<tbody>${rows.slice(grid.headerRows).join('')}</tbody></table>`;
  return scrollingTable(table, grid.caption ? escapeHtml(grid.caption) : undefined);
}

/** Runs as HTML in a block set in `face`: 黑体 runs are <strong>, 楷体 runs <em>, hard breaks <br>. */
function runsHtml(runs: readonly Run[], face: FontRole): string {
  return runs
    .map((run) => {
      const text = escapeHtml(run.text).replace(/\n/g, '<br>');
      if (run.role === face) return text;
      if (run.role === '一级标题') return `<strong>${text}</strong>`;
      if (run.role === '二级标题') return `<em>${text}</em>`;
      return `<span class="body-face">${text}</span>`;
    })
    .join('');
}


/** One block of the tree as HTML: part headings h2, sub-levels h3–h5 numbered as in the PDF. */
function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${block.level + 1}`;
      return `<${tag}>${escapeHtml(block.number)}${runsHtml(block.runs, HEADING_FACE[block.level])}</${tag}>`;
    }
    case 'paragraph':
      return block.verbatim ? `<p class="verbatim">${runsHtml(block.runs, '正文')}</p>` : `<p>${runsHtml(block.runs, '正文')}</p>`;
    case 'table':
      return gridHtml(block);
  }
}

/** The body's blocks (paragraphs, headings, tables) as HTML, in order. */
export function bodyHtml(body: readonly Block[]): string {
  return body.map(blockHtml).join('\n');
}

export interface PageOptions {
  /** Extra markup at the end of <body> (the live-reload script of `watch --serve`). */
  readonly tail?: string;
}

export function reportHtml(doc: Document, options: PageOptions = {}): string {
  const parts: string[] = ['<article class="gongwen">'];
  const header = doc.redHeader;
  if (header) {
    const mark = header.issuerMark.text;
    parts.push('<header class="bantou">');
    // Its width in characters: on a phone the mark is sized to fit one line (html/responsive.ts).
    parts.push(`<p class="issuer" style="--issuer-em: ${emWidth(mark).toFixed(2)}">${escapeHtml(mark)}</p>`);
    if (header.documentNumber) parts.push(`<p class="doc-number">${escapeHtml(header.documentNumber.text)}</p>`);
    if (header.signers.length > 0) parts.push(`<p class="signers">签发人：${header.signers.map((run) => escapeHtml(run.text)).join('　')}</p>`);
    parts.push('<hr class="red-rule">', '</header>');
  }
  // The same balanced lines as the PDF (never broken inside a word or a year).
  parts.push(`<h1 class="title">${doc.title.map((line) => escapeHtml(line.text)).join('<br>')}</h1>`);
  if (doc.recipient) parts.push(`<p class="recipient">${escapeHtml(doc.recipient.text)}</p>`);
  const body = doc.body.map(blockHtml);
  const signature = doc.signature?.signature?.text;
  const date = doc.signature?.date?.text;
  if (signature || date) {
    // As in the PDF, the 署名 never stands on a page without body text: the last paragraph and
    // the 署名 and 成文日期 are one block that printing does not break (html/responsive.ts).
    const last = body[body.length - 1]?.startsWith('<p>') ? body.pop() : undefined;
    parts.push(...body, '<div class="closing">', ...(last ? [last] : []), '<div class="signature">');
    if (signature) parts.push(`<p>${escapeHtml(signature)}</p>`);
    if (date) parts.push(`<p>${escapeHtml(date)}</p>`);
    parts.push('</div>', '</div>');
  } else {
    parts.push(...body);
  }
  const colophon = doc.colophon;
  if (colophon) {
    parts.push('<footer class="banji">');
    if (colophon.copyTo) parts.push(`<p>${escapeHtml(colophon.copyTo.text)}</p>`);
    if (colophon.printLine) {
      const { printer, printDate } = colophon.printLine;
      parts.push(`<p class="printer"><span>${escapeHtml(printer.text)}</span><span>${escapeHtml(printDate.text)}</span></p>`);
    }
    parts.push('</footer>');
  }
  parts.push('</article>');
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The maker's mark: a later build replaces this page, never a published one of the same name.
    `<meta name="generator" content="${PRODUCER}">`,
    `<title>${escapeHtml(doc.info.title)}</title>`,
    `<meta name="author" content="${escapeHtml(doc.info.author)}">`,
    `<style>${CSS}${RESPONSIVE_CSS}</style>`,
    '</head>',
    '<body>',
    ...parts,
    options.tail ?? '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
