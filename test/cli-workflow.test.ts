import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';


describe('a county batch', () => {
  it('30 sources, two broken: 28 PDFs, a summary naming each broken file, exit 1', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'reports'));
    for (let i = 1; i <= 30; i++) writeFileSync(path.join(dir, 'reports', `r${String(i).padStart(2, '0')}.md`), VALID);
    writeFileSync(path.join(dir, 'reports/r07.md'), edit('  行政处罚: 3', '\t行政处罚: 3'));
    writeFileSync(path.join(dir, 'reports/r19.md'), edit('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2, 总计: 9 }'));
    const run = nianbao(['build', 'reports', '--out-dir', 'pdf'], dir, { CI: 'true' });
    expect(run.status).toBe(1);
    expect(readdirSync(path.join(dir, 'pdf'))).toHaveLength(28);
    expect(readdirSync(path.join(dir, 'pdf'))).not.toContain('r07.pdf');
    const summary = run.stderr.slice(run.stderr.indexOf('完成：'));
    expect(summary).toMatch(/^完成：30 个源文件，28 个 PDF 已生成，2 个有错误，用时 \d+\.\d 秒\n/);
    expect(summary).toContain('  ✗ reports/r07.md:17:1 yaml-syntax 缩进里有制表符（Tab）\n');
    expect(summary).toContain('  ✗ reports/r19.md:21:32 applicant-total 依申请公开“本年新收”：总计写的是 9，但各列之和为 7（自然人 5 + 商业企业 2，其余为 0）\n');
    // Plain lines, not a bar, when not on a terminal.
    expect(run.stderr.split('\n').filter((l) => l.startsWith('已生成 pdf/'))).toHaveLength(28);
    expect(run.stderr).not.toContain('\r');
  }, 120_000);
});

describe('nianbao init', () => {
  it('writes every key, refuses to overwrite, and --from carries 结转 into 上年结转', () => {
    const dir = scratch();
    const fresh = nianbao(['init', 'new.md', '--year', '2024'], dir);
    expect(fresh.status).toBe(0);
    const text = readFileSync(path.join(dir, 'new.md'), 'utf8');
    // No $schema comment line (see the README's JSON Schema section): the front matter starts with 年度.
    expect(text.startsWith('---\n年度: 2024\n')).toBe(true);
    for (const key of ['年度: 2024', '机关:', '版头:', '发文字号:', '成文日期: 2025年1月20日', '版记:', '主动公开:', '依申请公开:', '不予公开:', '逾期未缴费:', '复议诉讼:', '# 其他需要报告的事项']) {
      expect(text).toContain(key);
    }
    const again = nianbao(['init', 'new.md'], dir);
    expect(again).toEqual({ status: 2, stdout: '', stderr: 'nianbao: “new.md”已经存在，不会覆盖\n  提示：换一个文件名，或先移走原文件\n' });
    expect(readFileSync(path.join(dir, 'new.md'), 'utf8')).toBe(text);

    const lastYear = VALID.replace('结转下年度继续办理: { 自然人: 1, 总计: 1 }', '结转下年度继续办理: { 自然人: 1, 法律服务机构: 2, 总计: 3 }').replace('本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }', '本年新收: { 自然人: 5, 商业企业: 2, 法律服务机构: 2, 总计: 9 }');
    writeFileSync(path.join(dir, '2021.md'), lastYear);
    const next = nianbao(['init', '--from', '2021.md'], dir);
    expect(next.status).toBe(0);
    expect(next.stderr).toBe('已创建 2022.md（2022 年度，上年结转取自 2021.md）\n');
    const carried = readFileSync(path.join(dir, '2022.md'), 'utf8');
    // The row form, in the column order its comment line gives.
    expect(carried).toContain('  # 各列依次为 [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]\n  本年新收: [待填, 待填, 待填, 待填, 待填, 待填, 待填]\n  上年结转: [1, 0, 0, 0, 2, 0, 3]\n');
    expect(carried).toContain('机关: 临夏市南龙镇人民政府');
    expect(carried).toContain('发文字号: 临南政发〔2023〕1号');
    const check = nianbao(['check', '2022.md', '--previous', '2021.md'], dir);
    // Nothing about 上年结转 (carried correctly); what is left is what the clerk still has to
    // write: this year's figures in every table and the text of parts 一 and 五.
    expect(check.stdout.split('\n').filter((l) => / (错误|警告) /.test(l))).toEqual([
      '2022.md:15:1 警告 not-filled 主动公开表的各列尚未填写本年的数字',
      '2022.md:26:1 警告 not-filled 依申请公开表的各列尚未填写本年的数字',
      '2022.md:58:1 警告 not-filled 复议诉讼表的各列尚未填写本年的数字',
      '2022.md:69:7 错误 placeholder “……”是 nianbao init 留下的占位，这一部分还没有写',
      '2022.md:73:1 错误 placeholder “……”是 nianbao init 留下的占位，这一部分还没有写',
    ]);
    expect(check.status).toBe(1);
  });
});

describe('nianbao fonts', () => {
  it('lists each role, its file, and whether it is the shipped fallback', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'r.md'), VALID);
    copyFileSync(path.join(ROOT, 'fonts/FandolKai-Regular.ttf'), path.join(dir, '楷体_GB2312.ttf'));
    const run = nianbao(['fonts', 'r.md'], dir);
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(['标题', '正文', '一级标题', '二级标题', '页码', '发文机关标志']);
    expect(rows.find((r) => r[0] === '二级标题')?.slice(1)).toEqual(['楷体_GB2312.ttf', '报告旁边']);
    // Every other role: the shipped Fandol face, or the installed one on this machine; each labelled for what it is.
    for (const [role, file, source] of rows.filter((r) => r[0] !== '二级标题')) {
      expect([role, source]).toEqual([role, /^Fandol/.test(path.basename(file ?? '')) ? '随附的 Fandol 字体（后备）' : '系统已安装']);
    }
    expect(statSync(path.join(dir, 'r.md')).size).toBe(Buffer.byteLength(VALID));
  });
});
