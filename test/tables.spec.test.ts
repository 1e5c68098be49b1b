/**
 * The table definitions' labels equal spec/report-format.md, character for character. The spec
 * is read from ../shared (beside the clone, in CI as on a developer's machine).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARTS, TABLES } from '../src/tables/definitions.js';
import type { TableDef } from '../src/tables/types.js';

const specPath = fileURLToPath(new URL('../../shared/spec/report-format.md', import.meta.url));
const spec = readFileSync(specPath, 'utf8');

function section(start: string, end: string): string {
  const from = spec.indexOf(start);
  const to = spec.indexOf(end, from + start.length);
  expect(from, `spec section ${start}`).toBeGreaterThanOrEqual(0);
  return spec.slice(from, to < 0 ? undefined : to);
}

const ticks = (text: string): string[] =>
  [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

/** Rows of a Markdown table in `text` whose first cell holds a backticked block title. */
function blockRows(text: string): { title: string; header: string[]; rows: string[] }[] {
  return text
    .split('\n')
    .filter((line) => /^\| `第二十条/.test(line))
    .map((line) => {
      const cells = line.split(' | ');
      return {
        title: ticks(cells[0] ?? '')[0] ?? '',
        header: ticks(cells[1] ?? ''),
        rows: ticks(cells[2] ?? ''),
      };
    });
}

function definedBlocks(def: TableDef) {
  return def.blocks.map((block, index) => ({
    title: block.title,
    header: [
      block.corner,
      ...block.columns.map((key) => def.columns.find((c) => c.key === key)?.label ?? key),
    ],
    rows: def.rows.filter((r) => r.block === index).flatMap((r) => r.labels),
  }));
}

/** The labels in the order a reader meets them: each level's label when it changes. */
function labelSequence(def: TableDef): string[] {
  const sequence: string[] = [];
  let previous: readonly string[] = [];
  for (const row of def.rows) {
    row.labels.forEach((label, level) => {
      if (previous[level] !== label || row.labels.slice(0, level).some((l, i) => previous[i] !== l))
        sequence.push(label);
    });
    previous = row.labels;
  }
  return sequence;
}

describe('table labels match spec/report-format.md', () => {
  it('table 二, 2021 layout (§2.1)', () => {
    expect(definedBlocks(TABLES.disclosure[2021])).toEqual(
      blockRows(section('### 2.1', '### 2.2')),
    );
  });

  it('table 二, 2019 layout (§3.1)', () => {
    expect(definedBlocks(TABLES.disclosure[2019])).toEqual(
      blockRows(section('### 3.1', '### 3.2')),
    );
  });

  it('table 三, 2021 layout (§2.2): header and every body label in order', () => {
    const text = section('### 2.2', '### 2.3');
    const def = TABLES.application[2021];
    const note = ticks(text).find((t) => t.startsWith('（本列数据的勾稽关系为'));
    expect(def.header[0]?.[0]?.text).toBe(note);
    const headerLines = text.split('\n').filter((l) => /^\* Row [123]:/.test(l));
    expect(def.header.map((row) => row.map((c) => c.text))).toEqual([
      [note, ...ticks(headerLines[0] ?? '')],
      ticks(headerLines[1] ?? ''),
      ticks(headerLines[2] ?? ''),
    ]);
    const body = text.slice(
      text.indexOf('| # | L1 | L2 | L3 | Span |'),
      text.indexOf('Row count check'),
    );
    expect(labelSequence(def)).toEqual(ticks(body.split('\n').slice(2).join('\n')));
    expect(def.columns.map((c) => c.key)).toEqual([
      ...ticks(headerLines[1] ?? '').slice(0, 1),
      ...ticks(headerLines[2] ?? ''),
      '总计',
    ]);
  });

  it('table 三, 2019 layout (§3.2): （六）其他处理 is one row, everything else as 2021', () => {
    const text = section('### 3.2', '### 3.3');
    expect(ticks(text)).toContain('（六）其他处理');
    const rows2021 = TABLES.application[2021].rows;
    const rows2019 = TABLES.application[2019].rows;
    expect(
      rows2019.filter((r) => r.labels.includes('（六）其他处理')).map((r) => r.labels),
    ).toEqual([['三、本年度办理结果', '（六）其他处理']]);
    const withoutOther = (rows: typeof rows2021) =>
      rows.filter((r) => !r.labels.includes('（六）其他处理')).map((r) => r.labels);
    expect(withoutOther(rows2019)).toEqual(withoutOther(rows2021));
    expect(TABLES.application[2019].header).toEqual(TABLES.application[2021].header);
    // 三、本年度办理结果 spans 20 rows in 2019 and 22 in 2021.
    const span = (rows: typeof rows2021) =>
      rows.filter((r) => r.labels[0] === '三、本年度办理结果').length;
    expect([span(rows2019), span(rows2021)]).toEqual([20, 22]);
  });

  it('table 四 (§2.3): groups, columns and header', () => {
    const text = section('### 2.3', '## 3.');
    const columnLines = text
      .split('\n')
      .filter((l) => /^\* C\d+–C\d+:/.test(l))
      .map(ticks);
    const def = TABLES.review[2021];
    expect(columnLines).toEqual(
      def.rows.map((row) => [...row.labels, ...row.columns.map((c) => c)]),
    );
    expect(TABLES.review[2019]).toEqual({ ...def, format: 2019 });
    expect(def.header[0]?.map((c) => [c.text, c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
  });

  it('the six part headings (§1.1)', () => {
    const block = section('### 1.1', '### 1.2');
    const headings = block
      .slice(block.indexOf('```') + 3, block.indexOf('```', block.indexOf('```') + 3))
      .trim()
      .split('\n');
    expect(PARTS.map((p) => `${p.number}、${p.title}`)).toEqual(headings);
  });
});
