/** `nianbao build --docx` and `watch --docx` as a clerk runs them: the files on disk, the messages, the exit codes. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { openDocx, paragraphs } from './support/docx.js';

describe('nianbao build --docx', () => {
  it('writes report.docx beside report.pdf, the same for the same source', async () => {
    const dir = scratch({ 'report.md': VALID });
    const run = nianbao(['build', 'report.md', '--docx'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr + run.stdout).toMatch(/已生成 report\.pdf 和 report\.docx/);
    const first = readFileSync(path.join(dir, 'report.docx'));
    const parts = await openDocx(first);
    const texts = paragraphs(await parts.text('word/document.xml')).map((p) => p.text);
    expect(texts).toContain('三、收到和处理政府信息公开申请情况');
    expect(nianbao(['build', 'report.md', '--docx'], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'report.docx')).equals(first)).toBe(true);
    // -o names the PDF; the Word file takes its name.
    expect(nianbao(['build', 'report.md', '--docx', '-o', 'out.pdf'], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'out.docx')).equals(first)).toBe(true);
  });

  it('refuses a source with errors as for the PDF: exit 1, no file', () => {
    const dir = scratch({ 'report.md': edit('年度: 2021', '年度: 20x1') });
    const run = nianbao(['build', 'report.md', '--docx'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('bad-year');
    expect(existsSync(path.join(dir, 'report.docx'))).toBe(false);
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
  });

  it('--embed-fonts embeds the fonts; alone it is a usage error', () => {
    const dir = scratch({ 'report.md': VALID });
    const alone = nianbao(['build', 'report.md', '--embed-fonts'], dir);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--embed-fonts 只用于 Word 文件（PDF 总是嵌入字体）');
    expect(alone.stderr).toContain('提示：同时加上 --docx');
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
    expect(nianbao(['build', 'report.md', '--docx', '--embed-fonts'], dir).status).toBe(0);
    // The four Fandol faces a report draws: some 20 MB of fonts.
    expect(statSync(path.join(dir, 'report.docx')).size).toBeGreaterThan(10_000_000);
  });

  it('never writes the Word file over an input', () => {
    // A source saved under the name its Word file would take.
    const dir = scratch({ 'report.docx': VALID });
    const run = nianbao(['build', 'report.docx', '--docx'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('输出“report.docx”就是源文件“report.docx”：生成会覆盖源文件');
    expect(readFileSync(path.join(dir, 'report.docx'), 'utf8')).toBe(VALID);
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
  });
});

describe('nianbao watch --docx', () => {
  it('writes the Word file after each PDF', async () => {
    const dir = scratch({ 'report.md': VALID });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/nianbao.js'), 'watch', 'report.md', '--docx'], { cwd: dir, env: { ...process.env, NIANBAO_DEBUG: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no docx line: ${stderr}`)), 60_000);
        child.stderr.on('data', () => {
          if (/已生成 report\.docx/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill('SIGINT');
    }
    const parts = await openDocx(readFileSync(path.join(dir, 'report.docx')));
    expect(parts.files).toContain('word/document.xml');
  }, 90_000);
});
