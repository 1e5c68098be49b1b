/** Each seed example's full check output, and the published values it carries. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { cellAt, type Report } from '../src/model/types.js';
import { checkSource } from '../src/pipeline.js';

function check(name: string) {
  const file = `examples/${name}.md`;
  return checkSource(file, readFileSync(file, 'utf8'));
}

function report(name: string): Report {
  const result = check(name).report;
  if (!result) throw new Error(`${name}: no report`);
  return result;
}

const FEE_HINT =
  '  提示：按《政府信息公开信息处理费管理办法》写明是否收取，如“本年度未收取信息处理费。”或“收取信息处理费共计400元。”';
const OUTDATED_HINT =
  '  提示：2021 年度起应使用国办公开办函〔2021〕30号的 2021 格式；确需沿用旧表的可以忽略本警告';

describe('seed examples: full check output', () => {
  it('000 临夏市南龙镇 2021: late, 2019 tables, no fee statement', () => {
    expect(formatDiagnostics(check('nanlong-2021').diagnostics).split('\n')).toEqual([
      'examples/nanlong-2021.md:13:7 警告 date-late 成文日期 2022年2月21日 晚于 2022年1月31日（乡镇人民政府、街道办事处按各地规定，多为每年 1月31日前公布）',
      '  提示：核对成文日期；确已逾期的，请在报告中说明原因（由“机关”名称判断为乡镇街道；不对时写“报告主体: …”）',
      'examples/nanlong-2021.md:27:1 警告 format-outdated 2021 年度的报告，“主动公开”表用的是 2019 格式',
      OUTDATED_HINT,
      'examples/nanlong-2021.md:47:1 警告 format-outdated 2021 年度的报告，“依申请公开”表用的是 2019 格式',
      OUTDATED_HINT,
      'examples/nanlong-2021.md:103:3 警告 fee-not-stated 第六部分没有说明信息处理费的收取情况',
      FEE_HINT,
    ]);
    expect(check('nanlong-2021').ok).toBe(true);
  });

  it('001 隆德县城关镇 2021: dated inside its own year', () => {
    expect(formatDiagnostics(check('longde-chengguan-2021').diagnostics).split('\n')).toEqual([
      'examples/longde-chengguan-2021.md:21:7 错误 date-before-year-end 成文日期 2021年1月19日 不晚于报告年度 2021 年末',
      '  提示：2021 年度的报告统计到 2021年12月31日，成文日期应在 2022 年：是不是写错了年份？',
    ]);
    expect(check('longde-chengguan-2021').ok).toBe(false);
  });

  it('002 南口镇 2020: no part 六', () => {
    expect(formatDiagnostics(check('nankou-2020').diagnostics).split('\n')).toEqual([
      'examples/nankou-2020.md:45:1 错误 part-missing 缺少第六部分“六、其他需要报告的事项”',
      '  提示：加一个一级标题“# 其他需要报告的事项”并写明内容（条例第五十条要求的内容不能遗漏）',
    ]);
  });

  it('003 松多藏族乡 2021: 2019 tables, no fee statement', () => {
    expect(formatDiagnostics(check('songduo-2021').diagnostics).split('\n')).toEqual([
      'examples/songduo-2021.md:10:1 警告 format-outdated 2021 年度的报告，“主动公开”表用的是 2019 格式',
      OUTDATED_HINT,
      'examples/songduo-2021.md:25:1 警告 format-outdated 2021 年度的报告，“依申请公开”表用的是 2019 格式',
      OUTDATED_HINT,
      'examples/songduo-2021.md:102:3 警告 fee-not-stated 第六部分没有说明信息处理费的收取情况',
      FEE_HINT,
    ]);
  });

  it('004 沙坡头区常乐镇 2022: clean', () => {
    expect(check('changle-2022').diagnostics).toEqual([]);
  });
});

describe('seed examples: the published values', () => {
  it('南龙镇 writes 无 in table 二 and leaves the lost rows of table 三 blank', () => {
    const r = report('nanlong-2021');
    expect(cellAt(r.tables.disclosure, '规章', '本年新制作数量')).toMatchObject({
      display: '无',
      value: 0,
    });
    expect(cellAt(r.tables.disclosure, '规章', '对外公开总数量')).toMatchObject({ display: '' });
    expect(cellAt(r.tables.application, '本年新收', '自然人')).toMatchObject({
      display: '0',
      state: 'written',
    });
    expect(cellAt(r.tables.application, '不予处理.重复申请', '自然人')).toMatchObject({
      display: '',
    });
    expect(cellAt(r.tables.application, '总计', '总计')).toMatchObject({ display: '' });
    expect(r.redHeader?.documentNumber?.value).toBe('临南政发〔2022〕60号');
    expect(r.colophon?.copyTo).toEqual(['本镇书记', '镇长', '分管副书记']);
  });

  it('南口镇 buys 17 items for 438754 (no unit printed)', () => {
    const r = report('nankou-2020');
    expect(r.format).toBe(2019);
    expect(cellAt(r.tables.disclosure, '政府集中采购', '采购项目数量')?.value).toBe(17);
    expect(cellAt(r.tables.disclosure, '政府集中采购', '采购总金额')).toMatchObject({
      value: 438754,
      display: '438754',
    });
  });

  it('松多乡 fills only the 总计 column of table 三 and buys for 552.91万元', () => {
    const r = report('songduo-2021');
    expect(cellAt(r.tables.disclosure, '政府集中采购', '采购总金额')).toMatchObject({
      display: '552.91万元',
      unit: '万元',
    });
    expect(cellAt(r.tables.disclosure, '政府集中采购', '采购项目数量')?.value).toBe(5);
    for (const row of r.tables.application.def.rows) {
      expect(cellAt(r.tables.application, row.id, '自然人')?.display).toBe('');
      expect(cellAt(r.tables.application, row.id, '总计')?.display).toBe('0');
    }
  });

  it('every example has parts 一 and 五 with text; 城关镇 and 常乐镇 state the fee', () => {
    for (const name of [
      'nanlong-2021',
      'longde-chengguan-2021',
      'nankou-2020',
      'songduo-2021',
      'changle-2022',
    ]) {
      const parts = report(name).narrative.parts;
      expect(parts[0]?.blocks.length, name).toBeGreaterThan(0);
      expect(parts[4]?.blocks.length, name).toBeGreaterThan(0);
    }
    // Part 六 of 城关镇 and 常乐镇 says whether 信息处理费 was charged; 南龙镇 and 松多乡 do not.
    const statesFee = (name: string) => report(name).narrative.parts[5]?.blocks.some((b) => /信息处理费|收取/.test(b.text)) ?? false;
    expect(['longde-chengguan-2021', 'changle-2022', 'nanlong-2021', 'songduo-2021'].map(statesFee)).toEqual([true, true, false, false]);
  });
});
