/**
 * The table definitions' labels equal the national format, character for character. The format
 * (国办公开办函〔2021〕30号 and 国办公开办函〔2019〕60号) is the project's own fixture,
 * test/fixtures/national-format.json, so that a bare clone runs this test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARTS, TABLES } from '../src/tables/definitions.js';
import type { Format, HeaderCell, TableDef } from '../src/tables/types.js';

interface Block {
  title: string;
  header: string[];
  rows: string[];
}
interface FormatTables {
  document: string;
  disclosure: { blocks: Block[] };
  application: { header: HeaderCell[][]; columns: string[]; rows: string[][] };
  review: { header: HeaderCell[][]; groups: { labels: string[]; columns: string[] }[] };
}
type NationalFormat = { parts: string[] } & Record<Format, FormatTables>;

const national = JSON.parse(
  readFileSync(new URL('fixtures/national-format.json', import.meta.url), 'utf8'),
) as NationalFormat;

/** Each block of table 二 as a reader sees it: title row, header row, row labels. */
function definedBlocks(def: TableDef): Block[] {
  return def.blocks.map((block, index) => ({
    title: block.title,
    header: [
      block.corner,
      ...block.columns.map((key) => def.columns.find((c) => c.key === key)?.label ?? key),
    ],
    rows: def.rows.filter((r) => r.block === index).flatMap((r) => r.labels),
  }));
}

const FORMATS: { format: Format }[] = [{ format: 2021 }, { format: 2019 }];

describe('table labels match the national format (test/fixtures/national-format.json)', () => {
  it.each(FORMATS)('table 二, $format layout: block titles, headers and rows', ({ format }) => {
    expect(definedBlocks(TABLES.disclosure[format])).toEqual(national[format].disclosure.blocks);
  });

  it.each(FORMATS)(
    'table 三, $format layout: header with its merges, columns and every row label path in order',
    ({ format }) => {
      const def = TABLES.application[format];
      const expected = national[format].application;
      expect(def.header).toEqual(expected.header);
      expect(def.columns.map((c) => c.label ?? c.key)).toEqual(expected.columns);
      expect(def.rows.map((r) => r.labels)).toEqual(expected.rows);
    },
  );

  it('table 三: 三、本年度办理结果 spans 22 rows in 2021 and 20 in 2019 (（六）其他处理 is one row)', () => {
    const span = (format: Format) =>
      TABLES.application[format].rows.filter((r) => r.labels[0] === '三、本年度办理结果').length;
    expect([span(2021), span(2019)]).toEqual([22, 20]);
  });

  it.each(FORMATS)('table 四, $format layout: header with its merges, groups and columns', ({ format }) => {
    const def = TABLES.review[format];
    const expected = national[format].review;
    expect(def.header).toEqual(expected.header);
    expect(def.rows.map((row) => ({ labels: row.labels, columns: row.columns }))).toEqual(
      expected.groups,
    );
  });

  it('the six part headings', () => {
    expect(PARTS.map((p) => `${p.number}、${p.title}`)).toEqual(national.parts);
  });
});
