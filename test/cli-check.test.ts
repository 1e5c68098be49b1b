import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from './support/check.js';
import { nianbao, scratch } from './support/cli.js';

const STACK = /^\s+at /m;


describe('nianbao check', () => {
  it('a clean file: exit 0, nothing on stdout, the summary on stderr', () => {
    const run = nianbao(['check', 'examples/changle-2022.md']);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '检查了 1 个文件：0 个错误，0 个警告\n' });
  });

  it('warnings only still exit 0', () => {
    const run = nianbao(['check', 'examples/songduo-2021.md']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter((l) => / 警告 /.test(l))).toHaveLength(3);
  });

  it('a glob (expanded by nianbao, not the shell) and a directory give the same five files, exit 1', () => {
    const glob = nianbao(['check', 'examples/*.md']);
    const dir = nianbao(['check', 'examples']);
    expect(glob.status).toBe(1);
    expect(glob.stderr).toBe('检查了 5 个文件：2 个错误，7 个警告\n');
    expect(dir).toEqual(glob);
    expect(glob.stdout).toContain(
      'examples/nankou-2020.md:45:1 错误 part-missing 缺少第六部分“六、其他需要报告的事项”\n',
    );
  });

  it('--format json', () => {
    const run = nianbao(['check', 'examples/longde-chengguan-2021.md', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: 'examples/longde-chengguan-2021.md',
        line: 21,
        column: 7,
        severity: 'error',
        code: 'date-before-year-end',
        message: '成文日期 2021年1月19日 不晚于报告年度 2021 年末',
        hint: '2021 年度的报告统计到 2021年12月31日，成文日期应在 2022 年：是不是写错了年份？',
      },
    ]);
  });

  it('malformed YAML: the positioned Chinese error, exit 1, no stack trace, the file untouched', () => {
    const broken = edit('  行政处罚: 3', '\t行政处罚: 3');
    const dir = scratch({ 'r.md': broken });
    const run = nianbao(['check', 'r.md'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'r.md:17:1 错误 yaml-syntax 缩进里有制表符（Tab）\n  提示：YAML 只能用空格缩进：请把 Tab 换成空格，每一层多缩进两个空格\n',
    );
    expect(run.stderr).not.toMatch(STACK);
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toBe(broken);
  });

  it('--previous checks 上年结转 against last year', () => {
    const lastYear = VALID.replace('年度: 2021', '年度: 2020\n格式: 2021')
      .replaceAll('2022年1月21日', '2021年1月21日')
      .replace('〔2022〕', '〔2021〕')
      .replace(
        '结转下年度继续办理: { 自然人: 1, 总计: 1 }',
        '结转下年度继续办理: { 自然人: 3, 总计: 3 }',
      );
    const dir = scratch({ '2021.md': VALID, '2020.md': lastYear });
    writeFileSync(path.join(dir, 'broken.md'), lastYear.replace('年度: 2020', '年度：2020'));
    const bad = nianbao(['check', '2021.md', '--previous', 'broken.md'], dir);
    // Last year's report must at least be readable; its own errors are shown.
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('broken.md:2:1 错误 yaml-syntax 键和值之间用了全角冒号“：”');
    expect(bad.stderr).toContain('nianbao: 上一年的报告“broken.md”无法读取为报告');
    const run = nianbao(['check', '2021.md', '--previous', '2020.md'], dir);
    expect(run.stdout.split('\n').filter((l) => l.includes('carryover-mismatch'))).toEqual([
      '2021.md:22:3 错误 carryover-mismatch 依申请公开“总计”列：上年结转 1，但 2020 年度报告的结转下年度继续办理是 3',
      '2021.md:22:16 错误 carryover-mismatch 依申请公开“自然人”列：上年结转 1，但 2020 年度报告的结转下年度继续办理是 3',
    ]);
    expect(run.status).toBe(1);
  });
});

describe('usage and I/O errors: exit 2, a Chinese message, no stack trace', () => {
  const cases: [string, string[], string][] = [
    [
      'a missing file',
      ['check', 'nope.md'],
      'nianbao: 找不到文件“nope.md”\n  提示：检查文件名和路径是否正确\n',
    ],
    [
      'a glob with no match',
      ['check', 'nothing/*.md'],
      'nianbao: 没有与“nothing/*.md”匹配的文件\n  提示：检查通配符和当前目录\n',
    ],
    [
      'a directory with no sources',
      ['check', 'src'],
      'nianbao: 目录“src”里没有报告源文件（.md）\n  提示：源文件的扩展名是 .md\n',
    ],
    [
      'an unknown option',
      ['check', 'examples/changle-2022.md', '--frobnicate'],
      'nianbao: 未知选项“--frobnicate”\n  提示：运行 nianbao --help 查看可用选项\n',
    ],
    [
      'a bad --format',
      ['check', 'examples/changle-2022.md', '--format', 'xml'],
      'nianbao: --format 只能是 text 或 json，这里是“xml”\n  提示：例如 nianbao check report.md --format json\n',
    ],
    [
      'an unknown command',
      ['chekc', 'a.md'],
      'nianbao: 未知命令“chekc”\n  提示：运行 nianbao --help 查看可用命令\n',
    ],
    [
      'check without files',
      ['check'],
      'nianbao: 命令“check”缺少参数\n  提示：例如 nianbao check report.md\n',
    ],
  ];
  for (const [name, args, stderr] of cases) {
    it(name, () => {
      const run = nianbao(args);
      expect(run).toEqual({ status: 2, stdout: '', stderr });
    });
  }

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(nianbao(['--version']).stdout).toContain(pkg.version);
    const help = nianbao(['check', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--previous <文件>');
  });
});
