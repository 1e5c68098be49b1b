/**
 * Importing a published report: pick the reader by the file's content (PDF, DOCX, HTML, plain
 * text), read it into a PublishedDocument, recognise it and write a nianbao source. Pure apart
 * from the readers' own parsing: the same bytes give the same source, byte for byte.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { DocxError, readDocx } from './docx/read.js';
import { readHtml } from './html/read.js';
import { readPdf } from './pdf-reader.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { decodePublished, holds, publishedKind } from './detect.js';
import type { OriginalPlace, PublishedDocument } from './published.js';
import { recognise } from './recognise/document.js';
import { writeSource } from './recognise/write.js';
import { readText } from './text/read.js';

export interface ImportResult {
  /** The nianbao source text. */
  readonly source: string;
  /** import-uncertain etc., positioned in `source`. */
  readonly diagnostics: readonly Diagnostic[];
  /** What the reader saw. */
  readonly document: PublishedDocument;
  /**
   * For a line of `source` (1-based), where it came from in the original, said for a clerk; with
   * a column, the value of a table row that the column falls in.
   */
  readonly origin: (line: number, column?: number) => (OriginalPlace & { readonly where: string }) | undefined;
}

/** A file that cannot be imported (not a report, a scan, a broken DOCX), said in Chinese with a hint. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

async function read(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  const kind = publishedKind(bytes);
  if (kind === 'pdf') {
    try {
      return await readPdf(file, bytes);
    } catch (error) {
      // The PDF reader says what it cannot read (a scan, a password, a broken file) with a hint.
      if (error instanceof UsageError) throw new ImportError(error.message, error.hint);
      throw error;
    }
  }
  if (kind === 'docx') {
    if (!holds(bytes, 'word/document.xml')) throw new ImportError(`“${file}”是一个压缩包，但不是 Word 文档（没有 word/document.xml）`, '导入的文件应是 PDF、Word（.docx）、网页（.html）或文本');
    try {
      return await readDocx(file, bytes);
    } catch (error) {
      if (error instanceof DocxError) throw new ImportError(`“${file}”${error.message}`, '用 Word 或 WPS 打开后另存为 .docx 再试');
      throw error;
    }
  }
  const text = decodePublished(bytes);
  return kind === 'html' ? readHtml(file, text) : readText(file, text);
}

export async function importFile(file: string, bytes: Uint8Array): Promise<ImportResult> {
  const document = await read(file, bytes);
  const hasText = document.blocks.some((b) => (b.kind === 'paragraph' ? b.text !== '' : b.rows.length > 0));
  if (!hasText) throw new ImportError(`“${file}”里没有读出任何文字`, '文件若是扫描件或图片，需要先做文字识别（OCR）');
  const found = recognise(document);
  const written = writeSource(document, found, path.basename(file));
  return { source: written.source, diagnostics: written.diagnostics, document, origin: written.origin };
}
