import type { Token } from 'markdown-it';
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/types.js';

export type MarkdownToken = Token;

/** The YAML between the `---` lines, with a way back to file positions. */
export interface FrontMatter {
  readonly text: string;
  /** 1-based file line of the first YAML line. */
  readonly startLine: number;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** The Markdown after the front matter. */
export interface Body {
  readonly text: string;
  /** 1-based file line of the first body line. */
  readonly startLine: number;
  readonly tokens: readonly MarkdownToken[];
}

/** Stage 1 output: source text split and parsed, every piece keeping its position. */
export interface ParsedSource {
  readonly file: string;
  readonly text: string;
  readonly frontMatter: FrontMatter | undefined;
  readonly body: Body;
  /** Syntax problems: malformed YAML, missing or unclosed front matter. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Maps a YAML offset (or node range) to a file position. */
export function yamlPosition(frontMatter: FrontMatter, offset: number): Position {
  const { line, col } = frontMatter.lineCounter.linePos(offset);
  return { line: line + frontMatter.startLine - 1, column: col };
}
