/**
 * A Word report made here with the docx package (centred title, a 发文字号, merged cells as Word
 * writes them: gridSpan and vMerge, a 署名 set right), imported: mammoth keeps the merges, so
 * every cell of table 三 lands in its row and column.
 */
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/import/index.js';
import { cellAt } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';
import { tableDef } from '../src/tables/definitions.js';
import { printedCells } from './support/imported.js';

interface Spec { text: string; rs?: number; cs?: number }

function table(rows: Spec[][]): Table {
  return new Table({
    rows: rows.map((row) => new TableRow({ children: row.map((c) => new TableCell({ children: [new Paragraph(c.text)], ...(c.rs ? { rowSpan: c.rs } : {}), ...(c.cs ? { columnSpan: c.cs } : {}) })) })),
  });
}

/** The labels of table 三 as the national format merges them, from the definitions. */
function applicationRows(values: (rowId: string) => string[]): Spec[][] {
  const def = tableDef('application', 2021);
  const rows: Spec[][] = def.header.map((line) => line.map((h) => ({ text: h.text, ...(h.rowSpan ? { rs: h.rowSpan } : {}), ...(h.colSpan ? { cs: h.colSpan } : {}) })));
  const printed = new Set<string>();
  for (const row of def.rows) {
    const cells: Spec[] = [];
    const [outer, middle, inner] = row.labels;
    if (row.labels.length === 1) cells.push({ text: outer as string, cs: 3 });
    else {
      if (!printed.has(outer as string)) cells.push({ text: outer as string, rs: def.rows.filter((r) => r.labels[0] === outer).length });
      if (row.labels.length === 2) cells.push({ text: middle as string, cs: 2 });
      else {
        if (!printed.has(middle as string)) cells.push({ text: middle as string, rs: def.rows.filter((r) => r.labels[1] === middle).length });
        cells.push({ text: inner as string });
      }
    }
    for (const label of row.labels) printed.add(label);
    rows.push([...cells, ...values(row.id).map((text) => ({ text }))]);
  }
  return rows;
}

async function docxOf(source: string): Promise<Buffer> {
  const report = checkSource('r.md', source).report;
  if (!report) throw new Error('not a report');
  const t3 = report.tables.application;
  const values = (id: string) => t3.def.columns.map((c) => cellAt(t3, id, c.key)?.display ?? '');
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '临夏市南龙镇人民政府文件', alignment: AlignmentType.CENTER }),
          new Paragraph({ text: '临南政发〔2022〕60号', alignment: AlignmentType.CENTER }),
          new Paragraph({ text: '南龙镇2021年政府信息公开', alignment: AlignmentType.CENTER }),
          new Paragraph({ text: '工作年度报告', alignment: AlignmentType.CENTER }),
          new Paragraph('市政府信息中心：'),
          new Paragraph('现将南龙镇2021年政府信息公开工作报告如下：'),
          new Paragraph('一、总体情况'),
          new Paragraph('2021年，南龙镇坚持公开为常态、不公开为例外。'),
          new Paragraph('三、收到和处理政府信息公开申请情况'),
          table(applicationRows(values)),
          new Paragraph('五、存在的主要问题及改进情况'),
          new Paragraph('一是创新性有待加强。'),
          new Paragraph('六、其他需要报告的事项'),
          new Paragraph('本年度未收取信息处理费。'),
          new Paragraph({ text: '临夏市南龙镇人民政府', alignment: AlignmentType.RIGHT }),
          new Paragraph({ text: '2022年2月21日', alignment: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('import of a DOCX', () => {
  it('keeps Word’s merged cells: table 三 of pingtan 2021, every cell in its row and column', async () => {
    const source = readFileSync('test/fixtures/published/pingtan-2021.md', 'utf8');
    const imported = await importFile('南龙镇2021.docx', await docxOf(source));
    const expected = checkSource('a.md', source).report;
    const back = checkSource('b.md', imported.source).report;
    if (!expected || !back) throw new Error('not a report');
    const only3 = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('application')));
    expect(only3(printedCells(back))).toEqual(only3(printedCells(expected)));
    expect(back.title).toBe('南龙镇2021年政府信息公开工作年度报告');
    expect(back.redHeader?.issuerMark).toBe('临夏市南龙镇人民政府文件');
    expect(back.redHeader?.documentNumber?.value).toBe('临南政发〔2022〕60号');
    expect(back.recipient).toBe('市政府信息中心');
    expect(back.signature).toBe('临夏市南龙镇人民政府');
    expect(back.date?.text).toBe('2022年2月21日');
    // Tables 二 and 四 are not in this document: said, not invented.
    expect(imported.diagnostics.map((d) => d.message)).toEqual([
      '原文里没有找到表二（主动公开），导入时没有写这张表',
      '原文里没有找到表四（复议诉讼），导入时没有写这张表',
    ]);
  });

  it('a zip that is not a Word document is a clear error', async () => {
    await expect(importFile('x.docx', Buffer.from('PK\u0003\u0004not really a zip'))).rejects.toThrow('“x.docx”是一个压缩包，但不是 Word 文档（没有 word/document.xml）');
  });
});
