/**
 * Plain text: `pdftotext -layout` of nianbao's own PDF of each example (label cells broken over
 * lines, page numbers and repeated table headers between pages), and a web page's text with
 * tab-separated cells. Every cell must land where the example has it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/import/index.js';
import { checkSource } from '../src/pipeline.js';
import { tableDef } from '../src/tables/definitions.js';
import type { TableId } from '../src/tables/types.js';
import { built } from './support/build.js';
import { inOrderShare, narrativeCharacters, printedCells, printedMetadata } from './support/imported.js';

const EXAMPLES = ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021'];

/** Cells of rows that mix blanks and values (the examples' real blanks), which text cannot place. */
const BLANK_ROWS_CELLS: Record<string, number> = { 'changle-2022': 0, 'longde-chengguan-2021': 0, 'nankou-2020': 0, 'nanlong-2021': 17, 'songduo-2021': 26 };

function pdftotext(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-text-'));
  writeFileSync(path.join(dir, 'r.pdf'), pdf);
  const run = spawnSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}

describe('import of pdftotext -layout text', () => {
  for (const name of EXAMPLES) {
    it(`${name}: every cell where the example has it, the narrative in order`, async () => {
      const file = `examples/${name}.md`;
      const result = await built(file);
      if (!result.pdf) throw new Error('no PDF');
      const text = pdftotext(result.pdf);
      const imported = await importFile(`${name}.txt`, Buffer.from(text));
      const original = checkSource(file, readFileSync(file, 'utf8')).report;
      const back = checkSource(`${name}.md`, imported.source).report;
      if (!original || !back) throw new Error('not a report');
      // Text shows no blank cell: a row with blanks among its values cannot be placed cell by
      // cell, and is written blank with a warning naming it. Every other cell is exact.
      const expected = printedCells(original);
      const got = printedCells(back);
      const differing = Object.keys(expected).filter((key) => expected[key] !== got[key]);
      for (const key of differing) {
        expect(got[key], key).toBe('');
        const [id, rowId] = key.split(' ') as [TableId, string];
        const row = tableDef(id, back.tables[id].def.format).rows.find((r) => r.id === rowId);
        expect(imported.diagnostics.some((d) => d.code === 'import-uncertain' && d.message.includes(`“${row?.labels.at(-1)}”`)), key).toBe(true);
      }
      expect(differing.length).toBe(BLANK_ROWS_CELLS[name]);
      const { 年度, 标题, 成文日期, 署名 } = printedMetadata(original);
      expect(printedMetadata(back)).toMatchObject({ 年度, 标题, 成文日期, 署名 });
      expect(inOrderShare(narrativeCharacters(original), narrativeCharacters(back))).toBeGreaterThanOrEqual(0.98);
    });
  }
});

describe('a web page’s text', () => {
  it('reads one paragraph a line and tab-separated cells, blanks and / as published', async () => {
    const text = [
      '某县某局2023年政府信息公开工作年度报告',
      '发布时间：2024-01-20',
      '一、总体情况',
      '2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作，全年主动公开政府信息120条，其中政策文件6条。',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t/\t/\t/',
      '行政规范性文件\t1\t0\t4',
      '第二十条第（五）项',
      '信息内容\t本年处理决定数量',
      '行政许可\t35',
      '五、存在的主要问题及改进情况',
      '一是公开的主动性不够。二是解读形式较为单一。',
      '六、其他需要报告的事项',
      '本年度未收取信息处理费。',
    ].join('\n');
    const imported = await importFile('局.txt', Buffer.from(text));
    const report = checkSource('局.md', imported.source).report;
    if (!report) throw new Error('not a report');
    const cells = printedCells(report);
    expect([cells['disclosure 规章 本年制发件数'], cells['disclosure 行政规范性文件 现行有效件数'], cells['disclosure 行政许可 本年处理决定数量']]).toEqual(['/', '4', '35']);
    expect(report.title).toBe('某县某局2023年政府信息公开工作年度报告');
    expect(report.narrative.parts[0]?.blocks.map((b) => b.text)).toEqual(['2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作，全年主动公开政府信息120条，其中政策文件6条。']);
    // Rows the page did not print are blank, each said; tables 三 and 四 are not there at all.
    expect(imported.diagnostics.map((d) => d.message)).toEqual([
      '原文表二没有“行政处罚”这一行，导入时整行写为空白 ~',
      '原文表二没有“行政强制”这一行，导入时整行写为空白 ~',
      '原文表二没有“行政事业性收费”这一行，导入时整行写为空白 ~',
      '原文里没有找到表三（依申请公开），导入时没有写这张表',
      '原文里没有找到表四（复议诉讼），导入时没有写这张表',
    ]);
  });
});
