/**
 * Which reader a published file needs, by its content; and whether `check`/`build` should
 * import a file at all. Kept apart from the readers so that checking sources loads none of them.
 */
import path from 'node:path';
import type { PublishedKind } from './published.js';

const startsWith = (bytes: Uint8Array, text: string) => [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));

/** Whether the bytes hold `needle` (ASCII) anywhere: a zip's file names are stored as is. */
export function holds(bytes: Uint8Array, needle: string): boolean {
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
  const kind = publishedKind(bytes);
  // A source saved as .txt is still a source: it opens with its front matter.
  if (kind === 'text' && /^\uFEFF?---\r?\n/.test(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16)).toString('utf8'))) return false;
  if (PUBLISHED_EXTENSIONS.has(extension)) return true;
  return kind === 'pdf' || kind === 'docx' || (kind === 'html' && !/^\uFEFF?---/.test(decodePublished(bytes).slice(0, 8)));
}

