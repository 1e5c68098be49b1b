/** Sizes the narrative controls (issue 11): the 标题's length and the nesting of lists and quotes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines as diagnostics, edit } from './support/check.js';
import { nianbao, scratch } from './support/cli.js';
import { readPdf } from './support/pdf.js';

/** 119 characters: the 标题 that never finished building. */
const LONG_TITLE = `${'中卫市沙坡头区常乐镇人民政府'.repeat(8).slice(0, 102)}2022年政府信息公开工作年度报告`;
const withTitle = (title: string) => edit('主送机关: 市政府信息中心', `主送机关: 市政府信息中心\n标题: ${title}`);
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n');

describe('title length (issue 11)', () => {
  it('a 119-character 标题 is an error at the 标题 key', () => {
    expect([...LONG_TITLE].length).toBe(119);
    expect(diagnostics(withTitle(LONG_TITLE))).toEqual([
      'r.md:8:1 错误 title-too-long 标题有 119 个字，排成 2号字超过 4 行（每行最多 19 个字）',
      // The filler is one name typed over and over: a true repeat, at its second copy.
      'r.md:8:19 警告 repeated-word “标题”里“中卫市沙坡头区常乐镇人民政府”连着写了两遍',
    ]);
  });

  it('a 100,000-character 标题 is the same error', () => {
    expect(diagnostics(withTitle('某'.repeat(100_000)))).toEqual(['r.md:8:1 错误 title-too-long 标题有 100000 个字，排成 2号字超过 4 行（每行最多 19 个字）']);
  });

  it('a 机关 so long that the title made from it is too long is the error at 机关', () => {
    const text = edit('\n机关: 临夏市南龙镇人民政府', `\n机关: ${'临夏市南龙镇人民政府'.repeat(8)}`);
    expect(diagnostics(text).filter((d) => d.includes('title-too-long'))).toEqual(['r.md:3:1 错误 title-too-long 标题有 97 个字，排成 2号字超过 4 行（每行最多 19 个字）']);
  });

  it('a four-line 标题 passes', () => {
    const title = `${'中卫市沙坡头区常乐镇人民政府'.repeat(3)}2022年政府信息公开工作年度报告`;
    expect(diagnostics(withTitle(title)).filter((d) => d.includes('title-too-long'))).toEqual([]);
  });

  it('a 119-character 标题 builds at once with --force, every character in the PDF', async () => {
    const dir = scratch({ 'r.md': withTitle(LONG_TITLE) });
    const run = nianbao(['build', 'r.md', '--force'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('r.md:8:1 错误 title-too-long');
    const document = await readPdf(readFileSync(path.join(dir, 'r.pdf')));
    expect((document.pages[0]?.text ?? '').replace(/\s+/g, '')).toContain(LONG_TITLE);
  });
});

describe('nesting of lists and quotes (issue 11)', () => {
  it('a list nested 6 deep passes', () => {
    const text = edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${nestedList(6)}`);
    expect(diagnostics(text).filter((d) => d.includes('nesting'))).toEqual([]);
  });

  it('a list nested 12 deep is an error at its 7th level (markdown-it would drop the rest of the report)', () => {
    const text = edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${nestedList(12)}`);
    const line = text.split('\n').indexOf(`${'  '.repeat(6)}- 第7层`) + 1;
    // (markdown-it has dropped part 六 after it: part-missing follows, in the source parser's stage.)
    expect(diagnostics(text)[0]).toBe(`r.md:${line}:13 错误 nesting-too-deep 列表或引用嵌套了 7 层，最多 6 层`);
  });

  it('a quote nested 30 deep is an error at its line', () => {
    const text = edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${'>'.repeat(30)} 引用`);
    const line = text.split('\n').indexOf(`${'>'.repeat(30)} 引用`) + 1;
    expect(diagnostics(text)).toEqual([`r.md:${line}:1 错误 nesting-too-deep 列表或引用嵌套了 7 层，最多 6 层`]);
  });
});

describe('paragraph length (issue 11)', () => {
  it('a single paragraph of 200,000 characters builds (no limit: its layout is linear), every character in the PDF', async () => {
    const paragraph = '本机关坚持以人民为中心，全面推进政务公开。'.repeat(10_000);
    const dir = scratch({ 'r.md': edit('公开的及时性还需提高。', `公开的及时性还需提高。\n\n${paragraph}`) });
    const run = nianbao(['build', 'r.md'], dir);
    expect(run.stderr).toContain('已生成');
    expect(run.status).toBe(0);
    const document = await readPdf(readFileSync(path.join(dir, 'r.pdf')));
    const text = document.pages.map((p) => p.text).join('').replace(/\s+/g, '').replace(/—\d+—/g, '');
    expect(text).toContain(paragraph);
  }, 120_000);
});
