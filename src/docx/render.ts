/**
 * Stage (a renderer of the document tree): Document → .docx bytes, with the `docx` package.
 * Content only names styles (styles.ts): headings carry the number the composer gave them as
 * text, tables are real Word tables (gridSpan, vMerge, repeated header rows, rows that do not
 * split, cells centred), the 版头's rule is a paragraph border, page numbers are PAGE fields in
 * odd and even footers, and the 版记 is a section starting on an even page, its rules ending on
 * the 版心's bottom edge.
 *
 * Why a section: GB/T 9704 puts the 版记 at the foot of the last page, an even one. Word and
 * LibreOffice both start a section on the next even page (inserting the blank odd page) and both
 * keep a paragraph's space above it at a page's top; a floating table or a frame anchored to the
 * page's foot would be right in Word but is set in the flow by LibreOffice 7 (a table as wide as
 * the text, a frame after a section break), and a section's vertical alignment is Word's only.
 * The cost: where the body ends on an even page with room below, the PDF sets the 版记 there
 * and the DOCX two pages on.
 */
import {
  AlignmentType,
  BorderStyle,
  Document as WordDocument,
  DocumentGridType,
  Footer,
  Packer,
  PageNumber,
  Paragraph as WordParagraph,
  SectionType,
  Table as WordTable,
  TableCell as WordCell,
  TableLayoutType,
  TableRow,
  Tab,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Block, Document, FontRole, Heading, Run, Table } from '../document/types.js';
import { GRID_PADDING_X, GRID_PADDING_Y, GRID_RULE } from '../markdown/grid.js';
import { pageGeometry as g } from '../page/geometry.js';
import { TABLE_FONT_SIZE } from '../template/tables.js';
import { embeddedParts, type FontTableEntry, fontTableRelsXml, fontTableXml, OFFICE_FONTS, type WordFont } from './fonts.js';
import { BODY_SIZE, ROLE_CHARACTER_STYLE, STYLE, STYLE_ROLE, stylesXml, TEXT_WIDTH, tableStyle, twips } from './styles.js';
import { readZip, writeZip } from './zip.js';

export interface DocxOptions {
  /** The name runs give each role, and what the font table says of it (default: a Windows office's). */
  readonly fonts?: Readonly<Record<FontRole, WordFont>>;
  /** The font table: every name used, with embedded faces under --embed-fonts. */
  readonly fontTable?: readonly FontTableEntry[];
  /** The document's date (core properties, zip entries): the PDF's creation date. */
  readonly date: Date;
  /** Depth of the 一字线's ink top below the top of a page number's line, em (宋体 about 0.55). */
  readonly pageNumberDashDepth?: number;
  readonly producer?: string;
}

/** A role's run, in the paragraph style's face or in the character style of its own. */
function textRuns(runs: readonly Run[], style: string): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const character = run.role === STYLE_ROLE[style] ? undefined : ROLE_CHARACTER_STYLE[run.role].id;
    run.text.split('\n').forEach((part, i) => {
      out.push(new TextRun({ text: part, ...(i > 0 ? { break: 1 } : {}), ...(character ? { style: character } : {}) }));
    });
  }
  return out;
}

const HEADING_STYLE = { 1: STYLE.heading1, 2: STYLE.heading2, 3: STYLE.heading3, 4: STYLE.heading4 } as const;

function headingParagraph(heading: Heading): WordParagraph {
  const style = HEADING_STYLE[heading.level];
  const role = STYLE_ROLE[style] as FontRole;
  // The number is text the template printed, in the heading's face: never Word's list numbering.
  const runs: Run[] = heading.number ? [{ text: heading.number, role }, ...heading.runs] : [...heading.runs];
  return new WordParagraph({ style, children: textRuns(runs, style) });
}

/** Content widths of a table's columns, pt, as the PDF gives them (`*` shares the rest). */
export function columnWidths(table: Pick<Table, 'columns' | 'widths'>): number[] {
  const n = table.columns;
  const fixed = table.widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = table.widths.filter((w) => w === '*').length;
  const star = stars > 0 ? (g.typeWidth - fixed - n * 2 * GRID_PADDING_X - (n + 1) * GRID_RULE) / stars : 0;
  return Array.from({ length: n }, (_, i) => {
    const w = table.widths[i] ?? '*';
    return w === '*' ? star : w;
  });
}

/** Grid columns in twips: content, padding and a rule each, summing to the 版心's width. */
export function gridColumns(table: Pick<Table, 'columns' | 'widths'>): number[] {
  const widths = columnWidths(table).map((w) => w + 2 * GRID_PADDING_X + GRID_RULE);
  const total = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const sum = scaled.reduce((a, b) => a + b, 0);
  scaled[scaled.length - 1] = (scaled[scaled.length - 1] ?? 0) + TEXT_WIDTH - sum;
  return scaled;
}

const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const; // 0.5 pt

function cellParagraphs(text: string, style: string, align: 'left' | 'center' | 'right'): WordParagraph[] {
  const alignment = align === 'left' ? AlignmentType.LEFT : align === 'right' ? AlignmentType.RIGHT : undefined;
  return [new WordParagraph({ style, ...(alignment ? { alignment } : {}), children: textRuns([{ text, role: '正文' }], style) })];
}

/**
 * A grid table as Word's: every position of the grid is a cell, a row-spanning cell's rows
 * below it holding a `vMerge` continuation of its width.
 */
function wordTable(table: Table): WordTable {
  const style = tableStyle(table.fontSize ?? TABLE_FONT_SIZE).id;
  const columns = gridColumns(table);
  const span = (c: number, n: number) => columns.slice(c, c + n).reduce((a, b) => a + b, 0);
  // Which cell starts at each position, and which positions a row span covers.
  const covered = new Map<string, { colSpan: number; first: boolean }>();
  const starts = new Map<string, (typeof table.rows)[number][number]>();
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (covered.has(`${r},${c}`)) c += covered.get(`${r},${c}`)?.colSpan ?? 1;
      starts.set(`${r},${c}`, cell);
      for (let dr = 0; dr < cell.rowSpan; dr++) covered.set(`${r + dr},${c}`, { colSpan: cell.colSpan, first: dr === 0 });
      c += cell.colSpan;
    }
  });
  const rows = table.rows.map((_, r) => {
    const cells: WordCell[] = [];
    for (let c = 0; c < table.columns; ) {
      const cell = starts.get(`${r},${c}`);
      const cover = covered.get(`${r},${c}`);
      const colSpan = cell?.colSpan ?? cover?.colSpan ?? 1;
      const common = {
        verticalAlign: VerticalAlign.CENTER,
        width: { size: span(c, colSpan), type: WidthType.DXA },
        ...(colSpan > 1 ? { columnSpan: colSpan } : {}),
      };
      if (cell) {
        cells.push(new WordCell({ ...common, ...(cell.rowSpan > 1 ? { verticalMerge: 'restart' as const } : {}), children: cellParagraphs(cell.text, style, cell.align) }));
      } else if (cover) {
        cells.push(new WordCell({ ...common, verticalMerge: 'continue' as const, children: [new WordParagraph({ style })] }));
      } else {
        cells.push(new WordCell({ ...common, children: [new WordParagraph({ style })] }));
      }
      c += colSpan;
    }
    return new TableRow({ children: cells, cantSplit: true, ...(r < table.headerRows ? { tableHeader: true } : {}) });
  });
  const pad = twips(GRID_PADDING_X);
  const padY = twips(GRID_PADDING_Y);
  return new WordTable({
    rows,
    columnWidths: columns,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: pad, right: pad, top: padY, bottom: padY },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
  });
}

function blockContent(block: Block): (WordParagraph | WordTable)[] {
  if (block.kind === 'heading') return [headingParagraph(block)];
  if (block.kind === 'table') {
    // A paragraph between two tables keeps Word from joining them into one.
    return [wordTable(block)];
  }
  const style = block.verbatim ? STYLE.verbatim : STYLE.body;
  return [new WordParagraph({ style, children: textRuns(block.runs, style) })];
}

/** Width of a line of text in body characters: a full-width character 1, the rest ½. */
function charWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.5;
  return width;
}

/**
 * 署名 右空二字, and the 成文日期 under it with its first character two characters right of the
 * 署名's; a date longer than the 署名 stands 右空二字 and moves the 署名 left (GB/T 9704
 * §7.3.5.2), as the PDF sets them. In characters from the right margin.
 */
export function signatureIndents(signature: string | undefined, date: string | undefined): { signatureRight: number; dateRight: number } {
  const sig = signature ? charWidth(signature) : 0;
  const day = date ? charWidth(date) : 0;
  if (!signature) return { signatureRight: 2, dateRight: 2 };
  if (day > sig) return { signatureRight: 2 + day + 2 - sig, dateRight: 2 };
  return { signatureRight: 2, dateRight: 2 + sig - 2 - day };
}

/** The 版记's rows: paragraphs of the frame its styles anchor at the 版心's foot. */
function colophonParagraphs(document: Document): WordParagraph[] {
  const colophon = document.colophon;
  if (!colophon) return [];
  const rows: TextRun[][] = [];
  if (colophon.copyTo) rows.push(textRuns([colophon.copyTo], STYLE.colophon));
  if (colophon.printLine) {
    const { printer, printDate } = colophon.printLine;
    rows.push([...textRuns([printer], STYLE.colophon), new TextRun({ children: [new Tab(), printDate.text] })]);
  }
  return rows.map((children, i) => new WordParagraph({ style: i > 0 && i === rows.length - 1 ? STYLE.colophonLast : STYLE.colophon, children }));
}

function banjiRows(document: Document): number {
  return (document.colophon?.copyTo ? 1 : 0) + (document.colophon?.printLine ? 1 : 0);
}

/** “— N —”: the number is Word's PAGE field, so it stays right as pages come and go. */
function pageNumberFooter(style: string): Footer {
  return new Footer({ children: [new WordParagraph({ style, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] });
}

/** The fonts each role's text is set in, and the table naming them (Windows office names by default). */
function fontChoices(options: DocxOptions): { fonts: Readonly<Record<FontRole, WordFont>>; table: readonly FontTableEntry[] } {
  const fonts = options.fonts ?? OFFICE_FONTS;
  if (options.fontTable) return { fonts, table: options.fontTable };
  const table = new Map<string, FontTableEntry>();
  for (const font of Object.values(fonts)) if (!table.has(font.name)) table.set(font.name, { name: font.name, ...(font.altName ? { altName: font.altName } : {}) });
  return { fonts, table: [...table.values()] };
}

const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** docProps/core.xml with the document's own date (the docx package stamps the time of packing). */
function coreXml(document: Document, date: Date, producer: string): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { info } = document;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(info.title)}</dc:title><dc:subject>${xmlText(info.subject)}</dc:subject><dc:creator>${xmlText(info.author)}</dc:creator>` +
    `<cp:keywords>${xmlText(info.keywords)}</cp:keywords><dc:description>${xmlText(producer)}</dc:description><dc:language>${info.language}</dc:language>` +
    `<cp:lastModifiedBy>${xmlText(info.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * word/settings.xml: odd and even footers, 标点挤压 (compressPunctuation, as the PDF's lines
 * squeeze full-width marks), a tab stop of two characters, and with embedded fonts the flag
 * that tells Word to keep them when the file is saved again.
 */
function settingsXml(embedded: boolean): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    (embedded ? '<w:embedTrueTypeFonts/>' : '') +
    `<w:defaultTabStop w:val="${2 * twips(BODY_SIZE)}"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>` +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' +
    '</w:settings>'
  );
}

/** The grid's character pitch as Word records it: 4096ths of a point added to each body character, rounded down (28 must fit). */
export const CHAR_SPACE = Math.floor((TEXT_WIDTH / 20 / 28 - BODY_SIZE) * 4096);
/** 28.95 pt, in twips. */
export const LINE_PITCH = twips(g.pitch);

export async function renderDocx(document: Document, options: DocxOptions): Promise<Buffer> {
  const { fonts, table } = fontChoices(options);
  const producer = options.producer ?? 'nianbao';
  const blocks = document.body;
  const header = document.redHeader;
  const indents = signatureIndents(document.signature?.signature?.text, document.signature?.date?.text);
  const issuerChars = header ? charWidth(header.issuerMark.text) : 1;
  // As in the PDF: at most 42 pt (初号), within 96 % of the 版心's width; Word sizes in half points.
  const issuerMarkSize = Math.floor(Math.min(42, (g.typeWidth * 0.96) / Math.max(1, issuerChars)) * 2) / 2;
  const tableSizes = blocks.filter((b): b is Table => b.kind === 'table').map((t) => t.fontSize ?? TABLE_FONT_SIZE);

  const content: (WordParagraph | WordTable)[] = [];
  if (header) {
    content.push(new WordParagraph({ style: STYLE.issuerMark, children: textRuns([header.issuerMark], STYLE.issuerMark) }));
    const line: TextRun[] = header.documentNumber ? textRuns([header.documentNumber], STYLE.documentNumber) : [];
    if (header.signers.length > 0) {
      line.push(new TextRun({ children: [new Tab(), '签发人：'] }));
      header.signers.forEach((name, i) => line.push(...textRuns([{ ...name, text: `${i > 0 ? '　' : ''}${name.text}` }], STYLE.documentNumber)));
    }
    content.push(new WordParagraph({ style: STYLE.documentNumber, children: line }));
  }
  content.push(new WordParagraph({ style: STYLE.title, children: document.title.flatMap((line, i) => textRuns([{ ...line, text: `${i > 0 ? '\n' : ''}${line.text}` }], STYLE.title)) }));
  if (document.recipient) content.push(new WordParagraph({ style: STYLE.recipient, children: textRuns([document.recipient], STYLE.recipient) }));
  for (const block of blocks) content.push(...blockContent(block));
  const signature = document.signature;
  if (signature?.signature) content.push(new WordParagraph({ style: STYLE.signature, children: textRuns([signature.signature], STYLE.signature) }));
  if (signature?.date) content.push(new WordParagraph({ style: signature.signature ? STYLE.date : STYLE.signature, children: textRuns([signature.date], STYLE.date) }));

  // GB/T 9704 §7.5: the 一字线's ink top 7 mm below the 版心; Word measures the footer from the page's bottom edge to its line's.
  const dashDepth = options.pageNumberDashDepth ?? 0.55;
  const footerDistance = twips(g.margins.bottom - g.pageNumberGap - g.noteSize + dashDepth * g.noteSize);
  const page = {
    size: { width: twips(g.width), height: twips(g.height) },
    margin: { top: twips(g.margins.top), right: twips(g.margins.right), bottom: twips(g.margins.bottom), left: twips(g.margins.left), header: twips(g.margins.top / 2), footer: footerDistance, gutter: 0 },
  };
  const grid = { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE };
  const footers = { default: pageNumberFooter(STYLE.pageNumberOdd), even: pageNumberFooter(STYLE.pageNumberEven) };
  const sections: ISectionOptions[] = [];
  sections.push({ properties: { page, grid }, footers, children: content });
  const banji = colophonParagraphs(document);
  // The 版记 is a section of its own that starts on an even page, its first row's space
  // above it the height of the 版心 less its own; its footers are the body's (inherited).
  if (banji.length > 0) sections.push({ properties: { page, grid, type: SectionType.EVEN_PAGE }, children: banji });

  const word = new WordDocument({
    title: document.info.title,
    subject: document.info.subject,
    creator: document.info.author,
    keywords: document.info.keywords,
    evenAndOddHeaderAndFooters: true,
    externalStyles: stylesXml({ fonts, issuerMarkSize, ...indents, signers: (header?.signers.length ?? 0) > 0, colophonRows: banjiRows(document), tableSizes }),
    sections,
  });
  const parts = embeddedParts(table);
  // The parts the docx package would write otherwise: stamped with the time of packing, its
  // own font table (no alternative names, random keys), its settings.
  const overrides = [
    { path: 'docProps/core.xml', data: coreXml(document, options.date, producer) },
    { path: 'word/settings.xml', data: settingsXml(parts.length > 0) },
    { path: 'word/fontTable.xml', data: fontTableXml(table, parts) },
    ...(parts.length > 0 ? [{ path: 'word/_rels/fontTable.xml.rels', data: fontTableRelsXml(parts) }] : []),
  ];
  const packed = await Packer.toBuffer(word, false, overrides);
  // The fonts are added here, deflated by zlib rather than in JavaScript.
  return writeZip([...readZip(packed), ...parts.map((part) => ({ path: part.path, data: part.data }))], options.date);
}

export { BODY_SIZE };
