import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { readPdf } from './support/pdf.js';


function pdffonts(file: string): string[][] {
  const out = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
  return out.split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/));
}

describe('nianbao build', () => {
  it('writes the PDF beside the source, quietly, and leaves the source and no temporary file behind', () => {
    const dir = scratch({ 'report.md': VALID });
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^已生成 report\.pdf（\d+ ms）\n$/);
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'report.pdf']);
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe(VALID);
    expect(readFileSync(path.join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('two builds of one source are byte-identical; SOURCE_DATE_EPOCH pins the date', async () => {
    const dir = scratch({ 'report.md': VALID });
    nianbao(['build', 'report.md', '-o', 'a.pdf'], dir);
    nianbao(['build', 'report.md', '-o', 'b.pdf'], dir);
    const a = readFileSync(path.join(dir, 'a.pdf'));
    expect(a.equals(readFileSync(path.join(dir, 'b.pdf')))).toBe(true);
    expect((await readPdf(a)).info.CreationDate).toBe('D:20220120160000Z');
    nianbao(['build', 'report.md', '-o', 'c.pdf'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    nianbao(['build', 'report.md', '-o', 'd.pdf'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    const c = readFileSync(path.join(dir, 'c.pdf'));
    expect(c.equals(readFileSync(path.join(dir, 'd.pdf')))).toBe(true);
    expect((await readPdf(c)).info.CreationDate).toBe('D:20231114221320Z');
  });

  it('embeds every font as a subset, with Chinese metadata', async () => {
    const dir = scratch({ 'report.md': VALID });
    nianbao(['build', 'report.md'], dir);
    const fonts = pdffonts(path.join(dir, 'report.pdf'));
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) {
      expect(font[0]).toMatch(/^[A-Z]{6}\+Fandol/);
      expect(font.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    const info = (await readPdf(readFileSync(path.join(dir, 'report.pdf')))).info;
    expect(info).toMatchObject({ Title: '临夏市南龙镇人民政府2021年政府信息公开工作年度报告', Author: '临夏市南龙镇人民政府', Subject: '2021年政府信息公开工作年度报告' });
  });

  it('a character no font covers: the positioned error, exit 1, nothing written', () => {
    const dir = scratch({ 'report.md': edit('公开的及时性还需提高。', '公开的及时性还需提高，王旻同志负责。') });
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'report.md:49:13 错误 missing-glyph 字符“旻”（U+65FB）不在“正文”的字体 FandolFang-Regular.ttf 中\n' +
        '  提示：在前置数据的“字体:”下为这个角色指定含有该字的字体文件，或把字体文件放在报告旁边；也可以改用常用字\n',
    );
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('errors in the input: no PDF unless --force, exit 1 either way', () => {
    const dir = scratch({ 'report.md': edit('成文日期: 2022年1月21日', '成文日期: 2021年1月21日') });
    const refused = nianbao(['build', 'report.md'], dir);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('report.md:8:7 错误 date-before-year-end');
    expect(refused.stderr).toBe('未生成 report.md 的 PDF：请先修正上面的错误（或加 --force）\n');
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
    const forced = nianbao(['build', 'report.md', '--force'], dir);
    expect(forced.status).toBe(1);
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(true);
  });

  it('a font beside the report is preferred to the shipped one', () => {
    const dir = scratch({ 'report.md': VALID });
    copyFileSync(path.join(ROOT, 'fonts/FandolKai-Regular.ttf'), path.join(dir, '仿宋_GB2312.ttf'));
    nianbao(['build', 'report.md'], dir);
    const names = pdffonts(path.join(dir, 'report.pdf')).map((f) => f[0]?.split('+')[1]);
    expect(names).toContain('FandolKai-Regular');
    expect(names).not.toContain('FandolFang-Regular');
  });

  it('a broken template beside the report: a diagnostic naming it, exit 1, no PDF, no stack trace', () => {
    const dir = scratch({ 'report.md': VALID });
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    const template = readFileSync(path.join(ROOT, 'templates/年度报告/report.md.hbs'), 'utf8');
    writeFileSync(path.join(dir, 'templates/年度报告/report.md.hbs'), template.replace('{{{part 6}}}', '{{#if year}}{{{part 6}}}'));
    const unclosed = nianbao(['build', 'report.md'], dir);
    expect(unclosed.status).toBe(1);
    expect(unclosed.stdout).toMatch(/^templates\/年度报告\/report\.md\.hbs:\d+:1 错误 template 模板“年度报告”第 \d+ 行有语法错误：到文件结尾还有没结束的 \{\{ \}\} 或 \{\{#…\}\} 块\n/);
    expect(unclosed.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(path.join(dir, 'templates/年度报告/report.md.hbs'), template.replace('{{{table "复议诉讼"}}}', '{{{table "复议"}}}'));
    const unknownTable = nianbao(['build', 'report.md'], dir);
    expect(unknownTable.status).toBe(1);
    expect(unknownTable.stdout).toContain('错误 template 模板“');
    expect(unknownTable.stdout).toContain('”：没有统计表“复议”\n  提示：可用：主动公开、依申请公开、复议诉讼');
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
  });

  it('-o with several sources is a usage error', () => {
    const run = nianbao(['build', 'examples', '-o', 'x.pdf']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'nianbao: -o 只能用于一个源文件\n  提示：多个源文件请用 --out-dir 指定输出目录\n' });
  });

  it('--out-dir builds every example, including the two whose errors need --force', () => {
    const dir = scratch();
    const run = nianbao(['build', 'examples', '--out-dir', dir, '--force']);
    expect(run.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['changle-2022.pdf', 'longde-chengguan-2021.pdf', 'nankou-2020.pdf', 'nanlong-2021.pdf', 'songduo-2021.pdf']);
  });
});

describe('the benched builds are ordinary builds', () => {
  it('the reference report built alone and on the worker pool gives the same bytes', () => {
    const dir = scratch();
    const reference = readFileSync(path.join(ROOT, 'bench/reference-2024.md'), 'utf8');
    mkdirSync(path.join(dir, 'batch'));
    writeFileSync(path.join(dir, 'batch/a.md'), reference);
    writeFileSync(path.join(dir, 'batch/b.md'), reference);
    writeFileSync(path.join(dir, 'alone.md'), reference);
    expect(nianbao(['build', 'alone.md'], dir).status).toBe(0);
    expect(nianbao(['build', 'batch', '--out-dir', 'pool'], dir, { CI: 'true' }).status).toBe(0);
    const alone = readFileSync(path.join(dir, 'alone.pdf'));
    expect(readFileSync(path.join(dir, 'pool/a.pdf')).equals(alone)).toBe(true);
    expect(readFileSync(path.join(dir, 'pool/b.pdf')).equals(alone)).toBe(true);
  }, 60_000);
});
