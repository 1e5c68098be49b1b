/** The outline: the three tables (their rows, and the groups of sub-rows, as children) and the six parts with their sub-headings. */
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { partNumberOf } from '../model/narrative.js';
import type { Analysis } from './analysis.js';
import { partHeading, rowName } from './describe.js';
import type { RowSite } from './sites.js';

function rowSymbol(row: RowSite, name: string): DocumentSymbol {
  return { name, detail: row.row.labels.at(-1) ?? '', kind: SymbolKind.Field, range: row.range, selectionRange: row.key };
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const table of analysis.tables) {
    const grouped = new Set(table.groups.flatMap((g) => g.rows));
    const children: DocumentSymbol[] = [];
    for (const row of table.rows) {
      if (grouped.has(row)) {
        const group = table.groups.find((g) => g.rows.includes(row));
        if (group && group.rows[0] === row) {
          children.push({
            name: group.key,
            detail: row.row.labels[1] ?? '',
            kind: SymbolKind.Namespace,
            range: group.range,
            selectionRange: group.keyRange,
            children: group.rows.map((r) => rowSymbol(r, r.row.key)),
          });
        }
        continue;
      }
      children.push(rowSymbol(row, rowName(table.def, row.row.id)));
    }
    // A group written with no rows of its own yet.
    for (const group of table.groups)
      if (group.rows.length === 0) children.push({ name: group.key, kind: SymbolKind.Namespace, range: group.range, selectionRange: group.keyRange });
    children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    symbols.push({ name: table.def.key, detail: `${partHeading(table.def.part)}的统计表`, kind: SymbolKind.Struct, range: table.range, selectionRange: table.key, children });
  }
  // The narrative's headings, from the Markdown parse: # are the parts, ## … below them.
  const { body } = analysis.parsed;
  const headings: { level: number; text: string; line: number }[] = [];
  const tokens = body.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const inline = tokens[i + 1];
    if (token?.type === 'heading_open' && token.map && inline?.type === 'inline')
      headings.push({ level: Number(token.tag.slice(1)), text: inline.content, line: body.startLine - 1 + token.map[0] });
  }
  const lastLine = analysis.lines.length - 1;
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  const top: DocumentSymbol[] = [];
  headings.forEach((heading, index) => {
    const next = headings.slice(index + 1).find((h) => h.level <= heading.level);
    const endLine = next ? next.line - 1 : lastLine;
    const number = heading.level === 1 ? partNumberOf(heading.text) : undefined;
    const lineText = analysis.lines[heading.line] ?? '';
    const symbol: DocumentSymbol = {
      name: number ? partHeading(number) : heading.text,
      ...(number ? { detail: heading.text } : {}),
      kind: heading.level === 1 ? SymbolKind.Module : SymbolKind.String,
      range: { start: { line: heading.line, character: 0 }, end: { line: endLine, character: (analysis.lines[endLine] ?? '').length } },
      selectionRange: { start: { line: heading.line, character: 0 }, end: { line: heading.line, character: lineText.length } },
      children: [],
    };
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= heading.level) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.symbol.children?.push(symbol);
    else top.push(symbol);
    stack.push({ level: heading.level, symbol });
  });
  return [...symbols, ...top];
}
