/**
 * `nianbao import`, and `check`/`build` of a published file, run as a clerk runs them: files on
 * disk, exit codes, the diagnostics of a published page said against it, `init --from` an
 * imported report and `check --previous` against it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nianbao, scratch } from './support/cli.js';
import { applicationTable, countyPage } from './support/pages.js';

const VALUES = { 本年新收: ['3', '0', '0', '0', '0', '0', '3'], 予以公开: ['2', '0', '0', '0', '0', '0', '3'], 不掌握: ['1', '0', '0', '0', '0', '0', '1'], 总计: ['3', '0', '0', '0', '0', '0', '3'] };
/** A county page whose 予以公开 总计 is printed 3 over parts adding to 2: one error to find. */
const PAGE = countyPage(applicationTable({}, VALUES));

describe('nianbao import', () => {
  it('writes <name>.md beside the original, and never over an existing file', () => {
    const dir = scratch({ '城关镇2023.html': PAGE });
    const first = nianbao(['import', '城关镇2023.html'], dir);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('已导入 城关镇2023.html → 城关镇2023.md\n');
    const source = readFileSync(path.join(dir, '城关镇2023.md'), 'utf8');
    expect(source).toContain('# 由 nianbao import 从“城关镇2023.html”（网页 HTML）导入，未经人工核对。');
    expect(source).toContain('  予以公开: [2, 0, 0, 0, 0, 0, 3]');
    const again = nianbao(['import', '城关镇2023.html'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('nianbao: “城关镇2023.md”已经存在，不会覆盖\n  提示：换一个文件名（-o 另一个.md），或先移走“城关镇2023.md”\n');
    expect(readFileSync(path.join(dir, '城关镇2023.md'), 'utf8')).toBe(source);
  }, 90_000);

  it('refuses an output that is its input, and -o that is not a source name', () => {
    const dir = scratch({ 'r.md': PAGE });
    const clash = nianbao(['import', 'r.md', '-o', './r.md'], dir);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toBe('nianbao: 输出“./r.md”就是输入“r.md”：导入会覆盖原文件\n  提示：用 -o 或 --out-dir 指定另一个位置\n');
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toBe(PAGE);
    const pdf = nianbao(['import', 'r.md', '-o', 'out.pdf'], dir);
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toBe('nianbao: -o“out.pdf”不是源文件名：导入的结果应以 .md 结尾\n  提示：例如 -o out.md\n');
  }, 90_000);

  it('--out-dir takes several files; a broken PDF is a clear error and writes nothing', () => {
    const dir = scratch({ 'a.html': PAGE, 'b.pdf': '%PDF-1.4\n%%EOF\n' });
    const run = nianbao(['import', 'a.html', 'b.pdf', '--out-dir', 'src'], dir);
    expect(existsSync(path.join(dir, 'src', 'a.md'))).toBe(true);
    expect(existsSync(path.join(dir, 'src', 'b.md'))).toBe(false);
    expect(run.stdout).toContain('b.pdf:1:1 错误 import-failed “b.pdf”不是可以读取的 PDF（找不到 PDF 的结构，文件不完整或不是 PDF）');
    expect(run.status).toBe(1);
  }, 90_000);
});

describe('check and build of a published file', () => {
  it('check x.html gives the diagnostics of its imported source, said against the page', () => {
    const dir = scratch({ '城关镇2023.html': PAGE });
    nianbao(['import', '城关镇2023.html', '-o', 'imported.md'], dir);
    const page = nianbao(['check', '城关镇2023.html', '--format', 'json'], dir);
    const source = nianbao(['check', 'imported.md', '--format', 'json'], dir);
    expect(page.status).toBe(1);
    expect(source.status).toBe(1);
    type Json = { file: string; line: number; column: number; code: string; message: string; hint: string; original?: { where: string; line?: number } };
    const fromPage = JSON.parse(page.stdout) as Json[];
    const fromSource = JSON.parse(source.stdout) as Json[];
    const essence = (d: Json) => ({ line: d.line, column: d.column, code: d.code, message: d.message, hint: d.hint });
    expect(fromPage.map(essence)).toEqual(fromSource.map(essence));
    expect(fromPage.every((d) => d.file === '城关镇2023.html')).toBe(true);
    const total = fromPage.find((d) => d.code === 'applicant-total');
    const htmlLine = PAGE.split('\n').findIndex((l) => l.includes('（一）予以公开')) + 1;
    expect(total?.original).toEqual({ where: `第${htmlLine}行 表三“（一）予以公开”行“总计”列`, line: htmlLine });
    const text = nianbao(['check', '城关镇2023.html'], dir);
    expect(text.stdout).toContain(`城关镇2023.html 第${htmlLine}行 表三“（一）予以公开”行“总计”列 错误 applicant-total ${total?.message}`);
  }, 90_000);

  it('build x.html writes x.pdf from the import (with --force past its error)', () => {
    const dir = scratch({ 'r.html': PAGE });
    const run = nianbao(['build', 'r.html', '--force'], dir);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(path.join(dir, 'r.html'), 'utf8')).toBe(PAGE);
  }, 90_000);

  it('init --from an imported report of year N, then check --previous against it', () => {
    // Last year's page carries one application (自然人) into the next year.
    const carried = { ...VALUES, 予以公开: ['2', '0', '0', '0', '0', '0', '2'], 结转: ['1', '0', '0', '0', '0', '0', '1'] };
    const dir = scratch({ '2023.html': countyPage(applicationTable({}, carried)) });
    expect(nianbao(['import', '2023.html'], dir).status).toBe(0);
    const init = nianbao(['init', '2024.md', '--from', '2023.md'], dir);
    expect(init.status).toBe(0);
    const next = readFileSync(path.join(dir, '2024.md'), 'utf8');
    expect(next).toContain('年度: 2024');
    expect(next).toContain('机关: 城关镇人民政府');
    expect(next).toContain('上年结转: [1, 0, 0, 0, 0, 0, 1]');
    const filled = next.replace(/待填/g, '0').replace(/××/g, '某').replace(/……/g, '本年度工作稳步推进。');
    writeFileSync(path.join(dir, '2024.md'), filled);
    const checked = nianbao(['check', '2024.md', '--previous', '2023.md'], dir);
    expect(checked.stdout).not.toContain('previous-year');
    expect(checked.stdout).not.toContain('carryover-mismatch');
    // A 上年结转 that disagrees with the imported 结转下年度继续办理 is found.
    writeFileSync(path.join(dir, '2024.md'), filled.replace('上年结转: [1, 0, 0, 0, 0, 0, 1]', '上年结转: [0, 0, 0, 0, 0, 0, 0]'));
    const wrong = nianbao(['check', '2024.md', '--previous', '2023.md'], dir);
    expect(wrong.stdout).toContain('carryover-mismatch');
    // The published page itself serves as --previous, with the same result.
    expect(nianbao(['check', '2024.md', '--previous', '2023.html'], dir).stdout).toBe(wrong.stdout.replaceAll('（2023.md）', '（2023.html）'));
  }, 90_000);
});
