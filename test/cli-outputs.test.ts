import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, ROOT, scratch } from './support/cli.js';
import { readPdf } from './support/pdf.js';
import { Running } from './support/spawn.js';

/** Every file under `dir` with its bytes (symlinks as their targets), to prove a refused run wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const name = path.relative(dir, full);
      if (entry.isSymbolicLink()) files[name] = `-> ${readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        files[`${name}/`] = 'dir';
        visit(full);
      } else if (entry.isFile()) files[name] = readFileSync(full).toString('base64');
      else files[name] = lstatSync(full).mode.toString(8);
    }
  };
  visit(dir);
  return files;
}

/** Runs the CLI in `dir` and expects a usage error that changed nothing there. */
function refused(args: string[], dir: string): string {
  const before = snapshot(dir);
  const run = nianbao(args, dir);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(snapshot(dir)).toEqual(before);
  return run.stderr;
}

const OTHER = edit('\n机关: 临夏市南龙镇人民政府', '\n机关: 临夏市北塬镇人民政府');

describe('outputs never touch inputs', () => {
  it('a published original of the output\'s name (imported from, then built): refused, the original kept', () => {
    const page = readFileSync(path.join(ROOT, 'test/fixtures/import/pingtan-2021.html'));
    const dir = scratch({ 'r.md': VALID, 'r.pdf': '%PDF-1.7\n1 0 obj << /Producer (WPS 文字) >> endobj\n%%EOF\n' });
    writeFileSync(path.join(dir, 'r.html'), page);
    expect(refused(['build', 'r.md', '--html'], dir)).toBe(
      'nianbao: 输出“r.pdf”已经存在，但不是 nianbao 生成的（可能是导入源文件时用的原件）：生成会覆盖它\n' +
        '输出“r.html”已经存在，但不是 nianbao 生成的（可能是导入源文件时用的原件）：生成会覆盖它\n' +
        '  提示：用 -o 或 --out-dir 把输出放到别处；或先把原件移到别处\n',
    );
    expect(readFileSync(path.join(dir, 'r.html'))).toEqual(page);
  });

  it('nianbao\'s own PDF, page and Word file are replaced by the next build', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(nianbao(['build', 'r.md', '--html', '--docx'], dir).status).toBe(0);
    const again = nianbao(['build', 'r.md', '--html', '--docx'], dir);
    expect(again.stderr).toContain('已生成');
    expect(again.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['r.docx', 'r.html', 'r.md', 'r.pdf']);
  }, 60_000);

  it('nianbao build r.md -o r.md', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(refused(['build', 'r.md', '-o', 'r.md'], dir)).toBe(
      'nianbao: 输出“r.md”就是源文件“r.md”：生成会覆盖源文件\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n',
    );
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toBe(VALID);
  });

  it('a source named same.pdf (its default output is itself)', () => {
    const dir = scratch({ 'same.pdf': VALID });
    expect(refused(['build', 'same.pdf'], dir)).toBe(
      'nianbao: 输出“same.pdf”就是源文件“same.pdf”：生成会覆盖源文件\n' +
        '  提示：源文件的扩展名应为 .md：把“same.pdf”改名为 .md 文件，或用 -o 指定输出文件\n',
    );
  });

  it('page.html built with --html (the PDF is not written either)', () => {
    const dir = scratch({ 'page.html': VALID });
    expect(refused(['build', 'page.html', '--html'], dir)).toBe(
      'nianbao: 输出“page.html”就是源文件“page.html”：生成会覆盖源文件\n' +
        '  提示：源文件的扩展名应为 .md：把“page.html”改名为 .md 文件，或用 -o 指定输出文件\n',
    );
    expect(readdirSync(dir)).toEqual(['page.html']);
  });

  it('watch r.md -o r.md', () => {
    const dir = scratch({ 'r.md': VALID });
    // Refused before the watch starts: the process ends by itself.
    expect(refused(['watch', 'r.md', '-o', 'r.md'], dir)).toBe(
      'nianbao: 输出“r.md”就是源文件“r.md”：生成会覆盖源文件\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n',
    );
  });

  it('watch r.md r.markdown --out-dir out: refused by the same collision check as build', () => {
    const dir = scratch({ 'r.md': VALID, 'r.markdown': OTHER });
    expect(refused(['watch', 'r.md', 'r.markdown', '--out-dir', 'out'], dir)).toBe(
      'nianbao: 源文件“r.md”和“r.markdown”都会输出到“out/r.pdf”：后生成的会覆盖先生成的\n' +
        '  提示：--out-dir 按源文件所在的目录分开存放；同一目录里的两个源文件不能同名（扩展名不同也不行）：改一个文件名\n',
    );
  });

  it('an output that is a symlink to the source, or reaches it through ..', () => {
    const dir = scratch({ 'r.md': VALID });
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('r.md', path.join(dir, 'link.pdf'));
    expect(refused(['build', 'r.md', '-o', 'link.pdf'], dir)).toBe(
      `nianbao: 输出“link.pdf”（即 ${path.join(dir, 'r.md')}）就是源文件“r.md”：生成会覆盖源文件\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n`,
    );
    expect(refused(['build', 'r.md', '-o', 'sub/../r.md'], dir)).toBe(
      'nianbao: 输出“sub/../r.md”就是源文件“r.md”：生成会覆盖源文件\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n',
    );
  });

  it('.. after a symlinked folder is resolved as the system does (link/.. is the target\'s parent)', () => {
    const dir = scratch({ 'r.md': VALID });
    mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
    writeFileSync(path.join(dir, 'deep/r.md'), VALID);
    symlinkSync('deep/er', path.join(dir, 'link'));
    // Lexically link/../r.md is ./r.md; the kernel opens deep/r.md, the source named here.
    expect(refused(['build', 'deep/r.md', '-o', 'link/../r.md'], dir)).toBe(
      `nianbao: 输出“link/../r.md”（即 ${path.join(dir, 'deep/r.md')}）就是源文件“deep/r.md”：生成会覆盖源文件\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n`,
    );
  });

  it('an output that is a hard link to the source', () => {
    const dir = scratch({ 'r.md': VALID });
    linkSync(path.join(dir, 'r.md'), path.join(dir, 'r.pdf'));
    expect(refused(['build', 'r.md'], dir)).toBe(
      'nianbao: 输出“r.pdf”就是源文件“r.md”：生成会覆盖源文件\n  提示：用 -o 或 --out-dir 把输出放到别处\n',
    );
  });

  it('an output that is the report\'s template (through a symlink)', () => {
    const dir = scratch({ 'r.md': VALID });
    mkdirSync(path.join(dir, 'templates/年度报告'), { recursive: true });
    const template = path.join(dir, 'templates/年度报告/report.md.hbs');
    copyFileSync(path.join(ROOT, 'templates/年度报告/report.md.hbs'), template);
    symlinkSync('templates/年度报告/report.md.hbs', path.join(dir, 'out.pdf'));
    expect(refused(['build', 'r.md', '-o', 'out.pdf'], dir)).toBe(
      `nianbao: 输出“out.pdf”（即 ${template}）就是模板“${template}”：生成会覆盖模板\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n`,
    );
  });

  it('an output that is one of the report\'s fonts', () => {
    const dir = scratch({ 'r.md': VALID.replace('---\n\n', '字体:\n  正文: r.pdf\n---\n\n') });
    copyFileSync(path.join(ROOT, 'fonts/FandolFang-Regular.ttf'), path.join(dir, 'r.pdf'));
    expect(refused(['build', 'r.md'], dir)).toBe(
      `nianbao: 输出“r.pdf”就是字体“${path.join(dir, 'r.pdf')}”：生成会覆盖字体\n  提示：用 -o 或 --out-dir 把输出放到别处\n`,
    );
  });

  it('an output that is last year\'s report (--previous)', () => {
    const dir = scratch({ 'r.md': VALID, 'last.pdf': VALID.replace('年度: 2021', '年度: 2020') });
    expect(refused(['build', 'r.md', '--previous', 'last.pdf', '-o', 'last.pdf'], dir)).toContain(
      'nianbao: 输出“last.pdf”就是上一年的报告“last.pdf”：生成会覆盖上一年的报告\n',
    );
  });
});

describe('outputs are only ever regular files', () => {
  it('-o /dev/null (a device: refused, still a device)', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(refused(['build', 'r.md', '-o', '/dev/null'], dir)).toBe(
      'nianbao: 输出“/dev/null”是一个设备，不是普通文件：nianbao 只写普通文件，不会替换它\n  提示：用 -o 指定另一个文件名，例如 -o 报告.pdf\n',
    );
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO at the output path is refused, not replaced', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(spawnSync('mkfifo', [path.join(dir, 'r.pdf')]).status).toBe(0);
    expect(refused(['build', 'r.md'], dir)).toBe(
      'nianbao: 输出“r.pdf”是一个命名管道（FIFO），不是普通文件：nianbao 只写普通文件，不会替换它\n  提示：用 -o 或 --out-dir 把输出放到别处\n',
    );
    expect(lstatSync(path.join(dir, 'r.pdf')).isFIFO()).toBe(true);
  });

  it('a directory at the output path is refused, not replaced', () => {
    const dir = scratch({ 'r.md': VALID });
    mkdirSync(path.join(dir, 'r.html'));
    expect(refused(['build', 'r.md', '--html'], dir)).toBe(
      'nianbao: 输出“r.html”是一个目录，不是普通文件：nianbao 只写普通文件，不会替换它\n  提示：用 -o 或 --out-dir 把输出放到别处\n',
    );
  });
});

describe('two sources that map to one output in a batch', () => {
  it('--out-dir out with a/r.md and b/r.md: out/a/r.pdf and out/b/r.pdf, each from its own source', async () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'a/r.md'), VALID);
    writeFileSync(path.join(dir, 'b/r.md'), OTHER);
    const run = nianbao(['build', 'a/r.md', 'b/r.md', '--out-dir', 'out'], dir);
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['a', 'b']);
    expect(readdirSync(path.join(dir, 'out/a'))).toEqual(['r.pdf']);
    expect(readdirSync(path.join(dir, 'out/b'))).toEqual(['r.pdf']);
    expect((await readPdf(readFileSync(path.join(dir, 'out/a/r.pdf')))).info.Author).toBe('临夏市南龙镇人民政府');
    expect((await readPdf(readFileSync(path.join(dir, 'out/b/r.pdf')))).info.Author).toBe('临夏市北塬镇人民政府');
    expect(run.stderr).toContain('完成：2 个源文件，2 个 PDF 已生成，0 个有错误');
  }, 60_000);

  describe('watch', () => {
    let running: Running | undefined;
    afterEach(async () => {
      await running?.stop();
    });

    it('watch --out-dir out with a/r.md and b/r.md writes out/a/r.pdf and out/b/r.pdf too', async () => {
      const dir = scratch();
      mkdirSync(path.join(dir, 'a'));
      mkdirSync(path.join(dir, 'b'));
      writeFileSync(path.join(dir, 'a/r.md'), VALID);
      writeFileSync(path.join(dir, 'b/r.md'), OTHER);
      running = new Running(['watch', 'a/r.md', 'b/r.md', '--out-dir', 'out'], dir);
      await running.until(/正在监视 2 个源文件/);
      expect(running.stderr).toContain('已生成 out/a/r.pdf');
      expect(running.stderr).toContain('已生成 out/b/r.pdf');
      expect((await readPdf(readFileSync(path.join(dir, 'out/a/r.pdf')))).info.Author).toBe('临夏市南龙镇人民政府');
      expect((await readPdf(readFileSync(path.join(dir, 'out/b/r.pdf')))).info.Author).toBe('临夏市北塬镇人民政府');
    }, 60_000);
  });

  it('sources in one folder still go straight into --out-dir', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports/a.md'), VALID);
    writeFileSync(path.join(dir, 'reports/b.md'), OTHER);
    expect(nianbao(['build', 'reports/', '--out-dir', 'pdf'], dir).status).toBe(0);
    expect(readdirSync(path.join(dir, 'pdf')).sort()).toEqual(['a.pdf', 'b.pdf']);
  }, 60_000);

  it('r.md and r.markdown side by side: an error before any build naming both', () => {
    const dir = scratch({ 'r.md': VALID, 'r.markdown': OTHER });
    expect(refused(['build', 'r.md', 'r.markdown'], dir)).toBe(
      'nianbao: 源文件“r.md”和“r.markdown”都会输出到“r.pdf”：后生成的会覆盖先生成的\n' +
        '  提示：同一目录里的两个源文件不能只有扩展名不同：改一个文件名，或分开生成\n',
    );
  });

  it('one source named twice (r.md ./r.md) is built once, not refused', () => {
    const dir = scratch({ 'r.md': VALID });
    const run = nianbao(['build', 'r.md', './r.md'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^已生成 r\.pdf（\d+ ms）\n$/);
  });
});

describe('usage mistakes in build\'s options are Chinese usage errors', () => {
  it('--out-dir naming an existing file', () => {
    const dir = scratch({ 'r.md': VALID, notes: '' });
    expect(refused(['build', 'r.md', '--out-dir', 'notes'], dir)).toBe(
      'nianbao: --out-dir“notes”是一个文件，不是目录\n  提示：--out-dir 写一个目录（不存在会自动创建），或删去它，让 PDF 生成在源文件旁边\n',
    );
    expect(refused(['build', 'r.md', '--out-dir', 'notes/pdf'], dir)).toBe(
      'nianbao: 无法创建 --out-dir“notes/pdf”：“notes”是一个文件，不是目录\n  提示：--out-dir 写一个目录（不存在会自动创建），或删去它，让 PDF 生成在源文件旁边\n',
    );
  });

  it('--out-dir where no folder can be made (/proc/self/x): an error, not a hang', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(refused(['build', 'r.md', '--out-dir', '/proc/self/x'], dir)).toBe(
      'nianbao: 无法创建输出目录“/proc/self/x”：目录不存在，或那里不能新建文件\n  提示：换一个可写的目录：--out-dir\n',
    );
  });

  it('-o naming something that is not a PDF, or a folder that does not exist', () => {
    const dir = scratch({ 'r.md': VALID, 'other.md': OTHER });
    expect(refused(['build', 'r.md', '-o', 'other.md'], dir)).toBe('nianbao: -o“other.md”不是 PDF 文件名：输出文件应以 .pdf 结尾\n  提示：例如 -o other.pdf\n');
    expect(refused(['build', 'r.md', '-o', 'nodir/r.pdf'], dir)).toBe(
      'nianbao: 输出文件“nodir/r.pdf”所在的目录“nodir”不存在\n  提示：先建好这个目录，或改用 --out-dir nodir（会自动创建）\n',
    );
  });

  it('an option given twice, an empty one, -o with --out-dir, an extra argument', () => {
    const dir = scratch({ 'r.md': VALID });
    expect(refused(['build', 'r.md', '-o', 'a.pdf', '-o', 'b.pdf'], dir)).toBe('nianbao: 选项 -o/--out 只能写一次\n  提示：去掉多余的一个\n');
    expect(refused(['build', 'r.md', '--out-dir', 'x', '--out-dir', 'y'], dir)).toBe('nianbao: 选项 --out-dir 只能写一次\n  提示：去掉多余的一个\n');
    expect(refused(['build', 'r.md', '-o', ''], dir)).toBe('nianbao: 选项 -o/--out 的取值是空的\n  提示：运行 nianbao --help 查看用法\n');
    expect(refused(['build', 'r.md', '-o', 'r.pdf', '--out-dir', 'pdf'], dir)).toBe(
      'nianbao: -o 和 --out-dir 只能用一个\n  提示：一个源文件用 -o 指定输出文件，多个源文件用 --out-dir 指定输出目录\n',
    );
    expect(refused(['init', 'a.md', 'b.md'], dir)).toBe('nianbao: 多余的参数：“b.md”\n  提示：运行 nianbao --help 查看用法\n');
  });

  it('a value that looks like a number keeps its spelling (--out-dir 007)', () => {
    const dir = scratch({ 'r.md': VALID });
    const run = nianbao(['build', 'r.md', '--out-dir', '007'], dir);
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(dir, '007'))).toEqual(['r.pdf']);
  });
});

describe('help in Chinese', () => {
  const ENGLISH = /Usage|Commands|Options|Examples|For more info|Display|default:/;

  it('nianbao --help lists each command with a Chinese description and no English section title', () => {
    const run = nianbao(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(ENGLISH);
    expect(run.stdout).toContain('\n用法:\n  $ nianbao <命令> [选项]\n');
    const commands = run.stdout.split('\n命令:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(commands.map((line) => line.trim().split(' ')[0])).toEqual(['check', 'build', 'watch', 'init', 'import', 'fonts', 'lsp']);
    for (const line of commands) expect(line).toMatch(/^ {2}\S+( \S+)? +[\u4e00-\u9fff]/);
    // The descriptions line up in one column on a terminal (CJK characters are two columns wide).
    const column = (line: string) => [...(/^ {2}\S+( \S+)? +/.exec(line)?.[0] ?? '')].reduce((n, ch) => n + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(new Set(commands.map(column)).size).toBe(1);
  });

  it('each command\'s --help is in Chinese', () => {
    for (const command of ['check', 'build', 'watch', 'init', 'import', 'fonts', 'lsp']) {
      const run = nianbao([command, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(ENGLISH);
      expect(run.stdout).toMatch(new RegExp(`\n用法:\n  \\$ nianbao ${command}[ \n]`));
      expect(run.stdout).toContain('\n选项:\n');
      expect(run.stdout).toContain('\n示例:\n  $ nianbao ');
      expect(run.stdout).toContain('-h, --help');
      expect(run.stdout).toContain('显示帮助');
    }
  });
});
