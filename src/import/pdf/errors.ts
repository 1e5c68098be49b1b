/** A PDF the reader cannot read: said in Chinese with a hint, never a stack trace (exit code 2). */
import { UsageError } from '../../diagnostics/usage-error.js';

export class PdfReadError extends UsageError {
  constructor(
    readonly file: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

/** A scan: pages drawn as pictures, no text to read. */
export const scanned = (file: string, pages: number) =>
  new PdfReadError(
    file,
    `“${file}”没有文字层（${pages === 1 ? '唯一的一页只有图片' : `${pages} 页都只有图片`}，像是扫描件）：读不出其中的文字和表格`,
    '先用 OCR 软件给 PDF 加上文字层（如 ocrmypdf -l chi_sim、WPS 或 Acrobat 的“文字识别”），再导入；也可以导入同一报告的网页版或 Word 版',
  );

/** No text and no pictures either: nothing printed. */
export const empty = (file: string) =>
  new PdfReadError(file, `“${file}”里没有任何文字`, '确认这是年度报告的 PDF；若是扫描件，先用 OCR 软件加上文字层再导入');

export const encrypted = (file: string) =>
  new PdfReadError(
    file,
    `“${file}”有打开密码，无法读取`,
    '用 PDF 阅读器输入密码打开后“另存为”或“打印为 PDF”得到不加密的副本，再导入',
  );

export const broken = (file: string, reason: string) =>
  new PdfReadError(
    file,
    `“${file}”不是可以读取的 PDF（${reason}）`,
    '文件可能不完整或已损坏：重新下载原文件；若它其实是网页或 Word 文件，把扩展名改对后再导入',
  );
