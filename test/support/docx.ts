/** Reading a .docx back as Word would: its parts (JSZip, an unzipper other than nianbao's), paragraphs in order. */
import JSZip from 'jszip';
import { compose } from '../../src/document/compose.js';
import type { Document } from '../../src/document/types.js';
import { headingText, textOf } from '../../src/document/types.js';
import { docxOfBuild, type DocxBuildOptions } from '../../src/docx/build.js';
import { built } from './build.js';

export interface DocxParts {
  readonly bytes: Buffer;
  readonly files: readonly string[];
  readonly text: (path: string) => Promise<string>;
  readonly binary: (path: string) => Promise<Uint8Array>;
}

export async function openDocx(bytes: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`no part ${path}`);
    return file;
  };
  return {
    bytes,
    files: Object.keys(zip.files),
    text: (path) => part(path).async('string'),
    binary: (path) => part(path).async('uint8array'),
  };
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

export interface WordParagraphRead {
  readonly style: string | undefined;
  /** Its text: w:t, a w:br as \n, a w:tab as \t. */
  readonly text: string;
  readonly xml: string;
}

/** Every paragraph of a part in document order (those in table cells included). */
export function paragraphs(xml: string): WordParagraphRead[] {
  const found: WordParagraphRead[] = [];
  for (const match of xml.matchAll(/<w:p(?: [^>]*)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = match[1] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1];
    let text = '';
    for (const piece of body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)) {
      if (piece[0] === '<w:br/>') text += '\n';
      else if (piece[0] === '<w:tab/>') text += '\t';
      else text += unescape(piece[1] ?? '');
    }
    found.push({ style, text, xml: match[0] });
  }
  return found;
}

/** What the tree says, one entry per paragraph the DOCX must hold, in reading order (a table's cells row by row). */
export function treeTexts(document: Document): string[] {
  const texts: string[] = [];
  const header = document.redHeader;
  if (header) {
    texts.push(header.issuerMark.text);
    const signers = header.signers.length > 0 ? `\t签发人：${header.signers.map((s) => s.text).join('　')}` : '';
    texts.push((header.documentNumber?.text ?? '') + signers);
  }
  texts.push(document.title.map((line) => line.text).join('\n'));
  if (document.recipient) texts.push(document.recipient.text);
  for (const block of document.body) {
    if (block.kind === 'heading') texts.push(headingText(block));
    else if (block.kind === 'paragraph') texts.push(textOf(block.runs));
    else for (const row of block.rows) for (const cell of row) texts.push(cell.text);
  }
  if (document.signature?.signature) texts.push(document.signature.signature.text);
  if (document.signature?.date) texts.push(document.signature.date.text);
  if (document.colophon?.copyTo) texts.push(document.colophon.copyTo.text);
  if (document.colophon?.printLine) texts.push(`${document.colophon.printLine.printer.text}\t${document.colophon.printLine.printDate.text}`);
  return texts;
}

export const EXAMPLES = ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021'] as const;

const cache = new Map<string, Promise<{ docx: Buffer; document: Document; pdf: Buffer }>>();

/** An example's DOCX (built once per run with the shipped fonts, errors forced through) and its tree. */
export function exampleDocx(name: string, options: DocxBuildOptions = {}): Promise<{ docx: Buffer; document: Document; pdf: Buffer }> {
  const key = `${name}\n${JSON.stringify(options)}`;
  let result = cache.get(key);
  if (!result) {
    result = built(`examples/${name}.md`).then(async (build) => {
      if (!build.report || build.markdown === undefined || !build.pdf) throw new Error(`${name}: not built`);
      const docx = await docxOfBuild(build, options);
      if (!docx) throw new Error(`${name}: no docx`);
      return { docx, document: compose(build.report, build.markdown), pdf: build.pdf };
    });
    cache.set(key, result);
  }
  return result;
}
