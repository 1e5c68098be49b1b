/**
 * The one markdown-it instance every stage reads the narrative and the template's Markdown with
 * (CommonMark): the source's parse, the checks of grids and nesting, the glyph preflight and the
 * PDF content all see the same tokens. The HTML page configures its own renderer (no raw HTML,
 * no images) and keeps its instance.
 */
import MarkdownIt from 'markdown-it';

export const markdown = new MarkdownIt('commonmark');
