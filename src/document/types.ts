/**
 * The document tree: what a report says and how each part of it is set, owned by no back end.
 * `compose` builds it once from the checked report and the template's Markdown; the PDF
 * (through the typesetter and the paginator), the HTML page and the DOCX file are renderers of
 * it, and the glyph preflight walks its runs. Nothing here is pdfmake-, HTML- or Word-shaped:
 * text comes as runs tagged with the font role GB/T 9704 gives them, tables as cells with spans.
 */
import type { Position } from '../diagnostics/types.js';
import type { Grid, GridCell } from '../markdown/grid.js';
import type { FONT_ROLES } from '../model/fields.js';

/** The faces of a 公文: 正文 仿宋, 标题 小标宋, 一级标题 黑体, 二级标题 楷体, 页码 宋体 … */
export type FontRole = (typeof FONT_ROLES)[number];

/**
 * Where a run was written, for diagnostics about what is drawn (a character a font lacks):
 * `markdown`, the offset in the template's Markdown output at which the run's text starts (its
 * characters follow in order, Markdown syntax between them); or a front-matter value's place.
 */
export type Origin = { readonly markdown: number } | { readonly file: string; readonly position: Position };

/** Text in one face. `\n` inside a run is a hard line break. */
export interface Run {
  readonly text: string;
  readonly role: FontRole;
  readonly origin?: Origin;
}

/** A body paragraph: justified, first line indented two characters (GB/T 9704 §7.3.3). */
export interface Paragraph {
  readonly kind: 'paragraph';
  readonly runs: readonly Run[];
  /**
   * Text that keeps its own line breaks (a code block in the narrative): set ragged, each line
   * as written.
   */
  readonly verbatim?: boolean;
}

/**
 * A heading. `level` 1 is a part (一、总体情况, numbered by the template), 2–4 the levels below,
 * numbered （一）, 1., （1） within their part; `number` is that numbering ('' for a part),
 * printed before the runs in the heading's face.
 */
export interface Heading {
  readonly kind: 'heading';
  readonly level: 1 | 2 | 3 | 4;
  readonly number: string;
  readonly runs: readonly Run[];
}

/** A table cell: its text (set in the body face at the table's size) and where it was written. */
export interface TableCell extends GridCell {
  readonly origin?: Origin;
}

/**
 * A table: the grid block as read (header rows repeated on a new page, column widths in pt with
 * `*` sharing the rest of the 版心, an optional font size and caption, HTML's model of spans: a
 * covered position is left out), its cells knowing where they were written.
 */
export interface Table extends Omit<Grid, 'rows'> {
  readonly kind: 'table';
  readonly rows: readonly (readonly TableCell[])[];
  /** The grid block's first line in the template's Markdown (0-based), for its diagnostics. */
  readonly line: number;
  /** The grid block as written (its info string and content), for diagnostics located in the source. */
  readonly written: { readonly info: string; readonly content: string };
}

export type Block = Paragraph | Heading | Table;

/** The face a heading is set in (GB/T 9704 §7.3.3): 一级 黑体, 二级 楷体, 三级 and 四级 仿宋. */
export const HEADING_FACE: Readonly<Record<Heading['level'], FontRole>> = { 1: '一级标题', 2: '二级标题', 3: '正文', 4: '正文' };

/** The 版头 (GB/T 9704 §7.2): 发文机关标志 in red, 发文字号, 签发人 for 上行文; the red rule below. */
export interface RedHeader {
  readonly issuerMark: Run;
  readonly documentNumber?: Run;
  /** Names after 签发人：, in 楷体. */
  readonly signers: readonly Run[];
}

/** 署名 and 成文日期 (GB/T 9704 §7.3.5.2). */
export interface SignatureBlock {
  readonly signature?: Run;
  readonly date?: Run;
}

/** The 版记 (GB/T 9704 §7.4): 抄送 line, then 印发机关 and 印发日期 on one line. */
export interface ColophonBlock {
  readonly copyTo?: Run;
  /** 印发机关 left, 印发日期 (…印发) right; either text may be empty, not both. */
  readonly printLine?: { readonly printer: Run; readonly printDate: Run };
}

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  readonly language: 'zh-CN';
}

export interface Document {
  readonly info: DocumentInfo;
  readonly redHeader?: RedHeader;
  /** The title in its balanced lines (never broken inside a word or a year), in 标题. */
  readonly title: readonly Run[];
  /** 主送机关, with its full-width colon. */
  readonly recipient?: Run;
  readonly body: readonly Block[];
  readonly signature?: SignatureBlock;
  readonly colophon?: ColophonBlock;
}

/**
 * The maker's name every output carries (the PDF's Producer, the page's generator, the Word
 * file's zip comment): files/ours.ts reads it before an output is replaced, so a published
 * original of the same name is never written over.
 */
export const PRODUCER = 'nianbao';

/** The page number as GB/T 9704 §7.5 prints it, in the 页码 face: “— 3 —”. */
export function pageNumberText(page: number): string {
  return `— ${page} —`;
}

/** Every character a page number can draw, for the preflight. */
export const PAGE_NUMBER_CHARACTERS = '— 0123456789';

/** A run's or block's text as read (a heading with its number). */
export function textOf(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}

export function headingText(heading: Heading): string {
  return heading.number + textOf(heading.runs);
}
