/**
 * Stage: report + content nodes → a pdfmake document definition laid out per GB/T 9704:
 * 版头, title, 主送机关, body, 署名 and 成文日期, 版记 on the bottom of an even last page,
 * page numbers. Pure: a fresh definition for every render (pdfmake mutates what it is given).
 */
import type { Document } from '../document/types.js';
import type { Block, PdfNode } from './blocks.js';
import { type Measured, paginate } from '../paginate/index.js';
import { lineHeightFor, mm, pageGeometry as g } from '../page/geometry.js';
import { emWidth } from '../text/title.js';
import { type BrokenLine, breakLines } from '../text/lines.js';
import { GRID_LINE_HEIGHT, TABLE_FONT_SIZE } from '../template/tables.js';
import { markOutline } from './outline.js';
import type { FaceInk } from '../fonts/ink.js';

/** Natural line height (em) of the font behind each pdfmake family. */
export interface FamilyMetrics {
  readonly Body: number;
  readonly Hei: number;
  readonly Kai: number;
  readonly Title: number;
}

/** The faces whose ink GB/T 9704 measures, and the body face's advances (em) for the 署名 block. */
export interface LayoutInk {
  readonly Issuer: FaceInk;
  readonly Body: FaceInk;
  readonly Kai: FaceInk;
  readonly PageNumber: FaceInk;
  readonly advance: (ch: string) => number;
}

export interface LayoutOptions {
  readonly metrics: FamilyMetrics;
  readonly ink: LayoutInk;
  readonly creationDate: Date;
  readonly producer: string;
}

/** The page the 版记 goes on, and a blank page before it (neither numbered). */
interface BanjiPlacement {
  readonly page: number;
  readonly blankPage?: number;
}

/**
 * The 版记 stands at the foot of an even page: the last page of the body if it is even and the
 * 版记 fits below the body (a line apart), else the next even page; when the body's last page
 * is even and full, the odd page after it is left blank (both unnumbered).
 */
export function placeBanji(lastPage: number, lastUsed: number, banjiHeight: number, pageHeight: number): BanjiPlacement {
  const fits = lastUsed + g.pitch + banjiHeight <= pageHeight;
  const reserved = fits ? lastPage : lastPage + 1;
  if (reserved % 2 === 0) return { page: reserved };
  return { page: reserved + 1, ...(fits ? {} : { blankPage: reserved }) };
}

/** The red rule's stroke, pt. GB/T 9704 gives no thickness; 1 pt reads as the Word templates' rule. */
export const RED_RULE_WIDTH = 1;

/**
 * The 版头, measured on the ink (GB/T 9704 §7.2): the 发文机关标志's top edge 35 mm below the
 * 版心's top, the 发文字号 下空二行 below its line, the red rule 4 mm below the 发文字号's glyphs.
 * pdfkit puts a line's baseline `ascent` below the line's top, so each margin is the measure less
 * the blank between the line's top (or bottom) and the glyphs.
 */
function redHeader(doc: Document, body: number, ink: LayoutInk): PdfNode[] {
  const header = doc.redHeader;
  if (!header) return [];
  const mark = header.issuerMark.text;
  // The 发文机关标志: as large as fits the 版心 width, at most about 15 mm a character.
  const size = Math.min(42, (g.typeWidth * 0.96) / emWidth(mark));
  const markTop = (ink.Issuer.ascent - ink.Issuer.extent(mark).top) * size;
  const nodes: PdfNode[] = [
    { text: mark, style: 'issuer', fontSize: size, margin: [0, mm(35) - markTop, 0, 0] },
  ];
  const number = header.documentNumber?.text ?? '';
  const signers = header.signers.map((run) => run.text);
  // Lowest ink of the 发文字号's line (the 签发人's names are 楷体), below the line's top.
  let lineInk = ink.Body.extent(number).bottom;
  if (signers.length > 0) {
    lineInk = Math.min(ink.Body.extent(`${number}签发人：`).bottom, ink.Kai.extent(signers.join('')).bottom);
    // 上行文: 发文字号 居左空一字 on the line of the last 签发人, who stands 居右空一字.
    const signerLines = signers.reduce<string[][]>((lines, name, i) => {
      if (i % 2 === 0) lines.push([name]);
      else lines[lines.length - 1]?.push(name);
      return lines;
    }, []);
    signerLines.forEach((names, i) => {
      const last = i === signerLines.length - 1;
      nodes.push({
        columns: [
          { text: last ? number : '', margin: [body, 0, 0, 0], width: '*' },
          { text: [{ text: '签发人：' }, { text: names.join('　'), font: 'Kai' }], alignment: 'right', margin: [0, 0, body, 0], width: 'auto' },
        ],
        style: 'line',
        margin: [0, i === 0 ? 2 * g.pitch : 0, 0, 0],
      });
    });
  } else {
    nodes.push({ text: number, style: 'line', alignment: 'center', margin: [0, 2 * g.pitch, 0, 0] });
  }
  // The rule's upper edge 4 mm below the glyphs: from the bottom of the 发文字号's line box
  // (one pitch tall), back up to the ink, then down 4 mm and half the stroke.
  const inkBelowTop = (ink.Body.ascent - lineInk) * body;
  nodes.push({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: g.typeWidth, y2: 0, lineWidth: RED_RULE_WIDTH, lineColor: [...g.red] }],
    margin: [0, inkBelowTop - g.pitch + mm(4) + RED_RULE_WIDTH / 2, 0, 0],
  });
  return nodes;
}

/** The title; 下空二行 below the red rule's line when there is a 版头. */
function titleBlock(doc: Document): PdfNode {
  return { text: doc.title.map((line) => line.text).join('\n'), style: 'title', margin: [0, doc.redHeader ? 2 * g.pitch : 0, 0, 0] };
}

/**
 * One blank line below the title (GB/T 9704 §7.3.1, §7.3.2), then the 主送机关 if there is one:
 * an empty canvas takes exactly its margin, so the body starts one line lower with a 主送机关 than
 * without, and never at a different gap.
 */
function afterTitle(doc: Document, advance: (ch: string) => number): PdfNode[] {
  const blank: PdfNode = { canvas: [], margin: [0, g.pitch, 0, 0] };
  // 顶格, broken here like the body (a long list of 主送机关 continues on the next line, 顶格).
  const lines = recipientLines(doc, advance).map((line) => ({ text: line.text, style: 'line', noWrap: true }));
  return [blank, ...lines];
}

export function recipientLines(doc: Document, advance: (ch: string) => number): BrokenLine[] {
  if (!doc.recipient) return [];
  return breakLines(doc.recipient.text, { measure: (ch) => advance(ch) * g.bodySize, width: g.typeWidth, indent: 0, justify: false });
}

/**
 * 署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2): the 署名 右空二字 one line below the
 * body, the date on the next line with its first character two characters right of the 署名's.
 * A date longer than the 署名 would then run past the 版心: the date stands 右空二字 and the
 * 署名 moves left by as much, keeping the two-character offset between their first characters.
 */
export function signatureGeometry(doc: Document, body: number, advance: (ch: string) => number): { signature?: string; date?: string; sigRight: number; dateRight: number } | undefined {
  const signature = doc.signature?.signature?.text;
  const date = doc.signature?.date?.text;
  if (!signature && !date) return undefined;
  const width = (text: string) => [...text].reduce((sum, ch) => sum + advance(ch), 0) * body;
  const sigWidth = signature ? width(signature) : 0;
  const dateWidth = date ? width(date) : 0;
  let sigRight = 2 * body;
  // Right end of the date: its first character two characters right of the 署名's first.
  let dateRight = sigRight + sigWidth - 2 * body - dateWidth;
  if (!signature) dateRight = 2 * body;
  else if (dateWidth > sigWidth) {
    dateRight = 2 * body;
    sigRight = dateRight + dateWidth + 2 * body - sigWidth;
  }
  return { ...(signature ? { signature } : {}), ...(date ? { date } : {}), sigRight: Math.max(0, sigRight), dateRight: Math.max(0, dateRight) };
}

function signatureBlock(doc: Document, body: number, advance: (ch: string) => number): PdfNode[] {
  const geometry = signatureGeometry(doc, body, advance);
  if (!geometry) return [];
  const { signature, date, sigRight, dateRight } = geometry;
  const nodes: PdfNode[] = [];
  if (signature) nodes.push({ text: signature, style: 'line', alignment: 'right', margin: [0, g.pitch, sigRight, 0] });
  if (date) nodes.push({ text: date, style: 'line', alignment: 'right', margin: [0, signature ? 0 : g.pitch, dateRight, 0] });
  return nodes;
}

/** Height the 版记 takes: its rows of 4号 text between the rules. */
function banjiRows(doc: Document): { rows: PdfNode[][]; height: number } | undefined {
  const colophon = doc.colophon;
  if (!colophon) return undefined;
  const note = g.noteSize;
  const rows: PdfNode[][] = [];
  if (colophon.copyTo) rows.push([{ text: colophon.copyTo.text, margin: [note, 0, note, 0] }]);
  if (colophon.printLine) {
    rows.push([
      {
        columns: [
          { text: colophon.printLine.printer.text, width: '*' },
          { text: colophon.printLine.printDate.text, width: 'auto' },
        ],
        margin: [note, 0, note, 0],
      },
    ]);
  }
  // One grid line per row; the rules take room too, so the last one lands on the 版心 edge.
  const height = rows.length * g.pitch + 2 * g.thickRule + Math.max(0, rows.length - 1) * g.thinRule;
  return { rows, height };
}

/**
 * How far below the 版心's top the body starts on page 1: the heights pdfmake gives the nodes
 * of the 版头, the title and the 主送机关 (every text line on the pitch, margins as set above).
 */
export function headHeight(doc: Document, metrics: FamilyMetrics & Partial<Record<'Issuer', number>>, ink: LayoutInk): number {
  // The same margins and lines as redHeader, titleBlock and afterTitle draw.
  let height = 0;
  const header = doc.redHeader;
  if (header) {
    const mark = header.issuerMark.text;
    const size = Math.min(42, (g.typeWidth * 0.96) / emWidth(mark));
    const markTop = (ink.Issuer.ascent - ink.Issuer.extent(mark).top) * size;
    height += mm(35) - markTop + size * (metrics.Issuer ?? metrics.Title);
    const number = header.documentNumber?.text ?? '';
    let lineInk = ink.Body.extent(number).bottom;
    if (header.signers.length > 0) {
      lineInk = Math.min(ink.Body.extent(`${number}签发人：`).bottom, ink.Kai.extent(header.signers.map((run) => run.text).join('')).bottom);
      // A 签发人 line holds a 楷体 run at the body's line height.
      const line = Math.max(g.pitch, (g.pitch * metrics.Kai) / metrics.Body);
      height += 2 * g.pitch + Math.ceil(header.signers.length / 2) * line;
    } else {
      height += 3 * g.pitch;
    }
    // The red rule: a canvas line at y = 0 takes no height of its own, only its margin.
    height += (ink.Body.ascent - lineInk) * g.bodySize - g.pitch + mm(4) + RED_RULE_WIDTH / 2;
  }
  height += (header ? 2 * g.pitch : 0) + doc.title.length * g.pitch;
  // One blank line (an empty canvas of one pitch), then the 主送机关's line if there is one.
  height += g.pitch + recipientLines(doc, ink.advance).length * g.pitch;
  return height;
}

/** The body's blocks and the 署名 block on pages: pdfmake content with every page break explicit. */
function paginated(blocks: readonly Block[], room: { first: number; height: number }): { flow: PdfNode[]; pages: number; lastUsed: number } {
  const { pages, lastUsed } = paginate(
    blocks.map((b) => b.measure),
    room,
  );
  const flow: PdfNode[] = [];
  pages.forEach((pieces, p) => {
    const nodes = pieces.flatMap((piece) => (blocks[piece.block] as Block).render(piece));
    const [first, ...rest] = nodes;
    if (!first) return;
    flow.push(p > 0 ? { ...first, pageBreak: 'before' } : first, ...rest);
  });
  return { flow, pages: pages.length, lastUsed };
}

export function documentDefinition(doc: Document, content: readonly Block[], options: LayoutOptions): Record<string, unknown> {
  const { metrics } = options;
  const body = g.bodySize;
  const lh = (em: number, size = body) => lineHeightFor(em, size);

  const flow: PdfNode[] = [...redHeader(doc, body, options.ink), titleBlock(doc), ...afterTitle(doc, options.ink.advance)];
  const signature = signatureBlock(doc, body, options.ink.advance);
  const blocks: Block[] = [...content];
  if (signature.length > 0) {
    // 署名 never stands on a page without body text: it takes the last lines of the body along.
    const height = signature.reduce((sum, node) => sum + g.pitch + ((node.margin as number[] | undefined)?.[1] ?? 0), 0);
    const measure: Measured = { kind: 'box', height, withPrevious: true };
    blocks.push({ measure, render: () => signature });
  }
  const laid = paginated(blocks, { first: g.typeHeight - headHeight(doc, metrics, options.ink), height: g.typeHeight });
  flow.push(...laid.flow);

  // pdfmake cannot anchor to the page bottom: the 版记 is drawn by the footer of the even page
  // the pagination decides, its last rule on the 版心's bottom edge; empty pages before it are
  // explicit page breaks.
  const banji = banjiRows(doc);
  const placement = banji ? placeBanji(laid.pages, laid.lastUsed, banji.height, g.typeHeight) : undefined;
  for (let page = laid.pages + 1; placement && page <= placement.page; page++) flow.push({ text: '', pageBreak: 'before' });
  const banjiTable = (rows: PdfNode[][], height: number): PdfNode => ({
    // In the footer's frame, which starts at the bottom edge of the 版心.
    absolutePosition: { x: g.margins.left, y: -height },
    table: { widths: [g.typeWidth], body: rows },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === node.table.body.length ? g.thickRule : g.thinRule),
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
    style: 'banji',
  });

  // GB/T 9704 §7.5: the 一字线's top edge 7 mm below the 版心 (its ink, not the number's line box).
  const dashMargin = g.pageNumberGap - (options.ink.PageNumber.ascent - options.ink.PageNumber.extent('—').top) * g.noteSize;
  const defaultStyle = { font: 'Body', fontSize: body, lineHeight: lh(metrics.Body) };
  const styles: Record<string, Record<string, unknown>> = {
    issuer: { font: 'Issuer', color: [...g.red], alignment: 'center', lineHeight: 1 },
    title: { font: 'Title', fontSize: g.titleSize, alignment: 'center', lineHeight: lh(metrics.Title, g.titleSize) },
    line: { lineHeight: lh(metrics.Body) },
    h1: { font: 'Hei', lineHeight: lh(metrics.Hei), leadingIndent: 2 * body },
    h2: { font: 'Kai', lineHeight: lh(metrics.Kai), leadingIndent: 2 * body },
    h3: { leadingIndent: 2 * body },
    h4: { leadingIndent: 2 * body },
    // Runs in another face than their block's, each at its face's line height (layout/blocks.ts).
    strong: { bold: true, lineHeight: lh(metrics.Hei) },
    emphasis: { italics: true, lineHeight: lh(metrics.Kai) },
    runBody: { font: 'Body', lineHeight: lh(metrics.Body) },
    runHei: { font: 'Hei', lineHeight: lh(metrics.Hei) },
    runKai: { font: 'Kai', lineHeight: lh(metrics.Kai) },
    body: { alignment: 'justify', leadingIndent: 2 * body },
    // The size cells are broken and measured at (layout/blocks.ts) unless a grid sets its own.
    table: { margin: [0, g.pitch / 4, 0, g.pitch / 2], lineHeight: GRID_LINE_HEIGHT, fontSize: TABLE_FONT_SIZE },
    banji: { fontSize: g.noteSize, lineHeight: lh(metrics.Body, g.noteSize) },
    pageNumber: { font: 'PageNumber', fontSize: g.noteSize, lineHeight: 1 },
  };
  markOutline(flow);
  const definition: Record<string, unknown> = {
    pageSize: 'A4',
    // The catalog's /Lang: screen readers and text extraction read the report as Chinese.
    language: 'zh-CN',
    // /Lang is a PDF 1.4 key; pdfmake writes 1.3 unless told.
    version: '1.4',
    pageMargins: [g.margins.left, g.margins.top, g.margins.right, g.margins.bottom],
    info: {
      title: doc.info.title,
      author: doc.info.author,
      subject: doc.info.subject,
      keywords: doc.info.keywords,
      creator: options.producer,
      producer: options.producer,
      creationDate: options.creationDate,
      modDate: options.creationDate,
    },
    content: flow,
    // 页码: 4号 宋体 “— N —” 7 mm below the 版心; odd pages 右空一字, even pages 左空一字.
    // A blank page before the 版记 page, and that page, carry no number.
    footer: (page: number) => {
      // In the footer's frame, whose top is the 版心's bottom edge.
      const nodes: PdfNode[] = [];
      const unnumbered = placement?.blankPage !== undefined && (page === placement.blankPage || page === placement.blankPage + 1);
      if (!unnumbered) {
        const odd = page % 2 === 1;
        nodes.push({
          text: `— ${page} —`,
          style: 'pageNumber',
          alignment: odd ? 'right' : 'left',
          margin: [g.margins.left + (odd ? 0 : g.noteSize), dashMargin, g.margins.right + (odd ? g.noteSize : 0), 0],
        });
      }
      if (banji && page === placement?.page) nodes.push(banjiTable(banji.rows, banji.height));
      return nodes.length > 0 ? { stack: nodes } : null;
    },
    defaultStyle,
    styles,
  };
  return definition;
}
