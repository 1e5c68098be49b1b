/**
 * Importing a published report: pick the reader by the file's content (PDF, DOCX, HTML, plain
 * text), read it into a PublishedDocument, recognise it and write a nianbao source. Pure apart
 * from the readers' own parsing: the same bytes give the same source, byte for byte.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { DocxError, readDocx } from './docx/read.js';
import { readHtml } from './html/read.js';
import { PdfUnavailable, readPdf } from './pdf-reader.js';
import type { OriginalPlace, PublishedDocument, PublishedKind } from './published.js';
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

const startsWith = (bytes: Uint8Array, text: string) => [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));

/** Whether the bytes hold `needle` (ASCII) anywhere: a zip's file names are stored as is. */
function holds(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/** Text of an HTML page or a text file: UTF-8 (a BOM dropped), else GB 18030 (what GBK pages are). */
export function decodePublished(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
  const declared = /charset\s*=\s*["']?\s*(gb2312|gbk|gb18030)/i.test(head);
  if (!declared) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // not UTF-8: a Chinese page without a declaration is GBK
    }
  }
  return new TextDecoder('gb18030').decode(bytes);
}

const HTML = /<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]/i;

/** The kind of published file the bytes are, by their content. */
export function publishedKind(bytes: Uint8Array): PublishedKind {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (/^\s*%PDF-/.test(start)) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) return 'docx';
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 65536)).toString('utf8');
  return HTML.test(text) ? 'html' : 'text';
}

const PUBLISHED_EXTENSIONS = new Set(['.pdf', '.docx', '.html', '.htm', '.txt', '.shtml', '.xhtml']);

/**
 * Whether `check` and `build` should import the file rather than read it as a source: a PDF, DOCX
 * or HTML by content, or a published file by its extension; a `.md` never.
 */
export function isPublishedFile(file: string, bytes: Uint8Array): boolean {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.md' || extension === '.markdown') return false;
  if (PUBLISHED_EXTENSIONS.has(extension)) return true;
  const kind = publishedKind(bytes);
  return kind === 'pdf' || kind === 'docx' || (kind === 'html' && !/^\uFEFF?---/.test(decodePublished(bytes).slice(0, 8)));
}

async function read(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  const kind = publishedKind(bytes);
  if (kind === 'pdf') {
    try {
      return await readPdf(file, bytes);
    } catch (error) {
      if (error instanceof PdfUnavailable) throw new ImportError(error.message, '先把 PDF 另存为网页或 Word 文档再导入，或用 pdftotext -layout 转成文本');
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
