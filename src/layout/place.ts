/**
 * Stage: the document tree's measured blocks → placed pages (layout/placed.ts), per GB/T 9704:
 * the 版头, title and 主送机关 on page 1, the body's pieces where the paginator put them, the
 * 署名 and 成文日期, page numbers, and the 版记 at the foot of an even page. The same geometry as
 * the pdfmake definition (layout/document.ts) lays out, decided here once, so that the PDF
 * renderer only draws (test/placed.test.ts compares the two, line by line and rule by rule).
 * Pure.
 */
import type { Document } from '../document/types.js';
import { paginate, type Measured } from '../paginate/index.js';
import { mm, pageGeometry as g } from '../page/geometry.js';
import { breakLines } from '../text/lines.js';
import { emWidth } from '../text/title.js';
import type { Block } from './blocks.js';
import { type FamilyMetrics, headHeight, type LayoutInk, placeBanji, RED_RULE_WIDTH, recipientLines, signatureGeometry } from './document.js';
import { type FaceMetricsByRole, type Placed, placeLine, type PlacedDocument, type PlacedText, textWidth } from './placed.js';

/** A4 as pdfkit and pdfmake size it (595.28 × 841.89 pt, not 210 × 297 mm exactly). */
export const PAGE_SIZE = { width: 595.28, height: 841.89 } as const;

export interface PlaceOptions {
  readonly faces: FaceMetricsByRole;
  readonly ink: LayoutInk;
  readonly creationDate: Date;
  readonly producer: string;
}

/** The bookmark title of lines of text (a title set over lines is one bookmark). */
const bookmarkTitle = (lines: readonly string[]) => lines.join('\n').replace(/\s*\n\s*/g, '').trim();

/**
 * The pages, or undefined when a block cannot be placed before layout (a grid whose widths are
 * only known to pdfmake): the caller then lets pdfmake lay the definition out.
 */
export function placeDocument(doc: Document, blocks: readonly Block[], options: PlaceOptions): PlacedDocument | undefined {
  if (blocks.some((block) => !block.place)) return undefined;
  const { faces, ink } = options;
  const x0 = g.margins.left;
  const y0 = g.margins.top;
  const W = g.typeWidth;
  const body = g.bodySize;
  const pitch = g.pitch;
  const red = [...g.red] as [number, number, number, number];
  const first: Placed[] = [];
  const centred = (text: string, role: '标题' | '发文机关标志' | '正文', size: number, top: number, inkColour?: typeof red): PlacedText =>
    placeLine([{ text, role }], faces, { x: x0 + (W - textWidth(faces[role], text, size)) / 2, top, size, ...(inkColour ? { ink: inkColour } : {}) });

  // The 版头 (as layout/document.ts redHeader).
  let y = y0;
  const header = doc.redHeader;
  if (header) {
    const mark = header.issuerMark.text;
    const size = Math.min(42, (W * 0.96) / emWidth(mark));
    const markTop = (ink.Issuer.ascent - ink.Issuer.extent(mark).top) * size;
    const top = y + mm(35) - markTop;
    first.push(centred(mark, '发文机关标志', size, top, red));
    y = top + faces.发文机关标志.lineEm * size;
    const number = header.documentNumber?.text ?? '';
    const signers = header.signers.map((run) => run.text);
    let lineInk = ink.Body.extent(number).bottom;
    if (signers.length > 0) {
      lineInk = Math.min(ink.Body.extent(`${number}签发人：`).bottom, ink.Kai.extent(signers.join('')).bottom);
      const rows: string[][] = [];
      signers.forEach((name, i) => (i % 2 === 0 ? rows.push([name]) : rows[rows.length - 1]?.push(name)));
      // A 签发人 line holds a 楷体 run at the body's line height.
      const rowHeight = Math.max(pitch, (pitch * faces.二级标题.lineEm) / faces.正文.lineEm);
      rows.forEach((names, i) => {
        const top = y + (i === 0 ? 2 * pitch : 0);
        if (i === rows.length - 1 && number) first.push(placeLine([{ text: number, role: '正文' }], faces, { x: x0 + body, top, size: body }));
        const label = '签发人：';
        const joined = names.join('　');
        const width = textWidth(faces.正文, label, body) + textWidth(faces.二级标题, joined, body);
        first.push(placeLine([{ text: label, role: '正文' }, { text: joined, role: '二级标题' }], faces, { x: x0 + W - body - width, top, size: body }));
        y = top + rowHeight;
      });
    } else {
      if (number) first.push(centred(number, '正文', body, y + 2 * pitch));
      y += 3 * pitch;
    }
    // The rule's upper edge 4 mm below the 发文字号's glyphs.
    y += (ink.Body.ascent - lineInk) * body - pitch + mm(4) + RED_RULE_WIDTH / 2;
    first.push({ kind: 'rule', x1: x0, y1: y, x2: x0 + W, y2: y, width: RED_RULE_WIDTH, ink: red });
  }

  // The title, 下空二行 below the red rule; one blank line; the 主送机关.
  y += header ? 2 * pitch : 0;
  doc.title.forEach((line, k) => {
    const placed = centred(line.text, '标题', g.titleSize, y);
    first.push(k === 0 ? { ...placed, bookmark: { title: bookmarkTitle(doc.title.map((l) => l.text)), level: 0 } } : placed);
    y += pitch;
  });
  y += pitch;
  for (const line of recipientLines(doc, ink.advance)) {
    first.push(placeLine([{ text: line.text, role: '正文' }], faces, { x: x0, top: y, size: body }));
    y += pitch;
  }

  // The body and the 署名 block, on the pages the paginator gives them.
  const all: Block[] = [...blocks];
  const signature = signatureGeometry(doc, body, ink.advance);
  if (signature) {
    const lines = [signature.signature, signature.date].filter((t): t is string => t !== undefined);
    const height = (lines.length + 1) * pitch;
    const measure: Measured = { kind: 'box', height, withPrevious: true };
    all.push({
      measure,
      render: () => [],
      place: (_piece, at) => {
        const items: Placed[] = [];
        const line = (text: string, right: number, top: number) =>
          items.push(placeLine([{ text, role: '正文' }], faces, { x: at.x + W - right - textWidth(faces.正文, text, body), top, size: body }));
        if (signature.signature) line(signature.signature, signature.sigRight, at.top + pitch);
        if (signature.date) line(signature.date, signature.dateRight, at.top + (signature.signature ? 2 : 1) * pitch);
        return { items, height };
      },
    });
  }
  const metrics: FamilyMetrics & { Issuer: number } = {
    Body: faces.正文.lineEm,
    Hei: faces.一级标题.lineEm,
    Kai: faces.二级标题.lineEm,
    Title: faces.标题.lineEm,
    Issuer: faces.发文机关标志.lineEm,
  };
  const { pages: pieces, lastUsed } = paginate(
    all.map((b) => b.measure),
    { first: g.typeHeight - headHeight(doc, metrics, ink), height: g.typeHeight },
  );
  const pages: Placed[][] = pieces.map((onPage, p) => {
    const items: Placed[] = p === 0 ? first : [];
    let top = p === 0 ? y : y0;
    for (const piece of onPage) {
      const placed = (all[piece.block] as Block).place?.(piece, { x: x0, top, faces });
      if (!placed) continue;
      items.push(...placed.items);
      top += placed.height;
    }
    return items;
  });
  if (pages.length === 0) pages.push(first);

  // The 版记: its rows between the rules, the last rule on the 版心's bottom edge.
  const footerTop = PAGE_SIZE.height - g.margins.bottom;
  const note = g.noteSize;
  const colophon = doc.colophon;
  const banjiRows: { left: string; right?: string }[] = [];
  if (colophon?.copyTo) {
    // A long 抄送 goes on over lines (the table grows upwards: its foot stays on the 版心's edge).
    const lines = breakLines(colophon.copyTo.text, { measure: (ch) => faces.正文.advance(ch) * note, width: W - 2 * note, indent: 0, justify: false });
    for (const line of lines) banjiRows.push({ left: line.text });
  }
  if (colophon?.printLine) banjiRows.push({ left: colophon.printLine.printer.text, right: colophon.printLine.printDate.text });
  const copyLines = banjiRows.length - (colophon?.printLine ? 1 : 0);
  const groups = (copyLines > 0 ? 1 : 0) + (colophon?.printLine ? 1 : 0);
  const banjiHeight = banjiRows.length * pitch + 2 * g.thickRule + Math.max(0, groups - 1) * g.thinRule;
  const placement = colophon ? placeBanji(pieces.length, lastUsed, banjiHeight, g.typeHeight) : undefined;
  while (placement && pages.length < placement.page) pages.push([]);

  const dashMargin = g.pageNumberGap - (ink.PageNumber.ascent - ink.PageNumber.extent('—').top) * note;
  pages.forEach((items, index) => {
    const page = index + 1;
    const unnumbered = placement?.blankPage !== undefined && (page === placement.blankPage || page === placement.blankPage + 1);
    if (!unnumbered) {
      const text = `— ${page} —`;
      const width = textWidth(faces.页码, text, note);
      const odd = page % 2 === 1;
      const x = odd ? PAGE_SIZE.width - g.margins.right - note - width : g.margins.left + note;
      items.push(placeLine([{ text, role: '页码' }], faces, { x, top: footerTop + dashMargin, size: note }));
    }
    if (placement && page === placement.page) {
      let top = footerTop - banjiHeight;
      const rule = (width: number) => {
        items.push({ kind: 'rule', x1: x0, y1: top + width / 2, x2: x0 + W, y2: top + width / 2, width });
        top += width;
      };
      rule(g.thickRule);
      banjiRows.forEach((row, k) => {
        if (k > 0 && k === copyLines) rule(g.thinRule);
        items.push(placeLine([{ text: row.left, role: '正文' }], faces, { x: x0 + note, top, size: note }));
        if (row.right) items.push(placeLine([{ text: row.right, role: '正文' }], faces, { x: x0 + W - note - textWidth(faces.正文, row.right, note), top, size: note }));
        top += pitch;
      });
      rule(g.thickRule);
    }
  });

  return {
    width: PAGE_SIZE.width,
    height: PAGE_SIZE.height,
    pages: pages.map((items) => ({ items })),
    info: {
      title: doc.info.title,
      author: doc.info.author,
      subject: doc.info.subject,
      keywords: doc.info.keywords,
      creator: options.producer,
      producer: options.producer,
      creationDate: options.creationDate,
    },
    language: 'zh-CN',
  };
}
