/** How a report's metadata reads on the page: shared by the PDF layout, the HTML and the glyph preflight. */
import { formatDate } from './dates.js';
import type { Colophon, Report } from './types.js';

/** 署名: as written, else the 机关 under a 版头 (a web publication without one signs nothing). */
export function signatureText(report: Report): string | undefined {
  return report.signature ?? (report.redHeader ? report.agency : undefined);
}

/** The 版记's lines, or undefined when it has nothing to print. */
export function colophonLines(colophon: Colophon | undefined): { copyTo?: string; printer: string; printDate: string } | undefined {
  if (!colophon || (colophon.copyTo.length === 0 && !colophon.printer && !colophon.printDate)) return undefined;
  const hasPrintLine = !!(colophon.printer || colophon.printDate);
  return {
    ...(colophon.copyTo.length > 0 ? { copyTo: `抄送：${colophon.copyTo.join('，')}。` } : {}),
    printer: hasPrintLine ? (colophon.printer ?? '') : '',
    printDate: colophon.printDate ? `${formatDate(colophon.printDate)}印发` : '',
  };
}
