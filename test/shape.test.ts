import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';
import { edit, hints, lines, VALID } from './support/check.js';


describe('unknown keys', () => {
  it('a mistyped column gets its did-you-mean', () => {
    const text = edit('上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1, 商业企: 0 }');
    expect(lines(text)).toEqual([
      'r.md:22:19 错误 unknown-key “依申请公开”的“上年结转”行没有“商业企”这一项',
    ]);
    expect(hints(text)).toEqual(['是不是“商业企业”？此格未计入合计校验，改正后再检查']);
  });

  it('a mistyped top-level key, row key and group item', () => {
    const text = edit('主送机关:', '主送机关关:');
    expect(lines(text)).toEqual(['r.md:7:1 错误 unknown-key 前置数据没有“主送机关关”这一项']);
    expect(hints(text)).toEqual(['是不是“主送机关”？']);
    const row = edit('部分公开: { 自然人: 1 }', '部份公开: { 自然人: 1 }');
    expect(hints(row)).toEqual(['是不是“部分公开”？此行未计入合计校验，改正后再检查']);
    const item = edit('属于国家秘密:', '属于国家机密:');
    expect(lines(item)[0]).toBe(
      'r.md:26:5 错误 unknown-key “依申请公开”的“不予公开”没有“属于国家机密”这一项',
    );
    expect(hints(item)).toEqual(['是不是“属于国家秘密”？此行未计入合计校验，改正后再检查']);
  });

  it('a sub-item one level too high, and a row of the other layout, say so', () => {
    const high = edit(
      '  不予公开:\n    属于国家秘密: { 商业企业: 1 }\n',
      '  属于国家秘密: { 商业企业: 1 }\n',
    );
    expect(hints(high)).toEqual(['“属于国家秘密”属于“不予公开”：请缩进写在“不予公开:”下面。此行未计入合计校验，改正后再检查']);
    const other = edit('  行政强制: 0\n', '  行政强制: 0\n  政府集中采购: { 采购项目数量: 1 }\n');
    expect(lines(other)).toEqual([
      'r.md:19:3 错误 unknown-key 2021 格式的“主动公开”没有“政府集中采购”这一项',
    ]);
    expect(hints(other)).toEqual([
      '“政府集中采购”是 2019 格式的行：要用那种格式，在“主动公开”下写“格式: 2019”',
    ]);
    const top = edit('复议诉讼:\n', '本年新收: { 自然人: 1 }\n复议诉讼:\n');
    expect(hints(top)).toContain(
      '“本年新收”是统计表“依申请公开”里的一行：请缩进写在“依申请公开:”下面',
    );
  });
});

describe('values that cannot be counts', () => {
  const cases: [string, string, string][] = [
    ['行政处罚: 3', '行政处罚: -3', 'r.md:17:9 错误 negative “行政处罚”不能是负数，这里是 -3'],
    ['行政处罚: 3', '行政处罚: 2.5', 'r.md:17:9 错误 not-integer “行政处罚”应当是整数，这里是 2.5'],
    ['行政处罚: 3', '行政处罚: 3件', 'r.md:17:9 错误 unit-in-number “行政处罚”“3件”里写了单位“件”'],
    [
      '行政事业性收费: 1.25',
      '行政事业性收费: 438754元',
      'r.md:19:12 错误 unit-in-number “行政事业性收费”“438754元”里写了单位“元”，而表头的单位是万元',
    ],
    [
      '行政处罚: 3',
      '行政处罚: 三',
      'r.md:17:9 错误 not-a-number “行政处罚”应当是数字，这里写的是“三”',
    ],
    ['行政处罚: 3', '行政处罚: ３', 'r.md:17:9 错误 full-width-digits “行政处罚”“３”用了全角数字'],
    [
      '行政处罚: 3',
      '行政处罚: true',
      'r.md:17:9 错误 not-a-number “行政处罚”应当是数字，这里是真假值 true',
    ],
    [
      '行政处罚: 3',
      '行政处罚: 99999999999999999',
      'r.md:17:9 错误 number-too-large “行政处罚”的数字“99999999999999999”过大',
    ],
    [
      '行政处罚: 3',
      '行政处罚: [1, 2]',
      'r.md:17:9 错误 row-length “主动公开”的“行政处罚”行列了 2 个值，应当是 1 个：本年处理决定数量',
    ],
  ];
  for (const [from, to, expected] of cases) {
    it(`${to}`, () => {
      expect(lines(edit(from, to))).toEqual([expected]);
    });
  }

  it('the 万元 hint converts 元', () => {
    expect(hints(edit('行政事业性收费: 1.25', '行政事业性收费: 438754元'))).toEqual([
      '换算成万元，只写数字：43.8754',
    ]);
  });

  it('a multi-column row written as a number', () => {
    expect(
      lines(edit('规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }', '规章: 0')),
    ).toEqual([
      'r.md:14:7 错误 wrong-type “主动公开”的“规章”行应当是按列顺序的列表或按列写的一组键值，这里是数字 0',
    ]);
  });

  it('本年增/减 may be negative in the 2019 layout; 采购总金额 keeps its unit', () => {
    const text = edit(
      '主动公开:\n  规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 }\n  行政规范性文件: { 本年制发件数: 2, 本年废止件数: 1, 现行有效件数: 5 }\n  行政许可: 12\n  行政处罚: 3\n  行政强制: 0\n  行政事业性收费: 1.25\n',
      '主动公开:\n  格式: 2019\n  行政许可: { 上一年项目数量: 5, 本年增/减: -2, 处理决定数量: 3 }\n  政府集中采购: { 采购项目数量: 5, 采购总金额: 552.91万元 }\n',
    );
    expect(lines(text)).toEqual([
      'r.md:13:1 警告 format-outdated 2021 年度的报告，“主动公开”表用的是 2019 格式',
    ]);
    const table = checkSource('r.md', text).report?.tables.disclosure;
    expect(table?.cells.get('政府集中采购|采购总金额')).toMatchObject({
      display: '552.91万元',
      unit: '万元',
    });
    expect(table?.cells.get('行政许可|本年增/减')).toMatchObject({ value: -2, display: '-2' });
  });
});

describe('malformed YAML gives a positioned Chinese error, never a stack trace', () => {
  it('a tab in the indentation', () => {
    expect(lines(edit('  行政处罚: 3', '\t行政处罚: 3'))[0]).toBe(
      'r.md:17:1 错误 yaml-syntax 缩进里有制表符（Tab）',
    );
  });

  it('bad indentation', () => {
    expect(lines(edit('  行政处罚: 3', ' 行政处罚: 3'))[0]).toBe(
      'r.md:17:1 错误 yaml-syntax 缩进不正确：同一层的键没有对齐',
    );
  });

  it('an unclosed quote points at the opening quote', () => {
    expect(lines(edit('主送机关: 市政府信息中心', '主送机关: "市政府信息中心'))).toEqual([
      'r.md:7:7 错误 yaml-syntax 引号没有闭合',
    ]);
  });

  it('a full-width colon', () => {
    expect(lines(edit('年度: 2021', '年度：2021'))[0]).toBe(
      'r.md:2:1 错误 yaml-syntax 键和值之间用了全角冒号“：”',
    );
    expect(hints(edit('年度: 2021', '年度：2021'))[0]).toBe(
      'YAML 的键和值之间要用半角冒号加一个空格，例如“年度: 2021”',
    );
  });

  it('a duplicate key', () => {
    expect(
      lines(edit('主送机关: 市政府信息中心', '主送机关: 市政府信息中心\n主送机关: 县政府')),
    ).toEqual(['r.md:8:1 错误 yaml-syntax 同一层里有重复的键']);
  });

  it('an unclosed flow mapping', () => {
    expect(lines(edit('上年结转: { 自然人: 1 }', '上年结转: { 自然人: 1'))[0]).toMatch(
      /^r\.md:2[23]:\d+ 错误 yaml-syntax /,
    );
  });

  it('no front matter, or no closing ---', () => {
    expect(lines('# 总体情况\n\n文字。\n')).toEqual([
      'r.md:1:1 错误 front-matter-missing 文件开头没有前置数据（以“---”开头的 YAML）',
    ]);
    expect(lines(VALID.replace(/^---\n\n现将/m, '\n现将'))).toEqual([
      'r.md:1:1 错误 front-matter-unclosed 前置数据从第 1 行的“---”开始，但没有结束的“---”',
    ]);
  });

  it('missing required keys and a bad year', () => {
    expect(lines(edit('\n机关: 临夏市南龙镇人民政府\n', '\n'))).toEqual([
      'r.md:1:1 错误 missing-key 前置数据缺少“机关”',
    ]);
    expect(lines(edit('年度: 2021', '年度: 21'))).toEqual([
      'r.md:2:5 错误 bad-year 年度应当是 2008 年以后的四位年份，这里是“21”',
    ]);
  });
});
