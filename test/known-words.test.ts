/**
 * The known-words trick of the bundle (scripts/known-words.mjs): the word segmenter's answer for
 * the tables' labels is made when nianbao is built and put in the bundle, so that a build or a
 * check need not make a segmenter for them. Every entry must be what the segmenter says, the
 * labels of every table must be there, a build must write the same bytes with the trick off
 * (NIANBAO_NO_KNOWN_WORDS=1), and with it on the reference report asks the segmenter only for its
 * title. Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/tables/definitions.js';
import { tableGrid } from '../src/template/tables.js';
import { segmentedWordStarts } from '../src/text/words.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE = path.join(ROOT, 'bench/reference-2024.md');
const table = JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle/known-words.json'), 'utf8')) as { icu: string; words: [string, number[]][] };

/** Runs the command line with a preload that lists every text given to a word segmenter (and how many segmenters were made). */
function segmenterUse(args: string[], env: Record<string, string> = {}): { made: number; texts: string[]; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-words-'));
  const hook = path.join(dir, 'hook.mjs');
  const log = path.join(dir, 'log.json');
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';
const Real = Intl.Segmenter;
const use = { made: 0, texts: [] };
Intl.Segmenter = class extends Real {
  constructor(...args) { super(...args); use.made++; this.word = args[1]?.granularity === 'word'; }
  segment(text) { if (this.word) use.texts.push(text); return super.segment(text); }
};
process.on('exit', () => writeFileSync(${JSON.stringify(log)}, JSON.stringify(use)));
`,
  );
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, path.join(ROOT, 'bin/nianbao.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...env },
  });
  return { ...(JSON.parse(readFileSync(log, 'utf8')) as { made: number; texts: string[] }), stderr: run.stderr };
}

describe('known words', () => {
  it('was made with this ICU, and every entry is what the segmenter says', () => {
    expect(table.icu).toBe(process.versions.icu);
    expect(table.words.length).toBeGreaterThan(50);
    for (const [text, starts] of table.words) expect(starts, text).toEqual(segmentedWordStarts(text));
  });

  it('holds every label of every table in every format', () => {
    const known = new Set(table.words.map(([text]) => text));
    for (const formats of Object.values(TABLES)) {
      for (const def of Object.values(formats)) {
        const grid = tableGrid({ def, present: true, position: { line: 1, column: 1 }, omittedAsBlank: true, cells: new Map(), rowPositions: new Map() });
        for (const { text } of grid.rows.flat()) if (/[\u2e80-\uffff]/.test(text)) expect(known.has(text), text).toBe(true);
      }
    }
  });

  it('the reference report builds to the same bytes with the trick off, and with it on asks the segmenter only for its title', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-words-'));
    const on = segmenterUse(['build', REFERENCE, '-o', path.join(dir, 'on.pdf')]);
    const off = segmenterUse(['build', REFERENCE, '-o', path.join(dir, 'off.pdf')], { NIANBAO_NO_KNOWN_WORDS: '1' });
    expect(on.stderr).toMatch(/已生成/);
    expect(off.stderr).toMatch(/已生成/);
    const bytes = readFileSync(path.join(dir, 'on.pdf'));
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.equals(readFileSync(path.join(dir, 'off.pdf')))).toBe(true);
    expect(on.texts).toEqual(['某某区人民政府办公室2024年政府信息公开工作年度报告']);
    expect(off.texts.length).toBeGreaterThan(50);
  }, 120_000);

  it('check of a title up to two lines wide makes no segmenter at all', () => {
    const use = segmenterUse(['check', REFERENCE]);
    expect(use.stderr).toMatch(/检查了 1 个文件/);
    expect(use.made).toBe(0);
  }, 60_000);
});
