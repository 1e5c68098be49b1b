/**
 * The checker's diagnostics as the editor shows them: the same code, message and hint as
 * `nianbao check`, at a range that starts at the diagnostic's line:column and covers the token
 * there (a key, a cell, a list, a heading), found from the line's text so that half-typed YAML
 * gets ranges too.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import { visible } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { FrontMatterLines } from './text.js';

/** What `nianbao check --format json` says of a diagnostic besides its place: kept in `data`. */
export interface DiagnosticData {
  readonly message: string;
  readonly hint: string;
}

const CLOSING: Readonly<Record<string, string>> = { '[': ']', '{': '}' };

/** Where a YAML token starting at `start` ends on its line: a quoted string, a flow collection, a key or a plain value. */
function yamlTokenEnd(line: string, start: number): number {
  const first = line[start];
  if (first === '"' || first === "'") {
    for (let i = start + 1; i < line.length; i++) {
      if (first === '"' && line[i] === '\\') i++;
      else if (line[i] === first) return i + 1;
    }
    return line.trimEnd().length;
  }
  if (first === '[' || first === '{') {
    let depth = 0;
    let quote: string | undefined;
    for (let i = start; i < line.length; i++) {
      const ch = line[i] as string;
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) return ch === CLOSING[first] ? i + 1 : i;
      } else if (ch === '#' && /\s/.test(line[i - 1] ?? '')) break;
    }
    return line.replace(/\s+#.*$/, '').trimEnd().length;
  }
  // Inside a flow collection a comma or bracket ends a plain value; anywhere `: ` ends a key.
  let depth = 0;
  for (let i = 0; i < start; i++) {
    if (line[i] === '[' || line[i] === '{') depth++;
    else if (line[i] === ']' || line[i] === '}') depth--;
  }
  let end = start;
  for (; end < line.length; end++) {
    const ch = line[end] as string;
    if ((ch === ':' || ch === '：') && (end + 1 >= line.length || /\s/.test(line[end + 1] ?? ''))) break;
    if (depth > 0 && (ch === ',' || ch === ']' || ch === '}')) break;
    if (ch === '#' && end > start && /\s/.test(line[end - 1] ?? '')) break;
  }
  const token = line.slice(start, end).trimEnd();
  return start + Math.max(token.length, Math.min(1, line.length - start));
}

const NUMBER_RUN = /^[0-9０-９.]+|^[〇零一二三四五六七八九十百千万两]+/;

/** The range of a diagnostic: its token in the front matter, its heading, or its number or character in the narrative. */
export function diagnosticRange(lines: readonly string[], frontMatter: FrontMatterLines | undefined, d: Diagnostic): Range {
  const line = Math.max(0, d.position.line - 1);
  const text = lines[line] ?? '';
  const start = Math.min(Math.max(0, d.position.column - 1), text.length);
  const to = (end: number): Range => ({ start: { line, character: start }, end: { line, character: Math.max(start, end) } });
  if (start >= text.length) return to(start);
  if (frontMatter && line >= frontMatter.start && line < frontMatter.end) return to(yamlTokenEnd(text, start));
  if (/^\s{0,3}#{1,6}\s/.test(text) || line === 0) return to(text.trimEnd().length);
  const run = NUMBER_RUN.exec(text.slice(start));
  if (run) return to(start + run[0].length);
  const codePoint = text.codePointAt(start) ?? 0;
  return to(start + (codePoint > 0xffff ? 2 : 1));
}

/** The editor's diagnostic: the message with its hint on the next line (as `nianbao check` prints it), and both verbatim in `data`. */
export function toLspDiagnostic(lines: readonly string[], frontMatter: FrontMatterLines | undefined, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { message: visible(d.message), hint: visible(d.hint) };
  return {
    range: diagnosticRange(lines, frontMatter, d),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'nianbao',
    message: data.hint ? `${data.message}\n提示：${data.hint}` : data.message,
    data,
  };
}
