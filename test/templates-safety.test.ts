/**
 * Issue 11, items 4 and 5: the glyph preflight sees what is drawn (entities decoded, template
 * text included); templates and fonts are read safely; Handlebars is strict; template mistakes
 * are diagnostics at the template's line:column. Runs the built CLI (npm run build first).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';

const SHIPPED = readFileSync(path.join(ROOT, 'templates/年度报告/report.md.hbs'), 'utf8');

/** A scratch report with its own copy of the template, changed by `change`. */
function withTemplate(change: (template: string) => string, source = VALID): string {
  const dir = scratch({ 'report.md': source });
  mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
  writeFileSync(path.join(dir, 'templates/年度报告/report.md.hbs'), change(SHIPPED));
  return dir;
}

const TEMPLATE = 'templates/年度报告/report.md.hbs';
const firstLines = (stdout: string) => stdout.split('\n').filter((l) => l !== '' && !l.startsWith('  '));

describe('glyph preflight on what is drawn', () => {
  it('HTML entities &#x20000; &#x1F600; &#x8D5F; in the narrative are missing-glyph errors at their line:column, exit 1, no PDF', () => {
    const dir = scratch({ 'report.md': edit('公开的及时性还需提高。', '公开的及时性还需提高，&#x20000;和&#x1F600;及 **&#x8D5F;** 。') });
    const run = nianbao(['build', 'report.md', '--html'], dir);
    expect(run.status).toBe(1);
    expect(firstLines(run.stdout)).toEqual([
      'report.md:49:12 错误 missing-glyph 字符“𠀀”（U+20000）不在“正文”的字体 FandolFang-Regular.ttf 中',
      'report.md:49:22 错误 missing-glyph 字符“😀”（U+1F600）不在“正文”的字体 FandolFang-Regular.ttf 中',
      'report.md:49:35 错误 missing-glyph 字符“赟”（U+8D5F）不在“一级标题”的字体 FandolHei-Regular.ttf 中',
    ]);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('the same characters typed literally give the same errors', () => {
    const dir = scratch({ 'report.md': edit('公开的及时性还需提高。', '公开的及时性还需提高，𠀀和😀及**赟**。') });
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(firstLines(run.stdout)).toEqual([
      'report.md:49:12 错误 missing-glyph 字符“𠀀”（U+20000）不在“正文”的字体 FandolFang-Regular.ttf 中',
      'report.md:49:15 错误 missing-glyph 字符“😀”（U+1F600）不在“正文”的字体 FandolFang-Regular.ttf 中',
      'report.md:49:20 错误 missing-glyph 字符“赟”（U+8D5F）不在“一级标题”的字体 FandolHei-Regular.ttf 中',
    ]);
  });

  it('an entity in a heading and in the preamble is checked in its role, at the source', () => {
    const source = edit('## 主动公开', '## 主动&#x8D5F;公开', edit('现将本镇', '现将&#x20000;本镇'));
    const run = nianbao(['build', 'report.md'], scratch({ 'report.md': source }));
    expect(run.status).toBe(1);
    expect(firstLines(run.stdout)).toEqual([
      'report.md:37:3 错误 missing-glyph 字符“𠀀”（U+20000）不在“正文”的字体 FandolFang-Regular.ttf 中',
      'report.md:43:6 错误 missing-glyph 字符“赟”（U+8D5F）不在“二级标题”的字体 FandolKai-Regular.ttf 中',
    ]);
  });

  it('text the template writes is checked too, at the template line:column (a paragraph and a grid cell)', () => {
    const dir = withTemplate((t) => t.replace('{{{part 6}}}', '{{{part 6}}}\n\n附：&#x20000;说明\n\n```grid widths=*\n表格😀\n```'));
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(firstLines(run.stdout)).toEqual([
      `${TEMPLATE}:53:3 错误 missing-glyph 字符“𠀀”（U+20000）不在“正文”的字体 FandolFang-Regular.ttf 中`,
      `${TEMPLATE}:56:3 错误 missing-glyph 字符“😀”（U+1F600）不在“正文”的字体 FandolFang-Regular.ttf 中`,
    ]);
    expect(run.stdout).toContain('  提示：这个字是模板写的：改模板，或在前置数据的“字体:”下为这个角色指定含有该字的字体文件\n');
  });
});

describe('templates and fonts are read safely', () => {
  it('a template that is a symlink to /etc/passwd is refused', () => {
    const dir = scratch({ 'report.md': VALID });
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    symlinkSync('/etc/passwd', path.join(dir, TEMPLATE));
    const run = nianbao(['build', 'report.md', '--html'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'report.md:1:1 错误 template 模板“年度报告”在报告所在的文件夹之外（/etc/passwd），不能使用\n' +
        '  提示：模板只能放在报告旁边的 templates/ 目录里（符号链接也必须指向报告的文件夹之内）；或删去“模板:”使用默认模板\n',
    );
    expect(readdirSync(dir).sort()).toEqual(['report.md', 'templates']);
  });

  it('模板: ../../… loads no template from outside the report folder', () => {
    const outer = scratch();
    mkdirSync(path.join(outer, 'elsewhere'), { recursive: true });
    writeFileSync(path.join(outer, 'elsewhere/report.md.hbs'), 'SECRET {{{part 1}}}');
    mkdirSync(path.join(outer, 'r/templates'), { recursive: true });
    writeFileSync(path.join(outer, 'r/report.md'), edit('年度: 2021\n', '年度: 2021\n模板: ../../elsewhere\n'));
    const run = nianbao(['build', 'report.md'], path.join(outer, 'r'));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^report\.md:3:1 错误 template 模板“\.\.\/\.\.\/elsewhere”在报告所在的文件夹之外（.*elsewhere\/report\.md\.hbs），不能使用\n/);
    expect(readdirSync(path.join(outer, 'r')).sort()).toEqual(['report.md', 'templates']);
  });

  it('a template symlink that stays inside the report folder is used', () => {
    const dir = scratch({ 'report.md': VALID });
    mkdirSync(path.join(dir, 'mine'), { recursive: true });
    writeFileSync(path.join(dir, 'mine/t.hbs'), SHIPPED.replace('{{{part 6}}}', '{{{part 6}}}\n\n本报告附注。'));
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    symlinkSync('../../mine/t.hbs', path.join(dir, TEMPLATE));
    const run = nianbao(['build', 'report.md', '--html'], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('本报告附注。');
  });

  it('a template that is a FIFO is refused, never blocks', () => {
    const dir = scratch({ 'report.md': VALID });
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, TEMPLATE)]);
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `report.md:1:1 错误 template 无法读取模板“${path.join(dir, TEMPLATE)}”：这是一个命名管道（FIFO），不是普通文件\n` +
        '  提示：模板 report.md.hbs 必须是普通文件（不能是目录、管道或设备），不超过 1 MB\n',
    );
  }, 30_000);

  it('a template path that is a directory is a diagnostic, not an internal error', () => {
    const dir = scratch({ 'report.md': VALID });
    mkdirSync(path.join(dir, TEMPLATE), { recursive: true });
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('report.md:1:1 错误 template 无法读取模板“');
    expect(run.stdout).toContain('”：这是一个目录，不是文件\n');
    expect(run.stderr).not.toContain('内部错误');
  });

  it('a font that is a FIFO is refused, never blocks', () => {
    const dir = scratch({ 'report.md': edit('年度: 2021\n', '年度: 2021\n字体:\n  正文: fifo.ttf\n') });
    execFileSync('mkfifo', [path.join(dir, 'fifo.ttf')]);
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`report.md:3:1 错误 font 无法读取字体文件“${path.join(dir, 'fifo.ttf')}”：这是一个命名管道（FIFO），不是普通文件\n`);
  }, 30_000);

  it('a 2 GB sparse font is refused before it is read', () => {
    const dir = scratch({ 'report.md': edit('年度: 2021\n', '年度: 2021\n字体:\n  正文: big.ttf\n') });
    writeFileSync(path.join(dir, 'big.ttf'), '');
    truncateSync(path.join(dir, 'big.ttf'), 2 * 1024 ** 3);
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`report.md:3:1 错误 font 无法读取字体文件“${path.join(dir, 'big.ttf')}”：文件太大（2048 MB，上限 64 MB）\n`);
  }, 30_000);

  it('check on a FIFO source: a clear error, never a hang', () => {
    const dir = scratch();
    execFileSync('mkfifo', [path.join(dir, 'report.md')]);
    const run = nianbao(['check', 'report.md'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('nianbao: 无法读取“report.md”：这是一个命名管道（FIFO），不是普通文件\n  提示：检查文件路径和权限：源文件必须是普通文件（不能是目录、管道或设备）\n');
  }, 30_000);

  it('build on a FIFO source: a clear error, never a hang', () => {
    const dir = scratch();
    execFileSync('mkfifo', [path.join(dir, 'report.md')]);
    const run = nianbao(['build', 'report.md'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('无法读取“report.md”：这是一个命名管道（FIFO），不是普通文件');
    expect(readdirSync(dir)).toEqual(['report.md']);
  }, 30_000);
});

describe('Handlebars in strict mode: template mistakes are diagnostics at the template line:column', () => {
  const cases: [string, (t: string) => string, string][] = [
    ['{{> nope}}, an unknown partial', (t) => t.replace('{{{part 6}}}', '{{{part 6}}}\n{{> nope}}'), `${TEMPLATE}:52:1 错误 template 模板“年度报告”：没有局部模板“nope”`],
    ['a recursive partial', (t) => `{{#*inline "a"}}x{{> a}}{{/inline}}{{> a}}\n${t}`, `${TEMPLATE}:1:18 错误 template 模板“年度报告”：局部模板“a”调用了自己（无限递归）`],
    ['a typo {{{prt}}} that would drop part 六', (t) => t.replace('{{{part 6}}}', '{{{prt}}}'), `${TEMPLATE}:51:4 错误 template 模板“年度报告”：没有变量“prt”`],
    ['an unknown helper', (t) => t.replace('{{heading 5}}', '{{headline 5}}'), `${TEMPLATE}:43:3 错误 template 模板“年度报告”：没有辅助函数“headline”`],
    ['a part whose text the template never prints', (t) => t.replace('{{{part 5}}}', ''), `${TEMPLATE}:1:1 错误 template 模板“年度报告”没有打印第五部分“存在的主要问题及改进情况”的正文（源文件第 48 行起）`],
    ['a table the template never prints', (t) => t.replace('{{{table "复议诉讼"}}}', ''), `${TEMPLATE}:1:1 错误 template 模板“年度报告”没有打印统计表“复议诉讼”`],
    ['an unclosed block', (t) => t.replace('{{{part 6}}}', '{{#if year}}{{{part 6}}}'), `${TEMPLATE}:53:1 错误 template 模板“年度报告”第 53 行有语法错误：到文件结尾还有没结束的 {{ }} 或 {{#…}} 块`],
  ];
  for (const [name, change, expected] of cases) {
    it(`${name}: one template diagnostic, exit 1, no PDF, no 内部错误`, () => {
      const dir = withTemplate(change);
      const run = nianbao(['build', 'report.md'], dir);
      expect(run.status).toBe(1);
      expect(firstLines(run.stdout)).toEqual([expected]);
      expect(run.stderr).not.toContain('内部错误');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(dir).sort()).toEqual(['report.md', 'templates']);
    });
  }
});
