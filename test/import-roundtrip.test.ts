/**
 * nianbao's own web page of each example, imported back: the report must be the example's, cell
 * for cell (what prints), its printed metadata, and its narrative character for character.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../src/html/render.js';
import { importFile } from '../src/import/index.js';
import { checkSource } from '../src/pipeline.js';
import { built } from './support/build.js';
import { narrativeCharacters, printedCells, printedMetadata } from './support/imported.js';

const EXAMPLES = ['changle-2022', 'longde-chengguan-2021', 'nankou-2020', 'nanlong-2021', 'songduo-2021'];

describe('import of nianbao’s own HTML', () => {
  for (const name of EXAMPLES) {
    it(`${name}: the imported report is the example’s`, async () => {
      const file = `examples/${name}.md`;
      const result = await built(file);
      expect(result.tree).toBeDefined();
      if (!result.tree) return;
      const html = reportHtml(result.tree);
      const imported = await importFile(`${name}.html`, Buffer.from(html));
      const original = checkSource(file, readFileSync(file, 'utf8')).report;
      const back = checkSource(`${name}.md`, imported.source).report;
      expect(back).toBeDefined();
      if (!original || !back) return;
      expect(printedCells(back)).toEqual(printedCells(original));
      expect(printedMetadata(back)).toEqual(printedMetadata(original));
      expect(narrativeCharacters(back)).toBe(narrativeCharacters(original));
      // Nothing was uncertain: every cell of nianbao's own table has its place.
      expect(imported.diagnostics.filter((d) => d.code === 'import-uncertain')).toEqual([]);
    });
  }
});
