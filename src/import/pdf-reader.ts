/**
 * The seam to the PDF reader (src/import/pdf/, built beside this importer on h/imp-pdf). When it
 * is merged, this module becomes the one line `export { readPdf } from './pdf/index.js';` — its
 * errors (a scan, an encrypted or broken file) are UsageErrors with a message and a hint, as this
 * stand-in's is, and importFile turns either into an ImportError.
 */
import { UsageError } from '../diagnostics/usage-error.js';
import type { PublishedDocument } from './published.js';

export async function readPdf(file: string, bytes: Uint8Array): Promise<PublishedDocument> {
  void bytes;
  throw new UsageError(
    `“${file}”是 PDF：这个版本的 nianbao 还没有 PDF 读取模块（src/import/pdf），不能导入 PDF`,
    '先把报告的网页版或 Word 版导入，或用 pdftotext -layout 转成文本再导入',
  );
}
