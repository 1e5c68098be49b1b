/**
 * A Word document (DOCX) as a published document: mammoth turns it into HTML (keeping merged
 * cells: gridSpan as colspan, vMerge as rowspan) and the HTML reader reads that. Word's paragraph
 * alignment, which mammoth drops, is carried over as a class the HTML reader understands, so that
 * a centred title and a right-set 署名 are seen as such.
 */
import mammoth from 'mammoth';
import type { PublishedDocument } from '../published.js';
import { readHtml } from '../html/read.js';

/** Why a DOCX could not be read, in Chinese. */
export class DocxError extends Error {}

interface MammothParagraph {
  type: string;
  alignment?: string;
  styleName?: string | null;
  children?: MammothParagraph[];
}

const STYLE_MAP = ["p[style-name='nianbao-center'] => p.center:fresh", "p[style-name='nianbao-right'] => p.right:fresh"];

/** Paragraphs without a heading style get a style named after their alignment. */
function markAlignment(element: MammothParagraph): MammothParagraph {
  if (element.type === 'paragraph' && !/heading|title|标题/i.test(element.styleName ?? '')) {
    if (element.alignment === 'center') return { ...element, styleName: 'nianbao-center' };
    if (element.alignment === 'right') return { ...element, styleName: 'nianbao-right' };
  }
  if (element.children) return { ...element, children: element.children.map(markAlignment) };
  return element;
}

export async function readDocx(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP, externalFileAccess: false, transformDocument: markAlignment as (element: unknown) => unknown },
    );
    html = result.value;
  } catch (error) {
    throw new DocxError(`无法读取为 Word 文档（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）`);
  }
  const read = readHtml(file, `<!DOCTYPE html><html><body>${html}</body></html>`, 'docx');
  // Lines of mammoth's HTML mean nothing to a clerk: a DOCX place is its table and row only.
  const blocks = read.blocks.map((block) =>
    block.kind === 'table'
      ? { ...block, place: {}, rows: block.rows.map((row) => row.map((cell) => ({ ...cell, place: {} }))) }
      : { ...block, place: {} },
  );
  return { ...read, blocks };
}
