/**
 * The seam to the PDF reader (src/import/pdf/, built beside this importer). When it is merged,
 * this module becomes the one line `export { readPdf } from './pdf/index.js';`.
 */
import type { PublishedDocument } from './published.js';

/** A PDF that cannot be imported, said in Chinese (a scan without a text layer, …). */
export class PdfUnavailable extends Error {}

export async function readPdf(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  void bytes;
  throw new PdfUnavailable(`“${file}”是 PDF：这个版本的 nianbao 还没有 PDF 读取模块（src/import/pdf），不能导入 PDF`);
}
