/**
 * Stage: report + content nodes → a pdfmake document definition laid out per GB/T 9704:
 * 版头, title, 主送机关, body, 署名 and 成文日期, 版记 on the bottom of an even last page,
 * page numbers. Pure: a fresh definition for every render (pdfmake mutates what it is given).
 */
import { formatDate } from '../model/dates.js';
import type { Report } from '../model/types.js';
import { type PdfNode, TABLE_ID_PREFIX } from '../markdown/to-pdfmake.js';
import { lineHeightFor, mm, pageGeometry as g } from './geometry.js';
import { emWidth, titleLines } from './title.js';
import { colophonLines, signatureText } from '../model/display.js';
import { GRID_LINE_HEIGHT, TABLE_FONT_SIZE } from '../template/tables.js';
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

/** Where pdfmake put a node: it writes `positions` onto the definition's own nodes. */
type Placed = PdfNode & { positions?: { pageNumber: number; verticalRatio?: number }[] };

/** The page the 版记 goes on, and a blank page before it (neither numbered), once laid out. */
interface BanjiPlacement {
  readonly page: number;
  readonly blankPage?: number;
}

/**
 * The 版记 stands at the foot of an even page: the one where its reserved room landed, else the
 * next (then, if the body never reached the room's page, that page is left blank).
 */
function placeBanji(filler: Placed, room: Placed): BanjiPlacement | undefined {
  const end = filler.positions?.[0];
  const reserved = room.positions?.[0]?.pageNumber;
  if (!end || reserved === undefined) return undefined;
  if (reserved % 2 === 0) return { page: reserved };
  // Nothing of the body on the room's page: the filler went before it, or starts it.
  const bodyless = end.pageNumber < reserved || (end.verticalRatio ?? 1) < 0.01;
  return { page: reserved + 1, ...(bodyless ? { blankPage: reserved } : {}) };
}

/** The red rule's stroke, pt. GB/T 9704 gives no thickness; 1 pt reads as the Word templates' rule. */
const RED_RULE_WIDTH = 1;

/**
 * The 版头, measured on the ink (GB/T 9704 §7.2): the 发文机关标志's top edge 35 mm below the
 * 版心's top, the 发文字号 下空二行 below its line, the red rule 4 mm below the 发文字号's glyphs.
 * pdfkit puts a line's baseline `ascent` below the line's top, so each margin is the measure less
 * the blank between the line's top (or bottom) and the glyphs.
 */
function redHeader(report: Report, body: number, ink: LayoutInk): PdfNode[] {
  const header = report.redHeader;
  if (!header) return [];
  // The 发文机关标志: as large as fits the 版心 width, at most about 15 mm a character.
  const size = Math.min(42, (g.typeWidth * 0.96) / emWidth(header.issuerMark));
  const markTop = (ink.Issuer.ascent - ink.Issuer.extent(header.issuerMark).top) * size;
  const nodes: PdfNode[] = [
    { text: header.issuerMark, style: 'issuer', fontSize: size, margin: [0, mm(35) - markTop, 0, 0] },
  ];
  const number = header.documentNumber?.value ?? '';
  // Lowest ink of the 发文字号's line (the 签发人's names are 楷体), below the line's top.
  let lineInk = ink.Body.extent(number).bottom;
  if (header.signers.length > 0) {
    lineInk = Math.min(ink.Body.extent(`${number}签发人：`).bottom, ink.Kai.extent(header.signers.join('')).bottom);
    // 上行文: 发文字号 居左空一字 on the line of the last 签发人, who stands 居右空一字.
    const signerLines = header.signers.reduce<string[][]>((lines, name, i) => {
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
function titleBlock(report: Report, hasHeader: boolean): PdfNode {
  return { text: titleLines(report.title).join('\n'), style: 'title', margin: [0, hasHeader ? 2 * g.pitch : 0, 0, 0] };
}

/**
 * One blank line below the title (GB/T 9704 §7.3.1, §7.3.2), then the 主送机关 if there is one:
 * an empty canvas takes exactly its margin, so the body starts one line lower with a 主送机关 than
 * without, and never at a different gap.
 */
function afterTitle(report: Report): PdfNode[] {
  const blank: PdfNode = { canvas: [], margin: [0, g.pitch, 0, 0] };
  return report.recipient ? [blank, { text: `${report.recipient}：`, style: 'line' }] : [blank];
}

/**
 * 署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2): the 署名 右空二字 one line below the
 * body, the date on the next line with its first character two characters right of the 署名's.
 * A date longer than the 署名 would then run past the 版心: the date stands 右空二字 and the
 * 署名 moves left by as much, keeping the two-character offset between their first characters.
 */
function signatureBlock(report: Report, body: number, advance: (ch: string) => number): PdfNode[] {
  const signature = signatureText(report);
  const date = report.date ? formatDate(report.date) : undefined;
  if (!signature && !date) return [];
  const width = (text: string) => [...text].reduce((sum, ch) => sum + advance(ch), 0) * body;
  const nodes: PdfNode[] = [];
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
  if (signature) nodes.push({ text: signature, style: 'line', alignment: 'right', margin: [0, g.pitch, Math.max(0, sigRight), 0] });
  if (date) nodes.push({ text: date, style: 'line', alignment: 'right', margin: [0, signature ? 0 : g.pitch, Math.max(0, dateRight), 0] });
  return nodes;
}

/** Height the 版记 takes: its rows of 4号 text between the rules. */
function banjiRows(report: Report): { rows: PdfNode[][]; height: number } | undefined {
  const colophon = colophonLines(report.colophon);
  if (!colophon) return undefined;
  const note = g.noteSize;
  const rows: PdfNode[][] = [];
  if (colophon.copyTo) rows.push([{ text: colophon.copyTo, margin: [note, 0, note, 0] }]);
  if (colophon.printer || colophon.printDate) {
    rows.push([
      {
        columns: [
          { text: colophon.printer, width: '*' },
          { text: colophon.printDate, width: 'auto' },
        ],
        margin: [note, 0, note, 0],
      },
    ]);
  }
  // One grid line per row; the rules take room too, so the last one lands on the 版心 edge.
  const height = rows.length * g.pitch + 2 * g.thickRule + Math.max(0, rows.length - 1) * g.thinRule;
  return { rows, height };
}

type NodeInfo = { id?: string; headlineLevel?: number; table?: unknown; pageNumbers: number[]; pages: number; startPosition?: { verticalRatio?: number } };
type NodeQueries = { getFollowingNodesOnPage: () => unknown[] };

/**
 * pdfmake's pageBreakBefore: keep headings with what follows and move tables that would cross a
 * page, where the content did not already arrange that. Every `true` costs a full re-layout.
 */
function pageBreaks(): (node: NodeInfo, nodes: NodeQueries) => boolean {
  const decide = (node: NodeInfo, nodes: NodeQueries) => {
    // pdfmake 0.3 loses or splits row-spanning labels when a table crosses a page (issues
    // #2274, #2931), and drops an unbreakable block taller than a page: so a table that
    // would cross a page starts on the next one instead. Only a table taller than a whole
    // page still breaks, between rows, with its header rows repeated.
    if (node.id?.startsWith(TABLE_ID_PREFIX)) {
      return node.pageNumbers.length > 1 && (node.startPosition?.verticalRatio ?? 0) > 0.02;
    }
    if (node.headlineLevel === undefined) return false;
    // A heading never ends a page: not alone, and not above a table that is about to move
    // whole (ours) or whose rows will start on the next page (a flowing table that begins in
    // the last lines of the page: pdfmake reports it on this page before moving its rows).
    const following = nodes.getFollowingNodesOnPage() as NodeInfo[];
    const next = following[0];
    if (!next) return true;
    if (next.pageNumbers.length < 2) return false;
    return next.id?.startsWith(TABLE_ID_PREFIX) === true || (next.table !== undefined && (next.startPosition?.verticalRatio ?? 0) > 0.85);
  };
  return process.env.NIANBAO_TRACE_BREAKS
    ? (node, nodes) => {
        const result = decide(node, nodes);
        if (result) process.stderr.write(`break before ${node.id ?? `h${node.headlineLevel}`} on page ${node.pageNumbers.join(',')}\n`);
        return result;
      }
    : decide;
}

export function documentDefinition(report: Report, content: PdfNode[], options: LayoutOptions): Record<string, unknown> {
  const { metrics } = options;
  const body = g.bodySize;
  const lh = (em: number, size = body) => lineHeightFor(em, size);

  const flow: PdfNode[] = [...redHeader(report, body, options.ink), titleBlock(report, !!report.redHeader), ...afterTitle(report)];
  flow.push(...content);
  const signature = signatureBlock(report, body, options.ink.advance);
  if (signature.length > 0) {
    // 署名 never stands on a page without body text: the last paragraph goes with it.
    const last = flow.pop();
    flow.push({ stack: [...(last ? [last] : []), ...signature], unbreakable: true });
  }

  // pdfmake cannot anchor to the page bottom, and cannot choose a page by its parity without
  // laying everything out again. So an invisible block of the 版记's height reserves room after
  // the body (moving to the next page if it does not fit), one more page always follows, and
  // once the pages are laid out the footer draws the 版记 on the even page the room decides
  // and tells pdfmake (maxPagesNumber, read after layout) to drop the pages beyond it.
  const banji = banjiRows(report);
  const filler: Placed = { text: '\u00a0', fontSize: 1, lineHeight: 1 };
  const room: Placed = { canvas: [{ type: 'line', x1: 0, y1: banji?.height ?? 0, x2: 0.01, y2: banji?.height ?? 0, lineWidth: 0.01, lineColor: 'white' }], margin: [0, g.pitch, 0, 0] };
  if (banji) flow.push(filler, room, { text: '', pageBreak: 'before' });
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
  let placement: BanjiPlacement | undefined;
  const defaultStyle = { font: 'Body', fontSize: body, lineHeight: lh(metrics.Body) };
  const styles: Record<string, Record<string, unknown>> = {
    issuer: { font: 'Issuer', color: [...g.red], alignment: 'center', lineHeight: 1 },
    title: { font: 'Title', fontSize: g.titleSize, alignment: 'center', lineHeight: lh(metrics.Title, g.titleSize) },
    line: { lineHeight: lh(metrics.Body) },
    h1: { font: 'Hei', lineHeight: lh(metrics.Hei), leadingIndent: 2 * body },
    h2: { font: 'Kai', lineHeight: lh(metrics.Kai), leadingIndent: 2 * body },
    h3: { leadingIndent: 2 * body },
    h4: { leadingIndent: 2 * body },
    body: { alignment: 'justify', leadingIndent: 2 * body },
    // The size cells are broken and measured at (markdown/to-pdfmake.ts) unless a grid sets its own.
    table: { margin: [0, g.pitch / 4, 0, g.pitch / 2], lineHeight: GRID_LINE_HEIGHT, fontSize: TABLE_FONT_SIZE },
    banji: { fontSize: g.noteSize, lineHeight: lh(metrics.Body, g.noteSize) },
    pageNumber: { font: 'PageNumber', fontSize: g.noteSize, lineHeight: 1 },
  };
  const definition: Record<string, unknown> = {
    pageSize: 'A4',
    pageMargins: [g.margins.left, g.margins.top, g.margins.right, g.margins.bottom],
    info: {
      title: report.title,
      author: report.signature ?? report.agency,
      subject: `${report.year}年政府信息公开工作年度报告`,
      keywords: '政府信息公开 年度报告',
      creator: options.producer,
      producer: options.producer,
      creationDate: options.creationDate,
      modDate: options.creationDate,
    },
    content: flow,
    pageBreakBefore: pageBreaks(),
    // 页码: 4号 宋体 “— N —” 7 mm below the 版心; odd pages 右空一字, even pages 左空一字.
    // A blank page before the 版记 page, and that page, carry no number. pdfmake asks for the
    // footers page by page from the first, after every layout pass.
    footer: (page: number) => {
      // In the footer's frame, whose top is the 版心's bottom edge.
      if (page === 1 && banji) {
        placement = placeBanji(filler, room);
        definition.maxPagesNumber = placement?.page;
      }
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
