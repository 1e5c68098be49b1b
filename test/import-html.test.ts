/**
 * Importing web pages: a real government page (Word-exported markup in site chrome, see
 * test/fixtures/import/README.md) and hand-written pages in the shapes government sites use:
 * layout tables around the article, <br> bodies with full-width indents, a rowspan over 22 rows,
 * misspelled and truncated labels, a cell that cannot be placed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../src/import/index.js';
import { checkSource } from '../src/pipeline.js';
import { inOrderShare, narrativeCharacters, printedCells } from './support/imported.js';

const PINGTAN = 'test/fixtures/import/pingtan-2021.html';

describe('a real government page (平潭 2021, trimmed)', () => {
  it('gives the hand-verified transcription’s tables cell for cell, its title, year and 发布日期', async () => {
    const imported = await importFile(PINGTAN, readFileSync(PINGTAN));
    const expected = checkSource('pingtan-2021.md', readFileSync('test/fixtures/published/pingtan-2021.md', 'utf8')).report;
    const back = checkSource('imported.md', imported.source).report;
    if (!expected || !back) throw new Error('not a report');
    expect(printedCells(back)).toEqual(printedCells(expected));
    expect(back.title).toBe('平潭综合实验区2021年度政府信息公开工作年度报告');
    expect(back.year).toBe(2021);
    expect(back.publicationDate?.text).toBe('2022-02-08');
    // The site chrome (navigation, 来源, 附件下载, the footer) is not narrative.
    expect(narrativeCharacters(back)).toBe(narrativeCharacters(expected));
    expect(imported.diagnostics).toEqual([]);
  });

  it('is deterministic: the same bytes give the same source', async () => {
    const bytes = readFileSync(PINGTAN);
    expect((await importFile(PINGTAN, bytes)).source).toBe((await importFile(PINGTAN, bytes)).source);
  });
});
