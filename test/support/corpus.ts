/**
 * Measures of an imported source against its hand-verified expected source (issue 15, item 5):
 * table cells compared on the two report models, cell by cell; the narrative compared by the
 * longest common subsequence of its characters; diagnostics described by what they point at
 * (a table cell, a key, a narrative text) rather than by line:column, which depends on how the
 * importer lays its source out.
 */
import type { Diagnostic, Position } from '../../src/diagnostics/types.js';
import { stripOrdinal } from '../../src/model/narrative.js';
import type { Cell, NarrativeBlock, Report } from '../../src/model/types.js';
import { TABLE_IDS } from '../../src/tables/definitions.js';
import type { TableId } from '../../src/tables/types.js';

export interface CellComparison {
  readonly table: TableId;
  /** The table's key as the source writes it (主动公开, 依申请公开, 复议诉讼). */
  readonly tableKey: string;
  readonly row: string;
  readonly column: string;
  /** What the expected source prints there, and how it got it (absent: no such cell there). */
  readonly expected?: { readonly display: string; readonly state: Cell['state'] };
  readonly actual?: { readonly display: string; readonly state: Cell['state']; readonly position?: Position };
  readonly exact: boolean;
}

/**
 * Every cell of either model, in table order. A cell is exact when it prints the same thing and
 * got there the same way: a published 0 the importer left out (an omitted row prints 0 too) or a
 * published total it left to be computed is not exact, and neither is a cell still unread.
 * Cells only one side has (another table layout, an extra row) are counted as not exact.
 */
export function compareCells(expected: Report, actual: Report): CellComparison[] {
  const out: CellComparison[] = [];
  for (const table of TABLE_IDS) {
    const want = expected.tables[table];
    const got = actual.tables[table];
    const keys = [...want.cells.keys(), ...[...got.cells.keys()].filter((k) => !want.cells.has(k))];
    for (const key of keys) {
      const [row = '', column = ''] = key.split('|');
      const e = want.cells.get(key);
      const a = got.cells.get(key);
      const exact = e !== undefined && a !== undefined && !a.unread && e.state === a.state && e.display === a.display;
      out.push({
        table,
        tableKey: want.def.key,
        row,
        column,
        ...(e ? { expected: { display: e.display, state: e.state } } : {}),
        ...(a ? { actual: { display: a.display, state: a.state, ...(a.position ? { position: a.position } : {}) } } : {}),
        exact,
      });
    }
  }
  return out;
}

/**
 * The non-exact cells that no `import-uncertain` warning points at: the silently wrong ones. A
 * warning covers a cell when it stands at the cell's value, or, for a cell with no value written
 * (left out, computed), at its row's key.
 */
export function silentlyWrong(cells: readonly CellComparison[], actual: Report, diagnostics: readonly Diagnostic[]): CellComparison[] {
  const uncertain = diagnostics.filter((d) => d.code === 'import-uncertain').map((d) => d.position);
  const at = (p: Position | undefined) => p !== undefined && uncertain.some((u) => u.line === p.line && u.column === p.column);
  const onLine = (p: Position | undefined) => p !== undefined && uncertain.some((u) => u.line === p.line);
  return cells.filter((c) => {
    if (c.exact) return false;
    if (at(c.actual?.position)) return false;
    const rowKey = actual.tables[c.table].rowPositions.get(c.row);
    return !(c.actual?.position === undefined && onLine(rowKey));
  });
}

/** Sub-heading numbering a reader or a transcriber may keep or drop: （一） 1. 一、 at a block's start. */
function blockText(block: NarrativeBlock): string {
  return stripOrdinal(block.text).text;
}

/**
 * The narrative as one string of characters to compare: the preamble, then each part's
 * sub-headings and paragraphs in order (the part headings are fixed by the format, so left
 * out), each block without leading numbering, whitespace removed (a PDF's spaces between CJK
 * characters are justification, not text).
 */
export function narrativeText(report: Report): string {
  const blocks = [...report.narrative.preamble.blocks, ...report.narrative.parts.flatMap((p) => p?.blocks ?? [])];
  return blocks.map(blockText).join('').replace(/\s+/gu, '');
}

/** Length of the longest common subsequence of two strings (by code point), in O(n·m) time, O(m) memory. */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (const ch of x) {
    for (let j = 1; j <= y.length; j++) {
      current[j] = ch === y[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length] as number;
}

export interface NarrativeComparison {
  /** Characters of the expected narrative, of the imported one, and common to both in order. */
  readonly expected: number;
  readonly actual: number;
  readonly common: number;
  /** common / expected: how much of the published text came through, in order. */
  readonly recall: number;
  /** common / actual: how much of what was imported is the published text. */
  readonly precision: number;
}

export function compareNarrative(expected: Report, actual: Report): NarrativeComparison {
  const e = narrativeText(expected);
  const a = narrativeText(actual);
  const common = lcsLength(e, a);
  const length = (s: string) => [...s].length;
  return {
    expected: length(e),
    actual: length(a),
    common,
    recall: length(e) === 0 ? 1 : common / length(e),
    precision: length(a) === 0 ? 1 : common / length(a),
  };
}

const same = (a: Position | undefined, b: Position) => a !== undefined && a.line === b.line && a.column === b.column;

/**
 * What a diagnostic points at, independent of the source's layout: `表 依申请公开 本年新收 总计`
 * for a cell, `表 复议诉讼` for a table, `键 标题` for a key, `第5部分 “2023年，洪泽区…”` for a
 * place in the narrative (the part, and the characters from the position on).
 */
export function placeOf(report: Report, source: string, position: Position): string {
  for (const table of TABLE_IDS) {
    const data = report.tables[table];
    for (const [key, cell] of data.cells) if (same(cell.position, position)) return `表 ${data.def.key} ${key.replace('|', ' ')}`;
    for (const [row, at] of data.rowPositions) if (same(at, position)) return `表 ${data.def.key} ${row}`;
    if (data.present && same(data.position, position)) return `表 ${data.def.key}`;
  }
  for (const [key, at] of report.keyPositions) if (key !== '' && same(at, position)) return `键 ${key}`;
  const text = (source.split(/\r?\n/)[position.line - 1] ?? '').slice(position.column - 1, position.column - 1 + 12);
  const part = report.narrative.parts.filter((p) => p !== undefined && p.position.line <= position.line).at(-1);
  const where = part ? `第${part.number}部分` : position.line >= report.narrative.preamble.startLine ? '导语' : '前言';
  return `${where} “${text}”`;
}

/** A source's diagnostics as `code 严重性 place`, in order, for comparing two sources' check output. */
export function describeDiagnostics(report: Report, source: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${placeOf(report, source, d.position)}`);
}

export interface Accuracy {
  readonly cells: number;
  readonly exact: number;
  readonly uncertain: number;
  readonly silent: number;
}

/** Totals of a cell comparison: all cells, exact ones, non-exact ones flagged, non-exact unflagged. */
export function accuracy(cells: readonly CellComparison[], silent: readonly CellComparison[]): Accuracy {
  const exact = cells.filter((c) => c.exact).length;
  return { cells: cells.length, exact, uncertain: cells.length - exact - silent.length, silent: silent.length };
}
