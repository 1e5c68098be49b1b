/**
 * The web page on a phone and on paper: below a page's width the sheet gives up its 公文 margins
 * and sizes for a narrow screen's, tables scroll sideways in their own box (never the page),
 * and a browser's print keeps the 署名 and 成文日期 with the last paragraph (the `closing` block
 * render.ts makes) and the 版记 whole.
 */
/** Widest viewport that gets the narrow layout, px: below an A4 sheet's 210 mm (794 px). */
export const NARROW_VIEWPORT = 640;

/**
 * The statistical tables keep their desktop width (40em of their 10.5pt: about the 版心's
 * 156 mm) so no number is broken; on a narrow screen their box scrolls, focusable by keyboard.
 */
export const RESPONSIVE_CSS = `
.table-scroll { overflow-x: auto; }
.table-scroll:focus-visible { outline: 2px solid #36c; }
.table-scroll > table.stat { min-width: 40em; }
.gongwen p, .gongwen h2, .gongwen h3, .gongwen h4, .gongwen h5 { overflow-wrap: anywhere; }
@media screen and (max-width: ${NARROW_VIEWPORT}px) {
  html { background: #fff; }
  .gongwen { margin: 0; padding: 20px 16px 32px; font-size: 13.5pt; line-height: 1.8; }
  .gongwen .issuer { margin-top: 8px; font-size: min(30pt, calc((100vw - 32px) / var(--issuer-em, 10))); }
  .gongwen .doc-number { margin-top: 1em; }
  h1.title { margin: 1.2em 0 1em; font-size: 17pt; line-height: 1.5; word-break: normal; }
  .signature { margin-top: 1em; padding-right: 1em; }
  .banji { margin-top: 2em; font-size: 12pt; }
  .gongwen .banji p { padding: 0 .5em; }
  .banji .printer { flex-wrap: wrap; gap: 0 1em; }
}
@media print {
  .table-scroll { overflow: visible; }
  .closing, .signature { break-inside: avoid; }
  .banji { break-inside: avoid; }
}`;

/** A table in the box that scrolls it on its own, named by its caption (HTML-escaped) for a screen reader. */
export function scrollingTable(table: string, escapedCaption: string | undefined): string {
  const label = escapedCaption ? ` aria-label="${escapedCaption}"` : '';
  // A <section> with a name is a region landmark; tabindex lets the keyboard scroll it.
  return `<section class="table-scroll"${label} tabindex="0">${table}</section>`;
}
