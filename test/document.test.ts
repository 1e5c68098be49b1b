import { describe, expect, it } from 'vitest';
import { checkSource } from '../src/pipeline.js';
import { edit, hints, lines, VALID, yearBefore } from './support/check.js';


describe('dates', () => {
  it('成文日期 inside the report year is an error', () => {
    expect(lines(edit('成文日期: 2022年1月21日', '成文日期: 2021年1月19日'))).toEqual([
      'r.md:6:9 警告 document-number-year 发文字号的年份 2022 与成文日期的年份 2021 不同',
      'r.md:8:7 错误 date-before-year-end 成文日期 2021年1月19日 不晚于报告年度 2021 年末',
    ]);
  });

  it('after 1月31日 is a warning; 虚位 is a warning with the fix', () => {
    const late = edit('成文日期: 2022年1月21日', '成文日期: 2022年2月21日');
    expect(lines(late)).toEqual([
      'r.md:8:7 警告 date-late 成文日期 2022年2月21日 晚于 2022年1月31日（乡镇人民政府、街道办事处按各地规定，多为每年 1月31日前公布）',
      'r.md:12:9 警告 print-date-early 印发日期 2022年1月21日 早于成文日期 2022年2月21日',
    ]);
    const padded = edit('成文日期: 2022年1月21日', '成文日期: 2022年01月21日');
    expect(lines(padded)).toEqual([
      'r.md:8:7 警告 date-padded “成文日期”“2022年01月21日”的月或日前面多了 0',
    ]);
    expect(hints(padded)).toEqual(['公文日期不编虚位（GB/T 9704）：写成“2022年1月21日”']);
    expect(lines(edit('成文日期: 2022年1月21日', '成文日期: 2022-01-21'))).toEqual([]);
  });

  it('a date that does not exist, or is not a date', () => {
    expect(lines(edit('成文日期: 2022年1月21日', '成文日期: 2022年2月30日'))).toEqual([
      'r.md:8:7 错误 bad-date “成文日期”：日期“2022年2月30日”不存在',
    ]);
    expect(lines(edit('成文日期: 2022年1月21日', '成文日期: 20220121'))).toEqual([
      'r.md:8:7 错误 bad-date “成文日期”应当是日期，这里是“20220121”',
    ]);
  });

  it('印发日期 before 成文日期', () => {
    expect(lines(edit('印发日期: 2022年1月21日', '印发日期: 2022年1月20日'))).toEqual([
      'r.md:12:9 警告 print-date-early 印发日期 2022年1月20日 早于成文日期 2022年1月21日',
    ]);
  });
});

describe('发文字号', () => {
  const cases: [string, string, string][] = [
    ['临南政发〔2022〕06号', '序号不编虚位（1 不写成 01）', '写成“临南政发〔2022〕6号”'],
    ['临南政发〔2022〕第6号', '序号前不加“第”', '写成“临南政发〔2022〕6号”'],
    ['临南政发[2022]6号', '年份要用六角括号〔〕括起来并写全四位', '写成“临南政发〔2022〕6号”'],
    ['临南政发（2022）6号', '年份要用六角括号〔〕括起来并写全四位', '写成“临南政发〔2022〕6号”'],
  ];
  for (const [typed, problem, hint] of cases) {
    it(typed, () => {
      const text = edit('临南政发〔2022〕6号', typed);
      expect(lines(text)).toEqual([
        `r.md:6:9 错误 document-number 发文字号“${typed}”格式不对：${problem}`,
      ]);
      expect(hints(text)).toEqual([hint]);
    });
  }

  it('a year that differs from the 成文日期 is a warning', () => {
    expect(lines(edit('临南政发〔2022〕6号', '临南政发〔2021〕6号'))).toEqual([
      'r.md:6:9 警告 document-number-year 发文字号的年份 2021 与成文日期的年份 2022 不同',
    ]);
  });
});

describe('the six parts', () => {
  it('a missing part, an empty part, an unknown heading with its did-you-mean', () => {
    expect(lines(edit('# 存在的主要问题及改进情况\n\n公开的及时性还需提高。\n\n', ''))).toEqual([
      'r.md:47:3 错误 part-missing 缺少第五部分“五、存在的主要问题及改进情况”',
    ]);
    expect(lines(edit('公开的及时性还需提高。\n', ''))).toEqual([
      'r.md:47:3 错误 part-empty 第五部分“五、存在的主要问题及改进情况”没有内容',
    ]);
    const typo = edit('# 总体情况', '# 总体情');
    expect(lines(typo)).toEqual([
      'r.md:39:3 错误 part-unknown 一级标题“总体情”不是年度报告的六个部分之一',
      'r.md:47:3 错误 part-missing 缺少第一部分“一、总体情况”',
    ]);
    expect(hints(typo)[0]).toBe('是不是“总体情况”？');
  });

  it('order and duplicates', () => {
    const swapped = VALID.replace(
      '# 存在的主要问题及改进情况\n\n公开的及时性还需提高。\n\n',
      '',
    ).replace('# 总体情况', '# 存在的主要问题及改进情况\n\n公开的及时性还需提高。\n\n# 总体情况');
    expect(lines(swapped)).toEqual([
      'r.md:43:3 错误 part-order 第一部分“总体情况”写在了第五部分之后',
    ]);
    const twice = `${VALID}\n# 总体情况\n\n又一段。\n`;
    expect(lines(twice)).toEqual(['r.md:55:3 错误 part-duplicate 第一部分“总体情况”出现了两次']);
  });

  it('typed numbering is accepted with a warning', () => {
    expect(lines(edit('# 总体情况', '# 一、总体情况'))).toEqual([]);
    expect(lines(edit('## 主动公开', '## （一）主动公开'))).toEqual([
      'r.md:43:4 警告 heading-numbered 标题“（一）主动公开”自带了序号',
    ]);
  });

  it('part 六 must say whether 信息处理费 was charged', () => {
    expect(lines(edit('本年度未收取信息处理费。', '无。'))).toEqual([
      'r.md:51:3 警告 fee-not-stated 第六部分没有说明信息处理费的收取情况',
    ]);
    expect(lines(edit('本年度未收取信息处理费。', '本年度未收取任何费用。'))).toEqual([]);
  });

  it('a table left out of the front matter', () => {
    const text = VALID.replace(/复议诉讼:\n( {2}.*\n)+/, '');
    expect(lines(text)).toEqual([
      'r.md:1:1 错误 table-missing 前置数据里没有第四部分“四、政府信息公开行政复议、行政诉讼情况”的统计表“复议诉讼”',
    ]);
  });
});

describe('the narrative against the tables', () => {
  it('says no applications were received while table 三 has some', () => {
    expect(lines(edit('本镇收到政府信息公开申请7件', '本镇未收到政府信息公开申请'))).toEqual([
      'r.md:41:9 警告 narrative-contradicts-table 正文说“未收到政府信息公开申请”，但依申请公开表“本年新收”总计为 7',
    ]);
  });

  it('quotes a count that differs from the table', () => {
    expect(lines(edit('本镇收到政府信息公开申请7件', '本镇收到政府信息公开申请9件'))).toEqual([
      'r.md:41:9 警告 narrative-contradicts-table 正文写“收到政府信息公开申请9件”，但依申请公开表“本年新收”总计为 7',
    ]);
  });

  it('says there was no 行政复议 while table 四 has cases', () => {
    expect(lines(edit('均已按时答复。', '均已按时答复，未发生行政复议。'))).toEqual([
      'r.md:41:29 警告 narrative-contradicts-table 正文说“未发生行政复议”，但复议诉讼表“行政复议”总计为 2',
    ]);
  });
});

describe('layouts', () => {
  it('a 2020 report in the 2021 layout is a warning per table', () => {
    const old = edit('年度: 2021', '年度: 2020\n格式: 2021')
      .replace('成文日期: 2022年1月21日', '成文日期: 2021年1月21日')
      .replace('印发日期: 2022年1月21日', '印发日期: 2021年1月21日')
      .replace('〔2022〕', '〔2021〕');
    expect(lines(old)).toEqual([
      'r.md:14:1 警告 format-too-new 2020 年度的报告，“主动公开”表用的是 2021 格式',
      'r.md:21:1 警告 format-too-new 2020 年度的报告，“依申请公开”表用的是 2021 格式',
      'r.md:32:1 警告 format-too-new 2020 年度的报告，“复议诉讼”表用的是 2021 格式',
    ]);
  });

  it('a 2020 report defaults to the 2019 layout, so 2021 row keys are unknown there', () => {
    expect(lines(edit('年度: 2021', '年度: 2020'))).toContain(
      'r.md:15:3 错误 unknown-key 2019 格式的“主动公开”没有“行政规范性文件”这一项',
    );
  });
});

describe('across years (--previous)', () => {
  const lastYear = yearBefore();

  it('上年结转 equal to last year’s 结转下年度继续办理 passes', () => {
    const previous = checkSource('2020.md', lastYear).report;
    expect(previous?.year).toBe(2020);
    // Nothing about 上年结转; the one warning is the 现行有效件数 continuity the next tests take up.
    expect(lines(VALID, previous)).toEqual([
      'r.md:15:44 警告 in-force-continuity 主动公开“行政规范性文件”现行有效件数 5，但上年 5 + 本年制发 2 − 本年废止 1 = 6',
    ]);
  });

  it('a different 上年结转 is an error per column', () => {
    const previous = checkSource(
      '2020.md',
      lastYear
        .replace(
          '结转下年度继续办理: { 自然人: 1, 总计: 1 }',
          '结转下年度继续办理: { 自然人: 2, 总计: 2 }',
        )
        .replace(
          '本年新收: { 自然人: 5, 商业企业: 2, 总计: 7 }',
          '本年新收: { 自然人: 6, 商业企业: 2, 总计: 8 }',
        ),
    ).report;
    expect(lines(VALID, previous)).toEqual([
      'r.md:15:44 警告 in-force-continuity 主动公开“行政规范性文件”现行有效件数 5，但上年 5 + 本年制发 2 − 本年废止 1 = 6',
      'r.md:22:3 错误 carryover-mismatch 依申请公开“总计”列：上年结转 1，但 2020 年度报告的结转下年度继续办理是 2',
      'r.md:22:16 错误 carryover-mismatch 依申请公开“自然人”列：上年结转 1，但 2020 年度报告的结转下年度继续办理是 2',
    ]);
  });
});

describe('what nianbao init leaves to be written', () => {
  it('×× in a name and …… as a part’s text are errors at their place', () => {
    const text = edit('年度: 2021\n机关: 临夏市南龙镇人民政府', '年度: 2021\n机关: ××镇人民政府').replace('2021年，本镇收到政府信息公开申请7件，均已按时答复。', '2021年，……');
    expect(lines(text).filter((l) => l.includes('placeholder'))).toEqual([
      'r.md:3:5 错误 placeholder “××”是 nianbao init 留下的占位，还没有换成实际的名称或文号',
      'r.md:41:7 错误 placeholder “……”是 nianbao init 留下的占位，这一部分还没有写',
    ]);
  });

  it('a table left all 待填 is unfinished, whichever table it is; all ~ is a table published blank', () => {
    const table = (cell: string) => {
      const row = `{ 结果维持: ${cell}, 结果纠正: ${cell}, 其他结果: ${cell}, 尚未审结: ${cell}, 总计: ${cell} }`;
      return VALID.replace(/复议诉讼:\n( {2}.*\n)+/, `复议诉讼:\n  行政复议: ${row}\n  未经复议直接起诉: ${row}\n  复议后起诉: ${row}\n`);
    };
    expect(lines(table('待填'))).toEqual(['r.md:31:1 警告 not-filled 复议诉讼表的各列尚未填写本年的数字']);
    expect(lines(table('~'))).toEqual([]);
  });
});
