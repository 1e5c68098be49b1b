/**
 * The source as an editor holds it: lines, the front matter's lines, and the top-level keys read
 * line by line. This works on half-typed YAML too, which the YAML parser cannot read.
 */
import type { Position, Range } from 'vscode-languageserver';

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** 0-based lines of the front matter: from the line after the opening `---` to the closing one (exclusive). */
export interface FrontMatterLines {
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
}

export function frontMatterLines(lines: readonly string[]): FrontMatterLines | undefined {
  if (!/^\uFEFF?---[ \t]*$/.test(lines[0] ?? '')) return undefined;
  const closing = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
  return closing < 0 ? { start: 1, end: lines.length, closed: false } : { start: 1, end: closing, closed: true };
}

/** `key: value` at the start of a line (the colon may be a full-width one, which the checker flags). */
const KEY_LINE = /^([^\s#\-{}[\],:：'"][^:：#]*?)\s*[:：](?=\s|$)[ \t]*(.*)$/;

/** A line's key and the text after its colon (comment removed), when the line is `key: …`. */
export function keyOfLine(content: string): { key: string; value: string } | undefined {
  const match = KEY_LINE.exec(content);
  if (!match) return undefined;
  const value = (match[2] ?? '').replace(/(^|\s)#.*$/, '').trim();
  return { key: (match[1] ?? '').trim(), value };
}

export function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** The front matter's top-level keys and their one-line values (`年度: 2024` → 2024). */
export function topLevelValues(lines: readonly string[], frontMatter: FrontMatterLines): Map<string, string> {
  const values = new Map<string, string>();
  for (let line = frontMatter.start; line < frontMatter.end; line++) {
    const text = lines[line] ?? '';
    if (indentOf(text) > 0) continue;
    const entry = keyOfLine(text);
    if (entry && !values.has(entry.key)) values.set(entry.key, entry.value.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return values;
}

export function position(line: number, character: number): Position {
  return { line, character };
}

export function range(start: Position, end: Position): Range {
  return { start, end };
}

export function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
