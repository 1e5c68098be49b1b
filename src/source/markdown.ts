/**
 * The one markdown-it instance every stage reads the narrative and the template's Markdown with
 * (CommonMark): the source's parse, the checks of grids and nesting, the glyph preflight and the
 * PDF content all see the same tokens. The HTML page configures its own renderer (no raw HTML,
 * no images) and keeps its instance.
 */
import MarkdownIt, { type Token } from 'markdown-it';

export const markdown = new MarkdownIt('commonmark');

/**
 * The tokens of one part of the narrative, parsed once: the grid and nesting checks both walk
 * every part, and a second parse of each was about 5 % of checking 100 sources.
 */
const parsedSections = new WeakMap<object, Token[]>();

export function sectionTokens(section: { readonly markdown: string }): Token[] {
  let tokens = parsedSections.get(section);
  if (!tokens) {
    tokens = markdown.parse(section.markdown, {});
    parsedSections.set(section, tokens);
  }
  return tokens;
}
