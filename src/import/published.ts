/**
 * A published report as its reader saw it, before anything is recognised: blocks in reading
 * order, each remembering where in the original it came from. Every reader (PDF, HTML, DOCX,
 * plain text) produces this; one recogniser turns it into a nianbao source. Keeping the readers
 * this dumb is what lets one set of rules (labels, cells, parts) serve every kind of file.
 */

/** Where something sits in the original file, to point a clerk at it. */
export interface OriginalPlace {
  /** 1-based page (PDF; a DOCX printed page is not known, so absent there). */
  readonly page?: number;
  /** 1-based line in the file (HTML, plain text), when the reader knows it. */
  readonly line?: number;
  /** Position on the page in PDF points from the top-left (PDF only). */
  readonly x?: number;
  readonly y?: number;
}

/** One cell of a table as published: its text exactly (spaces normalised to one), and its span. */
export interface PublishedCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly place: OriginalPlace;
}

/**
 * A table as published. A table that crosses pages in a PDF is one table here (the reader joins
 * the pieces and drops repeated header rows it recognises as repeats), so the recogniser never
 * sees a page break. Rows hold only the cells that start in them (HTML's model).
 */
export interface PublishedTable {
  readonly kind: 'table';
  readonly rows: readonly (readonly PublishedCell[])[];
  readonly place: OriginalPlace;
}

/** A paragraph (or a line the reader could not join to a paragraph) as published. */
export interface PublishedParagraph {
  readonly kind: 'paragraph';
  readonly text: string;
  /** Centred on the page or in the text column: the title, a 版头 line, the date block. */
  readonly centred?: boolean;
  /** Set right (署名, 成文日期). */
  readonly right?: boolean;
  /** Font size in points where the reader knows it (PDF, DOCX); the title is the largest. */
  readonly size?: number;
  /** Bold or a heading font (黑体) where the reader knows it. */
  readonly bold?: boolean;
  /** A heading element's level (HTML h1–h6, a DOCX heading style) where the reader knows it. */
  readonly heading?: number;
  /**
   * Page chrome outside the article (a web page's title bar, navigation, footer): the recogniser
   * reads metadata from it (标题, 发布时间) but never narrative.
   */
  readonly outside?: boolean;
  readonly place: OriginalPlace;
}

export type PublishedBlock = PublishedTable | PublishedParagraph;

export type PublishedKind = 'pdf' | 'html' | 'docx' | 'text';

export interface PublishedDocument {
  /** The original file's path as given, for comments and diagnostics. */
  readonly file: string;
  readonly kind: PublishedKind;
  readonly blocks: readonly PublishedBlock[];
  /** A web page's own publication date (发布时间 …) when the page states one, as written. */
  readonly published?: string;
  /** A web page's <title> (or a DOCX's title property), the last fallback for the 标题. */
  readonly pageTitle?: string;
}
