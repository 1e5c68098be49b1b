/**
 * The PDF reader: a published report's PDF (with a text layer) → PublishedDocument. Tables come
 * from the drawn rules and the text inside them; the rest of the text becomes paragraphs; page
 * numbers are dropped; a table crossing pages comes out as one table. A scan, an encrypted or a
 * broken file is a PdfReadError (Chinese, with a hint).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PublishedBlock, PublishedCell, PublishedDocument } from '../published.js';
import { cleanText, oneSpace } from './chars.js';
import { broken, empty, encrypted, PdfReadError, scanned } from './errors.js';
import { pageTables, type TablePiece } from './grid.js';
import { append, continues, fromPiece, type JoinedTable } from './join.js';
import { readPage, type PageContent } from './page.js';
import { type Pdfjs, pdfjs } from './pdfjs.js';
import { dropFurniture, pageLines, ParagraphBuilder, type TextLine, textColumn } from './text.js';

export { PdfReadError } from './errors.js';

/** pdfjs's own data (CMaps for CJK fonts without a ToUnicode table), where it is installed. */
function pdfjsData(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: `${path.join(root, 'cmaps')}/`, standardFontDataUrl: `${path.join(root, 'standard_fonts')}/` };
  } catch {
    return {};
  }
}

async function open({ getDocument, VerbosityLevel }: Pdfjs, file: string, bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      // pdfjs takes the buffer over: give it a copy so the caller's bytes stay usable.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: VerbosityLevel.ERRORS,
      cMapPacked: true,
      ...pdfjsData(),
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw encrypted(file);
    if (name === 'InvalidPDFException') throw broken(file, '找不到 PDF 的结构，文件不完整或不是 PDF');
    throw broken(file, '无法解析其内容');
  }
}

/** A part of a page in reading order: a table piece or a line of text. */
type Piece = { readonly top: number; readonly table: TablePiece } | { readonly top: number; readonly line: TextLine };

const visibleChars = (lines: readonly TextLine[]) => lines.reduce((n, l) => n + l.text.replace(/\s/gu, '').length, 0);

export async function readPdf(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  const library = await pdfjs();
  const document = await open(library, file, bytes);
  try {
    const pages: PageContent[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      try {
        pages.push(await readPage(library.OPS, await document.getPage(n)));
      } catch (error) {
        if (error instanceof PdfReadError) throw error;
        throw broken(file, `第 ${n} 页无法解析`);
      }
    }
    const laidOut = pages.map((page) => {
      const runs = page.runs.map((run) => ({ ...run, text: cleanText(run.text) })).filter((run) => run.text.trim() !== '');
      const { tables, rest } = pageTables(page.number, page.rules, runs);
      return { page, tables, lines: pageLines(page.number, rest) };
    });
    const lines = dropFurniture(laidOut.map((p) => ({ height: p.page.height, lines: p.lines })));
    const chars = lines.reduce((n, l) => n + visibleChars(l), 0) + laidOut.reduce((n, p) => n + p.tables.reduce((m, t) => m + t.cells.reduce((k, c) => k + c.text.length, 0), 0), 0);
    if (chars === 0) throw pages.some((p) => p.images > 0) ? scanned(file, pages.length) : empty(file);
    // A few characters over pictures (a stamp, a page number added later) still make a scan.
    if (chars < 20 * pages.length && pages.filter((p) => p.images > 0).length * 2 >= pages.length) throw scanned(file, pages.length);

    const column = textColumn(lines.flat(), pages[0]?.width ?? 595);
    const builder = new ParagraphBuilder(column);
    const blocks: (PublishedBlock | JoinedTable)[] = [];
    let open: JoinedTable | undefined;
    laidOut.forEach((p, i) => {
      const ordered: Piece[] = [
        ...p.tables.map((table) => ({ top: table.top, table })),
        ...(lines[i] ?? []).map((line) => ({ top: line.baseline - line.size * 0.8, line })),
      ].sort((a, b) => a.top - b.top);
      ordered.forEach((piece, k) => {
        if ('line' in piece) {
          open = undefined;
          builder.add(piece.line);
          return;
        }
        builder.end();
        if (open && k === 0 && continues(open, piece.table)) {
          append(open, piece.table);
        } else {
          open = fromPiece(piece.table);
          flushInto(blocks, builder);
          blocks.push(open);
        }
      });
      // A table continues on the next page only from the foot of this one.
      if (ordered.at(-1) && 'line' in (ordered.at(-1) as Piece)) open = undefined;
      flushInto(blocks, builder);
    });
    builder.end();
    flushInto(blocks, builder);
    return { file, kind: 'pdf', blocks: blocks.map((b) => ('kind' in b ? b : published(b))) };
  } finally {
    await document.destroy();
  }
}

/** Paragraphs finished so far go into the blocks in order (the one being built may go on overleaf). */
function flushInto(blocks: (PublishedBlock | JoinedTable)[], builder: ParagraphBuilder): void {
  for (const paragraph of builder.paragraphs.splice(0)) {
    blocks.push({
      kind: 'paragraph',
      text: paragraph.text,
      ...(paragraph.centred ? { centred: true } : {}),
      ...(paragraph.right ? { right: true } : {}),
      size: paragraph.size,
      ...(paragraph.bold ? { bold: true } : {}),
      place: { page: paragraph.page, x: round(paragraph.x), y: round(paragraph.y) },
    });
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

function published(table: JoinedTable): PublishedBlock {
  const rows: PublishedCell[][] = Array.from({ length: table.rows }, () => []);
  for (const cell of [...table.cells].sort((p, q) => p.row - q.row || p.col - q.col)) {
    rows[cell.row]?.push({
      text: oneSpace(cell.text),
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
      place: { page: cell.page, x: round(cell.x), y: round(cell.y) },
    });
  }
  return { kind: 'table', rows, place: { page: table.page, x: round(table.left), y: round(table.top) } };
}
