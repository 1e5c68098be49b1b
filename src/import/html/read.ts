/**
 * A web page (or the HTML mammoth makes of a DOCX) as a published document. parse5 builds the tree
 * a browser builds, so Word-exported markup (unclosed cells, `<o:p>`, implied `<tbody>`) reads as
 * it displays. Government pages wrap the article in layout tables and site chrome: a table whose
 * cells hold paragraphs or other tables is a container, not data, and blocks outside the element
 * that holds the report's part headings are marked `outside`.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { OriginalPlace, PublishedBlock, PublishedCell, PublishedDocument, PublishedKind, PublishedParagraph } from '../published.js';
import { joinLines, normaliseText } from '../text.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Elements whose content is never text of the report. */
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'select', 'button', 'input', 'textarea', 'form', 'nav', 'object', 'map', 'img']);

/** Elements that end a paragraph (their content starts a new one). */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'center', 'blockquote', 'pre', 'address',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr', 'figure', 'figcaption', 'body', 'html',
  'table', 'tr', 'td', 'th', 'caption', 'thead', 'tbody', 'tfoot',
]);

const isElement = (node: Node): node is Element => 'tagName' in node;

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function lineOf(node: Node): number | undefined {
  return node.sourceCodeLocation?.startLine;
}

/** How an element aligns its text: align=, style text-align, <center>, a class that says so. */
function alignmentOf(element: Element): 'center' | 'right' | undefined {
  const align = attr(element, 'align')?.toLowerCase();
  const style = /text-align\s*:\s*(center|right)/i.exec(attr(element, 'style') ?? '')?.[1]?.toLowerCase();
  const className = attr(element, 'class') ?? '';
  if (element.tagName === 'center' || align === 'center' || style === 'center' || /center|title/i.test(className)) return 'center';
  if (align === 'right' || style === 'right' || /right|signature/i.test(className)) return 'right';
  return undefined;
}

function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (!isElement(node) || SKIPPED.has(node.tagName)) return '';
  if (node.tagName === 'br') return '\n';
  const inner = node.childNodes.map(textContent).join('');
  return BLOCKS.has(node.tagName) ? `\n${inner}\n` : inner;
}

function hasDescendant(node: Element, tag: string): boolean {
  return node.childNodes.some((child) => isElement(child) && (child.tagName === tag || hasDescendant(child, tag)));
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (node: Element) => {
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') walk(child);
    }
  };
  walk(table);
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

/**
 * A layout table: one that holds another table, or a cell with a paragraph's worth of text (a
 * statistical table's longest label, （二）部分公开（区分处理的…）, has 28 characters).
 */
function isLayoutTable(table: Element): boolean {
  const rows = rowsOf(table);
  const cells = rows.flatMap(cellsOf);
  if (cells.length === 0) return true;
  if (cells.some((cell) => hasDescendant(cell, 'table'))) return true;
  return cells.some((cell) => normaliseText(textContent(cell)).length > 120);
}

function span(element: Element, name: string): number {
  const value = Number.parseInt(attr(element, name) ?? '1', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 1000) : 1;
}

interface Collected {
  readonly block: PublishedBlock;
  /** The elements the block sits in, outermost first (to find the article). */
  readonly ancestors: readonly Element[];
}

class Walker {
  readonly collected: Collected[] = [];
  private buffer = '';
  private bufferLine: number | undefined;
  private bufferAlign: 'center' | 'right' | undefined;
  private bufferHeading: number | undefined;
  private bufferBold = false;
  private bufferAncestors: readonly Element[] = [];

  flush(): void {
    const lines = this.buffer.split('\n');
    this.buffer = '';
    const place: OriginalPlace = this.bufferLine !== undefined ? { line: this.bufferLine } : {};
    // A heading's <br> breaks a line of the title, not the text; a paragraph's <br> starts a new one.
    const texts = this.bufferHeading !== undefined ? [joinLines(lines)] : lines.map(normaliseText);
    for (const text of texts) {
      if (text === '') continue;
      const paragraph: PublishedParagraph = {
        kind: 'paragraph',
        text,
        place,
        ...(this.bufferAlign === 'center' ? { centred: true } : {}),
        ...(this.bufferAlign === 'right' ? { right: true } : {}),
        ...(this.bufferHeading !== undefined ? { heading: this.bufferHeading } : {}),
        ...(this.bufferBold ? { bold: true } : {}),
      };
      this.collected.push({ block: paragraph, ancestors: this.bufferAncestors });
    }
    this.bufferLine = undefined;
    this.bufferAlign = undefined;
    this.bufferHeading = undefined;
    this.bufferBold = false;
  }

  walk(node: Node, ancestors: readonly Element[], align: 'center' | 'right' | undefined, heading: number | undefined, bold: boolean): void {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      if (value.trim() === '' && this.buffer.trim() === '') {
        this.buffer += value;
        return;
      }
      if (this.buffer.trim() === '') {
        this.bufferLine = lineOf(node);
        this.bufferAlign = align;
        this.bufferHeading = heading;
        this.bufferAncestors = ancestors;
        this.bufferBold = bold;
      }
      this.buffer += value;
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.tagName)) return;
    const tag = node.tagName;
    if (tag === 'br') {
      this.buffer += '\n';
      return;
    }
    if (tag === 'table' && !isLayoutTable(node)) {
      this.flush();
      this.collected.push({ block: this.table(node), ancestors: [...ancestors, node] });
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    const own = alignmentOf(node);
    const level = /^h[1-6]$/.test(tag) ? Number(tag.slice(1)) : heading;
    const strong = bold || tag === 'b' || tag === 'strong' || /font-weight\s*:\s*(bold|[6-9]00)|黑体/.test(attr(node, 'style') ?? '');
    const inner = [...ancestors, node];
    for (const child of node.childNodes) this.walk(child, inner, own ?? align, level, strong);
    if (block) this.flush();
  }

  private table(table: Element): PublishedBlock {
    const rows: PublishedCell[][] = rowsOf(table).map((row) =>
      cellsOf(row).map((cell) => ({
        text: joinLines(textContent(cell).split('\n')),
        rowSpan: span(cell, 'rowspan'),
        colSpan: span(cell, 'colspan'),
        place: lineOf(cell) !== undefined ? { line: lineOf(cell) as number } : {},
      })),
    );
    return { kind: 'table', rows: rows.filter((r) => r.length > 0), place: lineOf(table) !== undefined ? { line: lineOf(table) as number } : {} };
  }
}

/** A part heading as pages print it: 一、总体情况 (also with a space or a full stop after 一). */
const PART_HEADING = /^[一二三四五六][、.．，\s]\s*\S/u;

function lowestCommonAncestor(lists: readonly (readonly Element[])[]): Element | undefined {
  const first = lists[0];
  if (!first) return undefined;
  let depth = 0;
  while (depth < first.length && lists.every((list) => list[depth] === first[depth])) depth++;
  return first[depth - 1];
}

/** 发布时间 as a page states it near the title (时间：2022-02-08 16:34, 发布日期：2022年2月8日). */
const PUBLISHED = /(?:发布时间|发布日期|发文日期|时间|日期)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/u;

function metaContent(document: DefaultTreeAdapterTypes.Document, names: readonly string[]): string | undefined {
  let found: string | undefined;
  const walk = (node: Node) => {
    if (found !== undefined || !isElement(node) && !('childNodes' in node)) return;
    if (isElement(node) && node.tagName === 'meta') {
      const name = (attr(node, 'name') ?? attr(node, 'property') ?? '').toLowerCase();
      if (names.includes(name)) found = attr(node, 'content');
    }
    for (const child of (node as Element).childNodes ?? []) walk(child);
  };
  walk(document);
  return found;
}

function pageTitle(document: DefaultTreeAdapterTypes.Document): string | undefined {
  let found: string | undefined;
  const walk = (node: Node) => {
    if (found !== undefined) return;
    if (isElement(node) && node.tagName === 'title') {
      found = normaliseText(textContent(node));
      return;
    }
    for (const child of (node as Element).childNodes ?? []) walk(child);
  };
  walk(document);
  return found || undefined;
}

export function readHtml(file: string, html: string, kind: PublishedKind = 'html'): PublishedDocument {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const walker = new Walker();
  for (const child of document.childNodes) walker.walk(child, [], undefined, undefined, false);
  walker.flush();
  const collected = walker.collected;
  const headings = collected.filter((c) => c.block.kind === 'paragraph' && PART_HEADING.test(c.block.text) && c.block.text.length <= 40);
  const article = headings.length >= 2 ? lowestCommonAncestor(headings.map((h) => h.ancestors)) : undefined;
  const blocks = collected.map(({ block, ancestors }) =>
    article && block.kind === 'paragraph' && !ancestors.includes(article) ? { ...block, outside: true } : block,
  );
  // The date the page shows beside its title, else the site's PubDate meta.
  const shown = blocks.find((b) => b.kind === 'paragraph' && (b.outside || !article) && PUBLISHED.test(b.text));
  const published =
    (shown?.kind === 'paragraph' ? PUBLISHED.exec(shown.text)?.[1] : undefined) ??
    /^\d{4}-\d{1,2}-\d{1,2}/.exec(metaContent(document, ['pubdate', 'publishdate', 'article:published_time']) ?? '')?.[0];
  const title = pageTitle(document);
  return {
    file,
    kind,
    blocks,
    ...(published ? { published: published.replace(/\s/g, '') } : {}),
    ...(title ? { pageTitle: title } : {}),
  };
}
