/**
 * The PDF outline (bookmarks): the title, then the six parts at the top level, each part's
 * sub-headings nested under it. Uses pdfmake's own outline keys (`outline`, `id`,
 * `outlineParentId`, `outlineText`) on the nodes that already carry the title and the headings;
 * render/outline-destinations.ts points each bookmark at its line instead of the page top.
 */
import type { PdfNode } from './blocks.js';

/** Bookmark ids; pdfmake also writes a named destination for each (nianbao-outline-N). */
export const OUTLINE_ID_PREFIX = 'nianbao-outline-';

/** The characters of a pdfmake text (string, run or list of runs), without styling. */
function plainText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.map(plainText).join('');
  if (text && typeof text === 'object' && 'text' in text) return plainText((text as { text: unknown }).text);
  return '';
}

/** A bookmark's title: one line, the line breaks of a title set over lines taken out. */
function bookmarkText(text: unknown): string {
  return plainText(text).replace(/\s*\n\s*/g, '').trim();
}

function* walk(nodes: readonly PdfNode[]): Generator<PdfNode> {
  for (const node of nodes) {
    yield node;
    if (Array.isArray(node.stack)) yield* walk(node.stack as PdfNode[]);
  }
}

/**
 * Marks the title node (style `title`) and every heading node (headlineLevel) of the flow as
 * bookmarks, in flow order. A heading nests under the nearest heading before it of a smaller
 * level; the six parts (level 1) stand beside the title, so the reader sees them at once.
 */
export function markOutline(flow: readonly PdfNode[]): void {
  let count = 0;
  /** The open heading of each level: ids of the ancestors a deeper heading nests under. */
  const open: { level: number; id: string }[] = [];
  for (const node of walk(flow)) {
    const level = node.style === 'title' ? 0 : typeof node.headlineLevel === 'number' ? node.headlineLevel : undefined;
    if (level === undefined) continue;
    // A heading broken over lines carries its whole text on its first line's node.
    const text = bookmarkText(node.bookmark ?? node.text);
    delete node.bookmark;
    if (!text) continue;
    const id = `${OUTLINE_ID_PREFIX}${count++}`;
    while ((open[open.length - 1]?.level ?? -1) >= level) open.pop();
    const parent = level === 0 ? undefined : open[open.length - 1];
    Object.assign(node, { id, outline: true, outlineText: text, ...(parent ? { outlineParentId: parent.id } : {}) });
    if (level > 0) open.push({ level, id });
  }
}
